"""The grid worker's book: open a TinyDB file, see its records, change them durably.

`Book` is the store's whole public surface for reading and writing: screens and commands
call it (and the domain actions in `store.actions`), never TinyDB or the file directly.
Each write stamps the changed fields with this session's hybrid clock and replica id
(`store.crdt`) and returns only once the book is on disk (`store.storage`). Each session
takes a fresh replica id, so a book copied to a stick, moved, or open in two SSH logins is
never two writers under one name. Records that fail validation are set aside: they stay in
the file untouched and are reported, while the rest opens.
"""

from __future__ import annotations

import os
import stat
import threading
import weakref
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar, cast

from pydantic import ValidationError
from pydantic_core import to_jsonable_python

from store import crdt, packed
from store.atomic import PRIVATE_FILE, atomic_write, make_private_dir, remove_stale_temps
from store.clock import SYSTEM_CLOCK, Clock, HybridClock, sane_clock, sane_stamp
from store.errors import BookError
from store.fileformat import (
    META_ID,
    META_TABLE,
    SCHEMA_VERSION,
    Data,
    Duplicate,
    dumps,
    duplicate_notices,
    meta_of,
    new_meta,
    parse,
)
from store.ids import new_replica_id
from store.lazyrecords import LazyRecords
from store.migrations import migrate
from store.models import (
    MODELS,
    ChecklistItem,
    Errand,
    Household,
    LogEntry,
    Quarantine,
    Record,
    TestRecord,
    Worker,
    from_stored,
)
from store.nesting import Nesting
from store.packed import BadSlice
from store.policy import DEFAULT_POLICY, Policy
from store.storage import BookStorage, MemoryBookStorage, file_signature, read_book_bytes
from store.validation import explain

R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class SetAside:
    """A stored record that could not be read: where it is and why."""

    table: str
    record_id: str
    reason: str


@dataclass(frozen=True)
class Conflict:
    """A field that books wrote concurrently: every candidate, the shown one last."""

    table: str
    record_id: str
    field: str
    candidates: tuple[tuple[Any, int, str, str], ...]  # (value, stamp, replica, worker)


