"""Midnight: Today and the bar turn to the new day by themselves (a clock passed in), and a
seeded demo book has work on the days after the seed day."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from tui_helpers import TODAY, screen_lines, settle

from store import lang
from store.book.book import Book
from store.book.clock import FixedClock
from store.seed import seed_book


async def test_today_rolls_over_at_midnight_by_itself(tmp_path: Path) -> None:
    from tui.app import GridbookApp

    path = tmp_path / "book.json"
    seed_book(path, "w01", households=12, days=30, today=TODAY)
    clock = FixedClock(datetime.combine(TODAY, datetime.min.time()) + timedelta(hours=23, minutes=59, seconds=58))
    lang.set_lang("en")
    app = GridbookApp(Book.open(path, clock=clock), refresh_seconds=None, day_check_seconds=0.05)
    tomorrow = TODAY + timedelta(days=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert f"{TODAY:%m-%d}" in screen_lines(app)[0]
        before = screen_lines(app)[1]
        clock.advance(timedelta(seconds=4))  # 00:00:02
        await pilot.pause(0.3)
        await settle(pilot)
        top = screen_lines(app)[0]
        assert f"{tomorrow:%m-%d}" in top and f"{TODAY:%m-%d}" not in top
        pending = {i.household for i in Book.open(path).items_on(tomorrow)
                   if not i.done and i.kind.value != "release"}
        assert pending  # the seed made work for the next day
        assert f"Not done {len(pending)} " in screen_lines(app)[1] != before
        await pilot.press("2")
        await settle(pilot)
        assert f"{tomorrow:%m-%d}" in screen_lines(app)[0]


def test_seeded_book_has_items_after_the_seed_day(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    seed_book(path, "w01", households=12, days=30, today=TODAY)
    book = Book.open(path)
    assert book.items_on(TODAY + timedelta(days=1))
    assert book.items_on(TODAY + timedelta(days=3))
