"""The grid worker's book: an open TinyDB-format file, its records, and durable writes.

`Book` is the store's surface for reading and writing: screens and commands call it (and
the domain actions in `store.actions`, the domain queries in `store.views`), never the
file directly. Its parts each have a home: opening a file is `store.book.loading`, the records
and their indexes are `store.book.tables`, the bytes on disk are `store.book.storage`; the book
itself is the write path. Each write validates the record it makes once, stamps the
changed fields with this session's hybrid clock and replica id (`store.book.crdt`,
`store.book.clock`) and returns only once the book is on disk. Each session takes a fresh
replica id, so a book copied to a stick, moved, or open in two SSH logins is never two
writers under one name. Records that fail validation are set aside: they stay in the
file untouched and are reported, while the rest opens.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError
from pydantic_core import to_jsonable_python

from store.book import crdt, packed
from store.book.atomic import atomic_write, make_private_dir
from store.book.clock import SYSTEM_CLOCK, Clock, HybridClock, sane_clock, sane_stamp
from store.book.fileformat import META_ID, META_TABLE, Data, dumps, meta_of, new_meta
from store.book.ids import new_replica_id
from store.book.models import (
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
from store.book.nesting import Nesting
from store.book.policy import DEFAULT_POLICY, Policy
from store.book.storage import BookStorage, MemoryBookStorage, Signature
from store.book.tables import SetAside, Tables
from store.book.validation import explain
from store.errors import BookError

__all__ = ["Book", "Conflict", "SetAside"]

R = TypeVar("R", bound=Record)


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
                 defer_checks: bool = False, clock: Clock = SYSTEM_CLOCK,
                 seen: tuple[Signature | None] | None = None) -> None:
        self.path = path
        self.clock = clock  # the time source of every action on this book (store.book.clock)
        self.readonly = readonly
        self.policy = policy
        self.notices: list[BookError] = []
        self.replica = new_replica_id()
        meta = meta_of(data)
        self.worker_id: str = str(meta.get("worker", ""))
        self.kind: str = str(meta.get("kind", "worker"))
        # the stamps of this session's writes: they follow `clock` but never go backwards
        # (a stored clock that is absurd, or more than a day ahead of `clock`, is never
        # followed: see store.book.clock.HybridClock; the notices below say so)
        self.stamps = HybridClock(last=sane_clock(meta.get("clock", 0)), wall=clock.wall_ms)
        if not sane_stamp(meta.get("clock", 0)):
            self.notices.append(BookError("absurd_clock", path=path))
        self._mutex = threading.RLock()
        self._storage = storage_class(path, data, readonly=readonly, seen=seen,
                                      before_save=_stamp_meta_of(weakref.ref(self)))
        self._recorders = threading.local()  # this thread's open `recording` lists
        self._tables = Tables()
        self._tables.nesting = Nesting()  # the opening build notes what nests deep
        self._tables.build(self._storage.read(), defer_checks=defer_checks)
        self._forgetting = False  # see `forgetting`
        behind = self.stamps.days_behind()
        if behind >= 1:
            self.notices.append(BookError("clock_behind", days=behind))

    # opening -----------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str, *, readonly: bool = False,
             policy: Policy = DEFAULT_POLICY, defer_checks: bool = False,
             clock: Clock = SYSTEM_CLOCK) -> Book:
        """Open an existing book; BookError (a plain sentence) when it cannot be used.

        `clock` is where every action on the book reads the time (see store.book.clock).

        `defer_checks=True` (the TUI, to show its first screen sooner): the checklist and
        journal records are only indexed now; `finish_checks()` checks and validates them
        (setting aside bad ones, as an opening otherwise does), and a record asked for
        before that is checked when it is asked for.
        """
        from store.book.loading import load

        return load(cls, Path(path), readonly, policy, defer_checks, clock)

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
    @property
    def set_aside(self) -> list[SetAside]:
        """The stored records that could not be read (kept in the file, reported)."""
        return self._tables.set_aside

    def all(self, model: type[R]) -> list[R]:
        """Every visible (not deleted, not set aside) record of a kind."""
        with self._mutex:
            return self._tables.all(model)

    def get(self, model: type[R], record_id: str) -> R | None:
        """One visible record by id, or None."""
        with self._mutex:
            return self._tables.get(model, record_id)

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
        return self._tables.get(Worker, self.worker_id)

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

    def items_on(self, on: date) -> list[ChecklistItem]:
        """Checklist items scheduled on one day (from an index, not a scan)."""
        with self._mutex:
            return self._tables.items_on(on)

    def items_of(self, household_id: str) -> list[ChecklistItem]:
        """Every checklist item of a household, by day."""
        with self._mutex:
            found = self._tables.items_of(household_id)
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
            found = self._tables.log_on(on)
        return sorted(found, key=lambda e: (e.at, e.id))

    def log_index_on(self, on: date) -> dict[str, list[str]]:
        """One day's journal as {category: "HH:MM"+id keys in time order} without building
        its entries (see `Tables.log_index_on`): the log screen pages it."""
        with self._mutex:
            return self._tables.log_index_on(on)

    def log_of(self, household_id: str) -> list[LogEntry]:
        """A household's journal entries (from an index, not a scan)."""
        with self._mutex:
            found = self._tables.log_of(household_id)
        return sorted(found, key=lambda e: (e.on, e.at))

    def hidden_ids(self, model: type[Record]) -> list[str]:
        """Ids of the stored records of a kind that are not visible (deleted or set aside),
        e.g. households merged into another (`store.duplicates.strays`)."""
        with self._mutex:
            shown = self._tables.records.get(model.TABLE)
            return [rid for rid in self._storage.read().get(model.TABLE, {})
                    if shown is None or rid not in shown]

    def conflicts(self) -> list[Conflict]:
        """Every field with concurrent values, in every visible or deleted record."""
        found: list[Conflict] = []
        with self._mutex:
            for table, records in self._storage.read().items():
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
        and tests: it parses every packed record, see store.book.packed); do not mutate."""
        with self._mutex:
            return {name: packed.dicts(table) for name, table in self._storage.read().items()}

    def stored(self, table: str) -> dict[str, Any]:
        """A table's records as stored (some packed: see store.book.packed); do not mutate."""
        with self._mutex:
            return self._storage.read().get(table, {})

    def stored_tables(self) -> Data:
        """Every table's records as stored (some packed: see store.book.packed); do not mutate."""
        with self._mutex:
            return self._storage.read()

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
        """Note what each write inside replaces (for `store.book.undo`, and the app's `WriteDone`):
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

    @contextmanager
    def forgetting(self) -> Iterator[None]:
        """Writes inside keep none of the values they replace, not even for the reports of
        earlier days (a purge: personal data must not outlive its use)."""
        with self._mutex:
            self._forgetting = True
            try:
                yield
            finally:
                self._forgetting = False

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
                self._tables.build(self._storage.read())
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
            # a write sorts after what it replaces (but for a stamp more than a day ahead,
            # which no book's clock follows: see store.book.clock.HybridClock)
            self.stamps.observe(crdt.max_stamp(raw))
            # each write records the worker's local day (DESIGN.md "Truth over time")
            new_raw = crdt.write_fields(raw, values, self.stamps.now(), self.replica,
                                        self.worker_id, self.clock.today().isoformat(),
                                        keep_past=not self._forgetting)
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
                self._tables.data = self._storage.read()
                if record is None:
                    self._tables.materialize(model.TABLE, record_id, new_raw)
                else:
                    self._tables.place(model.TABLE, record_id, record, new_raw)
            return self.get(model, record_id)

    def can_write_back(self) -> bool:
        """Whether the book as opened can be saved again (see `Nesting`); asked once, at
        open, of every book (the loader makes one that cannot read-only)."""
        with self._mutex:
            return self._tables.can_write_back()

    def make_readonly(self) -> None:
        """From now on the book is only read (its every save would fail)."""
        self.readonly = self._storage.readonly = True

    def _stamp_meta(self, data: Data) -> None:
        meta = meta_of(data)
        stored = meta.get("clock", 0)
        if not sane_stamp(stored) or self.stamps.last > stored:
            data[META_TABLE] = {META_ID: meta | {"clock": self.stamps.last}}

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
                # checked chunk by chunk: the values of every chunk held until the end
                # were the peak of the TUI's memory (about 4 MB on a year book)
                nesting = Nesting()
                if not self._tables.check_some(chunk, nesting):
                    break
                too_deep = too_deep or not nesting.can_write_back()
                del nesting
        notices: list[BookError] = []
        with self._mutex:
            found = len(self.set_aside) - set_aside_before
            if found > 0:
                notices.append(BookError("invalid_records", path=self.path, count=found))
            if not self.readonly and too_deep:
                self.make_readonly()
                notices.append(BookError("too_deep", path=self.path))
        return notices


def _checked(model: type[Record], record_id: str, values: dict[str, Any]) -> Record:
    """`from_stored` for a write: BookError (one sentence) when the values are not a
    valid record."""
    try:
        return from_stored(model, record_id, values)
    except ValidationError as error:
        raise BookError("invalid_input", sentence=explain(error)) from None


def _stamp_meta_of(book: weakref.ref[Book]) -> Callable[[Data], None]:
    """The storage's before-save hook, holding the book weakly: no reference cycle, so a
    closed book is freed as soon as it is dropped, even once its objects are frozen out of
    the garbage collector's view (tui/gcpolicy.py), which never frees a cycle."""
    def stamp(data: Data) -> None:
        owner = book()
        if owner is not None:
            owner._stamp_meta(data)
    return stamp
