"""The office merge: any number of parsed books joined into one community dataset.

Pure functions, no I/O (the files are read and written by `store.office.merge_files`). The
result is a join of every input, table by table and record by record (`store.book.crdt`), so
merging in any order or grouping, with duplicates and older copies, gives the same data,
and `fileformat.dumps` turns equal data into equal bytes. For that, the output `_meta` is
a function of the joined content alone (`output_meta`): nothing about which files were read
or when the merge ran goes into the data; that is what the returned `MergeSummary` is for.

Records that are not well formed, or whose shown values fail the models, are set aside:
left out of the output and reported with the book they came from (the laws above are
about well-formed, valid books; an invalid copy of a record is dropped from its own book
before the join, so valid copies of it from other books still count). Conflicts (fields with
concurrent values) stay in the output as multi-value fields, the newest (stamp, replica)
shown; the summary names each candidate's worker, time and the book it came from.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from pydantic import ValidationError

from store.book import crdt
from store.book.clock import AHEAD_MS, DAY_MS, TICKS_PER_MS, sane_clock, sane_stamp, stamp_ms
from store.book.fileformat import META_ID, META_TABLE, Data, meta_of, new_meta
from store.book.models import MODELS, Household, LogEntry, from_stored
from store.book.validation import explain

COMMUNITY = "community"
WORKER = "worker"
FUTURE_TOLERANCE_MS = AHEAD_MS  # as far ahead as a book's clock follows (store.book.clock)


@dataclass(frozen=True)
class MergeInput:
    """One parsed book and where the caller found it (for the summary only)."""

    data: Data
    path: str
    worker: str = ""


@dataclass(frozen=True)
class BookRead:
    """A book the merge read: who it belongs to and how much it held."""

    path: str
    worker: str
    kind: str
    records: int
    covered: bool  # every record already held by OUT's previous content


@dataclass(frozen=True)
class Candidate:
    """One concurrent value of a conflicting field."""

    value: Any
    stamp: int
    replica: str
    worker: str
    sources: tuple[str, ...]  # the books (paths) it was found in
    shown: bool

    @property
    def written(self) -> datetime:
        """When it was written, by the writing book's clock (local time)."""
        from store.book.clock import stamp_datetime

        return stamp_datetime(self.stamp)


@dataclass(frozen=True)
class FieldConflict:
    table: str
    record_id: str
    field: str
    candidates: tuple[Candidate, ...]  # oldest first; the last one is shown


@dataclass(frozen=True)
class ClockOff:
    """A book with stamps the merging machine does not believe."""

    path: str
    worker: str
    replica: str
    problem: str  # "future" or "behind"
    days: int


@dataclass(frozen=True)
class SetAsideRecord:
    path: str
    table: str
    record_id: str
    reason: str


@dataclass(frozen=True)
class DuplicateHousehold:
    record_id: str
    address: str
    head: str
    worker: str


@dataclass
class MergeSummary:
    """What the merge decided, for the printed summary (never stored in the output)."""

    books: list[BookRead] = field(default_factory=list)
    new_records: int = 0
    changed_records: int = 0
    conflicts: list[FieldConflict] = field(default_factory=list)
    duplicates: list[list[DuplicateHousehold]] = field(default_factory=list)
    clocks_off: list[ClockOff] = field(default_factory=list)
    set_aside: list[SetAsideRecord] = field(default_factory=list)

    @property
    def covered(self) -> list[BookRead]:
        """Books already merged or older than what OUT held."""
        return [b for b in self.books if b.covered]


@dataclass(frozen=True)
class MergeResult:
    data: Data
    summary: MergeSummary


# the output's identity --------------------------------------------------------------------
def join_identity(a: tuple[str, str], b: tuple[str, str]) -> tuple[str, str]:
    """(kind, worker) of joined books: one worker's books stay theirs, else community.

    A flat lattice: equal worker books join to themselves, anything else to community.
    """
    if a == b:
        return a
    return (COMMUNITY, "")


def identity_of(meta: dict[str, Any]) -> tuple[str, str]:
    if meta.get("kind") == WORKER and isinstance(meta.get("worker"), str) and meta["worker"]:
        return (WORKER, meta["worker"])
    return (COMMUNITY, "")


def output_meta(identity: tuple[str, str], clock: int) -> dict[str, Any]:
    """The `_meta` record of merged data: only what the joined content determines."""
    kind, worker = identity
    return new_meta(kind, worker, clock)


# checking records --------------------------------------------------------------------------
def record_problem(table: str, rid: str, raw: Any) -> str | None:
    """None when a stored record may be merged; otherwise why not ("shape" or a sentence)."""
    if crdt.shape_of(raw) == crdt.SHAPE_BAD:
        return crdt.set_aside_reason(raw)
    model = MODELS.get(table)
    if model is None or crdt.is_deleted(raw):
        return None
    try:
        from_stored(model, rid, crdt.current(raw))
    except ValidationError as error:
        return explain(error)
    except (TypeError, ValueError) as error:
        return str(error) or type(error).__name__
    return None