class Book:
    """One open book; thread-safe, so a Textual worker may write while the UI reads."""

    def __init__(self, path: Path, data: Data, *, readonly: bool, policy: Policy,
                 storage_class: type[BookStorage] = BookStorage,
                 defer_checks: bool = False, clock: Clock = SYSTEM_CLOCK) -> None:
        self.path = path
        self.clock = clock  # the time source of every action on this book (store.clock)
        self.readonly = readonly
        self.policy = policy
        self.notices: list[BookError] = []
        self.set_aside: list[SetAside] = []
        self.replica = new_replica_id()
        meta = meta_of(data)
        self.worker_id: str = str(meta.get("worker", ""))
        self.kind: str = str(meta.get("kind", "worker"))
        # the stamps of this session's writes: they follow `clock` but never go backwards
        self.stamps = HybridClock(last=sane_clock(meta.get("clock", 0)), wall=clock.wall_ms)
        if not sane_stamp(meta.get("clock", 0)):  # never adopted (see store.clock)
            self.notices.append(BookError("absurd_clock", path=path))
        self._mutex = threading.RLock()
        self._storage = storage_class(path, data, readonly=readonly,
                                      before_save=_stamp_meta_of(weakref.ref(self)))
        self._recorders = threading.local()  # this thread's open `recording` lists
        self._records: dict[str, dict[str, Record]] = {}
        self._raw_tables: Data = {}
        # where the opening build notes what could be nested too deeply to save again (a
        # book opened read-only is never saved: nothing to note)
        self._nesting: Nesting | None = None if readonly else Nesting()
        self._rebuild(defer_checks=defer_checks)
        behind = self.stamps.days_behind()
        if behind >= 1:
            self.notices.append(BookError("clock_behind", days=behind))

    # opening -----------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str, *, readonly: bool = False,
             policy: Policy = DEFAULT_POLICY, defer_checks: bool = False,
             clock: Clock = SYSTEM_CLOCK) -> Book:
        """Open an existing book; BookError (a plain sentence) when it cannot be used.

        `clock` is where every action on the book reads the time (see store.clock).

        `defer_checks=True` (the TUI, to show its first screen sooner): the checklist and
        journal records are only indexed now; `finish_checks()` checks and validates them
        (setting aside bad ones, as an opening otherwise does), and a record asked for
        before that is checked when it is asked for.
        """
        path = Path(path)
        if not readonly and path.is_symlink():
            raise BookError("symlink", path=path)
        return cls._open(path, readonly, policy, defer_checks, clock)

    @classmethod
    def _open(cls, path: Path, readonly: bool, policy: Policy, defer_checks: bool,
              clock: Clock) -> Book:
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
                       clock=clock)
        except BadSlice:  # the records were not cut right (store.packed): parse it whole
            del data
            twice.clear()
            book = cls(path, parse(read_book_bytes(path), path, duplicates=twice),
                       readonly=readonly, policy=policy, defer_checks=defer_checks, clock=clock)
        if not readonly and not book._can_write_back():
            # a damaged file whose every save would fail: read it, never save
            readonly = book.readonly = book._storage.readonly = True
            notices.append(BookError("too_deep", path=path))
        if not readonly:
            remove_stale_temps(path)  # copies of the book left by a killed save
        book._storage._signature = seen  # noqa: SLF001 - see `seen` above
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

    @classmethod
    def create(cls, path: Path | str, worker: Worker, *, kind: str = "worker",
               policy: Policy = DEFAULT_POLICY, clock: Clock = SYSTEM_CLOCK) -> Book:
        """Make a new book for `worker`, 0600 in a 0700 folder; never overwrites a file."""
        path = Path(path)
        if path.exists() or path.is_symlink():
            raise BookError("exists", path=path)
        make_private_dir(path.parent)
        data: Data = {META_TABLE: {META_ID: new_meta(kind, worker.id)}}
        try:
            atomic_write(path, dumps(data))
        except OSError as error:
            from store.errors import os_error_reason
            raise BookError("write_failed", path=path, reason=os_error_reason(error)) from None
        book = cls(path, data, readonly=False, policy=policy, clock=clock)
        book.add(worker)
        return book

    @classmethod
    def in_memory(cls, worker: Worker, *, policy: Policy = DEFAULT_POLICY,
                  clock: Clock = SYSTEM_CLOCK) -> Book:
        """A book that lives in memory only (tests, previews): same API, no file."""
        data: Data = {META_TABLE: {META_ID: new_meta("worker", worker.id)}}
        book = cls(Path(":memory:"), data, readonly=False, policy=policy,
                   storage_class=MemoryBookStorage, clock=clock)
        book.add(worker)
        return book

    # reading -----------------------------------------------------------------------------
    def all(self, model: type[R]) -> list[R]:
        """Every visible (not deleted, not set aside) record of a kind."""
        with self._mutex:
            return list(self._records.get(model.TABLE, {}).values())  # type: ignore[arg-type]

    def get(self, model: type[R], record_id: str) -> R | None:
        """One visible record by id, or None."""
        with self._mutex:
            return self._records.get(model.TABLE, {}).get(record_id)  # type: ignore[return-value]

    def require(self, model: type[R], record_id: str) -> R:
        """One visible record by id; BookError when it is gone."""
        found = self.get(model, record_id)
        if found is None:
            raise BookError("record_missing")
        return found

    def worker(self) -> Worker | None:
        """The worker this book belongs to.

        Read without the book's lock (one dict lookup; a record is replaced in one step),
        because screens show it on every frame and must not wait for a save in progress.
        """
        return self._records.get(Worker.TABLE, {}).get(self.worker_id)  # type: ignore[return-value]

    def worker_mismatch(self) -> BookError | None:
        """The sentence for a worker's book whose `_meta` names a worker its records do
        not know (item 5 of issue 17): it would open as "no households yet" without a word;
        None when the book is as it should be."""
        if self.kind != "worker" or self.worker() is not None:
            return None
        found = sorted({w.id for w in self.all(Worker)}
                       | {h.worker for h in self.all(Household) if h.worker})
        if not found:
            return None
        return BookError("worker_mismatch", path=self.path, meta=self.worker_id or "-",
                         found=", ".join(found[:5]) + ("…" if len(found) > 5 else ""))

    def looks_after(self, household: Household | None) -> bool:
        """Whether this book's worker looks after `household` (an office file: every one).

        A household reassigned to another worker stays in the old worker's book (so a
        merge cannot bring it back), but it is no longer on their screens.
        """
        if household is None:
            return False
        return self.kind != "worker" or household.worker in ("", self.worker_id)

    def households(self) -> list[Household]:
        """The visible households this book's worker looks after."""
        return [h for h in self.all(Household) if self.looks_after(h)]

    def errands(self) -> list[Errand]:
        """The errands of the households this book's worker looks after."""
        with self._mutex:  # one lock for the whole list, not one per errand
            households = cast("dict[str, Household]", self._records.get(Household.TABLE, {}))
            errands = cast("dict[str, Errand]", self._records.get(Errand.TABLE, {}))
            return [e for e in errands.values() if self.looks_after(households.get(e.household))]

    def items_on(self, on: date) -> list[ChecklistItem]:
        """Checklist items scheduled on one day (from an index, not a scan)."""
        with self._mutex:
            return _visible(self._records.get(ChecklistItem.TABLE, {}),
                            self._items_by_day.get(on, ()))

    def items_of(self, household_id: str) -> list[ChecklistItem]:
        """Every checklist item of a household, by day."""
        with self._mutex:
            found = _visible(self._records.get(ChecklistItem.TABLE, {}),
                             self._items_by_household.get(household_id, ()))
        return sorted(found, key=lambda item: (item.on, item.kind))

    def quarantines_of(self, household_id: str) -> list[Quarantine]:
        """Every quarantine of a household, oldest first."""
        found = [q for q in self.all(Quarantine) if q.household == household_id]
        return sorted(found, key=lambda q: q.start)

    def current_quarantine(self, household_id: str) -> Quarantine | None:
        """The household's latest quarantine that has not been released, if any."""
        open_ones = [q for q in self.quarantines_of(household_id) if q.released_on is None]
        return open_ones[-1] if open_ones else None

    def tests_of(self, household_id: str) -> list[TestRecord]:
        found = [t for t in self.all(TestRecord) if t.household == household_id]
        return sorted(found, key=lambda t: t.on)

    def errands_of(self, household_id: str) -> list[Errand]:
        found = [e for e in self.all(Errand) if e.household == household_id]
        return sorted(found, key=lambda e: e.due)

    def log_on(self, on: date) -> list[LogEntry]:
        """The journal of one day, in time order (from an index)."""
        with self._mutex:
            found = _visible(self._records.get(LogEntry.TABLE, {}),
                             self._log_by_day.get(on, ()))
        return sorted(found, key=lambda e: (e.at, e.id))

    def log_of(self, household_id: str) -> list[LogEntry]:
        """A household's journal entries (from an index, not a scan)."""
        with self._mutex:
            table = self._records.get(LogEntry.TABLE, {})
            ids = self._log_by_household.get(household_id, ())
            # in the table's order, as a scan would give them (ties keep it when sorted)
            found = _visible(table, [i for i in table if i in ids])
        return sorted(found, key=lambda e: (e.on, e.at))

    def hidden_ids(self, model: type[Record]) -> list[str]:
        """Ids of the stored records of a kind that are not visible (deleted or set aside),
        e.g. households merged into another (`store.duplicates.strays`)."""
        with self._mutex:
            shown = self._records.get(model.TABLE, {})
            return [rid for rid in self._raw_tables.get(model.TABLE, {}) if rid not in shown]

    def conflicts(self) -> list[Conflict]:
        """Every field with concurrent values, in every visible or deleted record."""
        found: list[Conflict] = []
        with self._mutex:
            for table, records in self._raw_tables.items():
                if table == META_TABLE:
                    continue
                for rid, raw in records.items():
                    if not packed.may_conflict(raw):
                        continue
                    raw = packed.record(raw)
                    if not crdt.is_well_formed(raw):
                        continue
                    for name, entries in crdt.conflicts(raw).items():
                        found.append(Conflict(table, rid, name,
                                              tuple(tuple(e) for e in entries)))
        return found

    def raw(self) -> Data:
        """The stored data as it is now, every record a dict (for the office merge, reports
        and tests: it parses every packed record, see store.packed); do not mutate."""
        with self._mutex:
            return {name: packed.dicts(table) for name, table in self._storage.read().items()}

    def raw_record(self, table: str, record_id: str) -> dict[str, Any] | None:
        """One stored record as a dict (deleted and set-aside ones too), or None."""
        with self._mutex:
            found = self._storage.read().get(table, {}).get(record_id)
        return None if found is None else packed.record(found)

    def record_count(self) -> int:
        """How many records the file holds (deleted and set-aside ones too)."""
        with self._mutex:
            return sum(len(t) for name, t in self._storage.read().items() if name != META_TABLE)

    @property
    def waiting_for_lock(self) -> bool:
        """True while a write waits for another gridbook that holds this book's lock."""
        return self._storage.waiting_for_lock

    def when_waiting_for_lock(self, callback: Callable[[], object] | None) -> None:
        """Call `callback` (from the writing thread) when a write starts waiting for another
        gridbook's lock on this book."""
        self._storage.on_wait = callback

    @property
    def unsaved(self) -> bool:
        """True when an edit is in memory but not yet on disk (a save failed)."""
        return self._storage.unsaved

    # writing -----------------------------------------------------------------------------
    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group several writes into one durable save (one user action, one save)."""
        with self._storage.waiting_turn(), self._mutex, self._storage.batch():
            yield

    def new(self, model: type[R], values: dict[str, Any]) -> R:
        """Store a new record of `model` made of `values` (its "id" among them); durable on
        return. BookError (one sentence) when they are not a valid record: nothing is
        written then, so a batch may begin with it."""
        fields = dict(values)
        record_id = str(fields.pop("id"))
        return self._write(model, record_id, fields, revive=True)  # type: ignore[return-value]

    def add(self, record: R) -> R:
        """Store a record (every field of it, over an existing one); durable on return."""
        values = record.model_dump(mode="json", exclude={"id"})
        return self._write(type(record), record.id, values, revive=True)  # type: ignore[return-value]

    def update(self, model: type[R], record_id: str, **changes: Any) -> R:
        """Change only the named fields of a record; durable on return.

        Pass only what the user changed: fields written elsewhere in the meantime keep
        their new values. The record they make is validated once, before it is written.
        """
        self.require(model, record_id)
        return self._write(model, record_id, changes)  # type: ignore[return-value]

    def delete(self, model: type[Record], record_id: str) -> None:
        """Delete a record: a write of the deletion field, so merges never bring it back."""
        self.require(model, record_id)
        self._write(model, record_id, {crdt.DELETED: True})

    def resolve(self, table: str, record_id: str, field: str, value: Any) -> None:
        """Settle a conflict: one new value that supersedes every candidate."""
        model = MODELS[table]
        self._write(model, record_id, {field: value}, validate=field != crdt.DELETED)

    @contextmanager
    def recording(self) -> Iterator[list[tuple[type[Record], str, Any, tuple[str, ...]]]]:
        """Note what each write inside replaces (for `store.undo`, and the app's `WriteDone`):
        (model, id, the record's values before, or None when it was new, or True when it was
        deleted, fields written). Only this thread's writes are noted, and no lock is held
        meanwhile (readers never wait behind it); recordings may nest."""
        outer: tuple[list[tuple[type[Record], str, Any, tuple[str, ...]]], ...] = \
            getattr(self._recorders, "open", ())
        steps: list[tuple[type[Record], str, Any, tuple[str, ...]]] = []
        self._recorders.open = (*outer, steps)
        try:
            yield steps
        finally:
            self._recorders.open = outer

    def restore(self, model: type[R], record_id: str, values: dict[str, Any]) -> R | None:
        """Write `values` back as the record's fields (un-deleting it): an undo's write,
        stamped now, so it merges like any other."""
        return self._write(model, record_id, values | {crdt.DELETED: False})  # type: ignore[return-value]

    def save_pending(self) -> None:
        """Try again to save edits that a failed save left in memory."""
        with self._storage.waiting_turn(), self._mutex:
            self._storage.save()

    def refresh(self) -> bool:
        """Take in what another session wrote to the file; True when something changed."""
        with self._mutex:
            # a save may already have joined in the other session's writes
            changed = self._storage.refresh() or self._storage.merged_from_disk
            self._storage.merged_from_disk = False
            if changed:
                self.stamps.observe(sane_clock(meta_of(self._storage.read()).get("clock", 0)))
                self._rebuild()
            return changed

    def save_copy(self, target: Path) -> None:
        """Write the book as it is in memory to another file (when its own disk fails)."""
        with self._mutex:
            atomic_write(target, dumps(self._storage.read()))

    # internals ---------------------------------------------------------------------------
    def _write(self, model: type[Record], record_id: str, changes: dict[str, Any], *,
               validate: bool = True, revive: bool = False) -> Record | None:
        """Write `changes` (field -> value) to a record: the record they make, in its
        stored form, is validated once (not when the write deletes it), its fields written
        as the model gives them, and kept as the visible record (not built again from what
        was stored)."""
        if self.readonly:
            raise BookError("readonly", path=self.path)
        with self._storage.waiting_turn(), self._mutex:
            tables = self._storage.read()
            existing = tables.get(model.TABLE, {}).get(record_id)
            raw = packed.record(existing) if existing is not None else crdt.new_record()
            recorders = getattr(self._recorders, "open", ())
            if recorders:
                before = crdt.read_current(raw) if existing is not None else None
                for steps in recorders:
                    steps.append((model, record_id, before, tuple(changes)))
            if revive and crdt.DELETED in raw["fields"]:
                changes = changes | {crdt.DELETED: False}
            # the changes as they would be stored (a value of no JSON type becomes text,
            # which its field then refuses in a sentence)
            values = to_jsonable_python(changes, fallback=str)
            record: Record | None = None
            if validate and values.get(crdt.DELETED) is not True:
                record = _checked(model, record_id, crdt.current(raw) | values)
                deleted = {k: v for k, v in values.items() if k == crdt.DELETED}
                values = record.model_dump(mode="json", include=set(values)) | deleted
            new_raw = crdt.write_fields(raw, values, self.stamps.now(), self.replica,
                                        self.worker_id)
            if crdt.is_deleted(new_raw):
                record = None  # deleted by this write, or by a concurrent one
            # the file is TinyDB's format (tables of documents keyed by id, see
            # docs/book-format.md), written by the book's own storage: new dicts for the
            # table and the tables, never a stored record changed in place
            table = dict(tables.get(model.TABLE, {}))
            table[record_id] = new_raw
            try:
                self._storage.write(tables | {model.TABLE: table})
            finally:
                # a failed save keeps the edit in memory (unsaved): it is shown all the same
                self._raw_tables = self._storage.read()
                if record is None:
                    self._materialize(model.TABLE, record_id, new_raw)
                else:
                    self._place(model.TABLE, record_id, record, new_raw)
            return self.get(model, record_id)

    def _can_write_back(self) -> bool:
        """Whether the book as opened can be saved again (see `Nesting`); once, at open."""
        nesting, self._nesting = self._nesting, None
        if nesting is None:
            return True
        for name, table in self._raw_tables.items():
            if name not in MODELS:  # _meta, or a table this version does not know
                nesting.whole.append((1, table))
        return nesting.can_write_back()

    def _stamp_meta(self, data: Data) -> None:
        meta = meta_of(data)
        stored = meta.get("clock", 0)
        if not sane_stamp(stored) or self.stamps.last > stored:
            data[META_TABLE] = {META_ID: meta | {"clock": self.stamps.last}}

    def _rebuild(self, *, defer_checks: bool = False) -> None:
        """Materialize every record from the stored data, setting aside what fails (with
        `defer_checks`, the big tables' records are only indexed: see `open`)."""
        self._raw_tables = self._storage.read()
        self._records = {name: {} for name in MODELS}
        # the big tables keep their records unbuilt (store.lazyrecords)
        self._records[ChecklistItem.TABLE] = LazyRecords(ChecklistItem, _where_item)  # type: ignore[assignment]
        self._records[LogEntry.TABLE] = LazyRecords(LogEntry, _where_entry)  # type: ignore[assignment]
        self._items_by_day: dict[date, set[str]] = defaultdict(set)
        self._items_by_household: dict[str, set[str]] = defaultdict(set)
        self._log_by_day: dict[date, set[str]] = defaultdict(set)
        self._log_by_household: dict[str | None, set[str]] = defaultdict(set)
        self.set_aside = []
        for name in MODELS:
            glance = defer_checks and isinstance(self._records[name], LazyRecords)
            for rid, raw in self._raw_tables.get(name, {}).items():
                if not (glance and self._index_unchecked(name, rid, raw)):
                    self._materialize(name, rid, raw, keep=False)

    def _index_unchecked(self, table: str, rid: str, stored: Any) -> bool:
        """Index a big table's record by the day and household its stored form shows,
        leaving the checks to `finish_checks`; False when they cannot be read at a glance
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
        self._records[table].put_unchecked(rid, day, household, stored)  # type: ignore[attr-defined]
        self._index(table, rid, day, household)
        return True

    def finish_checks(self, chunk: int = 1000) -> list[BookError]:
        """Check and validate what `open(defer_checks=True)` only indexed, `chunk` records
        at a time under the lock (so a save or a screen waits at most for one chunk).

        Bad records are set aside and a book too deeply nested to save again becomes
        read-only, as an ordinary opening does; returns the notices that says so.
        """
        set_aside_before = len(self.set_aside)
        too_deep = False
        while True:
            with self._mutex:
                pending = [(name, rid) for name in (ChecklistItem.TABLE, LogEntry.TABLE)
                           for rid in self._records[name].unchecked(chunk)]  # type: ignore[attr-defined]
                if not pending:
                    break
                # checked chunk by chunk: the values of every chunk held until the end
                # were the peak of the TUI's memory (about 4 MB on a year book)
                nesting = Nesting()
                kept, self._nesting = self._nesting, nesting
                try:
                    for name, rid in pending:
                        stored = self._raw_tables.get(name, {}).get(rid)
                        if stored is None:
                            self._records[name].pop(rid, None)
                        else:
                            self._materialize(name, rid, stored, keep=False)
                finally:
                    self._nesting = kept
                too_deep = too_deep or not nesting.can_write_back()
                del nesting
        notices: list[BookError] = []
        with self._mutex:
            found = len(self.set_aside) - set_aside_before
            if found > 0:
                notices.append(BookError("invalid_records", path=self.path, count=found))
            if not self.readonly and too_deep:
                self.readonly = self._storage.readonly = True
                notices.append(BookError("too_deep", path=self.path))
        return notices

    def _materialize(self, table: str, rid: str, raw: Any, *, keep: bool = True) -> None:
        """Build the record `raw` stores (validated: the one validation of a record read
        from the file), or set it aside, or drop it when it is deleted."""
        nesting = self._nesting
        stored, raw = raw, packed.first_read(raw)  # as kept (maybe packed), as read
        values = crdt.read_current(raw, None if nesting is None else nesting.values)
        if nesting is not None and (values is False or len(raw) != 2):
            nesting.whole.append((2, raw))  # not the stored shape, or more than it
        if values is False:
            self._drop(table, rid)
            self.set_aside.append(SetAside(table, rid, crdt.set_aside_reason(raw)))
            return
        if values is True:
            self._drop(table, rid)
            return
        try:
            record = from_stored(MODELS[table], rid, values)
        except (ValidationError, TypeError, ValueError) as error:
            self._drop(table, rid)
            reason = explain(error) if isinstance(error, ValidationError) else str(error)
            self.set_aside.append(SetAside(table, rid, reason))
            return
        self._place(table, rid, record, stored, keep=keep)

    def _drop(self, table: str, rid: str) -> None:
        records = self._records[table]
        self._unindex(table, records, rid)
        records.pop(rid, None)

    def _place(self, table: str, rid: str, record: Record, stored: Any, *,
               keep: bool = True) -> None:
        """`record` (validated from `stored`, or the record `stored` was written from) is
        now the visible version of `rid`, in its table and the indexes."""
        records = self._records[table]
        self._unindex(table, records, rid)
        if isinstance(records, LazyRecords):
            records.put(rid, record, stored, keep=keep)
        else:
            records[rid] = record  # replaced in one step: a reader sees the old or the new
        if isinstance(record, (ChecklistItem, LogEntry)):
            self._index(table, rid, record.on, record.household)

    def _index(self, table: str, rid: str, day: date, household: str | None) -> None:
        if table == ChecklistItem.TABLE:
            self._items_by_day[day].add(rid)
            self._items_by_household[household].add(rid)  # type: ignore[index]
        else:
            self._log_by_day[day].add(rid)
            self._log_by_household[household].add(rid)


    def _unindex(self, table: str, records: Any, rid: str) -> None:
        """Forget where a record's previous version was indexed (its day may change)."""
        if not isinstance(records, LazyRecords):
            return
        where = records.where(rid)
        if where is None:
            return
        day, household = where
        if table == ChecklistItem.TABLE:
            self._items_by_day[day].discard(rid)
            self._items_by_household[household].discard(rid)  # type: ignore[index]
        else:
            self._log_by_day[day].discard(rid)
            self._log_by_household[household].discard(rid)


def _checked(model: type[Record], record_id: str, values: dict[str, Any]) -> Record:
    """`from_stored` for a write: BookError (one sentence) when the values are not a
    valid record."""
    try:
        return from_stored(model, record_id, values)
    except ValidationError as error:
        raise BookError("invalid_input", sentence=explain(error)) from None


def _visible(table: Any, ids: Iterable[str]) -> list[Any]:
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


def _where_item(item: ChecklistItem) -> tuple[date, str | None]:
    return (item.on, item.household)


def _where_entry(entry: LogEntry) -> tuple[date, str | None]:
    return (entry.on, entry.household)


def _stamp_meta_of(book: weakref.ref[Book]) -> Callable[[Data], None]:
    """The storage's before-save hook, holding the book weakly: no reference cycle, so a
    closed book is freed as soon as it is dropped, even once its objects are frozen out of
    the garbage collector's view (tui/gcpolicy.py), which never frees a cycle."""
    def stamp(data: Data) -> None:
        owner = book()
        if owner is not None:
            owner._stamp_meta(data)
    return stamp
