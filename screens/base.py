"""What every screen of the book has in common: the bar, the banner, and asking for writes.

A `BookScreen` reads the book the app holds (`host(self).book`, see screens/host.py), redraws itself in `reload`
(when shown again, after a write, after another session wrote the file), and asks the app
to write by posting a `WriteRequest`: the app runs it in a worker, never on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.css.query import NoMatches
from textual.screen import Screen

from screens.host import host
from screens.letgo import LetsGoOfLines
from screens.messages import Changed, WriteRequest
from screens.strings import t
from screens.widgets import (
    BookBar,
    BottomLines,
    KeyBar,
    NoticeLine,
    ReadonlyBanner,
)
from store.book.book import Book


def when_built(screen: Screen[Any], build: Callable[[], None], tries: int = 10) -> None:
    """Run `build` (a screen's first setup, which finds its widgets) when they are there.

    A record opened and left at once (Enter, Escape on a busy machine) is closed before its
    Mount is handled: its widgets are gone, and building it would close the app with
    NoMatches (seen in the memory soak). Such a screen is left alone; one whose widgets
    inside containers are still being mounted is built after the next refresh."""
    if not screen.is_attached:
        return
    try:
        build()
    except NoMatches:
        if tries and screen.is_attached:
            screen.call_after_refresh(when_built, screen, build, tries - 1)


class BookScreen(LetsGoOfLines):
    """A full screen showing part of the book."""

    TITLE_KEY = "app_title"
    MODE: str | None = None  # the mode this screen is, for the bar's tabs

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

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

    def write_undoable(self, action: Callable[[Book], Any], what: str,
                       done: str | None = None,
                       then: Callable[[Any], None] | None = None) -> None:
        """Like `write`, and keep what undoes it: `u` on this screen takes it back."""
        from store.book.undo import undoable

        def kept(answer: Any) -> None:
            result, self.last_undo = answer
            if then is not None:
                then(result)
        self.write(lambda book: undoable(book, action, what), done=done, then=kept)

    def action_undo(self) -> None:
        """Take back the last action done on this screen (one step; a second u redoes
        nothing: it says there is nothing to undo)."""
        from screens.strings import t
        from store.book.undo import undo

        step, self.last_undo = getattr(self, "last_undo", None), None
        if step is None:
            self.notify(t("nothing_to_undo"), severity="warning")
            return
        self.write(lambda book: undo(book, step), done=t("done_undone", what=step.what))
    def print_to_documents(self, job: Callable[[], Any]) -> None:
        """Make a PDF with `job` (which returns its path) in a worker thread, then say on
        the notice line which file it wrote, or why it could not."""
        from store.errors import BookError

        self.notify(t("printing"), timeout=30)

        def run() -> None:
            try:
                path = job()
            except BookError as error:
                self.app.call_from_thread(self.notify, error.sentence(), severity="error",
                                          timeout=10, markup=False)
                return
            except Exception as error:  # noqa: BLE001 - a sentence, never a traceback
                self.app.call_from_thread(self.notify, t("print_failed", reason=type(error).__name__),
                                          severity="error", timeout=10, markup=False)
                return
            self.app.call_from_thread(self.notify, t("printed", path=str(path)), timeout=12,
                                      markup=False)

        self.run_worker(run, thread=True, exclusive=True, group="print", exit_on_error=False)

    _resumed = False  # shown, and not suspended since

    def on_screen_resume(self) -> None:
        for banner in self.query(ReadonlyBanner):
            banner.sync()  # the book may have become read-only while this screen was away
        if self._resumed:  # Textual sends a mode's first resume twice: it is drawn once
            return
        self._resumed = True
        self.reload_when_built()

    def on_screen_suspend(self) -> None:  # (LetsGoOfLines's runs too: Textual calls both)
        self._resumed = False

    def on_mount(self) -> None:
        when_built(self, self.set_up)

    def set_up(self) -> None:
        """What a screen sets up once its widgets are mounted (a table's columns, the
        focus); run by `when_built`, never on a screen already closed."""

    def reload_when_built(self, tries: int = 10) -> None:
        """`reload`, or, while widgets inside the screen's containers are still being
        mounted (a record opened and left at once on a busy machine), again after the
        next refresh: a screen half built is drawn when it is whole, never a crash."""
        try:
            self.reload()
        except NoMatches:
            if tries:
                self.call_after_refresh(self.reload_when_built, tries - 1)

    def on_resize(self, event: events.Resize) -> None:
        """Cells are cut to the width they are drawn for: a wider or narrower terminal draws
        them again (cut at 60 columns, they stayed cut at 80 until the screen was left)."""
        width = event.size.width
        if getattr(self, "_drawn_width", width) != width and self.is_current:
            self.reload_when_built()
        self._drawn_width = width

    def written(self, changed: Changed | None) -> None:
        """A write changed the records `changed` (table, id), or the book changed in ways
        not known (None: another session, a new day): draw again what that may touch."""
        self.reload()

    def reload(self) -> None:
        """Redraw from the book (cheap: only what the screen shows now)."""
