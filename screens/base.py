"""What every screen of the book has in common: the bar, the banner, and asking for writes.

A `BookScreen` reads the book the app holds (`self.app.book`), redraws itself in `reload`
(when shown again, after a write, after another session wrote the file), and asks the app
to write by posting a `WriteRequest`: the app runs it in a worker, never on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen

from store.book import Book
from screens.messages import WriteRequest
from screens.widgets import BookBar, BottomLines, KeyBar, NoticeLine, ReadonlyBanner, translate_bindings


class BookScreen(Screen):
    """A full screen showing part of the book."""

    TITLE_KEY = "app_title"
    MODE: str | None = None  # the mode this screen is, for the bar's tabs

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(self)

    @property
    def book(self) -> Book:
        return self.app.book  # type: ignore[attr-defined, no-any-return]

    def today(self) -> date:
        return self.app.today()  # type: ignore[attr-defined, no-any-return]

    def now(self) -> datetime:
        return self.app.now()  # type: ignore[attr-defined, no-any-return]

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

    def write_undoable(self, action: Callable[[Book], Any], what: str,
                       done: str | None = None,
                       then: Callable[[Any], None] | None = None) -> None:
        """Like `write`, and keep what undoes it: `u` on this screen takes it back."""
        from store.undo import undoable

        def kept(answer: Any) -> None:
            result, self.last_undo = answer
            if then is not None:
                then(result)
        self.write(lambda book: undoable(book, action, what), done=done, then=kept)

    def action_undo(self) -> None:
        """Take back the last action done on this screen (one step; a second u redoes
        nothing: it says there is nothing to undo)."""
        from screens.strings import t
        from store.undo import undo

        step, self.last_undo = getattr(self, "last_undo", None), None
        if step is None:
            self.notify(t("nothing_to_undo"), severity="warning")
            return
        self.write(lambda book: undo(book, step), done=t("done_undone", what=step.what))

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Redraw from the book (cheap: only what the screen shows now)."""
