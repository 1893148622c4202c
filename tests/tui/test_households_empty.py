"""An empty household list says why and what to do, in place of a bare 0/0."""

from __future__ import annotations

from pathlib import Path

from tui_helpers import TODAY, screen_lines, settle, type_text

from store import lang
from store.book.book import Book
from store.book.clock import FixedClock
from store.book.models import Worker

SIZE = (80, 24)


async def test_a_search_that_matches_nothing_says_so(book_path: Path) -> None:
    from tui_helpers import make_app

    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await settle(pilot)
        assert "No household matches" not in "\n".join(screen_lines(app))
        await pilot.press("slash")
        await type_text(pilot, "zzz")
        await settle(pilot)
        assert "No household matches: / changes the search" in "\n".join(screen_lines(app))
        for _ in range(3):
            await pilot.press("backspace")
        await settle(pilot)
        shown = "\n".join(screen_lines(app))
        assert "No household matches" not in shown and "栋" in shown


async def test_a_book_without_households_says_how_to_add_one(tmp_path: Path) -> None:
    from tui.app import GridbookApp

    lang.set_lang("zh")
    book = Book.create(tmp_path / "new.json", Worker(id="w9", name="新人", community="瑞明社区",
                                                     grid="第1网格"),
                       clock=FixedClock.on(TODAY))
    app = GridbookApp(book, refresh_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await settle(pilot)
        assert "还没有住户。按 a 添加第一户。" in "\n".join(screen_lines(app))
