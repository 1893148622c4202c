"""The worker's day done right (issue 11): corrections, safeguards and a record per person.

Each test presses the keys a grid worker presses at 80x24 and then asserts on the book
REOPENED from disk. Each defect's test was run once against the code before its fix and
failed there (see the note of the "day" helper).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from tui_helpers import TODAY, make_app, screen_lines, settle, type_text

from store import views
from store.book.book import Book
from store.book.clock import FixedClock
from store.book.models import (
    ChecklistItem,
    Errand,
    ErrandStatus,
    Household,
    ItemKind,
    Quarantine,
    Status,
    TestRecord,
    TestResult,
)
from store.book.policy import item_id

SIZE = (80, 24)


def on_today() -> FixedClock:
    """The clock of writes made beside the app: the fixed day (a report of it reads what
    was written on it)."""
    return FixedClock(datetime.combine(TODAY, time(9)))


@pytest.fixture
def book_path(book_path: Path) -> Path:
    """The seeded book with three more households of several people in quarantine since
    three days ago (day 4: a test day of the default policy), as a grid has on a busy day."""
    from store import actions

    book = Book.open(book_path, clock=on_today())  # written on the fixed day, as the app
    free = [h for h in sorted(views.households(book), key=lambda h: h.id)
            if h.status != Status.QUARANTINE and len(h.people) >= 2 and h.phone]
    for household in free[:3]:
        actions.start_quarantine(book, household.id, TODAY - timedelta(days=3))
    return book_path


def quarantined(book: Book, people: int = 2, skip: int = 0) -> Household:
    """A household in quarantine today with at least `people` people and a test due."""
    found = [h for h in sorted(views.households(book), key=lambda h: h.id)
             if h.status == Status.QUARANTINE and len(h.people) >= people and h.phone
             and (q := book.current_quarantine(h.id)) is not None and q.start <= TODAY < q.end
             and book.get(ChecklistItem, item_id(h.id, ItemKind.TEST, TODAY)) is not None
             and not book.require(ChecklistItem, item_id(h.id, ItemKind.TEST, TODAY)).done]
    return found[skip]


def in_quarantine(book: Book, skip: int = 0) -> Household:
    """A household in quarantine today, well before its end, with at least two people."""
    found = [h for h in sorted(views.households(book), key=lambda h: h.id)
             if h.status == Status.QUARANTINE and len(h.people) >= 2 and h.phone
             and (q := book.current_quarantine(h.id)) is not None
             and q.start <= TODAY and (q.end - TODAY).days >= 3]
    return found[skip]


async def open_household(pilot, household: Household) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("3", "slash")
    await type_text(pilot, household.phone)
    await pilot.press("enter", "enter")
    await pilot.pause()


async def cursor_on(pilot, item_id_: str) -> None:  # type: ignore[no-untyped-def]
    table = pilot.app.screen.query_one("#record-checklist")
    table.move_cursor(row=table.get_row_index(item_id_))
    await pilot.pause()


def recorded_today(book: Book, household: Household) -> list[TestRecord]:
    return [t for t in book.tests_of(household.id) if t.on == TODAY]


# 1. a test result can be corrected -------------------------------------------------------------
async def test_recording_again_corrects_the_result_instead_of_adding_a_test(
        book_path: Path) -> None:
    household = quarantined(Book.open(book_path))
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_household(pilot, household)
        await pilot.press("t", "ctrl+s")  # everyone, pending
        await settle(pilot)
        await pilot.press("t", "tab", "right", "ctrl+s")  # everyone again: negative
        await settle(pilot)
    book = Book.open(book_path)
    tests = recorded_today(book, household)
    assert sorted(t.person for t in tests) == sorted(p.name for p in household.people)
    assert {t.result for t in tests} == {TestResult.NEGATIVE}
    # the journal names each person tested, once, with the corrected result
    entries = [e for e in book.log_on(TODAY) if e.event == "test_recorded"
               and e.household == household.id]
    assert sorted(e.params["name"] for e in entries) == sorted(p.name for p in household.people)
    assert {e.params["result"] for e in entries} == {"negative"}


async def test_one_person_s_pending_result_is_set_to_positive(book_path: Path) -> None:
    household = quarantined(Book.open(book_path))
    second = household.people[1].name
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_household(pilot, household)
        await pilot.press("t", "ctrl+s")  # everyone, pending
        await settle(pilot)
        await pilot.press("t", "right", "right")  # the second person
        await pilot.press("tab", "right", "right", "ctrl+s")  # positive
        await settle(pilot)
    tests = {t.person: t.result for t in recorded_today(Book.open(book_path), household)}
    assert len(tests) == len(household.people)
    assert tests[second] == TestResult.POSITIVE
    assert [r for name, r in tests.items() if name != second] == \
        [TestResult.PENDING] * (len(household.people) - 1)


async def test_unticking_a_test_item_removes_the_tests_and_the_all_done_entry(
        book_path: Path) -> None:
    book = Book.open(book_path)
    household = quarantined(book)
    for item in book.items_on(TODAY):  # everything but the test already done today
        if item.household == household.id and item.kind != ItemKind.TEST and not item.done:
            from store import actions
            actions.tick(book, item.id)
    test_item = item_id(household.id, ItemKind.TEST, TODAY)
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_household(pilot, household)
        await pilot.press("t", "ctrl+s")
        await settle(pilot)
        assert any(e.event == "day_done" and e.household == household.id
                   for e in app.book.log_on(TODAY))
        await cursor_on(pilot, test_item)
        await pilot.press("space", "y")
        await settle(pilot)
    book = Book.open(book_path)
    assert recorded_today(book, household) == []
    assert not book.require(ChecklistItem, test_item).done
    assert not any(e.household == household.id and e.event in ("day_done", "test_recorded")
                   for e in book.log_on(TODAY))


# 2. bulk ticks never make a test item without a test; a fast test round --------------------------
async def test_the_building_tick_cannot_tick_tests(book_path: Path) -> None:
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "k", "tab", "right", "right", "right")  # was: the test kind
        await pilot.press("ctrl+s")
        await settle(pilot)
    book = Book.open(book_path)
    for item in book.items_on(TODAY):
        if item.kind == ItemKind.TEST and item.done:
            assert recorded_today(book, book.require(Household, item.household)), item


async def test_the_door_to_door_round_from_today_tests_everyone_household_by_household(
        book_path: Path) -> None:
    book = Book.open(book_path)
    view = views.today(book, TODAY)
    due = [h for h, _ in view.tests_due][:2]
    assert len(due) == 2
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#today-list")
        table.move_cursor(row=table.get_row_index(f"h:{due[0].id}:t"))
        await pilot.press("t", "enter")  # everyone, pending: saved
        await settle(pilot)
        # the row done is gone and the next household has the cursor: t, Enter again
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value \
            == f"h:{due[1].id}:t"
        await pilot.press("t", "enter")
        await settle(pilot)
    book = Book.open(book_path)
    for household in due:
        assert sorted(t.person for t in recorded_today(book, household)) == \
            sorted(p.name for p in household.people) or [""]
        assert book.require(ChecklistItem, item_id(household.id, ItemKind.TEST, TODAY)).done


# 3. release checks -------------------------------------------------------------------------------
async def test_an_early_release_is_refused_without_a_reason_then_done_with_one(
        book_path: Path) -> None:
    household = in_quarantine(Book.open(book_path))
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_household(pilot, household)
        await pilot.press("r")
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert "Day " in shown and "Fewer than 3 tests" in shown  # what is missing
        await pilot.press("enter")  # no reason: refused, the form stays
        await settle(pilot)
        assert app.book.require(Household, household.id).status == Status.QUARANTINE
        await type_text(pilot, "taken to hospital")
        await pilot.press("enter")
        await settle(pilot)
    book = Book.open(book_path)
    assert book.require(Household, household.id).status == Status.RELEASED
    quarantine = book.quarantines_of(household.id)[-1]
    assert quarantine.released_on == TODAY and quarantine.release_reason == "taken to hospital"
    assert any(e.event == "released" and e.params.get("reason") == "taken to hospital"
               for e in book.log_of(household.id))
    # Today no longer lists it, today or later
    view = views.today(book, TODAY)
    listed = view.tests_due + view.releases_due
    assert household.id not in {h.id for h, _ in listed}
    assert household.id not in {h.id for h, _ in view.households_pending}
    assert household.id not in {h.id for _, _, h in views.plan(book, TODAY, 30)}


# 4. an extension schedules tests; shortening into the past is refused ---------------------------
async def test_an_extension_schedules_tests_in_the_added_days(book_path: Path) -> None:
    book = Book.open(book_path)
    household = in_quarantine(book)
    quarantine = book.current_quarantine(household.id)
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_household(pilot, household)
        await pilot.press("x", "ctrl+u")
        await type_text(pilot, "+7")
        await pilot.press("tab")
        await type_text(pilot, "contact tested positive")
        await pilot.press("enter")
        await settle(pilot)
    book = Book.open(book_path)
    stored = book.require(Quarantine, quarantine.id)
    assert stored.end == quarantine.end + timedelta(days=7)
    tests = sorted(i.on for i in book.items_of(household.id)
                   if i.quarantine == quarantine.id and i.kind == ItemKind.TEST)
    assert tests[-1] == stored.end - timedelta(days=1)  # the new last day has a test
    assert any(quarantine.end <= day < stored.end for day in tests)


async def test_shortening_into_the_past_is_refused_with_a_sentence(book_path: Path) -> None:
    book = Book.open(book_path)
    household = in_quarantine(book)
    quarantine = book.current_quarantine(household.id)
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_household(pilot, household)
        await pilot.press("x", "ctrl+u")
        await type_text(pilot, (TODAY - timedelta(days=1)).isoformat())
        await pilot.press("tab")
        await type_text(pilot, "typo")
        await pilot.press("enter")
        await settle(pilot)
        assert any("has passed" in line for line in screen_lines(app))
    assert Book.open(book_path).require(Quarantine, quarantine.id).end == quarantine.end


# 6. Esc on a filled form asks first -------------------------------------------------------------
async def test_escape_on_a_filled_form_asks_and_no_keeps_what_was_typed(book_path: Path) -> None:
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "a")
        await type_text(pilot, "visited the elderly home")
        await pilot.press("escape")
        await pilot.pause()
        assert any("Discard what you typed?" in line for line in screen_lines(app))
        await pilot.press("n", "enter")  # keep it, then save
        await settle(pilot)
    assert any(e.text == "visited the elderly home" for e in Book.open(book_path).log_on(TODAY))


async def test_escape_on_an_untouched_form_closes_at_once(book_path: Path) -> None:
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "a", "escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "LogScreen"


# 7. duplicates, merge, remove ---------------------------------------------------------------------
async def test_a_duplicate_address_is_caught_at_entry(book_path: Path) -> None:
    book = Book.open(book_path)
    existing = sorted(views.households(book), key=lambda h: h.id)[0]
    before = len(views.households(book))
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "a")
        for text in (existing.building, existing.unit, existing.room):
            await type_text(pilot, text)
            await pilot.press("tab")
        await type_text(pilot, "Another Name")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert any("Already in the book" in line for line in screen_lines(app))
        await pilot.press("escape", "y")  # the worker sees it is the same: drops it
        await settle(pilot)
    assert len(views.households(Book.open(book_path))) == before


async def test_a_duplicate_is_added_when_saved_again(book_path: Path) -> None:
    book = Book.open(book_path)
    existing = sorted(views.households(book), key=lambda h: h.id)[0]
    before = len(views.households(book))
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "a")
        for text in (existing.building, existing.unit, existing.room):
            await type_text(pilot, text)
            await pilot.press("tab")
        await type_text(pilot, "Lodger")
        await pilot.press("ctrl+s", "ctrl+s")
        await settle(pilot)
    book = Book.open(book_path)
    assert len(views.households(book)) == before + 1
    assert any(e.event == "household_added" for e in book.log_on(TODAY))


async def test_two_households_that_are_one_are_merged(book_path: Path) -> None:
    book = Book.open(book_path)
    keep = in_quarantine(book)
    other = next(h for h in sorted(views.households(book), key=lambda h: h.id)
                 if h.id != keep.id and book.tests_of(h.id) and h.phone)
    moved_tests = {t.id for t in book.tests_of(other.id) + book.tests_of(keep.id)}
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_household(pilot, keep)
        await pilot.press("j")
        await type_text(pilot, other.phone)
        await pilot.press("enter")  # the match
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("Merge into it and remove" in line for line in screen_lines(app))
        await pilot.press("y")
        await settle(pilot)
        # the record shows the household kept, whichever id it has
        assert any(keep.address in line for line in screen_lines(app))
    book = Book.open(book_path)
    stays, goes = sorted((keep.id, other.id))
    assert book.get(Household, goes) is None
    assert book.raw_record(Household.TABLE, goes)["fields"]["merged_into"][-1][0] == stays
    survivor = book.require(Household, stays)
    assert survivor.address == keep.address and survivor.head == keep.head
    assert moved_tests == {t.id for t in book.tests_of(stays)}
    names = [p.name for p in survivor.people]
    assert all(p.name in names for p in other.people)


async def test_a_household_entered_by_mistake_is_removed_with_a_reason(book_path: Path) -> None:
    book = Book.open(book_path)
    household = sorted(views.households(book), key=lambda h: h.id)[-1]
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_household(pilot, household)
        await pilot.press("delete", "enter")  # no reason: refused
        await pilot.pause()
        assert app.book.get(Household, household.id) is not None
        await type_text(pilot, "entered twice")
        await pilot.press("enter")
        await settle(pilot)
    book = Book.open(book_path)
    assert book.get(Household, household.id) is None
    assert book.raw_record(Household.TABLE, household.id)["fields"]["removed_reason"][-1][0] \
        == "entered twice"


# 8. undo ---------------------------------------------------------------------------------------
async def test_undo_takes_back_a_tick_a_test_and_a_release(book_path: Path) -> None:
    book = Book.open(book_path)
    household = quarantined(book)
    garbage = item_id(household.id, ItemKind.GARBAGE, TODAY)
    was_done = book.require(ChecklistItem, garbage).done
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_household(pilot, household)
        await cursor_on(pilot, garbage)
        await pilot.press("space")
        await settle(pilot)
        assert app.book.require(ChecklistItem, garbage).done is not was_done
        await pilot.press("u")
        await settle(pilot)
        assert app.book.require(ChecklistItem, garbage).done is was_done
        await pilot.press("t", "ctrl+s")
        await settle(pilot)
        assert recorded_today(app.book, household)
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("r")
        await type_text(pilot, "wrong household")
        await pilot.press("enter")
        await settle(pilot)
        assert app.book.require(Household, household.id).status == Status.RELEASED
        await pilot.press("u")
        await settle(pilot)
    book = Book.open(book_path)
    assert book.require(ChecklistItem, garbage).done is was_done
    assert recorded_today(book, household) == []
    assert not book.require(ChecklistItem, item_id(household.id, ItemKind.TEST, TODAY)).done
    assert book.require(Household, household.id).status == Status.QUARANTINE
    assert book.current_quarantine(household.id).released_on is None
    assert household.id in {h.id for h, _ in views.today(book, TODAY).tests_due}


# the work itself: people, needs, the journal ------------------------------------------------------
async def test_a_person_is_added_with_age_and_sex_from_the_id_number(book_path: Path) -> None:
    household = quarantined(Book.open(book_path))
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_household(pilot, household)
        await pilot.press("i", "end", "enter")  # the picker: "+ Add a person"
        await type_text(pilot, "Li Na")
        await pilot.press("tab", "tab")
        await type_text(pilot, "11010519491231002X")
        await pilot.press("tab", "tab", "tab", "right")  # returnee: yes
        await pilot.press("tab")
        await type_text(pilot, "Changchun")
        await pilot.press("tab")
        await type_text(pilot, "3-19")
        await pilot.press("ctrl+s")
        await settle(pilot)
        shown = "\n".join(screen_lines(app))
        assert "Li Na" in shown
    person = Book.open(book_path).require(Household, household.id).people[-1]
    assert (person.name, person.returnee, person.origin) == ("Li Na", True, "Changchun")
    assert person.arrived == TODAY.replace(month=3, day=19)
    assert person.sex_shown().value == "f" and person.age_on(TODAY) == 72


async def test_a_need_is_written_and_becomes_an_errand_in_one_key(book_path: Path) -> None:
    household = quarantined(Book.open(book_path))
    needs = item_id(household.id, ItemKind.NEEDS, TODAY)
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_household(pilot, household)
        await cursor_on(pilot, needs)
        if app.book.require(ChecklistItem, needs).done:
            await pilot.press("space")
            await settle(pilot)
        await pilot.press("space")
        await type_text(pilot, "blood pressure pills")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("o")  # the need becomes the errand's items
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("escape", "2")
        await pilot.pause()
        assert any("blood pressure" in line for line in screen_lines(app))  # the needs board
    book = Book.open(book_path)
    item = book.require(ChecklistItem, needs)
    assert item.done and item.note == "blood pressure pills"
    errand = book.require(Errand, item.errand)
    assert errand.items == "blood pressure pills" and errand.household == household.id
    grouped = [e for e in book.log_on(TODAY) if e.event == "ticks_grouped"
               and e.params["kind"] == "needs"]
    assert len(grouped) == 1 and "blood pressure pills" in grouped[0].params["addresses"]


async def test_today_looks_at_tomorrow_and_the_week_ahead(book_path: Path) -> None:
    book = Book.open(book_path)
    week = views.plan(book, TODAY + timedelta(days=1), 7)
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w", "w")
        await pilot.pause()
        table = app.screen.query_one("#today-list")
        assert table.row_count == len(week) > 0
        lines = "\n".join(screen_lines(app))
        assert f"tests {sum(1 for r in week if r[1] == ItemKind.TEST)}" in lines
        await pilot.press("w")  # round again: today
        await pilot.pause()
        assert app.screen.span == 0


# the journal covers the day; the line list counts tests per person ----------------------------
def test_errands_taken_and_repaid_are_one_journal_line_a_day_each(book_path: Path) -> None:
    from datetime import datetime, time

    from store import actions

    book = Book.open(book_path)
    homes = sorted(views.households(book), key=lambda h: h.id)[:2]
    due = datetime.combine(TODAY, time(18))
    when = datetime.combine(TODAY, time(9))
    errands = [actions.add_errand(book, h.id, f"rice {i}", due, 1000, when=when)
               for i, h in enumerate(homes)]
    for errand in errands:
        actions.set_errand_status(book, errand.id, ErrandStatus.ACCEPTED, when=when)
    actions.set_errand_repaid(book, errands[0].id, 1000, when=when)
    entries = [e for e in Book.open(book_path).log_on(TODAY) if e.event.startswith("errands_")]
    taken = [e for e in entries if e.event == "errands_accepted"]
    repaid = [e for e in entries if e.event == "errands_repaid"]
    assert len(taken) == 1 and taken[0].params["count"] == "2"
    assert "rice 0" in taken[0].params["errands"] and "rice 1" in taken[0].params["errands"]
    assert len(repaid) == 1 and "10.00" in repaid[0].params["errands"]
    actions.undo_errand_step(book, errands[0].id, when=when)  # the repayment taken back
    assert not any(e.event == "errands_repaid" for e in Book.open(book_path).log_on(TODAY))


def test_the_line_list_counts_tests_per_person(book_path: Path) -> None:
    from store import actions
    from store.office.report import line_list_table

    book = Book.open(book_path, clock=on_today())
    household = quarantined(book)
    first, second = household.people[0].name, household.people[1].name
    actions.record_test(book, household.id, TODAY, person=first)
    rows = {r["name"]: r["tests"] for r in line_list_table(Book.open(book_path), TODAY).rows
            if r["address"] == household.address}
    assert rows[first] == rows[second] + 1
