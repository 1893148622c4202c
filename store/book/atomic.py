"""Durable, atomic replacement of a file, private to its owner.

Write a temp file (created 0600) in the same folder, fsync it, `os.replace` it over the
target, then fsync the folder: a process killed at any moment leaves either the old file or
the new one, never a torn one, and nobody else on a shared server can read either.
"""

from __future__ import annotations

import os
import queue
import stat
import tempfile
import threading
from collections.abc import Iterable
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


WRITEBACK_STEP = 4 * 1024 * 1024  # bytes written before the disk is asked to start on them
_IOV_MAX = 512  # pieces given to one writev (POSIX allows at least 16; Linux 1024)


def atomic_write(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Replace `path` with `data` (bytes, or pieces written one after another) durably; on
    any error the old file is untouched.

    Three things keep a big book's save short without weakening it. The pieces go to the
    kernel a few MB per system call (`_write_pieces`): a thread that leaves and takes back
    Python's interpreter lock at every piece waits for the UI thread at each. The disk is
    asked to start writing each few MB as soon as they are written (`_start_writeback`),
    so the fsync that follows waits for less. And the file being replaced is held open
    across the rename and let go of afterwards (`_let_go`): the kernel frees its blocks at
    the last close, which for a 20 MB file costs about as much as the rename did, so that
    is no longer part of the save. Every step that makes the save durable is as it was:
    the temp file fsync'd, then renamed over the book, then the folder fsync'd, then the
    caller told.
    """
    pieces = (data,) if isinstance(data, bytes) else data
    _close_held()  # what an earlier save let go of is freed before this one needs room
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    replaced: int | None = None
    try:
        try:
            _write_pieces(fd, pieces)
            os.fsync(fd)
        finally:
            os.close(fd)
        replaced = _open_replaced(path)
        os.replace(tmp_name, path)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except OSError:
            pass
        if replaced is not None:
            os.close(replaced)
        raise
    try:
        fsync_dir(path.parent)
    finally:
        if replaced is not None:
            _let_go(replaced)


def _write_pieces(fd: int, pieces: Iterable[bytes]) -> None:
    """Write every piece to `fd`, about WRITEBACK_STEP bytes a call, asking the disk to
    start on each such stretch."""
    batch: list[memoryview] = []
    size = offset = 0
    for piece in pieces:
        view = memoryview(piece)
        while view:
            part, view = view[:WRITEBACK_STEP - size], view[WRITEBACK_STEP - size:]
            batch.append(part)
            size += len(part)
            if size >= WRITEBACK_STEP or len(batch) >= _IOV_MAX:
                _write_all(fd, batch, size)
                _start_writeback(fd, offset, size)
                offset += size
                batch, size = [], 0
    if batch:
        _write_all(fd, batch, size)


def _write_all(fd: int, batch: list[memoryview], size: int) -> None:
    """All of `batch` (`size` bytes) written at the file's position."""
    done = os.writev(fd, batch) if hasattr(os, "writev") else 0
    if done == size:
        return
    rest = memoryview(b"".join(batch))[done:]  # a short write (rare): the rest in turn
    while rest:
        rest = rest[os.write(fd, rest):]


def _start_writeback(fd: int, offset: int, length: int) -> None:
    """Ask the kernel to start writing a range of the file to the disk now, without
    waiting for it (Linux starts the write-back of dirty pages on POSIX_FADV_DONTNEED);
    the fsync after the last byte still waits for all of it. A hint only: where the
    system has no such call, or refuses it, nothing changes."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return
    try:
        advise(fd, offset, length, os.POSIX_FADV_DONTNEED)
    except OSError:
        pass


def _open_replaced(path: Path) -> int | None:
    """The file at `path` about to be replaced, opened to be held (None: none, or not a
    regular file that can be opened without blocking or following a link)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            return fd
    except OSError:
        pass
    os.close(fd)
    return None


_held: list[int] = []  # replaced files still open, closed by `_close_held`
_held_lock = threading.Lock()
_wake: queue.SimpleQueue[None] = queue.SimpleQueue()  # tells the closer there is work
_closer_pid = 0  # the process whose closer thread runs (a forked child starts its own)


def _let_go(fd: int) -> None:
    """Close a replaced file from another thread: the kernel frees its blocks then, after
    the save that replaced it is done and said (or at the start of the next save, if that
    comes first). One closer thread, started on first use, waits for the work."""
    global _closer_pid
    with _held_lock:
        _held.append(fd)
        if _closer_pid != os.getpid():
            _closer_pid = os.getpid()
            threading.Thread(target=_closer, name="gridbook-let-go", daemon=True).start()
    _wake.put(None)


def _closer() -> None:
    while True:
        _wake.get()
        _close_held()


def _after_fork_in_child() -> None:
    """A child forked while another thread held the lock must not wait for it forever."""
    global _held_lock, _wake
    _held_lock = threading.Lock()
    _wake = queue.SimpleQueue()
    _close_held()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


def _close_held() -> None:
    """Close every replaced file still held (each exactly once, whoever comes first)."""
    while True:
        with _held_lock:
            if not _held:
                return
            fd = _held.pop()
        try:
            os.close(fd)
        except OSError:
            pass


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
