"""The records of an open book, table by table, and the indexes the screens read.

`Tables` is built from the stored data (`build`): each stored record is read once (the
loader's look at a packed record, `store.book.packed.first_read`), checked for the stored shape
and validated by its model (`store.book.models.from_stored`), or set aside with the reason.
Every table has one interface (`Records`): the small tables keep their records built
(`EagerRecords`); the checklist and the journal keep them unbuilt (`store.book.lazyrecords`)
and are indexed by day and by household. A write puts the record it validated (`place`)
and is never built again from what it stored.

Not thread-safe by itself: the book calls it under its lock.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Protocol, TypeVar

from pydantic import ValidationError

from store.book import crdt, packed
from store.book.fileformat import Data
from store.book.lazyrecords import LazyRecords
from store.book.models import MODELS, ChecklistItem, LogEntry, Record, from_stored
from store.book.nesting import Nesting
from store.book.validation import explain

R = TypeVar("R", bound=Record)
Where = tuple[date, str | None]  # (day, household) a record is indexed under


LOG_DAYS_KEPT = 8  # days whose journal index `log_index_on` keeps


@dataclass(frozen=True)
class SetAside:
    """A stored record that could not be read: where it is and why."""

    table: str
    record_id: str
    reason: str


class Records(Protocol):
    """One table's visible records by id: what `Tables` asks of every table."""

    def put(self, rid: str, record: Record, raw: Any, *, keep: bool = True) -> None: ...

    def pop(self, rid: str, default: Any = None) -> Any: ...

    def where(self, rid: str) -> Where | None: ...

    def unchecked(self, limit: int) -> list[str]: ...

    def get(self, rid: str, default: Any = None) -> Any: ...

    def values(self) -> list[Record]: ...

    def __contains__(self, rid: object) -> bool: ...

    def __iter__(self) -> Iterator[str]: ...

    def __len__(self) -> int: ...


class EagerRecords:
    """A small table (households, quarantines, tests, errands, ...): every visible record
    built and kept; nothing is indexed or left unchecked."""

    def __init__(self) -> None:
        self._records: dict[str, Record] = {}

    def put(self, rid: str, record: Record, raw: Any, *, keep: bool = True) -> None:
        self._records[rid] = record  # replaced in one step: a reader sees the old or the new

    def pop(self, rid: str, default: Any = None) -> Any:
        return self._records.pop(rid, default)

    def where(self, rid: str) -> Where | None:
        return None

    def unchecked(self, limit: int) -> list[str]:
        return []

    def get(self, rid: str, default: Any = None) -> Any:
        return self._records.get(rid, default)

    def values(self) -> list[Record]:
        return list(self._records.values())

    def __contains__(self, rid: object) -> bool:
        return rid in self._records

    def __iter__(self) -> Iterator[str]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)


