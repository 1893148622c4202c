"""Screens that close let go of what they drew (screens/letgo.py; issue 17 item 15).

Textual keeps the line cache of up to 1,024 gone widgets (an `lru_cache` on a method of
their style cache) and keeps every text area alive through the app's theme watchers; both
made a long day's memory grow by about 4 MB a hundred actions. Here forms and records are
opened and closed many times under `run_test`, and what is still alive is counted: the
lines drawn (Textual's `Strip`s) and the text fields must not grow with the number of
forms and records opened.
"""

from __future__ import annotations

import asyncio
import gc
from pathlib import Path

from textual.strip import Strip
from textual.widgets import DataTable, TextArea
from tui_helpers import TODAY, make_app, settle, type_text

from screens.confirm import ConfirmScreen
from screens.conflicts import ConflictsScreen
from screens.help import HelpScreen
from screens.household import HouseholdScreen
from store.book.book import Book
from store.book.models import Household, LogEntry

SIZE = (80, 24)


def _alive(kind: type) -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, kind))


async def _open_and_close(pilot, times: int) -> None:  # type: ignore[no-untyped-def]
    for _ in range(times):
        await pilot.press("2", "a")  # the log entry form (a text area)
        await type_text(pilot, "draft")
        await pilot.press("escape")
        await pilot.pause()
        if isinstance(pilot.app.screen, ConfirmScreen):  # discard the draft?
            await pilot.press("y")
            await pilot.pause()
        await pilot.press("3", "enter")  # a household's record
        await pilot.pause()
        assert isinstance(pilot.app.screen, HouseholdScreen)
        await pilot.press("escape")
        await pilot.pause()


async def test_forms_and_records_closed_leave_nothing_drawn_behind(book_path: Path) -> None:
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await _open_and_close(pilot, 5)
        strips, fields = _alive(Strip), _alive(TextArea)
        await _open_and_close(pilot, 25)
        await settle(pilot)
        more_strips, more_fields = _alive(Strip), _alive(TextArea)
        # the entry form closed every time: no text area is left, whatever was opened
        assert more_fields <= max(fields, 1), (fields, more_fields)
        # 25 more forms and records drew thousands of lines; what is left is what the
        # screens still shown hold (a few hundred lines), not a share of every screen closed
        assert more_strips <= strips * 1.2 + 200, (strips, more_strips)
        await pilot.press("2", "a")
        await type_text(pilot, "kept")
        await pilot.press("enter")
        await settle(pilot)
    assert [e.text for e in Book.open(book_path).log_on(TODAY) if e.text == "kept"] == ["kept"]
    assert all(isinstance(e, LogEntry) for e in Book.open(book_path).log_on(TODAY))


async def test_a_record_resumed_while_it_closes_draws_nothing(book_path: Path) -> None:
    """Under load a record can be closed before it takes the resume Textual posted when it
    was shown; drawing it then found no widgets and closed the app (seen in the soak)."""
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "enter")
        await pilot.pause()
        record = app.screen
        assert isinstance(record, HouseholdScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is not record
        record.on_screen_resume()  # what the late resume does: nothing, and no error
        await pilot.press("2", "a")
        await type_text(pilot, "still here")
        await pilot.press("enter")
        await settle(pilot)
        assert app.return_code is None  # the app still runs
    assert any(e.text == "still here" for e in Book.open(book_path).log_on(TODAY))


async def test_a_screen_closed_before_it_was_built_is_left_alone(book_path: Path) -> None:
    """Enter and Escape at once on a busy machine: the record is closed before its Mount is
    handled, and setting up its table found no widgets and closed the app (NoMatches, seen
    in the memory soak). Records, F1 and F6 are pushed and popped with 0-4 turns of the
    loop between, and the app goes on; a record left open is set up as before."""
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        household = app.book.all(Household)[0].id
        screens = [lambda: HouseholdScreen(household), lambda: HelpScreen(app.help_rows()),
                   ConflictsScreen]
        for turn in range(15):
            app.push_screen(screens[turn % 3]())
            for _ in range(turn % 5):
                await asyncio.sleep(0)
            app.pop_screen()
            await pilot.pause()
        await settle(pilot)
        assert app.return_code is None  # the app still runs
        await pilot.press("3", "enter")
        await settle(pilot)
        record = app.screen
        assert isinstance(record, HouseholdScreen)
        assert len(record.query_one(DataTable).columns) == 2 and record.query_one(DataTable).has_focus
