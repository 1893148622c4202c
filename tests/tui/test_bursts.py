"""Keys in bursts, as a slow SSH link or a paste without bracketed paste delivers them.

`burst` sends every key in one go (Pilot's `press` waits for the app to go idle after each
key, which a real terminal never does). Each test then reopens the book from disk: a burst
may neither crash the app, close the screen behind a form, nor lose what was typed.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from tui_helpers import TODAY, burst, make_app, paste, settle, text_keys, type_text

from screens.form import FormScreen
from store.book.book import Book
from store.book.models import Errand, Household, Status, TestRecord

SIZE = (80, 24)


def quarantined(book: Book) -> Household:
    return next(h for h in sorted(book.all(Household), key=lambda h: h.id)
                if h.status == Status.QUARANTINE and book.current_quarantine(h.id) is not None
                and h.phone)


def typed_log(path: Path) -> list[str]:
    return sorted(e.text for e in Book.open(path).log_on(TODAY) if not e.auto)


async def open_record(pilot, household: Household) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("3", "slash")
    await type_text(pilot, household.phone)
    await pilot.press("enter", "enter")
    await settle(pilot)


async def test_log_entry_typed_with_the_key_that_opens_it_and_two_enters(book_path: Path) -> None:
    before = typed_log(book_path)
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await burst(pilot, "a", *text_keys("hello there"), "enter", "enter")
        assert app.return_code is None and len(app.screen_stack) == 1  # the log, not closed
    assert typed_log(book_path) == sorted(before + ["hello there"])


async def test_two_bursts_make_two_entries_and_nothing_else(book_path: Path) -> None:
    before = typed_log(book_path)
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await burst(pilot, "a", *text_keys("one"), "enter", "enter")
        await burst(pilot, "a", *text_keys("two"), "enter", "enter", "enter")
        assert app.return_code is None and len(app.screen_stack) == 1
    assert typed_log(book_path) == sorted(before + ["one", "two"])


async def test_tab_burst_puts_each_part_in_its_field(book_path: Path) -> None:
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await burst(pilot, "a", *text_keys("5\t1\t302\tZhang Wei\t13800000000"), "enter", "enter")
        assert app.return_code is None
    homes = [h for h in Book.open(book_path).all(Household) if h.head == "Zhang Wei"]
    assert [(h.building, h.unit, h.room, h.people[0].phone) for h in homes] == \
        [("5", "1", "302", "13800000000")]


async def test_test_form_double_enter_keeps_the_record_open(book_path: Path) -> None:
    household = quarantined(Book.open(book_path))
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_record(pilot, household)
        record = app.screen
        await burst(pilot, "t", "enter", "enter")
        assert app.return_code is None and app.screen is record  # the record stayed open
    tests = [r for r in Book.open(book_path).all(TestRecord)
             if r.household == household.id and r.on == TODAY]
    assert len(tests) >= 1


async def test_errand_form_burst_from_the_errand_queue(book_path: Path) -> None:
    household = quarantined(Book.open(book_path))
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await burst(pilot, "a", *text_keys(household.phone), "enter", "tab",
                    *text_keys("rice and eggs\t35.5"), "enter", "enter")
        assert app.return_code is None and len(app.screen_stack) == 1
    errands = [e for e in Book.open(book_path).all(Errand) if e.items == "rice and eggs"]
    assert [(e.household, e.advanced) for e in errands] == [(household.id, 3550)]


async def test_change_end_and_start_forms_in_bursts(book_path: Path) -> None:
    book = Book.open(book_path)
    household = quarantined(book)
    end = book.current_quarantine(household.id).end
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_record(pilot, household)
        record = app.screen
        await burst(pilot, "x", "ctrl+u", *text_keys("+2\tcough"), "enter", "enter")
        assert app.screen is record
    assert Book.open(book_path).current_quarantine(household.id).end == end + timedelta(days=2)


async def test_household_edit_burst_and_escape_burst(book_path: Path) -> None:
    household = quarantined(Book.open(book_path))
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_record(pilot, household)
        record = app.screen
        await burst(pilot, "e", "escape", "escape")  # a second Escape must not leave the record
        assert app.screen is record
        await burst(pilot, "e", "tab", "tab", "ctrl+u", *text_keys("909"), "enter", "enter")
        assert app.screen is record and app.return_code is None
    assert Book.open(book_path).get(Household, household.id).room == "909"


async def test_date_form_and_confirm_in_bursts(book_path: Path) -> None:
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await burst(pilot, "g", "ctrl+u", *text_keys("-1"), "enter", "enter")
        assert app.return_code is None and len(app.screen_stack) == 1
        assert app.screen.day == TODAY - timedelta(days=1)


async def test_every_form_closes_once(book_path: Path) -> None:
    """The base class itself: dismissing twice pops one screen, never the one behind."""
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        form = FormScreen()
        await app.push_screen(form)
        await settle(pilot)
        form.dismiss(None)
        form.dismiss(None)
        await settle(pilot)
        assert len(app.screen_stack) == 1 and app.return_code is None


async def test_pasted_lines_kept_in_a_log_entry_and_joined_in_one_line_fields(book_path: Path) -> None:
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "a")
        await paste(pilot, "first line\nsecond line\n")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("3", "a")
        await settle(pilot)
        await paste(pilot, "5\n")
        assert app.screen.query_one("#building").value == "5"
        await pilot.press("tab", "tab", "tab")
        await paste(pilot, "Li\nNa")
        assert app.screen.query_one("#head").value == "Li Na"
    texts = typed_log(book_path)
    assert "first line\nsecond line" in texts


@pytest.mark.parametrize("end", ["\r", "\r\n"], ids=["cr", "crlf"])
async def test_pasted_line_ends_of_a_terminal_are_line_breaks_in_the_book(
        book_path: Path, end: str) -> None:
    """tmux and many terminals paste a line end as CR (WeChat on Windows as CRLF): the entry
    keeps its lines, never a visible ␍ in the resident's record."""
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "a")
        await settle(pilot)
        await paste(pilot, f"明天上午9点核酸{end}请提前准备")
        await pilot.press("enter")
        await settle(pilot)
    texts = typed_log(book_path)
    assert "明天上午9点核酸\n请提前准备" in texts, texts


