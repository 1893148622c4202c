"""n on the errand queue redraws the moved errand's row in place, and shows what a refill would.

The queue no longer refills its page after every key (on a year's book that read, sorted and
summed 1,800 errands each time). These tests prove the row drawn in place is what a whole
refill draws, on the same screen: the new state, the same order, the cursor on the errand,
the page kept; an errand that is delivered still leaves the open filter; an errand that fell
overdue while the worker was busy still gets its mark. The book reopened says the same.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

from textual.widgets import DataTable
from tui_helpers import TODAY, make_app, screen_lines, settle

from store import actions
from store.book.book import Book
from store.book.clock import FixedClock
from store.book.models import Errand, ErrandStatus, Household, Status

SIZE = (80, 24)


def quarantined(book: Book) -> Household:
    return next(h for h in sorted(book.all(Household), key=lambda h: h.id)
                if h.status == Status.QUARANTINE and book.current_quarantine(h.id) is not None)


def add_errands(book_path: Path) -> dict[str, str]:
    """Three requested errands: one overdue at 10:00, one due at 10:30, one tomorrow."""
    book = Book.open(book_path)
    household = quarantined(book)
    made = {items: actions.add_errand(book, household.id, items, due, 500).id
            for items, due in (("late milk", datetime(2022, 3, 20, 9, 0)),
                               ("early soap", datetime(2022, 3, 21, 10, 30)),
                               ("rice", datetime(2022, 3, 22, 9, 0)))}
    return made


def table_of(app: Any) -> DataTable:
    return app.screen.query_one("#errands-list", DataTable)


def shown(app: Any) -> tuple[list[str], str | None, list[str]]:
    """The table's row keys in order, the key under the cursor, and the screen's lines."""
    table = table_of(app)
    keys = [str(row.key.value) for row in table.ordered_rows]
    return keys, keys[table.cursor_row] if keys else None, screen_lines(app)


def count_refills(screen: Any) -> list[int]:
    """Count the times the screen refills its whole page from the book."""
    calls: list[int] = []
    refill: Callable[[], None] = screen.refill

    def counted() -> None:
        calls.append(1)
        refill()
    screen.refill = counted
    return calls


def row_line(app: Any, items: str) -> str:
    return next(line for line in screen_lines(app) if items in line)


def status_of(app: Any, items: str) -> str:
    """The status column of an errand's row (after its short id)."""
    short_id, status = row_line(app, items).split()[:2]
    assert len(short_id) == 4 and short_id.isalnum(), short_id
    return status


async def test_n_redraws_the_row_in_place_as_a_refill_would(book_path: Path) -> None:
    made = add_errands(book_path)
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        app.screen.show_errand(made["rice"])
        await pilot.pause()
        keys_before, cursor_before, lines_before = shown(app)
        assert cursor_before == made["rice"]
        assert status_of(app, "rice") == "requested"
        refills = count_refills(app.screen)
        await pilot.press("n")
        await settle(pilot)
        keys, cursor, lines = shown(app)
        assert status_of(app, "rice") == "accepted"
        assert keys == keys_before and cursor == made["rice"]
        assert lines[1:3] == lines_before[1:3]  # the totals line: nothing owed changed
        assert refills == []  # drawn in place
        app.screen.refill()  # what the whole page looks like drawn again from the book
        await pilot.pause()
        assert shown(app) == (keys, cursor, lines)
    assert Book.open(book_path).require(Errand, made["rice"]).status == ErrandStatus.ACCEPTED


async def test_paid_back_redraws_the_money_and_the_totals_as_a_refill_would(
        book_path: Path) -> None:
    made = add_errands(book_path)
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        app.screen.show_errand(made["early soap"])
        await pilot.pause()
        totals_before = shown(app)[2][1:3]
        refills = count_refills(app.screen)
        await pilot.press("p", "y")
        await settle(pilot)
        keys, cursor, lines = shown(app)
        assert "¥5.00✓" in row_line(app, "early soap")
        assert lines[1:3] != totals_before
        assert len(refills) == 1  # when the question closed; the saved edit then in place
        app.screen.refill()
        await pilot.pause()
        assert shown(app) == (keys, cursor, lines)
    assert Book.open(book_path).require(Errand, made["early soap"]).repaid == 500


async def test_a_delivered_errand_still_leaves_the_open_filter(book_path: Path) -> None:
    made = add_errands(book_path)
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        app.screen.show_errand(made["rice"])
        await pilot.pause()
        open_count = table_of(app).row_count
        for _ in range(3):  # accepted, bought, delivered
            await pilot.press("n")
            await settle(pilot)
        assert made["rice"] not in table_of(app).rows
        assert table_of(app).row_count == open_count - 1
        assert not any("rice" in line for line in screen_lines(app))
        assert f"{open_count - 1}/{open_count - 1}" in screen_lines(app)[1]
        await pilot.press("f", "f")  # overdue, then done
        await pilot.pause()
        assert status_of(app, "rice") == "delivered"
    assert Book.open(book_path).require(Errand, made["rice"]).status == ErrandStatus.DELIVERED


async def test_an_errand_that_fell_overdue_meanwhile_gets_its_mark_on_the_next_key(
        book_path: Path) -> None:
    made = add_errands(book_path)
    clock = FixedClock.on(TODAY)
    app = make_app(book_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        app.screen.show_errand(made["rice"])
        await pilot.pause()
        assert status_of(app, "early soap") == "requested"
        assert "!overdue 1" in screen_lines(app)[1]
        clock.set(datetime.combine(TODAY, time(11, 0)))  # the soap was due at 10:30
        await pilot.press("n")
        await settle(pilot)
        assert status_of(app, "early soap") == "!requested"
        assert status_of(app, "rice") == "accepted"
        assert "!overdue 2" in screen_lines(app)[1]
        assert shown(app)[1] == made["rice"]


async def test_n_on_the_second_page_keeps_the_page(book_path: Path) -> None:
    book = Book.open(book_path)
    household = quarantined(book)
    start = datetime(2022, 3, 23, 9, 0)
    with book.batch():
        for number in range(205):
            actions.add_errand(book, household.id, f"bread {number:03d}",
                               start + timedelta(minutes=number))
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "right_square_bracket")
        await pilot.pause()
        table = table_of(app)
        keys_before = shown(app)[0]
        table.move_cursor(row=2)
        await pilot.pause()
        moved = shown(app)[1]
        assert moved is not None and "page 2/2" in screen_lines(app)[1]
        await pilot.press("n")
        await settle(pilot)
        keys, cursor, lines = shown(app)
        assert keys == keys_before and cursor == moved and "page 2/2" in lines[1]
        assert Book.open(book_path).require(Errand, moved).status == ErrandStatus.ACCEPTED
        app.screen.refill()
        await pilot.pause()
        assert shown(app) == (keys, cursor, lines)
