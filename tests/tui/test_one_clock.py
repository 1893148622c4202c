"""One clock passed in (issue 16 item 7): the screens and the book's actions read the same
clock, so a tick made in the app carries the app's day and time. Asserted on the reopened
book."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path

import pytest
from tui_helpers import TODAY, make_app, settle, type_text

from store.book.book import Book
from store.book.clock import FixedClock
from store.book.ids import derived_id
from store.book.models import ChecklistItem, Household, ItemKind, LogEntry, Status

SIZE = (80, 24)


async def test_a_tick_and_an_entry_in_the_app_carry_the_apps_time(book_path: Path) -> None:
    book = Book.open(book_path)
    garbage, household = next(
        (i, h) for i in sorted(book.items_on(TODAY), key=lambda i: i.id)
        if i.kind == ItemKind.GARBAGE and not i.done
        and (h := book.require(Household, i.household)).status == Status.QUARANTINE and h.phone)
    app = make_app(book_path, clock=FixedClock.on(TODAY, time(9, 41)))
    assert app.today() == TODAY and app.now() == datetime.combine(TODAY, time(9, 41))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "slash")
        await type_text(pilot, household.phone)
        await pilot.press("enter", "enter")
        await pilot.pause()
        table = app.screen.query_one("#record-checklist")
        table.move_cursor(row=table.get_row_index(garbage.id))
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("2", "a")
        await type_text(pilot, "door checks")
        await pilot.press("enter")
        await settle(pilot)
    again = Book.open(book_path)
    assert again.require(ChecklistItem, garbage.id).done_at == datetime.combine(TODAY, time(9, 41))
    grouped = again.require(LogEntry, derived_id("auto", f"ticks/garbage/{TODAY}"))
    assert grouped.at == "09:41"
    typed = next(e for e in again.log_on(TODAY) if e.text == "door checks")
    assert typed.at == "09:41"


def test_the_app_has_one_clock(book_path: Path) -> None:
    from tui.app import GridbookApp

    with pytest.raises(ValueError):
        GridbookApp(Book.open(book_path), clock=FixedClock.on(TODAY), refresh_seconds=None)
