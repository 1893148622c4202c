"""The day's checklist and the door-to-door tests: ticks (one item, a whole building),
tests and their results."""

from __future__ import annotations

from datetime import date
from typing import Any

from store import views
from store.actions.journal import GROUP_ADDRESSES, auto_log, who_of
from store.book.book import Book
from store.book.ids import derived_id
from store.book.models import (
    Category,
    ChecklistItem,
    Household,
    ItemKind,
    LogEntry,
    TestKind,
    TestRecord,
    TestResult,
)
from store.book.policy import item_id
from store.errors import BookError
from store.messages import word

GROUPED_KINDS = {ItemKind.GARBAGE: Category.PROTECTION, ItemKind.NEEDS: Category.SERVICE,
                 ItemKind.LETTER: Category.PUBLICITY}


def _day_done_id(household_id: str, on: date) -> str:
    return derived_id("auto", f"daydone/{household_id}/{on}")


def _log_if_day_done(book: Book, household_id: str, on: date) -> None:
    """Write "all of today's checklist done" when it is, and take it back when it is not."""
    items = [i for i in book.items_on(on) if i.household == household_id]
    if items and all(i.done for i in items):
        household = book.require(Household, household_id)
        auto_log(book, f"daydone/{household_id}/{on}", Category.CONTROL, "day_done",
                  on=on, household=household_id, **who_of(household))
    elif book.get(LogEntry, _day_done_id(household_id, on)) is not None:
        book.delete(LogEntry, _day_done_id(household_id, on))


def _log_group(book: Book, kind: ItemKind, on: date) -> None:
    """The day's one journal entry for a kind of routine tick (garbage, needs, letter):
    how many households and which, with what each said it needs; rewritten on every tick
    and untick, so the journal has one line per kind a day, not one per tick."""
    category = GROUPED_KINDS.get(kind)
    if category is None:
        return
    source = f"ticks/{kind.value}/{on}"
    done = []
    for item in book.items_on(on):
        household = book.get(Household, item.household)
        if item.kind == kind and item.done and household is not None \
                and views.looks_after(book, household):
            done.append((household, item))
    done.sort(key=lambda pair: (pair[0].building.zfill(4), pair[0].unit.zfill(4),
                                pair[0].room.zfill(6)))
    if not done:
        if book.get(LogEntry, derived_id("auto", source)) is not None:
            book.delete(LogEntry, derived_id("auto", source))
        return
    names = [h.address + (f"（{i.note}）" if i.note else "") for h, i in done]
    shown = "、".join(names[:GROUP_ADDRESSES]) + ("…" if len(names) > GROUP_ADDRESSES else "")
    auto_log(book, source, category, "ticks_grouped", on=on, kind=kind.value,
              count=len(done), addresses=shown)


def tick(book: Book, item_id_: str, done: bool = True, note: str | None = None) -> ChecklistItem:
    """Tick (or untick) one checklist item; `note` is what the household said it needs.

    Unticking a test item takes back what the tick implied: that day's tests of the
    household and their journal entries (a test recorded by mistake is removed this way),
    and the "all done today" entry.
    """
    item = book.require(ChecklistItem, item_id_)
    changes: dict[str, Any] = {"done": done, "done_at": book.clock.now() if done else None}
    if note is not None:
        changes["note"] = note.strip()
    with book.batch():
        updated = book.update(ChecklistItem, item_id_, **changes)
        if not done and item.kind == ItemKind.TEST:
            for test in book.tests_of(item.household):
                if test.on == item.on:
                    book.delete(TestRecord, test.id)
                    entry = derived_id("auto", f"test/{test.id}")
                    if book.get(LogEntry, entry) is not None:
                        book.delete(LogEntry, entry)
        _log_if_day_done(book, item.household, item.on)
        _log_group(book, item.kind, item.on)
    return updated


BUILDING_KINDS = (ItemKind.GARBAGE, ItemKind.NEEDS, ItemKind.LETTER)


