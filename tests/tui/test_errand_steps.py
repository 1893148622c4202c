"""Errands in the worker's hands (issue 11 #5, money filter): the cursor stays on the errand
acted on (or the one that took its place), an errand can be corrected, a step taken by
mistake (a cancellation too) can be undone; each asserted on the reopened book."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from textual.widgets import DataTable
from tui_helpers import make_app, screen_lines, settle

from store import actions
from store.book.book import Book
from store.book.models import Errand, ErrandStatus, Household, Status

SIZE = (80, 24)


def add_errands(book_path: Path) -> dict[str, str]:
    """Only these three errands open, in this order on the queue: a, b, c."""
    book = Book.open(book_path)
    for errand in book.all(Errand):
        if errand.open:
            actions.set_errand_status(book, errand.id, ErrandStatus.CANCELLED)
    household = next(h for h in sorted(book.all(Household), key=lambda h: h.id)
                     if h.status == Status.QUARANTINE)
    return {items: actions.add_errand(book, household.id, items, due, 1250).id
            for items, due in (("aaa milk", datetime(2022, 3, 22, 9, 0)),
                               ("bbb soap", datetime(2022, 3, 22, 10, 30)),
                               ("ccc rice", datetime(2022, 3, 23, 9, 0)))}


def cursor_key(app: Any) -> str:
    table = app.screen.query_one("#errands-list", DataTable)
    return str(table.ordered_rows[table.cursor_row].key.value)


def reopened(path: Path, errand_id: str) -> Errand:
    return Book.open(path, readonly=True).require(Errand, errand_id)


async def test_cursor_stays_in_place_after_an_errand_leaves_the_list(book_path: Path) -> None:
    made = add_errands(book_path)
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        app.screen.show_errand(made["bbb soap"])
        await settle(pilot)
        assert cursor_key(app) == made["bbb soap"]
        await pilot.press("c", "y")  # cancel b: it leaves the open list
        await settle(pilot)
        assert cursor_key(app) == made["ccc rice"]  # the one in its place, not the top row
        await pilot.press("n", "n")  # in a burst: both act on c
        await settle(pilot)
        assert cursor_key(app) == made["ccc rice"]
    assert reopened(book_path, made["bbb soap"]).status == ErrandStatus.CANCELLED
    assert reopened(book_path, made["ccc rice"]).status == ErrandStatus.BOUGHT
    assert reopened(book_path, made["aaa milk"]).status == ErrandStatus.REQUESTED


async def test_undo_a_mistaken_step_and_a_cancellation(book_path: Path) -> None:
    made = add_errands(book_path)
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        app.screen.show_errand(made["aaa milk"])
        await settle(pilot)
        await pilot.press("n", "n")  # accepted, then bought by mistake
        await settle(pilot)
        await pilot.press("u")
        await pilot.pause()
        assert any("Undo the last step" in line and "bought" in line
                   for line in screen_lines(app))
        await pilot.press("y")
        await settle(pilot)
        assert cursor_key(app) == made["aaa milk"]
        assert reopened(book_path, made["aaa milk"]).status == ErrandStatus.ACCEPTED
        await pilot.press("c", "y")  # cancelled by mistake
        await settle(pilot)
        await pilot.press("f", "f", "f", "f")  # the "all" filter shows it
        await settle(pilot)
        app.screen.show_errand(made["aaa milk"])
        await settle(pilot)
        await pilot.press("u", "y")
        await settle(pilot)
    errand = reopened(book_path, made["aaa milk"])
    assert errand.status == ErrandStatus.ACCEPTED
    kinds = [(s.kind, s.undone_on is not None) for s in errand.steps]
    assert kinds == [("requested", False), ("accepted", False), ("bought", True),
                     ("cancelled", True)]
    assert all(s.worker == "w01" and s.on.isoformat() == "2022-03-21" for s in errand.steps[1:])


async def test_edit_an_errand_and_the_not_repaid_filter(book_path: Path) -> None:
    made = add_errands(book_path)
    app = make_app(book_path, language="zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        app.screen.show_errand(made["bbb soap"])
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        items = app.screen.query_one("#items")
        items.value = "bbb 肥皂两块"
        app.screen.query_one("#advanced").value = "20.50"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert cursor_key(app) == made["bbb soap"]
        await pilot.press("p", "y")  # c's money is repaid
        await settle(pilot)
        await pilot.press("f", "f", "f")  # open -> overdue -> done -> not repaid
        await settle(pilot)
        table = app.screen.query_one("#errands-list", DataTable)
        shown = {str(row.key.value) for row in table.ordered_rows}
        assert made["aaa milk"] in shown and made["ccc rice"] in shown
        assert made["bbb soap"] not in shown
        assert any("未还清" in line for line in screen_lines(app))
    errand = reopened(book_path, made["bbb soap"])
    assert (errand.items, errand.advanced, errand.repaid) == ("bbb 肥皂两块", 2050, 2050)
    assert [(s.kind, s.advanced, s.repaid) for s in errand.steps] == [
        ("requested", 1250, 0), ("edited", 800, 0), ("repaid", 0, 2050)]
