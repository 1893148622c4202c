"""Opening a book from its file: the bytes read once, parsed, migrated, built, judged.

The one place a book is loaded (`Book.open` calls `load`). The file's records are kept
packed (`store.book.packed`) and built once by the book's tables (`store.book.tables`), which is
also the check of every slice: when the file was not cut right (`BadSlice`), it is parsed
whole and built again, so nothing else ever holds a bad slice. Every opening, read-only
or not, asks whether the book could be saved again (`Nesting`): a book that could not is
opened read-only with a notice, and `gridbook check` reports it, so both say the same.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from store.book.atomic import PRIVATE_FILE, atomic_write, remove_stale_temps
from store.book.clock import Clock
from store.book.fileformat import (
    SCHEMA_VERSION,
    Duplicate,
    dumps,
    duplicate_notices,
    meta_of,
    parse,
)
from store.book.migrations import migrate
from store.book.packed import BadSlice
from store.book.policy import Policy
from store.book.storage import file_signature, read_book_bytes
from store.errors import BookError

if TYPE_CHECKING:
    from store.book.book import Book


def load(cls: type[Book], path: Path, readonly: bool, policy: Policy, defer_checks: bool,
         clock: Clock) -> Book:
    """The book in the file at `path` (see `Book.open`); BookError when it cannot be used."""
    if not readonly and path.is_symlink():
        raise BookError("symlink", path=path)
    # what the file was before we read it: if another session saves while this one
    # parses, the difference shows at our first save, which then joins it in
    seen = file_signature(path)
    blob = read_book_bytes(path)
    twice: list[Duplicate] = []
    data = parse(blob, path, packed=True, duplicates=twice)
    notices: list[BookError] = []
    if meta_of(data)["schema"] < SCHEMA_VERSION:
        data = parse(blob, path)  # migrations work on records as dicts
    if meta_of(data)["schema"] < SCHEMA_VERSION and not readonly:
        backup = path.with_name(f"{path.name}.v{meta_of(data)['schema']}.bak")
        atomic_write(backup, blob)
        old = meta_of(data)["schema"]
        data = migrate(data)
        atomic_write(path, dumps(data))
        notices.append(BookError("migrated", path=path, old=old, backup=backup))
    elif meta_of(data)["schema"] < SCHEMA_VERSION:
        data = migrate(data)
    del blob  # the file's bytes (12 MB on a year) need not outlive the records' build
    if not readonly and stat.S_IMODE(os.stat(path).st_mode) & 0o077:
        os.chmod(path, PRIVATE_FILE)
        notices.append(BookError("tightened", path=path))
    if not readonly and not os.access(path.parent, os.W_OK):
        readonly = True
        notices.append(BookError("readonly", path=path))
    try:
        book = cls(path, data, readonly=readonly, policy=policy, defer_checks=defer_checks,
                   clock=clock, seen=(seen,))
    except BadSlice:  # the records were not cut right (store.book.packed): parse it whole
        del data
        twice.clear()
        book = cls(path, parse(read_book_bytes(path), path, duplicates=twice),
                   readonly=readonly, policy=policy, defer_checks=defer_checks, clock=clock,
                   seen=(seen,))
    if not book.can_write_back():
        # a damaged file whose every save would fail: read it, never save
        readonly = True
        book.make_readonly()
        notices.append(BookError("too_deep", path=path))
    if not readonly:
        remove_stale_temps(path)  # copies of the book left by a killed save
    notices[:0] = duplicate_notices(twice, path)  # copies joined (fileformat.parse)
    mismatch = book.worker_mismatch()
    if mismatch is not None:
        notices.append(mismatch)
    book.notices[:0] = notices
    if book.set_aside:
        book.notices.append(BookError("invalid_records", path=path, count=len(book.set_aside)))
        stamps = sum(1 for s in book.set_aside if s.reason == "stamp")
        if stamps:
            book.notices.append(BookError("absurd_stamps", path=path, count=stamps))
    return book
