"""The files around the office merge: find and read the inputs, write OUT safely.

`store.office.merge` is pure; this module does the I/O. Every input is read before OUT is
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

from store.book.atomic import atomic_write
from store.book.fileformat import META_TABLE, SCHEMA_VERSION, Data, Duplicate, dumps, meta_of, parse
from store.book.migrations import migrate
from store.book.storage import LOCK_TIMEOUT_SECONDS, lock_path_for, read_book_bytes
from store.errors import BookError
from store.office.merge import MergeInput, MergeResult, merge


@dataclass(frozen=True)
class Skipped:
    """A file found in an input folder that is not a book, and why."""

    path: Path
    error: BookError


@dataclass
class FileMerge:
    """The outcome of `merge_files`: the merge result, skipped files, whether OUT changed,
    subfolders of input folders that were not read."""

    result: MergeResult
    skipped: list[Skipped] = field(default_factory=list)
    out_changed: bool = True
    ignored: list[Path] = field(default_factory=list)
    # record ids an input held more than once, whose copies were joined (item 5, issue 17)
    twice: list[tuple[Path, list[Duplicate]]] = field(default_factory=list)


def read_book_file(path: Path, twice: list[tuple[Path, list[Duplicate]]] | None = None) -> Data:
    """Parse one book file (lifted to the current schema); BookError when it is not one.
    Record ids it holds more than once (their copies joined) are added to `twice`."""
    found: list[Duplicate] = []
    data = parse(read_book_bytes(path), path, duplicates=found)
    if found and twice is not None:
        twice.append((path, found))
    if meta_of(data)["schema"] < SCHEMA_VERSION:
        data = migrate(data)
    return data


def iter_inputs(paths: Sequence[Path], skipped: list[Skipped],
                ignored: list[Path] | None = None,
                twice: list[tuple[Path, list[Duplicate]]] | None = None,
                ) -> Iterator[tuple[Path, Data]]:
    """Every input book, parsed one at a time in the order given. A folder stands for its
    *.json files, by name: one that is not a book (damaged, a folder, a pipe, a device, a
    link that loops or leads out of the folder) is added to `skipped` with why, never
    opened; a subfolder is not read and is added to `ignored`."""
    for path in paths:
        if path.is_dir():
            yield from _folder_books(path, skipped, ignored, twice)
        else:
            yield path, read_book_file(path, twice)


def _folder_books(folder: Path, skipped: list[Skipped], ignored: list[Path] | None,
                  twice: list[tuple[Path, list[Duplicate]]] | None = None,
                  ) -> Iterator[tuple[Path, Data]]:
    import stat

    try:
        root = folder.resolve(strict=True)
        children = sorted(folder.iterdir(), key=lambda p: p.name)
    except (OSError, RuntimeError):
        raise BookError("unreadable", path=folder) from None
    for child in children:
        is_book_name = child.name.endswith(".json")
        try:
            target = child.resolve(strict=True) if child.is_symlink() else child
            mode = os.stat(target).st_mode
        except (OSError, RuntimeError):
            if is_book_name:
                skipped.append(Skipped(child, BookError("link_loop", path=child)))
            continue
        if child.is_symlink() and root not in target.parents:
            if is_book_name:
                skipped.append(Skipped(child, BookError("link_outside", path=child,
                                                        folder=folder)))
            continue
        if stat.S_ISDIR(mode):
            if is_book_name:
                skipped.append(Skipped(child, BookError("is_folder", path=child)))
            elif ignored is not None and not child.is_symlink():
                ignored.append(child)
            continue
        if not is_book_name:
            continue
        if not stat.S_ISREG(mode):
            skipped.append(Skipped(child, BookError("not_a_file", path=child)))
            continue
        try:
            data = read_book_file(target, twice)
        except BookError as error:
            skipped.append(Skipped(child, error))
            continue
        yield child, data


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
                more: Iterable[MergeInput] = (), allow_community: bool = False) -> FileMerge:
    """Merge the books at `paths`, then `more` (books already parsed, such as decrypted
    ones that never touch the disk in clear), and OUT's previous content into OUT; books of
    another community only with `allow_community`.

    Parsed books are millions of small acyclic containers: the command that calls this
    pauses the garbage collector (tui/gcpolicy.py), whose scans would double its time.
    """
    return _merge_files(paths, out, now_ms=now_ms, more=more,
                        allow_community=allow_community)


def _merge_files(paths: Sequence[Path], out: Path, *, now_ms: int | None,
                 more: Iterable[MergeInput] = (), allow_community: bool = False) -> FileMerge:
    from filelock import FileLock, Timeout

    if out.is_symlink():
        raise BookError("symlink", path=out)
    if out.exists() and not out.is_file():
        raise BookError("not_a_file", path=out)
    if not out.parent.is_dir():
        raise BookError("out_folder_missing", path=out, folder=out.parent)
    skipped: list[Skipped] = []
    ignored: list[Path] = []
    twice: list[tuple[Path, list[Duplicate]]] = []
    for path in paths:  # an input named explicitly that is not there: fail before reading
        if not path.is_dir() and not path.exists():
            raise BookError("not_found", path=path)
    lock_path = lock_path_for(out)
    lock_was_there = lock_path.exists() or lock_path.is_symlink()
    lock = FileLock(str(lock_path), timeout=LOCK_TIMEOUT_SECONDS, mode=0o600)
    try:
        lock.acquire()
    except Timeout:
        raise BookError("locked_timeout", path=out) from None
    except OSError as error:  # a folder we may not write, a read-only disk, another's lock
        from store.errors import os_error_reason

        where = lock_path if lock_was_there else out
        raise BookError("write_failed_nothing", path=where,
                        reason=os_error_reason(error)) from None
    try:
        previous, previous_digest = _read_previous(out)
        guard = _Guard(previous, out, allow_community)
        inputs = (MergeInput(data, str(path), str(meta_of(data).get("worker", "")))
                  for path, data in guard.check(iter_inputs(paths, skipped, ignored, twice))
                  if not (previous is not None and _same_file(path, out)))
        result = merge(itertools.chain(inputs, guard.check_parsed(more)), previous=previous,
                       previous_path=str(out), now_ms=now_ms)
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

                key = "write_failed_plain" if previous is not None else "write_failed_nothing"
                raise BookError(key, path=out, reason=os_error_reason(error)) from None
    finally:
        if not lock_was_there:  # no lock file left beside the output
            try:
                lock_path.unlink()
            except OSError:
                pass
        lock.release()
    return FileMerge(result, skipped, changed, ignored, twice)


def communities_of(data: Data) -> set[str]:
    """The communities a book's workers belong to (as written on their worker records)."""
    from store.book import crdt

    found = set()
    for raw in data.get("workers", {}).values():
        if crdt.is_well_formed(raw) and not crdt.is_deleted(raw):
            entries = raw["fields"].get("community")
            if entries and isinstance(entries[-1][0], str) and entries[-1][0].strip():
                found.add(entries[-1][0].strip())
    return found


