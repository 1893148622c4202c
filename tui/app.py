"""The gridbook TUI: five modes (Today, Log, Households, Errands, Places), the keys, the theme, and
the one place where the book is written: every write runs in a thread worker.

Screens post a `WriteRequest`; the app puts it on a queue that one writer (a thread worker,
`@work(thread=True)`) takes from, one write at a time in the order asked, and answers with
`WriteDone` / `WriteFailed` messages naming the records each write changed, so the UI never
waits for the disk and a failure is one sentence in a notice. A timer looks at the file every two seconds (in a
worker too) and redraws when another session wrote it.
"""

from __future__ import annotations

import argparse
import asyncio
import queue
from datetime import date, datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from textual import work
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.message import Message
from textual.reactive import reactive
from textual.theme import Theme

from screens.base import BookScreen
from screens.confirm import ConfirmScreen
from screens.conflicts import ConflictsScreen
from screens.errands import ErrandsScreen
from screens.first_run import FirstRunForm
from screens.help import HelpScreen
from screens.host import BookHost
from screens.household import HouseholdScreen
from screens.households import HouseholdsScreen
from screens.log import LogScreen
from screens.messages import (
    BookChangedOnDisk,
    Changed,
    OpenErrand,
    OpenHousehold,
    OpenPlace,
    WriteDone,
    WriteFailed,
    WriteRequest,
)
from screens.places import PlaceScreen, PlacesScreen
from screens.strings import STRINGS, t
from screens.today import TodayScreen
from screens.widgets import BookBar, NoticeLine, ReadonlyBanner, declared_bindings
from store.book.book import Book
from store.book.clock import SYSTEM_CLOCK, Clock
from store.book.ids import new_id
from store.book.models import Worker
from store.book.policy import policy_for
from store.errors import BookError
from tui import gcpolicy
from tui.commands import GridbookCommands
from tui.errorlog import ErrorLogFile
from tui.serial_keys import SerialKeys

REFRESH_SECONDS = 2.0
DAY_CHECK_SECONDS = 15.0  # how soon after midnight Today and the bar show the new day
MODE_SCREENS: dict[str, type[BookScreen]] = {
    "today": TodayScreen, "log": LogScreen, "households": HouseholdsScreen,
    "errands": ErrandsScreen, "places": PlacesScreen}

# Colours picked from the xterm-256 palette so that 16-colour terminals map them cleanly.
GRIDBOOK_THEME = Theme(name="gridbook", primary="#005faf", secondary="#5f87af",
                       accent="#d7af00", warning="#d7af00", error="#d70000",
                       success="#00af00", foreground="#e4e4e4", background="#000000",
                       surface="#121212", panel="#262626", dark=True)


class BookReady(Message):
    """The first-run form's new book exists."""

    def __init__(self, book: Book) -> None:
        super().__init__()
        self.book = book


class WaitingForLock(Message):
    """A write waits for another gridbook that holds the book's lock (sent from its thread)."""


