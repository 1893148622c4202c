"""Helpers the TUI tests share: the fixed day, the app on a book, waiting for writes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from store import lang
from store.book.book import Book
from store.book.clock import FixedClock

TODAY = date(2022, 3, 21)


def make_app(path: Path, language: str = "en", **kwargs):  # type: ignore[no-untyped-def]
    """The real app on the book at `path`, its clock fixed on TODAY at 10:00 (unless a
    `clock` is given), without the disk timer."""
    from tui.app import GridbookApp

    lang.set_lang(language)
    kwargs.setdefault("clock", FixedClock.on(TODAY))
    return GridbookApp(Book.open(path, **kwargs), refresh_seconds=None)


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


def _key_event(key: str):  # type: ignore[no-untyped-def]
    """The Key event a terminal sends for `key` (as Pilot's press builds it), through
    Textual's public key names: a punctuation character is named by its Unicode name."""
    import unicodedata

    from textual import events
    from textual.keys import KEY_NAME_REPLACEMENTS, key_to_character

    if len(key) == 1:
        if key.isalnum():
            return events.Key(key, key)
        name = unicodedata.name(key).lower().replace("-", "_").replace(" ", "_")
        return events.Key(KEY_NAME_REPLACEMENTS.get(name, name), key)
    return events.Key(key, key_to_character(key))


async def burst(pilot, *keys: str) -> None:  # type: ignore[no-untyped-def]
    """Send every key in one go, as a slow SSH link delivers them: no pause between keys
    (Pilot's `press` waits for the app to go idle after each), then let the app settle.
    The keys enter the app's queue as a terminal's do (`post_message`), all before any
    is handled."""
    for key in keys:
        pilot.app.post_message(_key_event(key))
    await settle(pilot)


def text_keys(text: str) -> list[str]:
    """The keys that type `text` (a newline is Enter, as a paste without bracketed paste)."""
    names = {" ": "space", "\n": "enter", "\t": "tab"}
    return [names.get(c, c) for c in text]


async def paste(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """A bracketed paste of `text` (the terminal marks it as one paste)."""
    from textual import events

    pilot.app.post_message(events.Paste(text))
    await settle(pilot)