def tick_building(book: Book, building: str, kind: ItemKind, on: date) -> int:
    """Tick one kind of item for every household of a building on a day; how many.

    Only the items a building round suits: a test is recorded per person, never ticked
    in bulk (see `record_tests` for a round of tests)."""
    if kind not in BUILDING_KINDS:
        raise BookError("invalid_input", sentence=word("action.no_bulk_tests"))
    households = {h.id for h in views.households(book) if h.building == building}
    items = [i for i in book.items_on(on)
             if i.household in households and i.kind == kind and not i.done]
    if not items:
        return 0
    with book.batch():
        for item in items:
            book.update(ChecklistItem, item.id, done=True, done_at=book.clock.now())
        auto_log(book, f"building/{building}/{kind.value}/{on}", Category.SERVICE,
                  "building_done", on=on, building=building,
                  kind=kind.value, count=len(items))
        for household_id in {i.household for i in items}:
            _log_if_day_done(book, household_id, on)
        _log_group(book, kind, on)
    return len(items)


def test_record_id(household_id: str, on: date, person: str) -> str:
    """One test per person a day: recording it again corrects it (on any machine)."""
    return derived_id("test", household_id, on.isoformat(), person)


def record_test(book: Book, household_id: str, on: date, kind: TestKind = TestKind.NUCLEIC,
                result: TestResult = TestResult.PENDING, person: str = "") -> TestRecord:
    """Record a door-to-door test of one person; it ticks that day's test item and writes
    the log. A second recording of the same person on the same day corrects the first."""
    household = book.require(Household, household_id)
    person = person.strip()
    existing = next((t for t in book.tests_of(household_id)
                     if t.on == on and t.person == person), None)
    test = existing or TestRecord(id=test_record_id(household_id, on, person),
                                  household=household_id, on=on, person=person)
    with book.batch():
        if existing is None:
            book.add(test.model_copy(update={"kind": kind, "result": result}))
        else:
            book.update(TestRecord, test.id, kind=kind, result=result)
        due = book.get(ChecklistItem, item_id(household_id, ItemKind.TEST, on))
        if due is not None and not due.done:
            book.update(ChecklistItem, due.id, done=True, done_at=book.clock.now())
        _log_test(book, book.require(TestRecord, test.id), household)
        if due is not None:
            _log_if_day_done(book, household_id, on)
    return book.require(TestRecord, test.id)


EVERYONE = "\x00everyone"  # `record_tests`' word for every person of the household


def record_tests(book: Book, household_id: str, on: date, kind: TestKind = TestKind.NUCLEIC,
                 result: TestResult = TestResult.PENDING,
                 people: tuple[str, ...] = (EVERYONE,)) -> list[TestRecord]:
    """Record the same test for several people of a household in one save (everyone by
    default: a door-to-door round)."""
    household = book.require(Household, household_id)
    if EVERYONE in people:
        people = tuple(p.name for p in household.people) or ("",)
    with book.batch():
        return [record_test(book, household_id, on, kind, result, name) for name in people]


def _log_test(book: Book, test: TestRecord, household: Household) -> None:
    auto_log(book, f"test/{test.id}", Category.CONTROL, "test_recorded", on=test.on,
              household=household.id, kind=test.kind.value, result=test.result.value,
              address=household.address, name=test.person or household.head)


def set_test_result(book: Book, test_id_: str, result: TestResult) -> TestRecord:
    """Fill in (or correct) a test's result; its journal entry says the new result."""
    test = book.require(TestRecord, test_id_)
    household = book.require(Household, test.household)
    with book.batch():
        updated = book.update(TestRecord, test_id_, result=result)
        _log_test(book, updated, household)
    return updated


def delete_test(book: Book, test_id_: str) -> None:
    """Remove a test recorded by mistake, its journal entry, and the tick it made when it
    was the day's only test."""
    test = book.require(TestRecord, test_id_)
    with book.batch():
        book.delete(TestRecord, test_id_)
        entry = derived_id("auto", f"test/{test_id_}")
        if book.get(LogEntry, entry) is not None:
            book.delete(LogEntry, entry)
        if not any(t.on == test.on for t in book.tests_of(test.household)):
            due = book.get(ChecklistItem, item_id(test.household, ItemKind.TEST, test.on))
            if due is not None and due.done:
                book.update(ChecklistItem, due.id, done=False, done_at=None)
                _log_if_day_done(book, test.household, test.on)