class Tables:
    """Every table's visible records, the day and household indexes, what was set aside."""

    def __init__(self) -> None:
        self.data: Data = {}  # the stored data the records were built from
        self.records: dict[str, Records] = {}
        self.set_aside: list[SetAside] = []
        # where the opening build notes what could be nested too deeply to save again
        self.nesting: Nesting | None = None
        self._items_by_day: dict[date, set[str]] = defaultdict(set)
        self._items_by_household: dict[str | None, set[str]] = defaultdict(set)
        self._log_by_day: dict[date, set[str]] = defaultdict(set)
        self._log_by_household: dict[str | None, set[str]] = defaultdict(set)
        self._reset_log_days()

    def _reset_log_days(self) -> None:
        self._log_days: dict[date, dict[str, list[str]]] = {}  # see log_index_on
        self._log_day_keys: dict[date, dict[str, tuple[str, str]]] = {}
        self._log_pending: dict[date, dict[str, tuple[str, str] | None]] = {}

    # building ----------------------------------------------------------------------------
    def build(self, data: Data, *, defer_checks: bool = False) -> None:
        """Build every record of `data`, setting aside what fails (with `defer_checks`,
        the big tables' records are only indexed: see `check_some`). BadSlice (from the
        loader's look at a packed record) when the file was not cut right."""
        self.data = data
        records: dict[str, Records] = {name: EagerRecords() for name in MODELS}
        # the big tables keep their records unbuilt (store.book.lazyrecords)
        records[ChecklistItem.TABLE] = LazyRecords(ChecklistItem, _where)
        records[LogEntry.TABLE] = LazyRecords(LogEntry, _where)
        self.records = records
        self._items_by_day = defaultdict(set)
        self._items_by_household = defaultdict(set)
        self._log_by_day = defaultdict(set)
        self._log_by_household = defaultdict(set)
        self._reset_log_days()
        self.set_aside = []
        for name in MODELS:
            glance = defer_checks and isinstance(records[name], LazyRecords)
            for rid, raw in data.get(name, {}).items():
                if not (glance and self._index_unchecked(name, rid, raw)):
                    self.materialize(name, rid, raw, keep=False)

    def can_write_back(self) -> bool:
        """Whether the data as built can be saved again (see `Nesting`): asked once, at
        open, of every book (read-only ones too, so `gridbook check` and the TUI agree)."""
        nesting, self.nesting = self.nesting, None
        if nesting is None:
            return True
        for name, table in self.data.items():
            if name not in MODELS:  # _meta, or a table this version does not know
                nesting.whole.append((1, table))
        return nesting.can_write_back()

    def check_some(self, chunk: int, nesting: Nesting) -> bool:
        """Check and validate up to `chunk` records that a deferred build only indexed,
        noting their nesting in `nesting`; False when none was left."""
        pending = [(name, rid) for name in (ChecklistItem.TABLE, LogEntry.TABLE)
                   for rid in self.records[name].unchecked(chunk)]
        if not pending:
            return False
        kept, self.nesting = self.nesting, nesting
        try:
            for name, rid in pending:
                stored = self.data.get(name, {}).get(rid)
                if stored is None:
                    self.records[name].pop(rid, None)
                else:
                    self.materialize(name, rid, stored, keep=False)
        finally:
            self.nesting = kept
        return True

    def materialize(self, table: str, rid: str, raw: Any, *, keep: bool = True) -> None:
        """Build the record `raw` stores (validated: the one validation of a record read
        from the file), or set it aside, or drop it when it is deleted."""
        nesting = self.nesting
        stored, raw = raw, packed.first_read(raw)  # as kept (maybe packed), as read
        values = crdt.read_current(raw, None if nesting is None else nesting.values)
        if nesting is not None and (values is False or len(raw) != 2):
            if values is not False and raw.keys() <= crdt.STORED_KEYS:
                if crdt.PAST in raw:  # past values nest like current ones, one level deeper
                    nesting.whole.append((3, raw[crdt.PAST]))
            else:
                nesting.whole.append((2, raw))  # not the stored shape, or more than it
        if values is False:
            self.drop(table, rid)
            self.set_aside.append(SetAside(table, rid, crdt.set_aside_reason(raw)))
            return
        if values is True:
            self.drop(table, rid)
            return
        try:
            record = from_stored(MODELS[table], rid, values)
        except (ValidationError, TypeError, ValueError) as error:
            self.drop(table, rid)
            reason = explain(error) if isinstance(error, ValidationError) else str(error)
            self.set_aside.append(SetAside(table, rid, reason))
            return
        self.place(table, rid, record, stored, keep=keep)

    def place(self, table: str, rid: str, record: Record, stored: Any, *,
              keep: bool = True) -> None:
        """`record` (validated from `stored`, or the record `stored` was written from) is
        now the visible version of `rid`, in its table and the indexes."""
        records = self.records[table]
        self._unindex(table, records, rid)
        records.put(rid, record, stored, keep=keep)
        if isinstance(record, (ChecklistItem, LogEntry)):
            self._index(table, rid, record.on, record.household, record)

    def drop(self, table: str, rid: str) -> None:
        """`rid` is no longer visible (deleted, or set aside)."""
        records = self.records[table]
        self._unindex(table, records, rid)
        records.pop(rid, None)

    # reading -----------------------------------------------------------------------------
    def all(self, model: type[R]) -> list[R]:
        return self.records[model.TABLE].values()  # type: ignore[return-value]

    def get(self, model: type[R], rid: str) -> R | None:
        found = self.records.get(model.TABLE)
        return None if found is None else found.get(rid)

    def items_on(self, on: date) -> list[ChecklistItem]:
        return _visible(self.records[ChecklistItem.TABLE], self._items_by_day.get(on, ()))

    def items_of(self, household_id: str) -> list[ChecklistItem]:
        return _visible(self.records[ChecklistItem.TABLE],
                        self._items_by_household.get(household_id, ()))

    def log_on(self, on: date) -> list[LogEntry]:
        return _visible(self.records[LogEntry.TABLE], self._log_by_day.get(on, ()))

    def log_of(self, household_id: str) -> list[LogEntry]:
        table = self.records[LogEntry.TABLE]
        ids = self._log_by_household.get(household_id, ())
        # in the table's order, as a scan would give them (ties keep it when sorted)
        return _visible(table, [i for i in table if i in ids])

    # indexes -----------------------------------------------------------------------------
    def _index_unchecked(self, table: str, rid: str, stored: Any) -> bool:
        """Index a big table's record by the day and household its stored form shows,
        leaving the checks to `check_some`; False when they cannot be read at a glance
        (or it may be deleted), and the record must be materialized now."""
        raw = packed.first_read(stored)  # the loader's look: BadSlice when cut wrong
        try:
            fields = raw["fields"]
            if crdt.DELETED in fields:
                return False
            day = _plain_day(fields["on"][-1][0])
            household = fields["household"][-1][0] if "household" in fields else None
        except (TypeError, KeyError, IndexError):
            return False
        if day is None or not (household is None or type(household) is str):
            return False
        records = self.records[table]
        assert isinstance(records, LazyRecords)
        records.put_unchecked(rid, day, household, stored)
        self._index(table, rid, day, household)
        return True

    def _index(self, table: str, rid: str, day: date, household: str | None,
               record: Record | None = None) -> None:
        if table == ChecklistItem.TABLE:
            self._items_by_day[day].add(rid)
            self._items_by_household[household].add(rid)
        else:
            self._log_by_day[day].add(rid)
            self._log_by_household[household].add(rid)
            self._log_day_changed(day, rid, record if record is not None else False)

    def _unindex(self, table: str, records: Records, rid: str) -> None:
        """Forget where a record's previous version was indexed (its day may change)."""
        where = records.where(rid)
        if where is None:
            return
        day, household = where
        if table == ChecklistItem.TABLE:
            self._items_by_day[day].discard(rid)
            self._items_by_household[household].discard(rid)
        else:
            self._log_by_day[day].discard(rid)
            self._log_by_household[household].discard(rid)
            self._log_day_changed(day, rid, None)

    # one day's journal, paged (item 13 of issue 17) ---------------------------------------
    def log_index_on(self, on: date) -> dict[str, list[str]]:
        """The journal of one day as {category: keys in time order}, each key the entry's
        time (HH:MM) followed by its id (`key[5:]`), read from the stored forms without
        building the records: a screen builds only the page it shows (`get`). Kept for the
        next call, and kept up to date by each write of an entry (its lists are replaced,
        never changed, so a caller may keep what it got)."""
        found = self._log_days.get(on)
        if found is not None:
            pending = self._log_pending.pop(on, None)
            if pending:
                self._log_day_apply(on, found, pending)
            return dict(found)
        table = self.records.get(LogEntry.TABLE)
        stored = self.data.get(LogEntry.TABLE, {})
        keys: dict[str, list[str]] = defaultdict(list)  # "HH:MM" + id, by category
        keys_of: dict[str, tuple[str, str]] = {}  # id -> (category, key)
        glance = packed.entry_time_and_category
        for rid in self._log_by_day.get(on, ()):
            raw = stored.get(rid)
            seen = glance(raw)  # read where it stands in the bytes, not parsed
            if seen is not None:
                key = seen[0] + rid
                keys[seen[1]].append(key)
                keys_of[rid] = (seen[1], key)
                continue
            at, category = _at_and_category(raw)
            if at is None:
                entry = None if table is None else table.get(rid)  # built, to say
                if not isinstance(entry, LogEntry):
                    continue  # set aside, or deleted
                at, category = entry.at, entry.category.value
            keys[category].append(at + rid)
            keys_of[rid] = (category, at + rid)
        for ids in keys.values():
            ids.sort()
        if len(self._log_days) >= LOG_DAYS_KEPT:  # the day looked at longest ago goes
            oldest = next(iter(self._log_days))
            for kept in (self._log_days, self._log_day_keys, self._log_pending):
                kept.pop(oldest, None)
        self._log_days[on], self._log_day_keys[on] = dict(keys), keys_of
        self._log_pending.pop(on, None)
        return dict(keys)

    def _log_day_apply(self, on: date, found: dict[str, list[str]],
                       pending: dict[str, tuple[str, str] | None]) -> None:
        """Bring a day's index up to date with the entries written since it was made: the
        lists of the categories that changed are made again once (new lists), whatever
        the number of writes (a check of the whole book re-indexes every entry unchanged)."""
        keys_of = self._log_day_keys[on]
        gone: dict[str, set[str]] = defaultdict(set)
        new: dict[str, list[str]] = defaultdict(list)
        for rid, now in pending.items():
            before = keys_of.get(rid)
            if before == now:
                continue
            if before is not None:
                gone[before[0]].add(before[1])
                del keys_of[rid]
            if now is not None:
                new[now[0]].append(now[1])
                keys_of[rid] = now
        for category in gone.keys() | new.keys():
            dropped = gone.get(category)
            keys = [k for k in found.get(category, []) if k not in dropped] if dropped \
                else list(found.get(category, []))
            if category in new:
                keys.extend(new[category])
                keys.sort()
            found[category] = keys

    def _log_day_changed(self, day: date, rid: str, entry: Any) -> None:
        """Note for the day's index of `log_index_on` (if made) that entry `rid` joins the
        day as `entry` or leaves it (None); applied at the next look (`_log_day_apply`).
        An entry not built (indexed at a glance) makes the index again next time."""
        if day not in self._log_days:
            return
        if entry is None or isinstance(entry, LogEntry):
            self._log_pending.setdefault(day, {})[rid] = None if entry is None else \
                (entry.category.value, entry.at + rid)
            return
        del self._log_days[day]
        self._log_pending.pop(day, None)