class _Guard:
    """What may be merged into OUT: books of OUT's community only (unless the office says
    otherwise), and into a worker's own book only that worker's books and slices."""

    def __init__(self, previous: Data | None, out: Path, allow_community: bool) -> None:
        self.out = out
        self.allow = allow_community
        meta = meta_of(previous) if previous is not None else {}
        self.worker_book = (str(meta.get("worker", "")) if previous is not None
                            and meta.get("kind") == "worker" and meta.get("worker") else "")
        self.home = communities_of(previous) if previous is not None else set()
        self.first: Path | None = out if self.home else None

    def check(self, books: Iterator[tuple[Path, Data]]) -> Iterator[tuple[Path, Data]]:
        for path, data in books:
            meta = meta_of(data)
            if self.worker_book and not (meta.get("kind") == "worker"
                                         and meta.get("worker") == self.worker_book):
                raise BookError("into_worker_book", path=path, out=self.out,
                                worker=self.worker_book)
            theirs = communities_of(data)
            if not self.allow and theirs:
                if not self.home:
                    self.home, self.first = theirs, path
                elif not theirs <= self.home:
                    raise BookError("foreign_community", path=path,
                                    theirs="、".join(sorted(theirs - self.home)),
                                    ours="、".join(sorted(self.home)), where=self.first)
            yield path, data

    def check_parsed(self, books: Iterable[MergeInput]) -> Iterator[MergeInput]:
        for book in books:
            for _ in self.check(iter([(Path(book.path), book.data)])):
                yield book


def record_count(data: Data) -> int:
    return sum(len(t) for name, t in data.items() if name != META_TABLE)
