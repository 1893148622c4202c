"""A book as it stood at the end of a day: what a past day's report reads.

Every write records the worker's local day (`store.book.crdt`: `when`, `past`), so each record
can be rebuilt as it was at the end of any day (`crdt.as_of`). `as_of(book, day)` gives a
read-only book with the same reading API, in which every record written after that day is
replaced by its state then (or left out, when it did not exist yet); the others are the
book's own, unchanged. Finding those records reads only the end of each stored record
(`packed.latest_day`), so a report of a past day on a year's book rebuilds a few thousand
records, not the book.

"What the book knew at the end of D" is what had been written, in any book that was merged
into this one, on a local day up to D: a journal entry written on E about D, a quarantine
entered on E that started on D, an untick, a corrected name, a deletion, all on E, leave
the report of D as it was (docs/office.md).
"""

from __future__ import annotations

import threading
from datetime import date
from typing import Any, TypeVar, cast

from pydantic import ValidationError

from store.book import crdt, packed
from store.book.book import Book, SetAside
from store.book.models import (
    MODELS,
    ChecklistItem,
    LogEntry,
    Record,
    Worker,
    from_stored,
)

R = TypeVar("R", bound=Record)


class PastBook(Book):
    """`book` at the end of `on`: read-only; reading as a Book does, records sorted by id."""

    def __init__(self, book: Book, on: date) -> None:  # no Book.__init__: nothing to open
        self.base = book
        self.on = on
        self.path = book.path
        self.readonly = True
        self.policy = book.policy
        self.notices = []
        self.replica = book.replica
        self.worker_id = book.worker_id
        self.kind = book.kind
        self.clock = book.clock
        self.stamps = book.stamps
        self._mutex = threading.RLock()
        self._raw_then: dict[str, dict[str, dict[str, Any] | None]] = {}
        self._then: dict[str, dict[str, Record | None]] = {}
        day = on.isoformat()
        for table, model in MODELS.items():
            raws: dict[str, dict[str, Any] | None] = {}
            records: dict[str, Record | None] = {}
            for rid, stored in book.stored(table).items():
                latest = packed.latest_day(stored)
                if latest is None or latest <= day:
                    continue
                if packed.written_after(stored, day):  # all of it: it did not exist yet
                    raws[rid] = records[rid] = None
                    continue
                raws[rid] = raw = _then(stored, day)
                records[rid] = _record(model, rid, raw)
            if raws:
                self._raw_then[table], self._then[table] = raws, records

    @property
    def set_aside(self) -> list[SetAside]:
        return []  # a past day reads what the book kept; nothing is set aside again

    # reading ---------------------------------------------------------------------------------
    def all(self, model: type[R]) -> list[R]:
        then = self._then.get(model.TABLE, {})
        found = [r for r in self.base.all(model) if r.id not in then]
        found += [cast(R, r) for r in then.values() if r is not None]
        return sorted(found, key=lambda r: r.id)

    def get(self, model: type[R], record_id: str) -> R | None:
        then = self._then.get(model.TABLE, {})
        if record_id in then:
            return cast("R | None", then[record_id])
        return self.base.get(model, record_id)

    def worker(self) -> Worker | None:
        return self.get(Worker, self.worker_id)

    def _indexed(self, model: type[R], found: list[R], wanted: Any) -> list[R]:
        """`found` (from the book's index) as it stood: with the records changed since
        left out, and those that matched `wanted` then put in."""
        then = self._then.get(model.TABLE, {})
        if not then:
            return found
        return [r for r in found if r.id not in then] + \
            [cast(R, r) for r in then.values() if r is not None and wanted(r)]

    def items_on(self, on: date) -> list[ChecklistItem]:
        found = self._indexed(ChecklistItem, self.base.items_on(on), lambda r: r.on == on)
        return sorted(found, key=lambda item: item.id)

    def items_of(self, household_id: str) -> list[ChecklistItem]:
        found = self._indexed(ChecklistItem, self.base.items_of(household_id),
                              lambda r: r.household == household_id)
        return sorted(found, key=lambda item: (item.on, item.kind, item.id))

    def log_on(self, on: date) -> list[LogEntry]:
        found = self._indexed(LogEntry, self.base.log_on(on), lambda r: r.on == on)
        return sorted(found, key=lambda e: (e.at, e.id))

    def log_of(self, household_id: str) -> list[LogEntry]:
        found = self._indexed(LogEntry, self.base.log_of(household_id),
                              lambda r: r.household == household_id)
        return sorted(found, key=lambda e: (e.on, e.at, e.id))

    def raw_record(self, table: str, record_id: str) -> dict[str, Any] | None:
        then = self._raw_then.get(table, {})
        if record_id in then:
            return then[record_id]
        return self.base.raw_record(table, record_id)

    def stored(self, table: str) -> dict[str, Any]:
        then = self._raw_then.get(table, {})
        return {rid: then.get(rid, raw) for rid, raw in self.base.stored(table).items()
                if then.get(rid, raw) is not None}

    def conflicts(self) -> list[Any]:
        return self.base.conflicts()

    def record_count(self) -> int:
        return self.base.record_count()


def as_of(book: Book, on: date) -> Book:
    """`book` as it stood at the end of `on` (the same object when it already is)."""
    if isinstance(book, PastBook):
        if book.on == on:
            return book
        book = book.base
    return PastBook(book, on)


def _then(stored: Any, day: str) -> dict[str, Any] | None:
    raw = packed.record(stored)
    if not crdt.is_well_formed(raw):
        return None
    return crdt.as_of(raw, day)


def _record(model: type[Record], rid: str, raw: dict[str, Any] | None) -> Record | None:
    """The record `raw` holds, or None when it did not exist, was deleted or is not valid."""
    if raw is None:
        return None
    values = crdt.read_current(raw)
    if values is False or values is True:
        return None
    try:
        return from_stored(model, rid, values)
    except (ValidationError, TypeError, ValueError):
        return None