async def test_paste_without_bracketed_paste_keeps_every_line(book_path: Path) -> None:
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "a")
        await settle(pilot)
        await burst(pilot, *text_keys("line one\nline two\n"))
        assert isinstance(app.screen, FormScreen)  # stays open: the Enters were line breaks
        assert app.screen.query_one("#text").text == "line one\nline two"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("3", "a")
        await settle(pilot)
        await pilot.press("tab", "tab", "tab")
        await burst(pilot, *text_keys("Wang\nFang\n"))
        assert app.screen.query_one("#head").value == "Wang Fang"
    assert "line one\nline two" in typed_log(book_path)


async def test_confirm_double_enter_answers_once(book_path: Path) -> None:
    household = quarantined(Book.open(book_path))
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_record(pilot, household)
        record = app.screen
        # an early move asks for a reason (the release form); Enter twice after it
        await burst(pilot, "m", *text_keys("family doctor says so"), "enter", "enter")
        assert app.screen is record and app.return_code is None
    assert Book.open(book_path).get(Household, household.id).status == Status.MONITORING


async def test_keys_behind_a_screen_key_go_to_that_screen(book_path: Path) -> None:
    """`3 a 7 Tab Tab 501 Tab Li Na ⏎` in one burst from Today: Households opens (its first
    time), its `a` opens the form, and the rest fills the form (found in tmux: the keys went
    to the search field while Households was still being built)."""
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the app has opened its first screen
        await burst(pilot, "3", "a", *text_keys("7\t\t501\tLi Na"), "enter", "enter")
        assert app.return_code is None
    homes = [h for h in Book.open(book_path).all(Household) if h.head == "Li Na"]
    assert [(h.building, h.room) for h in homes] == [("7", "501")]
