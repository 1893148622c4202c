"""The records of a book's big tables (checklist, journal), built when asked for, not kept.

A year's book holds about 20,000 checklist items and journal entries, and a validated
pydantic record costs about 1 KB of memory, while a screen shows one day or one household.
The book still validates every record when it opens or changes (so a bad one is set aside
and reported, as before), but a `LazyRecords` table keeps only which ids are visible and
where each is indexed, with the stored form it was validated from (the record's bytes in
a book read from a file: store.book.packed); a record asked for is validated again from that
very form (the same values and the same model, so an equal record) and kept in a small
cache.

A book opened for the TUI (`Book.open(defer_checks=True)`) first only indexes these
records (`put_unchecked`), to show its first screen sooner, and checks them afterwards; a
record asked for before its check is checked then, and one that fails is treated as absent
(`bad`) until the book sets it aside.

Not thread-safe by itself: the book calls it under its lock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from itertools import islice
from typing import Any

from pydantic import ValidationError

from store.book import crdt
from store.book.models import Record, from_stored
from store.book.packed import record

CACHE_SIZE = 2048  # records kept built: several days' worth of a big grid
Where = tuple[date, str | None]  # (day, household) the book's indexes list a record under


class LazyRecords:
    """A mapping of record id -> record for the visible records of one big table."""

    def __init__(self, model: type[Record], where: Callable[[Any], Where]) -> None:
        self._model = model
        self._where_of = where
        # id -> (day, household, the stored form the record was validated from)
        self._visible: dict[str, tuple[date, str | None, Any]] = {}
        self._days: dict[date, date] = {}  # one date object per day, not one per record
        # and one string per household: each record read has its own copy (1.3 MB a year)
        self._households: dict[str | None, str | None] = {}
        self._cache: dict[str, Record] = {}
        self._cache_size = CACHE_SIZE
        self._unchecked: set[str] = set()  # indexed by a glance at the stored form only
        self._bad: set[str] = set()  # unchecked, asked for, and failed its check

    def put(self, rid: str, record: Record, raw: Any, *, keep: bool = True) -> None:
        """`record`, just validated from the stored form `raw`, is now the visible one;
        `keep=False` (building the whole table) leaves it out of the cache."""
        day, household = self._where_of(record)
        self._visible[rid] = (self._days.setdefault(day, day),
                              self._households.setdefault(household, household), raw)
        self._unchecked.discard(rid)
        self._bad.discard(rid)
        if keep:
            self._remember(rid, record)
        else:
            self._cache.pop(rid, None)

    def put_unchecked(self, rid: str, day: date, household: str | None, raw: Any) -> None:
        """Index the stored form `raw` under (day, household), to be checked later."""
        self._visible[rid] = (self._days.setdefault(day, day),
                              self._households.setdefault(household, household), raw)
        self._unchecked.add(rid)
        self._bad.discard(rid)
        self._cache.pop(rid, None)

    def unchecked(self, limit: int) -> list[str]:
        """Up to `limit` ids still to be checked (the ones found bad included)."""
        return list(islice(self._unchecked, limit))

    def pop(self, rid: str, default: Any = None) -> Any:
        self._visible.pop(rid, None)
        self._unchecked.discard(rid)
        self._bad.discard(rid)
        return self._cache.pop(rid, default)

    def where(self, rid: str) -> Where | None:
        """Where the visible record `rid` is indexed, or None."""
        found = self._visible.get(rid)
        return None if found is None else (found[0], found[1])

    def __contains__(self, rid: object) -> bool:
        return rid in self._visible and rid not in self._bad

    def __len__(self) -> int:
        return len(self._visible) - len(self._bad)

    def __iter__(self) -> Iterator[str]:
        bad = self._bad
        return iter([rid for rid in self._visible if rid not in bad] if bad else self._visible)

    def __getitem__(self, rid: str) -> Record:
        if rid not in self._visible or rid in self._bad:
            raise KeyError(rid)
        found = self._cache.get(rid)
        if found is None:
            values = crdt.read_current(record(self._visible[rid][2]))
            if not isinstance(values, dict):  # not the stored shape, or deleted: unchecked
                self._bad.add(rid)
                raise KeyError(rid)
            try:
                found = from_stored(self._model, rid, values)
            except (ValidationError, TypeError, ValueError):
                if rid not in self._unchecked:
                    raise
                self._bad.add(rid)
                raise KeyError(rid) from None
            self._unchecked.discard(rid)
            self._remember(rid, found)
        return found

    def get(self, rid: str, default: Any = None) -> Any:
        try:
            return self[rid]
        except KeyError:
            return default

    def values(self) -> list[Record]:
        """Every visible record, in the table's order (each built if not cached)."""
        found = (self.get(rid) for rid in list(self._visible))
        return [record for record in found if record is not None]

    def _remember(self, rid: str, record: Record) -> None:
        cache = self._cache
        cache.pop(rid, None)
        if len(cache) >= self._cache_size:
            del cache[next(iter(cache))]  # the one built or stored first
        cache[rid] = record