def clean_tables(data: Data, path: str, set_aside: list[SetAsideRecord],
                 checked: Data | None = None,
                 multi: set[tuple[str, str]] | None = None) -> Data:
    """The record tables of one input with records that cannot be merged left out.

    A record equal to its copy in `checked` (OUT's content, already checked) is taken as
    it is; records with a multi-valued field are noted in `multi` (possible conflicts).
    """
    out: Data = {}
    for table, records in data.items():
        if table == META_TABLE or not isinstance(records, dict):
            continue
        known = checked.get(table, {}) if checked is not None else {}
        model = MODELS.get(table)
        kept: dict[str, Any] = {}
        for rid, raw in records.items():
            same = known.get(rid)
            if same is not None and (same is raw or same == raw):
                kept[rid] = same
                continue
            shape = crdt.shape_of(raw)
            reason = crdt.set_aside_reason(raw) if shape == crdt.SHAPE_BAD else None
            if reason is None and model is not None and not crdt.is_deleted(raw):
                reason = record_problem(table, rid, raw)
            if reason is None:
                kept[rid] = raw
                if shape == crdt.SHAPE_MULTI and multi is not None:
                    multi.add((table, rid))
            else:
                set_aside.append(SetAsideRecord(path, table, rid, reason))
        out[table] = kept
    return out


def _meta_clock(data: Data) -> int:
    try:
        clock = meta_of(data).get("clock", 0)
    except (KeyError, AttributeError, TypeError):
        return 0
    return sane_clock(clock)  # an absurd clock is never adopted (store.book.clock)


# the join ------------------------------------------------------------------------------
def join_all(tables: Iterable[Data], joined: set[tuple[str, str]] | None = None) -> Data:
    """Join record tables of many books (no `_meta`); `joined` collects records met twice."""
    out: Data = {}
    for data in tables:
        for table, records in data.items():
            mine = out.get(table)
            if mine is None:
                out[table] = dict(records)
            else:
                for rid, raw in records.items():
                    have = mine.get(rid)
                    if have is None:
                        mine[rid] = raw
                    elif have is not raw:
                        mine[rid] = crdt.join_records(have, raw)
                        if joined is not None:
                            joined.add((table, rid))
    return out


def finish(joined: Data, identity: tuple[str, str], clock: int) -> Data:
    """The merged data in its canonical form: every model table present, empty ones too."""
    out: Data = {name: {} for name in MODELS}
    for table, records in joined.items():
        if records or table in MODELS:
            out[table] = records
    top = max((crdt.max_stamp(r) for t in out.values() for r in t.values()), default=0)
    out[META_TABLE] = {META_ID: output_meta(identity, max(clock, top))}
    return out


def merge(inputs: Iterable[MergeInput], *, previous: Data | None = None,
          previous_path: str = "", now_ms: int | None = None) -> MergeResult:
    """Join `inputs` (and OUT's `previous` content, if any) into one dataset, with a summary.

    `inputs` is read once, in order, so it may be a generator that parses each book when
    asked: records equal to OUT's are then shared with it and the rest of the parsed book
    is freed before the next one is read. `now_ms` is the merging machine's wall clock,
    used only to report clocks far off.
    """
    from store.book.clock import wall_ms

    now_ms = wall_ms() if now_ms is None else now_ms
    summary = MergeSummary()
    multi: set[tuple[str, str]] = set()
    cleaned: list[Data] = []
    paths: list[str] = []
    identity: tuple[str, str] | None = None
    clock = 0
    prev_clean: Data | None = None
    if previous is not None:
        prev_clean = clean_tables(previous, previous_path, [], multi=multi)
        identity = identity_of(meta_of(previous))
        clock = _meta_clock(previous)
    for item in inputs:
        tables = clean_tables(item.data, item.path, summary.set_aside, prev_clean, multi)
        cleaned.append(tables)
        paths.append(item.path)
        meta = meta_of(item.data)
        mine = identity_of(meta)
        identity = mine if identity is None else join_identity(identity, mine)
        clock = max(clock, _meta_clock(item.data))
        summary.books.append(BookRead(
            path=item.path, worker=item.worker or str(meta.get("worker", "")),
            kind=str(meta.get("kind", WORKER)), records=sum(len(t) for t in tables.values()),
            covered=prev_clean is not None and is_covered(tables, prev_clean)))
        summary.clocks_off.extend(clocks_off(tables, item.path, summary.books[-1].worker,
                                             now_ms))
    joined = join_all(([prev_clean] if prev_clean is not None else []) + cleaned, multi)
    data = finish(joined, identity or (COMMUNITY, ""), clock)
    if prev_clean is not None:
        summary.new_records, summary.changed_records = count_changes(prev_clean, data)
    else:
        summary.new_records = sum(len(t) for n, t in data.items() if n != META_TABLE)
    sources = cleaned + ([prev_clean] if prev_clean is not None else [])
    if prev_clean is not None:
        paths.append(previous_path)
    summary.conflicts = find_conflicts(data, sources, paths, multi)
    summary.duplicates = find_duplicates(data)
    return MergeResult(data, summary)


