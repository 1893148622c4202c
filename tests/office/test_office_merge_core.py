"""What the office relies on from the merge core: conflicts kept and resolved, the summary.

Pure data and in-memory books; the commands themselves are tested in test_office_cli.py.
"""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st
from office_helpers import merged, replica_book, snapshot

from store.book import crdt
from store.book.book import Book
from store.book.clock import DAY_MS
from store.book.fileformat import (
    META_ID,
    META_TABLE,
    SCHEMA_VERSION,
    Data,
    dumps,
    meta_of,
    new_meta,
)
from store.book.models import Category, Household, LogEntry, Person, Worker
from store.office.merge import MergeInput, merge
from store.office.slice import slice_for

BASE = 1_767_000_000_000


def _walls():
    state = {"ms": BASE}

    def wall() -> int:
        state["ms"] += 1
        return state["ms"]
    return wall


def worker_book(worker: str, wall=None) -> Book:  # type: ignore[no-untyped-def]
    data: Data = {META_TABLE: {META_ID: new_meta("worker", worker)}}
    book = replica_book(data, f"rep-{worker}", wall or _walls())
    book.add(Worker(id=worker, name=f"网格员{worker}", grid=f"第{worker}网格"))
    return book


def household(book: Book, room: str = "501", name: str = "王伟", worker: str | None = None):
    from store import actions

    return actions.add_household(book, building="3", unit="2", room=room,
                                 people=(Person(name=name, phone="13812345678"),),
                                 worker=worker)


def test_concurrent_edits_are_kept_then_a_resolution_converges_everywhere() -> None:
    wall = _walls()
    first = worker_book("w1", wall)
    home = household(first)
    stick = replica_book(first.raw(), "laptop-2", wall)  # the book copied to a second laptop
    first.update(Household, home.id, phone="13900000001")
    stick.update(Household, home.id, phone="13700000002")
    office = merged(first.raw(), stick.raw())
    conflict = crdt.conflicts(office["households"][home.id])
    assert [e[0] for e in conflict["phone"]] == ["13900000001", "13700000002"]

    # the office resolves it in its own copy (what the TUI conflicts view does)
    desk = replica_book(office, "office", wall)
    assert [c.field for c in desk.conflicts()] == ["phone"]
    desk.resolve("households", home.id, "phone", "13900000001")
    resolved = snapshot(desk.raw())

    # merged with either stale side, in any order, the resolution stands everywhere
    for states in ([resolved, first.raw(), stick.raw()], [stick.raw(), resolved],
                   [first.raw(), stick.raw(), office, resolved]):
        out = merged(*states)
        entries = out["households"][home.id]["fields"]["phone"]
        assert [e[0] for e in entries] == ["13900000001"]
        assert dumps(out) == dumps(merged(resolved, first.raw(), stick.raw()))
    back = replica_book(merged(stick.raw(), resolved), "stick-again", wall)
    assert back.conflicts() == []
    assert back.require(Household, home.id).phone == "13900000001"


def test_a_stale_copy_never_brings_a_deleted_household_back() -> None:
    book = worker_book("w1")
    home = household(book)
    stale = snapshot(book.raw())
    book.delete(Household, home.id)
    for states in ([stale, book.raw()], [book.raw(), stale], [merged(stale), book.raw(), stale]):
        out = merged(*states)
        assert crdt.is_deleted(out["households"][home.id])


def test_summary_names_conflict_candidates_with_their_worker_and_book() -> None:
    wall = _walls()
    one = worker_book("w1", wall)
    home = household(one)
    two = replica_book(one.raw(), "copy", wall)
    two.worker_id = "w2"
    one.update(Household, home.id, note="甲")
    two.update(Household, home.id, note="乙")
    result = merge([MergeInput(one.raw(), "a.json"), MergeInput(two.raw(), "b.json")], now_ms=BASE)
    [conflict] = result.summary.conflicts
    assert (conflict.table, conflict.record_id, conflict.field) == ("households", home.id, "note")
    values = [(c.value, c.worker, c.sources, c.shown) for c in conflict.candidates]
    assert values == [("甲", "w1", ("a.json",), False), ("乙", "w2", ("b.json",), True)]
    assert conflict.candidates[-1].written.year >= 2025


def test_invalid_records_are_left_out_and_reported() -> None:
    book = worker_book("w1")
    home = household(book)
    data = snapshot(book.raw())
    data["households"]["broken"] = {"fields": {"room": "not a list"}, "vv": {}}
    bad = crdt.write_fields(data["households"][home.id], {"room": ""}, 1, "x", "w1")
    data["households"]["bad-room"] = bad
    result = merge([MergeInput(data, "w1.json")], now_ms=BASE)
    assert "broken" not in result.data["households"]
    assert "bad-room" not in result.data["households"]
    assert home.id in result.data["households"]
    reasons = {s.record_id: s.reason for s in result.summary.set_aside}
    assert reasons["broken"] == "shape"
    assert "room" in reasons["bad-room"]
    assert all(s.path == "w1.json" for s in result.summary.set_aside)


def test_books_already_held_by_out_and_counts_of_new_and_changed() -> None:
    book = worker_book("w1")
    first = household(book)
    old = snapshot(book.raw())
    previous = merged(old)
    book.update(Household, first.id, note="新")
    household(book, room="502", name="李娜")
    result = merge([MergeInput(old, "old.json"), MergeInput(book.raw(), "new.json")],
                   previous=previous, previous_path="out.json", now_ms=BASE)
    assert [b.covered for b in result.summary.books] == [True, False]
    assert (result.summary.new_records, result.summary.changed_records) == (1, 1)


