"""What every screen of the book has in common: the bar, the banner, and asking for writes.

A `BookScreen` reads the book the app holds (`host(self).book`, see screens/host.py), redraws itself in `reload`
(when shown again, after a write, after another session wrote the file), and asks the app
to write by posting a `WriteRequest`: the app runs it in a worker, never on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen

from screens.host import host
from screens.messages import WriteRequest
from screens.widgets import (
    BookBar,
    BottomLines,
    KeyBar,
    NoticeLine,
    ReadonlyBanner,
    translate_bindings,
)
from store.book import Book


class BookScreen(Screen):
    """A full screen showing part of the book."""

    TITLE_KEY = "app_title"
    MODE: str | None = None  # the mode this screen is, for the bar's tabs

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(self)

    @property
    def book(self) -> Book:
        book = host(self).book
        assert book is not None, "a book screen is shown only once the book is open"
        return book

    def today(self) -> date:
        return host(self).today()

    def now(self) -> datetime:
        return host(self).now()

    def compose_bar(self) -> ComposeResult:
        yield BookBar(self.TITLE_KEY, self.MODE)
        yield ReadonlyBanner()

    def compose_footer(self) -> ComposeResult:
        with BottomLines():
            yield NoticeLine()
            yield KeyBar()

    def write(self, action: Callable[[Book], Any], done: str | None = None,
              then: Callable[[Any], None] | None = None) -> None:
        """Ask the app to run `action(book)` in a worker; `done` is said when it worked."""
        self.post_message(WriteRequest(action, done, then))

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Redraw from the book (cheap: only what the screen shows now)."""
