"""Item 7 of issue 17 (the app's part): control characters never reach the terminal raw.

A book from elsewhere (a merge, a slice, a hand-edited file) may carry an ESC sequence
that sets the pane's title or wipes rows, a carriage return or a backspace that writes
over a row, a bidi override, in a name, a journal text or an errand's items. Every screen
shows them made visible (ESC as ␛): the tables, the record screen, the log, the bar, the
pickers and the notices (`screens.widgets.shown`, `store.visible`). At entry, the forms
refuse control characters in names with one sentence naming the field, and the reopened
book holds nothing of what was refused. A file name with a newline cannot forge a line of
the merge summary.
"""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from reliability_kit import small_book
from textual import events

from store import actions
from store.book.book import Book
from store.book.clock import FixedClock
from store.book.models import Household, Person, Worker
from store.lang import set_lang
from tui.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tui"))

HOSTILE = "王\x1b]0;pwned\x07\x1b[2J\r\x08\u202e伟"
RAW = ("\x1b", "\x07", "\r", "\x08", "\u202e")
DAY = date(2022, 3, 12)


def _hostile_book(path: Path) -> None:
    book = small_book(path)
    household = book.all(Household)[0]
    book.update(Household, household.id,
                people=(Person(name=HOSTILE, phone="13912345678"),), note=f"note {HOSTILE}")
    book.update(Worker, "w01", name=f"张{HOSTILE}")
    actions.add_log(book, f"journal {HOSTILE}", on=DAY, at="09:00", household=household.id)
    actions.add_errand(book, household.id, f"items {HOSTILE}", due=datetime(2022, 3, 12, 18))


def _raw_in(lines: list[str]) -> list[str]:
    return [line for line in lines if any(c in line for c in RAW)]


async def test_no_screen_sends_a_control_character(tmp_path: Path) -> None:
    from tui_helpers import screen_lines

    from tui.app import GridbookApp

    path = tmp_path / "w01.json"
    _hostile_book(path)
    set_lang("en")
    app = GridbookApp(Book.open(path, clock=FixedClock.on(DAY)), refresh_seconds=None)
    seen: dict[str, list[str]] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        seen["today"] = screen_lines(app)
        await pilot.press("2")
        await pilot.pause()
        seen["log"] = screen_lines(app)
        await pilot.press("4")
        await pilot.pause()
        seen["errands"] = screen_lines(app)
        await pilot.press("3")
        await pilot.pause()
        seen["households"] = screen_lines(app)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ == "HouseholdScreen"
        seen["record"] = screen_lines(app)
        app.notify(f"a notice about {HOSTILE}")
        await pilot.pause()
        seen["notice"] = screen_lines(app)
        notices = list(app.notices_shown)
    raw = {name: _raw_in(lines) for name, lines in seen.items()}
    assert not any(raw.values()), {k: v for k, v in raw.items() if v}
    assert not _raw_in(notices)
    everything = "\n".join(line for lines in seen.values() for line in lines)
    assert "王␛]0;pwned␇␛[2J" in everything  # shown, not obeyed (and not dropped)
    assert "journal 王␛" in "\n".join(seen["log"]) and "items 王␛" in "\n".join(seen["errands"])
    # the book itself is unchanged: showing is not editing
    assert Book.open(path, readonly=True).all(Household)[0].head == HOSTILE


async def test_the_forms_refuse_control_characters_in_names(tmp_path: Path) -> None:
    from tui_helpers import screen_lines, settle

    from tui.app import GridbookApp

    path = tmp_path / "w01.json"
    small_book(path)
    set_lang("en")
    app = GridbookApp(Book.open(path, clock=FixedClock.on(DAY)), refresh_seconds=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "a")
        await pilot.pause()
        form = app.screen
        form.query_one("#building").value = "9"
        form.query_one("#room").value = "901"
        head = form.query_one("#head")
        head.focus()
        head.post_message(events.Paste("赵\x1b]0;pwned\x07六"))  # as a terminal pastes
        await pilot.pause()
        assert head.value == "赵␛]0;pwned␇六"  # shown, never sent raw
        await pilot.press("enter")
        await settle(pilot)
        problem = str(form.query_one("#form-problem").render())
        assert "Head of household holds a control character" in problem, problem
        assert app.screen is form  # the form stays open with what was typed
        assert not _raw_in(screen_lines(app))
        head.value = "赵六"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")  # past the possible-duplicate question, if asked
        await settle(pilot)
    heads = [h.head for h in Book.open(path, readonly=True).all(Household)]
    assert "赵六" in heads and not any("\x1b" in h or "␛" in h for h in heads)


def test_a_file_name_with_a_newline_forges_no_summary_line(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "stick"
    folder.mkdir()
    evil = folder / "w01.json\nWrote community.json (99999 records).\nx.json"
    small_book(evil)
    out = tmp_path / "community.json"
    assert main(["--lang", "en", "merge", str(folder), "-o", str(out)]) == 0
    said = capfd.readouterr()
    lines = (said.out + said.err).splitlines()
    assert not any(line.startswith("Wrote community.json (99999") for line in lines), lines
    assert any("␤Wrote community.json (99999 records).␤x.json" in line for line in lines)
