"""The merge's laws, by a hypothesis state machine of replicas that edit, copy and merge.

Several replicas of grid workers' books (in memory, each write stamped by its own skewed
clock) add households, edit and reassign them, delete them, copy themselves to a USB stick,
and merge with each other, with stale stick copies, and into an office file. At the end,
over every state that ever existed: any order, grouping or duplication of the merge gives
the same bytes; merging is idempotent and monotone; every acknowledged write is shown,
kept as a conflict candidate, or superseded by a write that had seen it; and a record
deleted anywhere is deleted in the merge (no stale copy brings it back).

The replicas' local days move on (each in its own time zone, a day apart), so records carry
the days of their values and the values replaced on a later day (store.book.crdt `when` and
`past`): the laws hold for those too, and every merged record as of a day after the last
one is the record as it stands.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from itertools import count

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule
from office_helpers import merged, office_settings, replica_book, snapshot

from store.book import crdt
from store.book.book import Book
from store.book.fileformat import META_ID, META_TABLE, Data, dumps, new_meta
from store.book.models import Household, Person, Status, Worker
from store.office.merge import MergeInput, merge

BASE_MS = 1_767_000_000_000
BASE_DAY = date(2026, 1, 1)
ZONE_DAYS = (-1, 0, 1)  # each slot's local day against the others' (its time zone)
WORKERS = ("w1", "w2", "w3")
NOTES = ("", "门口放快递", "独居老人", "需要降压药", "note")
PHONES = ("13800000001", "13900000002", "")
STATUSES = tuple(Status)

WriteKey = tuple[str, str, str, int, str]  # table, record, field, stamp, replica


class _LocalDay:
    """A replica's local clock (store.book.clock.Clock): noon of the machine's day, in its zone."""

    def __init__(self, machine: Replicas, offset: int) -> None:
        self.machine, self.offset = machine, offset

    def now(self) -> datetime:
        return datetime.combine(BASE_DAY + timedelta(days=self.machine.day + self.offset),
                                time(12))

    def today(self) -> date:
        return self.now().date()

    def wall_ms(self) -> int:
        return self.machine.ms


class Replicas(RuleBasedStateMachine):
    """See the module docstring."""

    @initialize(skews=st.lists(st.integers(-50, 50), min_size=3, max_size=3))
    def start(self, skews: list[int]) -> None:
        self.ms = BASE_MS
        self.replica_ids = count()
        self.skews = skews
        self.acked: set[WriteKey] = set()
        self.superseded: dict[WriteKey, set[WriteKey]] = {}
        self.deleted: set[str] = set()
        self.sticks: list[Data] = []
        self.office: Data | None = None
        self.replicas: list[Book] = []
        self.day = 0
        for index, worker in enumerate(WORKERS):
            data: Data = {META_TABLE: {META_ID: new_meta("worker", worker)}}
            book = self._book(data, index)
            self._write(book, lambda b=book, w=worker: b.add(Worker(id=w, name=f"网格员{w}")))
            self.replicas.append(book)

    # machinery -------------------------------------------------------------------------
    def _wall(self, skew: int):  # type: ignore[no-untyped-def]
        def wall() -> int:
            self.ms += 1
            return self.ms + skew
        return wall

    def _book(self, data: Data, slot: int) -> Book:
        book = replica_book(data, f"r{next(self.replica_ids):03d}",
                            self._wall(self.skews[slot % len(self.skews)]))
        book.clock = _LocalDay(self, ZONE_DAYS[slot % len(ZONE_DAYS)])
        return book

    def _fields(self, book: Book) -> dict[tuple[str, str, str], set[tuple[int, str]]]:
        out = {}
        for table, records in book.raw().items():
            if table == META_TABLE:
                continue
            for rid, raw in records.items():
                for name, entries in raw["fields"].items():
                    out[(table, rid, name)] = {(e[1], e[2]) for e in entries}
        return out

    def _write(self, book: Book, action) -> None:  # type: ignore[no-untyped-def]
        """Do a write and remember each entry it acknowledged and what that entry replaced."""
        before = self._fields(book)
        action()
        after = self._fields(book)
        for where, keys in after.items():
            for key in keys - before.get(where, set()):
                write = (*where, *key)
                self.acked.add(write)
                self.superseded[write] = {(*where, *k) for k in before.get(where, set())}

    def _visible(self, book: Book) -> list[Household]:
        return sorted(book.all(Household), key=lambda h: h.id)

    # rules -------------------------------------------------------------------------------
    @rule(slot=st.integers(0, 2), room=st.integers(101, 104), name=st.sampled_from("王李张"))
    def add_household(self, slot: int, room: int, name: str) -> None:
        from store import actions

        book = self.replicas[slot]
        self._write(book, lambda: actions.add_household(
            book, building="3", unit="2", room=str(room), people=(Person(name=name),),
            worker=WORKERS[slot]))

    @rule(slot=st.integers(0, 2), pick=st.integers(0, 20), note=st.sampled_from(NOTES),
          phone=st.sampled_from(PHONES), status=st.sampled_from(STATUSES))
    def edit(self, slot: int, pick: int, note: str, phone: str, status: Status) -> None:
        book = self.replicas[slot]
        households = self._visible(book)
        if not households:
            return
        household = households[pick % len(households)]
        change = [{"note": note}, {"phone": phone}, {"status": status},
                  {"note": note, "status": status}][pick % 4]
        self._write(book, lambda: book.update(Household, household.id, **change))

    @rule(slot=st.integers(0, 2), pick=st.integers(0, 20), worker=st.sampled_from(WORKERS))
    def reassign(self, slot: int, pick: int, worker: str) -> None:
        book = self.replicas[slot]
        households = self._visible(book)
        if households:
            household = households[pick % len(households)]
            self._write(book, lambda: book.update(Household, household.id, worker=worker))

    @rule(slot=st.integers(0, 2), pick=st.integers(0, 20))
    def delete(self, slot: int, pick: int) -> None:
        book = self.replicas[slot]
        households = self._visible(book)
        if households:
            household = households[pick % len(households)]
            self._write(book, lambda: book.delete(Household, household.id))
            self.deleted.add(household.id)

    @rule()
    def next_day(self) -> None:
        self.day += 1

    @rule(slot=st.integers(0, 2))
    def copy_to_stick(self, slot: int) -> None:
        self.sticks.append(snapshot(self.replicas[slot].raw()))

    @rule(slot=st.integers(0, 2), other=st.integers(0, 2))
    def sync(self, slot: int, other: int) -> None:
        """A replica takes in another's book (then works on as a fresh session)."""
        data = merged(self.replicas[slot].raw(), self.replicas[other].raw())
        self.replicas[slot] = self._book(data, slot)

    @precondition(lambda self: bool(self.sticks))
    @rule(slot=st.integers(0, 2), pick=st.integers(0, 50))
    def merge_stale_copy(self, slot: int, pick: int) -> None:
        stick = self.sticks[pick % len(self.sticks)]
        self.replicas[slot] = self._book(merged(self.replicas[slot].raw(), stick), slot)

    @precondition(lambda self: bool(self.sticks))
    @rule(pick=st.integers(0, 50))
    def office_merges(self, pick: int) -> None:
        stick = self.sticks[pick % len(self.sticks)]
        self.office = merged(*([self.office] if self.office else []), stick)

    @precondition(lambda self: self.office is not None)
    @rule(slot=st.integers(0, 2))
    def worker_takes_office_file(self, slot: int) -> None:
        assert self.office is not None
        self.replicas[slot] = self._book(merged(self.replicas[slot].raw(), self.office), slot)

    # the laws, over every state there was ------------------------------------------------
    def teardown(self) -> None:
        if not getattr(self, "replicas", None):
            return
        states = [snapshot(b.raw()) for b in self.replicas] + self.sticks
        if self.office is not None:
            states.append(self.office)
        whole = merged(*states)
        blob = dumps(whole)
        # any order, any grouping, duplicates and older copies: the same bytes
        assert dumps(merged(*reversed(states))) == blob
        half = len(states) // 2
        assert dumps(merged(merged(*states[:half]), merged(*states[half:]))) == blob
        folded = states[0]
        for state in states[1:]:
            folded = merged(state, folded)
        assert dumps(merged(folded)) == blob
        assert dumps(merged(*states, *states[:2], states[-1])) == blob
        # OUT's previous content joined in the way `gridbook merge` does it
        with_out = merge([MergeInput(s, f"in{i}") for i, s in enumerate(states[1:])],
                         previous=merged(states[0]), now_ms=0).data
        assert dumps(with_out) == blob
        # idempotent and monotone
        assert dumps(merged(whole)) == blob
        assert dumps(merged(whole, whole)) == blob
        for state in states:
            assert dumps(merged(whole, state)) == blob
        # no lost value
        present: set = set()
        for table, records in whole.items():
            if table == META_TABLE:
                continue
            for rid, raw in records.items():
                for name, entries in raw["fields"].items():
                    present |= {(table, rid, name, e[1], e[2]) for e in entries}
        covered = set(present)
        frontier = list(present)
        while frontier:
            for older in self.superseded.get(frontier.pop(), ()):
                if older not in covered:
                    covered.add(older)
                    frontier.append(older)
        lost = self.acked - covered
        assert not lost, f"lost writes: {sorted(lost)[:5]}"
        # no resurrection
        households = whole[Household.TABLE]
        for rid in self.deleted:
            assert crdt.is_deleted(households[rid]), f"household {rid} came back"
        # as of a day after every write, each record is the record as it stands
        for table, records in whole.items():
            if table == META_TABLE:
                continue
            for raw in records.values():
                later = crdt.as_of(raw, "2100-12-31")
                assert later is not None
                assert crdt.current(later) == crdt.current(raw)
                assert crdt.as_of(raw, "2025-12-30") is None  # before the first day
        # a fresh replica on the merge agrees with it
        book = replica_book(whole, "check", lambda: BASE_MS)
        visible = {h.id for h in book.all(Household)}
        assert visible == {rid for rid, raw in households.items() if not crdt.is_deleted(raw)}


TestReplicas = Replicas.TestCase
TestReplicas.settings = office_settings()
