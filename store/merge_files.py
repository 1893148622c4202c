"""The files around the office merge: find and read the inputs, write OUT safely.

`store.merge` is pure; this module does the I/O. Every input is read before OUT is
touched, OUT's own previous content is always joined in (so a merge never loses what the
office file held, and OUT may also be named as an input), and OUT is replaced atomically,
0600, under the same sidecar lock a book's sessions use, never through a symbolic link.
Inputs are only read. A folder stands for every `*.json` book in it; a file in a folder
that is not a book is skipped with a sentence, while a bad file named explicitly is an
error and nothing is written.
"""

from __future__ import annotations

import hashlib
import itertools
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from store.atomic import atomic_write
from store.errors import BookError
from store.fileformat import META_TABLE, SCHEMA_VERSION, Data, dumps, meta_of, parse
from store.merge import MergeInput, MergeResult, merge
from store.migrations import migrate
from store.storage import LOCK_TIMEOUT_SECONDS, lock_path_for, read_book_bytes


@dataclass(frozen=True)
class Skipped:
    """A file found in an input folder that is not a book, and why."""

    path: Path
    error: BookError


@dataclass
class FileMerge:
    """The outcome of `merge_files`: the merge result, skipped files, whether OUT changed."""

    result: MergeResult
    skipped: list[Skipped] = field(default_factory=list)
    out_changed: bool = True


def read_book_file(path: Path) -> Data:
    """Parse one book file (lifted to the current schema); BookError when it is not one."""
    data = parse(read_book_bytes(path), path)
    if meta_of(data)["schema"] < SCHEMA_VERSION:
        data = migrate(data)
    return data


def iter_inputs(paths: Sequence[Path], skipped: list[Skipped]) -> Iterator[tuple[Path, Data]]:
    """Every input book, parsed one at a time in the order given (folders: their *.json
    files by name; a file there that is not a book is added to `skipped`)."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.glob("*.json")):
                if not child.is_file():
                    continue
                try:
                    data = read_book_file(child)
                except BookError as error:
                    skipped.append(Skipped(child, error))
                    continue
                yield child, data
        else:
            yield path, read_book_file(path)


def _read_previous(out: Path) -> tuple[Data | None, bytes]:
    """OUT's content (None when there is no OUT yet) and a digest of its bytes."""
    if not out.exists():
        return None, b""
    blob = read_book_bytes(out)
    data = parse(blob, out)
    if meta_of(data)["schema"] < SCHEMA_VERSION:
        data = migrate(data)
    return data, hashlib.blake2b(blob).digest()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def merge_files(paths: Sequence[Path], out: Path, *, now_ms: int | None = None,
                more: Iterable[MergeInput] = ()) -> FileMerge:
    """Merge the books at `paths`, then `more` (books already parsed, such as decrypted
    ones that never touch the disk in clear), and OUT's previous content into OUT.

    The cyclic garbage collector is paused meanwhile: parsed books are millions of small
    acyclic containers, and its repeated full scans of them doubled the merge's time.
    """
    import gc

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _merge_files(paths, out, now_ms=now_ms, more=more)
    finally:
        if was_enabled:
            gc.enable()


def _merge_files(paths: Sequence[Path], out: Path, *, now_ms: int | None,
                 more: Iterable[MergeInput] = ()) -> FileMerge:
    from filelock import FileLock, Timeout

    if out.is_symlink():
        raise BookError("symlink", path=out)
    if out.exists() and not out.is_file():
        raise BookError("not_a_file", path=out)
    if not out.parent.is_dir():
        raise BookError("not_found", path=out.parent)
    skipped: list[Skipped] = []
    for path in paths:  # an input named explicitly that is not there: fail before reading
        if not path.is_dir() and not path.exists():
            raise BookError("not_found", path=path)
    lock = FileLock(str(lock_path_for(out)), timeout=LOCK_TIMEOUT_SECONDS, mode=0o600)
    try:
        with lock:
            previous, previous_digest = _read_previous(out)
            inputs = (MergeInput(data, str(path), str(meta_of(data).get("worker", "")))
                      for path, data in iter_inputs(paths, skipped)
                      if not (previous is not None and _same_file(path, out)))
            result = merge(itertools.chain(inputs, more), previous=previous, previous_path=str(out), now_ms=now_ms)
            if not result.summary.books and not any(
                    previous is not None and _same_file(p, out) for p in paths):
                raise BookError("no_books")
            blob = dumps(result.data)
            changed = hashlib.blake2b(blob).digest() != previous_digest
            if changed:
                try:
                    atomic_write(out, blob)
                except OSError as error:
                    from store.errors import os_error_reason

                    raise BookError("write_failed_plain", path=out,
                                    reason=os_error_reason(error)) from None
    except Timeout:
        raise BookError("locked_timeout", path=out) from None
    return FileMerge(result, skipped, changed)


def record_count(data: Data) -> int:
    return sum(len(t) for name, t in data.items() if name != META_TABLE)
