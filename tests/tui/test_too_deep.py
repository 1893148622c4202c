"""A book nested too deeply to be saved again (issue 16 item 1): `gridbook check` and the
TUI agree that it is damaged, and a book that becomes read-only after its first screen
(its deferred checks found it) says so on the screen at once."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from store.book.book import Book
from store.book.clock import FixedClock
from store.seed import seed_book

DAY = date(2022, 3, 21)


def _nested(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = [value]
    return value


@pytest.fixture
def deep_book(tmp_path: Path) -> Path:
    """A seeded book whose one journal entry holds a value 400 lists deep (orjson reads it,
    but cannot write it again)."""
    path = tmp_path / "deep.json"
    seed_book(path, "w01", households=4, days=6, today=DAY)
    data = json.loads(path.read_text(encoding="utf-8"))
    entry = next(iter(data["log"].values()))
    entry["fields"]["text"][0][0] = _nested(400)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_check_and_every_opening_call_it_damaged(deep_book: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from tui.cli import main

    before = deep_book.read_bytes()
    assert main(["--lang", "en", "check", str(deep_book)]) == 1
    assert "nested too deeply" in capsys.readouterr().err
    for readonly in (True, False):
        book = Book.open(deep_book, readonly=readonly)
        assert book.readonly and any(n.key == "too_deep" for n in book.notices)
    assert deep_book.read_bytes() == before


async def test_the_banner_shows_when_the_deferred_checks_make_it_read_only(
        deep_book: Path) -> None:
    from screens.widgets import ReadonlyBanner
    from store import lang
    from tui.app import GridbookApp

    lang.set_lang("en")
    before = deep_book.read_bytes()
    book = Book.open(deep_book, defer_checks=True, clock=FixedClock.on(DAY))
    assert not book.readonly  # the journal is only indexed: the nesting is not seen yet
    app = GridbookApp(book, refresh_seconds=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert book.readonly
        banner = app.screen.query_one(ReadonlyBanner)
        assert banner.display
        await pilot.press("2")  # another screen, mounted before or after: says it too
        await pilot.pause()
        assert app.screen.query_one(ReadonlyBanner).display
        await pilot.press("a")
        await pilot.pause()
    assert deep_book.read_bytes() == before