class GridbookApp(SerialKeys):
    """The grid worker's book, one key per screen."""

    CSS_PATH = "app.tcss"
    TITLE = "gridbook"
    MODES = {mode: screen for mode, screen in MODE_SCREENS.items()}
    # Only gridbook's commands, in the worker's language (Textual's own, such as Theme or
    # Screenshot, are in English and of no use to a grid worker).
    COMMANDS = {GridbookCommands}
    BINDINGS = [
        Binding("1", "switch_mode('today')", "k_today", id="app.today"),
        Binding("2", "switch_mode('log')", "k_log", id="app.log"),
        Binding("3", "switch_mode('households')", "k_households", id="app.households"),
        Binding("4", "switch_mode('errands')", "k_errands", id="app.errands"),
        Binding("5", "switch_mode('places')", "k_places", id="app.places"),
        Binding("f1", "help", "k_help", id="app.help"),
        Binding("f6", "conflicts", "k_conflicts", show=False, id="app.conflicts"),
        Binding("ctrl+s", "save_again", "k_save_again", show=False, id="app.save_again"),
        Binding("ctrl+q", "quit", "k_quit", priority=True, id="app.quit"),
    ]

    save_state: reactive[str] = reactive("saved")

    def __init__(self, book: Book | None, *, create_at: Path | None = None,
                 refresh_seconds: float | None = REFRESH_SECONDS,
                 clock: Clock | None = None,
                 day_check_seconds: float = DAY_CHECK_SECONDS) -> None:
        super().__init__()
        self.book: Book | None = book
        self.create_at = create_at
        # one clock for the screens and the book's actions: the book's (store.book.clock); a
        # clock given here is for the first run's new book
        if book is not None and clock is not None and clock is not book.clock:
            raise ValueError("the app reads the time from its book's clock")
        self.clock: Clock = book.clock if book is not None else clock or SYSTEM_CLOCK
        self.day_check_seconds = day_check_seconds
        self.shown_day: date | None = None  # the day the screens were last drawn for
        self.refresh_seconds = refresh_seconds
        self.writes_running = 0
        self.notices_shown: list[str] = []
        # the writer's queue while it runs (None: no writer); only the UI thread sets it
        self._writes: queue.SimpleQueue[WriteRequest | None] | None = None
        self.animation_level = "none"
        # An unexpected error anywhere ends the app (Textual's rule) with return code 1 and
        # its traceback printed to `error_console` on the way out: as the shell commands do,
        # that goes to the private error log, never the screen; `run_app` then rescues
        # unsaved edits and says one sentence naming the log.
        self.running_loop: asyncio.AbstractEventLoop | None = None  # set once mounted
        self.crash_file = ErrorLogFile()
        self.error_console = Console(file=self.crash_file, markup=False, highlight=False,
                                     color_system=None, force_terminal=False)

    @property
    def crash_log(self) -> str | None:
        """Where the traceback of an unexpected error went (None: there was none)."""
        return self.crash_file.path

    # the clock (fixed in tests and snapshots) ---------------------------------------------------
    def today(self) -> date:
        return self.clock.today()

    def now(self) -> datetime:
        return self.clock.now()

    def notify(self, message: str, *, title: str = "", severity: Any = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Say `message` on the screen's notice line (a toast where a screen has none).

        Never read as markup: a notice may hold a path or what a resident said, and its
        control characters are shown, not obeyed (store.visible)."""
        from store.visible import visible

        message = visible(message)
        self.notices_shown.append(message)
        timeout = timeout if timeout is not None else self.NOTIFICATION_TIMEOUT
        lines = self.screen.query(NoticeLine)
        if lines:
            lines.first().show(message, str(severity), timeout)
            return
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    # start ---------------------------------------------------------------------------------------
    def on_mount(self) -> None:
        # the loop the app runs on, for a signal handler or another thread to ask it to exit
        # (`call_soon_threadsafe` wakes it; see tui/signals.py)
        self.running_loop = asyncio.get_running_loop()
        self.register_theme(GRIDBOOK_THEME)
        self.theme = "gridbook"
        if self.book is None:
            self.push_screen(FirstRunForm(), self._first_run_answered)
            return
        self._book_opened()

    def _book_opened(self) -> None:
        assert self.book is not None
        self.book.when_waiting_for_lock(lambda: self.post_message(WaitingForLock()))
        self.switch_mode("today")
        notices = [notice.sentence() for notice in self.book.notices]
        self.book.notices = []  # shown once
        if notices:
            self.call_after_refresh(self.notify, " ".join(notices), severity="warning",
                                    timeout=15)
        if self.refresh_seconds:
            self.set_interval(self.refresh_seconds, self._poll_disk)
        self.shown_day = self.today()
        if self.day_check_seconds:
            self.set_interval(self.day_check_seconds, self.check_day)
        # Once the first screen is up, check what the opening only indexed (see
        # Book.open), then take what exists out of the collector's view, so a keystroke
        # never waits for a walk over the whole book (see tui/gcpolicy.py).
        self.call_after_refresh(self._finish_checks)

    @work(thread=True, exclusive=True, group="book-checks", exit_on_error=False)
    def _finish_checks(self) -> None:
        book = self.book
        if book is not None:
            with gcpolicy.paused():
                notices = book.finish_checks()
            if book.readonly:
                self.call_from_thread(self._show_readonly)
            if notices:
                self.call_from_thread(self.notify, " ".join(n.sentence() for n in notices),
                                      severity="warning", timeout=15)
                self.call_from_thread(self._redraw)
        gcpolicy.freeze_once()

    def _first_run_answered(self, answer: dict[str, str] | None) -> None:
        if answer is None:
            self.exit(0)
            return
        self._create_book(answer)

    @work(thread=True, exclusive=True, group="book-create", exit_on_error=False)
    def _create_book(self, answer: dict[str, str]) -> None:
        assert self.create_at is not None
        request = WriteRequest(lambda _book: None)
        try:
            book = Book.create(self.create_at, Worker(id=new_id(), **answer),
                               policy=policy_for(self.create_at), clock=self.clock)
        except BookError as error:
            self.post_message(WriteFailed(request, error))
            return
        self.post_message(BookReady(book))

    def on_book_ready(self, message: BookReady) -> None:
        self.book = message.book
        self._book_opened()

    # writing -------------------------------------------------------------------------------------
    def on_write_request(self, message: WriteRequest) -> None:
        if self.book is None:
            return
        if self.book.readonly:
            self.notify(BookError("readonly", path=self.book.path).sentence(), severity="error")
            return
        self.writes_running += 1
        self.save_state = "saving"
        if self._writes is None:  # the writer ends when no write is left: start one
            self._writes = queue.SimpleQueue()
            self._writer(self._writes)
        self._writes.put(message)

    @work(thread=True, group="book-write", exit_on_error=False)
    def _writer(self, writes: queue.SimpleQueue[WriteRequest | None]) -> None:
        """The one writer: each user action in turn, off the UI thread, in the order asked
        (n pressed twice is two steps, in order). It ends at the None the UI thread puts on
        its queue once every write it took has been answered (see `_settle_state`)."""
        while (request := writes.get()) is not None:
            self._write_one(request)

    def _write_one(self, request: WriteRequest) -> None:
        book = self.book
        steps: list[Any] = []
        try:
            with gcpolicy.paused():  # a save first reads in another session's writes
                assert book is not None
                with book.recording() as steps:
                    result = request.action(book)
        except BookError as error:
            self.post_message(WriteFailed(request, error, _changed(steps)))
            return
        except Exception as error:  # noqa: BLE001 - a sentence, never a traceback
            self.post_message(WriteFailed(request, _unexpected(error), _changed(steps)))
            return
        self.post_message(WriteDone(request, result, _changed(steps)))

    def on_waiting_for_lock(self, _message: WaitingForLock) -> None:
        """Say so; the keys keep working (the UI thread never waits for the lock)."""
        if self.writes_running:
            self.save_state = "waiting"
            self.notify(t("waiting_lock"), severity="warning", timeout=8)

    def _settle_state(self) -> None:
        self.writes_running = max(0, self.writes_running - 1)
        if self.writes_running:
            self.save_state = "saving"
            return
        self.save_state = "unsaved" if self.book is not None and self.book.unsaved else "saved"
        if self._writes is not None:  # every write answered: the writer may end
            self._writes.put(None)
            self._writes = None

    def on_write_done(self, message: WriteDone) -> None:
        self._settle_state()
        request = message.request
        if self.book is not None and self.book.unsaved:
            self.notify(t("kept_in_memory"), severity="warning")
        elif request.done:
            self.notify(request.done, timeout=3)
        if request.then is not None:
            request.then(message.result)
        self._redraw(message.changed)

    def on_write_failed(self, message: WriteFailed) -> None:
        if message.request is not None:  # None: a refresh from disk failed, not a write
            self._settle_state()
        self.notify(message.error.sentence(), severity="error", timeout=8)
        if self.book is None:  # the first-run book could not be made: ask again
            self.push_screen(FirstRunForm(), self._first_run_answered)
            return
        self._redraw(message.changed)

    def action_save_again(self) -> None:
        if self.book is not None and self.book.unsaved:
            self.post_message(WriteRequest(lambda book: book.save_pending(), t("done_saved")))

    # another session wrote the file ------------------------------------------------------------
    def _poll_disk(self) -> None:
        if self.book is not None and not self.writes_running:
            self._refresh_from_disk()

    @work(thread=True, exclusive=True, group="book-refresh", exit_on_error=False)
    def _refresh_from_disk(self) -> None:
        try:
            with gcpolicy.paused():  # another session's whole book may be read in
                changed = self.book is not None and self.book.refresh()
        except BookError as error:
            self.post_message(WriteFailed(None, error))
            return
        if changed:
            self.post_message(BookChangedOnDisk())

    def check_day(self) -> None:
        """At midnight the day turns by itself: the bar of every screen and the screen shown
        are drawn again for the new day (the others draw themselves when shown)."""
        today = self.today()
        if self.shown_day is None or today == self.shown_day:
            return
        self.shown_day = today
        for screen in self.screen_stack:
            for bar in screen.query(BookBar):
                bar.refresh()
        self._redraw()

    def on_book_changed_on_disk(self, _message: BookChangedOnDisk) -> None:
        self._redraw()

    def _show_readonly(self) -> None:
        """The book is read-only now (maybe only since its deferred checks): the banner
        and the bar say so on the screen shown; other screens' banners when shown again."""
        for banner in self.screen.query(ReadonlyBanner):
            banner.sync()
        for bar in self.screen.query(BookBar):
            bar.refresh()

    def _redraw(self, changed: Changed | None = None) -> None:
        """Draw the screen shown again: after a write, from what it changed; else (another
        session, a new day, checks that found something) all it shows."""
        screen = self.screen
        if isinstance(screen, BookScreen):
            try:
                screen.written(changed)
            except NoMatches:  # a screen still being built draws itself when it is shown
                pass

    # jumps between screens ------------------------------------------------------------------------
    async def _to_mode_base(self, mode: str) -> Any:
        await self.switch_mode(mode)
        while len(self.screen_stack) > 1 and not isinstance(self.screen, MODE_SCREENS[mode]):
            await self.pop_screen()
        return self.screen

    async def on_open_household(self, message: OpenHousehold) -> None:
        screen = await self._to_mode_base("households")
        screen.open_household(message.household_id)

    async def on_open_errand(self, message: OpenErrand) -> None:
        screen = await self._to_mode_base("errands")
        screen.show_errand(message.errand_id)

    async def on_open_place(self, message: OpenPlace) -> None:
        screen = await self._to_mode_base("places")
        screen.show_place(message.place_id)

    # help and the office's view -------------------------------------------------------------------
    def help_rows(self) -> list[tuple[str, str, str]]:
        rows: list[tuple[str, str, str]] = []
        sources: list[tuple[str, Any]] = [("where_everywhere", type(self))]
        sources += [(f"title_{mode}", cls) for mode, cls in MODE_SCREENS.items()]
        sources += [("title_household", HouseholdScreen), ("title_conflicts", ConflictsScreen),
                    ("title_place", PlaceScreen)]
        for where, cls in sources:
            bindings = declared_bindings(cls)
            seen: set[str] = set()
            for _key, binding in bindings:
                if binding.description not in STRINGS or binding.system or binding.action in seen:
                    continue
                seen.add(binding.action)
                keys = " / ".join(self.get_key_display(b) for _k, b in bindings
                                 if b.action == binding.action)
                rows.append((t(where), keys, t(binding.description)))
        rows.append((t("where_everywhere"), "^p", t("k_palette")))  # as the footer writes it
        return rows

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.help_rows()))

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(CommandPalette(id="--command-palette",
                                            placeholder=t("cmd_search_hint")))

    def action_conflicts(self) -> None:
        if self.book is not None and not isinstance(self.screen, ConflictsScreen):
            self.push_screen(ConflictsScreen())

    def action_quit(self) -> None:  # type: ignore[override]
        """Quit; with edits only in memory (a save failed), ask first instead of just going."""
        if self.book is not None and self.book.unsaved and not isinstance(self.screen,
                                                                          ConfirmScreen):
            self.push_screen(ConfirmScreen(t("quit_unsaved")),
                             lambda yes: self.exit(0) if yes else None)
            return
        self.exit(0)


def _changed(steps: list[Any]) -> Changed:
    """(table, id) of each record a write noted in `Book.recording`."""
    return frozenset((model.TABLE, record_id) for model, record_id, *_rest in steps)


def _unexpected(error: Exception) -> BookError:
    from pydantic import ValidationError

    from store.book.validation import explain

    if isinstance(error, ValidationError):
        return BookError("invalid_input", sentence=explain(error))
    return BookError("invalid_input", sentence=t("unexpected_write", kind=type(error).__name__))


def run_app(args: argparse.Namespace, book: Book | None = None,
            create_at: Path | None = None, clock: Clock | None = None) -> int:
    """Run the TUI on `book` (or the first-run form that creates one at `create_at`)."""
    from tui.signals import leaving_cleanly

    app = GridbookApp(book, create_at=create_at, clock=None if book is not None else clock)
    result = None
    with leaving_cleanly(app) as leaving:  # SIGHUP/SIGTERM exit cleanly; unsaved edits rescued
        result = app.run()
        if app.crash_log is not None:
            leaving.crashed(app.crash_log)
    return leaving.exit_code(result)


def _meets_book_host(app: GridbookApp) -> BookHost:
    """Never called: mypy checks here that the app gives screens what screens/host.py says."""
    return app
