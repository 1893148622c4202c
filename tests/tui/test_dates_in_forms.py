"""The forms read dates, times and money with the shell's reader (store/parsing.py)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

from tui_helpers import TODAY, burst, settle, text_keys, type_text

from store import lang
from store.book.book import Book
from store.book.clock import FixedClock
from store.book.models import Errand, Household, Status, TestRecord

SIZE = (80, 24)


def app_at(path: Path, at: time, language: str = "en"):  # type: ignore[no-untyped-def]
    from tui.app import GridbookApp

    lang.set_lang(language)
    return GridbookApp(Book.open(path, clock=FixedClock.on(TODAY, at)), refresh_seconds=None)


def quarantined(book: Book) -> Household:
    return next(h for h in sorted(book.all(Household), key=lambda h: h.id)
                if h.status == Status.QUARANTINE and h.phone)


async def test_errand_typed_at_23_57_is_due_tomorrow_evening(book_path: Path) -> None:
    household = quarantined(Book.open(book_path))
    app = app_at(book_path, time(23, 57))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "a")
        await type_text(pilot, household.phone)
        await burst(pilot, "tab", *text_keys("milk"), "ctrl+s")
    [errand] = [e for e in Book.open(book_path).all(Errand) if e.items == "milk"]
    assert errand.due == datetime.combine(TODAY + timedelta(days=1), time(18))
    assert not errand.overdue(datetime.combine(TODAY, time(23, 57)))


async def test_test_form_takes_zuotian_and_full_width_digits(book_path: Path) -> None:
    household = quarantined(Book.open(book_path))
    app = app_at(book_path, time(10), "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "slash")
        await type_text(pilot, household.phone)
        await pilot.press("enter", "enter")
        await settle(pilot)
        await pilot.press("t", "ctrl+u")
        await settle(pilot)
        app.screen.query_one("#on").value = "昨天"  # as an input method commits it
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("t", "ctrl+u")
        await settle(pilot)
        app.screen.query_one("#on").value = f"{TODAY.month}月{TODAY.day - 2}日"
        await pilot.press("enter")
        await settle(pilot)
    days = {r.on for r in Book.open(book_path).all(TestRecord) if r.household == household.id}
    assert {TODAY - timedelta(days=1), TODAY - timedelta(days=2)} <= days


async def test_errand_form_says_every_problem_and_goes_to_the_first(book_path: Path) -> None:
    app = app_at(book_path, time(10))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "a")
        await settle(pilot)
        await burst(pilot, "tab", "tab", "ctrl+u", *text_keys("three"), "tab", "ctrl+u",
                    *text_keys("someday"), "ctrl+s")
        problem = str(app.screen.query_one("#form-problem").render())
        assert "Household" in problem and "Items" in problem
        assert "three" in problem and "someday" in problem
        assert app.screen.focused.id == "picker-query"