def test_clocks_far_off_are_reported() -> None:
    future = worker_book("w1", lambda: BASE + 5 * DAY_MS)
    result = merge([MergeInput(future.raw(), "future.json")], now_ms=BASE)
    assert {(c.problem, c.days) for c in result.summary.clocks_off} == {("future", 5)}

    behind = worker_book("w2", lambda: BASE)
    behind.add(LogEntry(id="e1", on=date(2027, 3, 1), at="09:00", category=Category.SERVICE,
                        text="x", worker="w2"))
    result = merge([MergeInput(behind.raw(), "behind.json")], now_ms=BASE)
    assert [c.problem for c in result.summary.clocks_off] == ["behind"]


def test_possible_duplicates_are_listed() -> None:
    one, two = worker_book("w1"), worker_book("w2")
    a, b = household(one), household(two)
    household(two, room="502", name="李娜")
    result = merge([MergeInput(one.raw(), "1"), MergeInput(two.raw(), "2")], now_ms=BASE)
    [group] = result.summary.duplicates
    assert sorted(d.record_id for d in group) == sorted([a.id, b.id])
    assert group[0].address == "3栋2单元501"


def test_output_meta_depends_on_content_only() -> None:
    one, two = worker_book("w1"), worker_book("w2")
    same = merged(one.raw(), one.raw())
    assert meta_of(same)["kind"] == "worker" and meta_of(same)["worker"] == "w1"
    both = merged(one.raw(), two.raw())
    assert {k: v for k, v in meta_of(both).items() if k != "clock"} == {
        "format": "gridbook", "schema": SCHEMA_VERSION, "kind": "community", "worker": ""}
    assert meta_of(both)["clock"] >= max(crdt.max_stamp(r) for t in both.values()
                                         for r in t.values() if "vv" in r)
    assert dumps(merged(both, one.raw())) == dumps(both)


def test_reassignment_seen_by_both_and_slices_keep_to_their_worker() -> None:
    wall = _walls()
    one, two = worker_book("w1", wall), worker_book("w2", wall)
    moving = household(one, room="501")
    staying = household(one, room="502", name="李娜")
    theirs = household(two, room="601", name="赵强")
    from store import actions
    actions.add_log(one, "走访", Category.SERVICE, household=moving.id)
    actions.add_log(one, "巡查", Category.CONTROL)
    office = replica_book(merged(one.raw(), two.raw()), "office", wall)
    office.update(Household, moving.id, worker="w2")  # reassigned at the office
    community = snapshot(office.raw())

    for_two = slice_for(community, "w2")
    assert meta_of(for_two)["kind"] == "worker" and meta_of(for_two)["worker"] == "w2"
    assert set(for_two["households"]) == {moving.id, theirs.id}
    assert {r["fields"]["household"][-1][0] for r in for_two["log"].values()} == {moving.id}
    assert set(for_two["workers"]) == {"w2"}

    for_one = slice_for(community, "w1")
    assert set(for_one["households"]) == {moving.id, staying.id}  # the moved one, to learn it moved
    assert theirs.id not in str(for_one)
    assert all(r["fields"]["household"][-1][0] != moving.id for r in for_one["log"].values())

    # each worker merges their slice into their own book: both see the move right
    one_after = replica_book(merged(one.raw(), for_one), "w1-next", wall)
    two_after = replica_book(merged(two.raw(), for_two), "w2-next", wall)
    assert one_after.require(Household, moving.id).worker == "w2"
    assert two_after.require(Household, moving.id).worker == "w2"
    assert one_after.get(Household, theirs.id) is None
    # and the office, merging the workers' books again, keeps the reassignment
    again = merged(community, one_after.raw(), two_after.raw(), one.raw())
    assert crdt.current(again["households"][moving.id])["worker"] == "w2"
    assert crdt.conflicts(again["households"][moving.id]) == {}


_VALUES = st.one_of(st.none(), st.booleans(), st.integers(-2, 2), st.text(max_size=2))
_ENTRY = st.one_of(st.lists(_VALUES, max_size=5),
                   st.tuples(_VALUES, st.one_of(st.integers(0, 9), st.booleans(), st.text(max_size=1)),
                             st.one_of(st.text(max_size=2), st.integers()),
                             st.one_of(st.text(max_size=2), st.none())).map(list))
_RAW = st.one_of(
    _VALUES,
    st.fixed_dictionaries({"fields": st.one_of(_VALUES, st.dictionaries(
        st.text(max_size=2), st.one_of(_VALUES, st.lists(_ENTRY, max_size=3)), max_size=3)),
        "vv": st.one_of(_VALUES, st.dictionaries(st.text(max_size=2),
                                                  st.one_of(st.integers(), st.booleans(),
                                                            st.text(max_size=1)), max_size=2))}),
)


@given(_RAW)
def test_the_one_pass_reader_agrees_with_the_shape_check(raw: object) -> None:
    """Opening a book uses crdt.read_current, the merge crdt.shape_of: same verdict."""
    assert (crdt.read_current(raw) is not False) == crdt.is_well_formed(raw)


def test_a_deletion_at_the_office_reaches_the_worker_through_the_slice() -> None:
    wall = _walls()
    one = worker_book("w1", wall)
    gone = household(one, room="501")
    kept = household(one, room="502", name="李娜")
    office = replica_book(merged(one.raw()), "office", wall)
    office.delete(Household, gone.id)
    part = slice_for(snapshot(office.raw()), "w1")
    assert crdt.is_deleted(part["households"][gone.id])  # the tombstone travels
    after = replica_book(merged(one.raw(), part), "w1-next", wall)
    assert after.get(Household, gone.id) is None
    assert after.get(Household, kept.id) is not None
    # and the worker's stale book, merged at the office again, does not bring it back
    again = merged(snapshot(office.raw()), one.raw())
    assert crdt.is_deleted(again["households"][gone.id])
