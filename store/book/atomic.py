"""Durable, atomic replacement of a file, private to its owner.

Write a temp file (created 0600) in the same folder, fsync it, `os.replace` it over the
target, then fsync the folder: a process killed at any moment leaves either the old file or
the new one, never a torn one, and nobody else on a shared server can read either.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, blob: bytes) -> None:
    """Replace `path` with `blob` durably; on any error the old file is untouched."""
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(blob)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except OSError:
            pass
        raise
    fsync_dir(path.parent)


def make_private_dir(folder: Path) -> None:
    """Create `folder` (and parents) readable by its owner alone."""
    if not folder.exists():
        # mkdir(parents=True) would make the missing parents with the umask's mode (often
        # readable by all, 0777 under umask 0): make each missing folder private instead
        missing = [folder, *(p for p in folder.parents if not p.exists())]
        for each in reversed(missing):
            each.mkdir(mode=PRIVATE_DIR, exist_ok=True)
            os.chmod(each, PRIVATE_DIR)


def own_private_dir(folder: Path) -> None:
    """Make `folder` as `make_private_dir` does, and refuse (PermissionError) one that
    already exists unless it is a real folder (not a link) owned by this user with mode
    0700 (item 4 of issue 17): on a shared server another user could have made
    /tmp/gridbook-rescued first, 0777, to swap what gridbook writes there. For the
    folders gridbook keeps for itself (rescue copies, the error and exit logs, the audit)."""
    make_private_dir(folder)
    st = os.stat(folder, follow_symlinks=False)
    import stat as stat_

    if not stat_.S_ISDIR(st.st_mode) or st.st_uid != os.geteuid() \
            or stat_.S_IMODE(st.st_mode) & 0o077:
        raise PermissionError(f"{folder} is not a private folder of this user")


STALE_TEMP_SECONDS = 600


def remove_stale_temps(path: Path, older_than: float = STALE_TEMP_SECONDS) -> int:
    """Delete temp files a killed save left beside `path`; how many.

    They are private (0600) but hold a copy of the book, personal data included, that no
    purge would reach. A save in progress finishes in well under `older_than` seconds, so
    only files of dead writers are touched.
    """
    import time

    prefix, removed = f".{path.name}.", 0
    cutoff = time.time() - older_than
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return 0
    for entry in entries:
        if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < cutoff:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    return removed