# what the summary says ----------------------------------------------------------------------
def is_covered(tables: Data, held: Data) -> bool:
    """True when joining `tables` into `held` would change nothing."""
    for table, records in tables.items():
        mine = held.get(table, {})
        for rid, raw in records.items():
            have = mine.get(rid)
            if have is None:
                return False
            if have is not raw and have != raw and crdt.join_records(have, raw) != have:
                return False
    return True


def count_changes(before: Data, after: Data) -> tuple[int, int]:
    """(new, changed) records of `after` compared with `before`."""
    new = changed = 0
    for table, records in after.items():
        if table == META_TABLE:
            continue
        old = before.get(table, {})
        for rid, raw in records.items():
            had = old.get(rid)
            if had is None:
                new += 1
            elif had is not raw and had != raw:
                changed += 1
    return new, changed


def find_conflicts(data: Data, sources: Sequence[Data], paths: Sequence[str],
                   suspects: Iterable[tuple[str, str]] | None = None) -> list[FieldConflict]:
    """Every field of the merged data holding concurrent values, with provenance.

    `suspects` limits the search to records that had a multi-valued field or were joined
    from several copies (no other record can hold a conflict); None searches them all.
    """
    if suspects is None:
        suspects = [(t, rid) for t, records in data.items() if t != META_TABLE
                    for rid in records]
    found: list[FieldConflict] = []
    for table, rid in sorted(set(suspects)):
        raw = data.get(table, {}).get(rid)
        if raw is None:
            continue
        for name, entries in sorted(crdt.conflicts(raw).items()):
            candidates = []
            for index, entry in enumerate(entries):
                key = (entry[1], entry[2])
                where = tuple(dict.fromkeys(
                    path for source, path in zip(sources, paths, strict=True)
                    if any((e[1], e[2]) == key
                           for e in source.get(table, {}).get(rid, {})
                           .get("fields", {}).get(name, ()))))
                candidates.append(Candidate(entry[0], entry[1], entry[2], entry[3], where,
                                            shown=index == len(entries) - 1))
            found.append(FieldConflict(table, rid, name, tuple(candidates)))
    return found


def find_duplicates(data: Data) -> list[list[DuplicateHousehold]]:
    """Visible households with different ids but the same address and head of household
    (what counts as the same is `store.duplicates`'s)."""
    from store.duplicates import group_duplicates

    households = []
    for rid, raw in data.get(Household.TABLE, {}).items():
        if crdt.is_deleted(raw):
            continue
        try:
            households.append(from_stored(Household, rid, crdt.current(raw)))
        except ValidationError:
            continue
    return [[DuplicateHousehold(h.id, h.address, h.head, h.worker) for h in group]
            for group in group_duplicates(households)]


def _day_start_ms(day: date) -> int:
    return int(datetime.combine(day, time()).timestamp() * 1000)


def stamps_ahead(tables: Data, now_ms: int) -> tuple[int, int]:
    """How many records of `tables` (as stored, some packed) carry a stamp more than a day
    ahead of `now_ms`, and the furthest such stamp (0 when none): what `check` reports (a
    book's clock never follows them, see store.book.clock.HybridClock)."""
    from store.book import packed

    bound = (now_ms + FUTURE_TOLERANCE_MS) * TICKS_PER_MS + TICKS_PER_MS - 1
    count, furthest = 0, 0
    for name, records in tables.items():
        if name == META_TABLE or not isinstance(records, dict):
            continue
        for stored in records.values():
            stamp = packed.newest_stamp(stored)
            if stamp > bound and sane_stamp(stamp):  # an absurd one: set aside, said apart
                count += 1
                furthest = max(furthest, stamp)
    return count, furthest


def clocks_off(tables: Data, path: str, worker: str, now_ms: int) -> list[ClockOff]:
    """Replicas of one book whose stamps lie in the future, or long before what they record.

    A stamp more than a day ahead of the merging machine's clock is in the future. A
    journal entry stamped more than a day before the day it is about means the writing
    laptop's clock was behind (a dead clock battery resets it to years ago): its edits
    would lose every concurrent conflict without anyone noticing.
    """
    ahead: dict[str, int] = {}
    behind: dict[str, int] = {}
    for records in tables.values():
        for raw in records.values():
            for replica, stamp in raw["vv"].items():
                lead = stamp_ms(stamp) - now_ms
                if lead > FUTURE_TOLERANCE_MS:
                    ahead[replica] = max(ahead.get(replica, 0), lead)
    for raw in tables.get(LogEntry.TABLE, {}).values():
        entries = raw["fields"].get("on") or ()
        for value, stamp, replica, _worker in entries:
            try:
                day = date.fromisoformat(value)
            except (TypeError, ValueError):
                continue
            lag = _day_start_ms(day) - stamp_ms(stamp)
            if lag > DAY_MS:
                behind[replica] = max(behind.get(replica, 0), lag)
    found = [ClockOff(path, worker, r, "future", ms // DAY_MS) for r, ms in sorted(ahead.items())]
    found += [ClockOff(path, worker, r, "behind", ms // DAY_MS)
              for r, ms in sorted(behind.items())]
    return found
