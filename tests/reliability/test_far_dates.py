"""Item 2 of issue 17: every date a person or a file gives is bounded; a far date gets a
sentence, never an item for every day up to it, never an OverflowError.

- a release day of 9999-12-31 (typed, or as "+7" from such a day) is refused with a
  sentence, and no checklist item is made;
- a file whose quarantine ends 9999-12-31 has that record set aside (a day after 2100 is
  not a day any record holds); the rest opens;
- `report --date 9999-12-31`, `purge --days 999...`, the log's go-to-date far ahead:
  a sentence and a usage exit, never a traceback.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from screens.messages import OpenHousehold
from store import actions
from store.book.book import Book
from store.book.clock import FixedClock
from store.book.models import ChecklistItem, Household, Quarantine
from store.errors import BookError
from store.lang import set_lang
from tui.cli import main

TODAY = date(2022, 3, 12)


def test_a_release_day_in_9999_is_refused_and_makes_no_items(book_path: Path) -> None:
    set_lang("en")
    book = Book.open(book_path)
    quarantine = book.all(Quarantine)[0]
    before = book.record_count()
    for far in (date(9999, 12, 31), date(2030, 1, 1)):
        with pytest.raises(BookError) as raised:
            actions.change_quarantine_end(book, quarantine.id, far, "typo", on=TODAY)
        assert "longer than the policy" in raised.value.sentence()
    assert Book.open(book_path).record_count() == before
    assert Book.open(book_path).require(Quarantine, quarantine.id).end == quarantine.end


def test_a_file_with_a_quarantine_ending_in_9999_sets_it_aside(book_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(book_path.read_text())
    raw = next(iter(data["quarantines"].values()))
    raw["fields"]["end"][0][0] = "9999-12-31"
    book_path.write_text(json.dumps(data, ensure_ascii=False))
    book = Book.open(book_path)
    assert not book.all(Quarantine)
    assert len(book.set_aside) == 1 and book.all(Household)
    assert main(["--lang", "en", "check", str(book_path)]) == 1
    assert main(["--lang", "en", "report", str(book_path), "--date", "2022-03-12"]) == 0
    said = capsys.readouterr()
    assert "Traceback" not in said.err


@pytest.mark.parametrize("argv", [
    ["report", "{book}", "--date", "9999-12-31"],
    ["report", "{book}", "--date", "0001-01-01"],
    ["purge", "{book}", "--days", "9" * 5000],
    ["purge", "{book}", "--days", "99999999999"],
    ["purge", "{book}", "--date", "9999-12-31"],
])
def test_far_days_on_the_command_line_get_a_sentence(book_path: Path, argv: list[str],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    before = book_path.read_bytes()
    with pytest.raises(SystemExit) as raised:
        main(["--lang", "en", *(a.format(book=book_path) for a in argv)])
    said = capsys.readouterr()
    assert raised.value.code == 2
    assert "Traceback" not in said.err and said.err.count("\n") == 1
    assert "too far from today" in said.err or "years from today" in said.err or "at most" in said.err
    assert book_path.read_bytes() == before


async def test_far_days_in_the_app_get_a_sentence(book_path: Path) -> None:
    from tui.app import GridbookApp

    set_lang("en")
    book = Book.open(book_path, clock=FixedClock.on(TODAY))
    items_before = len(book.all(ChecklistItem))
    household = book.all(Household)[0]
    app = GridbookApp(book, refresh_seconds=None)
    async with app.run_test(size=(80, 24)) as pilot:
        # the log's go-to-date, far ahead
        await pilot.press("2", "g", "ctrl+u", *"9999-12-31", "enter")
        await pilot.pause()
        assert app.is_running and "too far from today" in _screen(app)
        await pilot.press("escape", "right_square_bracket", "left_square_bracket")
        await pilot.pause()
        # the release day: 9999-12-31, then a month away, then +7 from the current one
        app.post_message(OpenHousehold(household.id))
        await pilot.pause()
        for typed in ("9999-12-31", "2030-01-01"):
            await pilot.press("x", "ctrl+u", *typed, "tab", *"typo", "enter")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.is_running
            assert "too far from today" in _screen(app) or "longer than the policy" in \
                " ".join(app.notices_shown)
            if type(app.screen).__name__ == "ChangeEndForm":
                await pilot.press("escape")  # a filled form asks before it is discarded
                await pilot.pause()
                assert type(app.screen).__name__ == "ConfirmScreen"
                await pilot.press("y")
                await pilot.pause()
            assert type(app.screen).__name__ == "HouseholdScreen"
        await pilot.press("x", "ctrl+u", *"+7", "tab", *"one more week", "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running
    reopened = Book.open(book_path)
    assert len(reopened.all(ChecklistItem)) - items_before <= 20  # a week more, not 2.9 million
    assert (reopened.all(Quarantine)[0].end - date(2022, 3, 24)).days == 7


def _screen(app) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())  # noqa: SLF001
