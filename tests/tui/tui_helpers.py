"""Helpers the TUI tests share: the fixed day, the app on a book, waiting for writes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from store import lang
from store.book import Book

TODAY = date(2022, 3, 21)


def make_app(path: Path, language: str = "en", **kwargs):  # type: ignore[no-untyped-def]
    """The real app on the book at `path`, on the fixed day, without the disk timer."""
    from tui.app import GridbookApp

    lang.set_lang(language)
    return GridbookApp(Book.open(path, **kwargs), today=TODAY, refresh_seconds=None)


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until every write worker has finished and its answer has been handled."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def type_text(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type `text` key by key."""
    for character in text:
        await pilot.press(character if character != " " else "space")


def screen_lines(app) -> list[str]:  # type: ignore[no-untyped-def]
    """The text of each line of the screen as the terminal shows it."""
    return [strip.text for strip in app.screen._compositor.render_strips()]  # noqa: SLF001