def _at_and_category(raw: Any) -> tuple[str | None, str]:
    """A journal entry's time and category from its stored form, parsed (a packed one
    not read at a glance); (None, "") when they are not there as they should be."""
    try:
        fields = packed.record(raw)["fields"]
        at, category = fields["at"][-1][0], fields["category"][-1][0]
    except (packed.BadSlice, KeyError, IndexError, TypeError):
        return None, ""
    if type(at) is not str or len(at) != 5 or type(category) is not str:
        return None, ""
    return at, category


def _visible(table: Records, ids: Iterable[str]) -> list[Any]:
    """The visible records among `ids` (one found bad when built is left out)."""
    found = (table.get(i) for i in list(ids))
    return [record for record in found if record is not None]


@lru_cache(maxsize=8192)
def _plain_day(value: Any) -> date | None:
    """A stored day written as YYYY-MM-DD, read without the models (see _index_unchecked)."""
    if type(value) is not str or len(value) != 10 or value[4] != "-" or value[7] != "-" \
            or not (value[:4] + value[5:7] + value[8:]).isascii() \
            or not (value[:4] + value[5:7] + value[8:]).isdigit():
        return None
    try:
        return date(int(value[:4]), int(value[5:7]), int(value[8:]))
    except ValueError:
        return None


def _where(record: Any) -> Where:
    """Where a checklist item or a journal entry is indexed: its day and household."""
    return (record.on, record.household)
