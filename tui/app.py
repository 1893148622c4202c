"""The gridbook TUI: five modes (Today, Log, Households, Errands, Places), the keys, the theme, and
the one place where the book is written: every write runs in a thread worker.

Screens post a `WriteRequest`; `GridbookApp` runs it with `@work(thread=True)` and answers
with `WriteDone` / `WriteFailed` messages, so the UI never waits for the disk and a
failure is one sentence in a notice. A timer looks at the file every two seconds (in a
worker too) and redraws when another session wrote it.
"""

from __future__ import annotations

import argparse
import threading
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

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
from screens.widgets import BookBar, NoticeLine, declared_bindings, translate_bindings
from store.book import Book
from store.errors import BookError
from store.ids import new_id
from store.models import Worker
from store.policy import policy_for
from tui import gcpolicy
from tui.commands import GridbookCommands
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
                 today: date | None = None, now_time: time | None = None,
                 refresh_seconds: float | None = REFRESH_SECONDS,
                 clock: Callable[[], datetime] | None = None,
                 day_check_seconds: float = DAY_CHECK_SECONDS) -> None:
        super().__init__()
        self.book: Book | None = book
        self.create_at = create_at
        self.fixed_today = today
        self.fixed_time = now_time
        self.clock = clock  # a clock passed in (tests cross midnight with one)
        self.day_check_seconds = day_check_seconds
        self.shown_day: date | None = None  # the day the screens were last drawn for
        self.refresh_seconds = refresh_seconds
        self.writes_running = 0
        self.notices_shown: list[str] = []
        self._write_turns = threading.Condition()
        self._tickets_given = 0
        self._ticket_now = 0
        self.animation_level = "none"
        self.crash_log: str | None = None  # where the traceback of an unexpected error went
        translate_bindings(self)

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error anywhere in the app: as the shell commands do, the traceback
        goes to the private error log (never the screen), and the app ends with a non-zero
        status; `run_app` rescues unsaved edits and says one sentence.

        Textual has no public hook for this; its own handler still runs (it ends the app,
        and under `run_test` it re-raises in the test), only its printed traceback is
        dropped."""
        from tui.errorlog import log_traceback

        if self.crash_log is None:
            self.crash_log = log_traceback(error)
        super()._handle_exception(error)
        self._exit_renderables.clear()

    # the clock (fixed in tests and snapshots) ---------------------------------------------------
    def today(self) -> date:
        if self.clock is not None:
            return self.clock().date()
        return self.fixed_today or date.today()

    def now(self) -> datetime:
        if self.clock is not None:
            return self.clock().replace(microsecond=0)
        if self.fixed_today is not None:
            return datetime.combine(self.fixed_today, self.fixed_time or time(10, 0))
        return datetime.now().replace(microsecond=0)

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
                               policy=policy_for(self.create_at))
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
        self._tickets_given += 1
        self._run_write(message, self._tickets_given - 1)

    @work(thread=True, exclusive=False, group="book-write", exit_on_error=False)
    def _run_write(self, request: WriteRequest, ticket: int) -> None:
        """One user action, off the UI thread. Writes are not exclusive (none is dropped) and
        run in the order they were asked for (n pressed twice is two steps, in order)."""
        with self._write_turns:
            self._write_turns.wait_for(lambda: self._ticket_now == ticket)
        try:
            with gcpolicy.paused():  # a save first reads in another session's writes
                result = request.action(self.book)
        except BookError as error:
            self.post_message(WriteFailed(request, error))
            return
        except Exception as error:  # noqa: BLE001 - a sentence, never a traceback
            self.post_message(WriteFailed(request, _unexpected(error)))
            return
        finally:
            with self._write_turns:
                self._ticket_now += 1
                self._write_turns.notify_all()
        self.post_message(WriteDone(request, result))

    def on_waiting_for_lock(self, _message: WaitingForLock) -> None:
        """Say so; the keys keep working (the UI thread never waits for the lock)."""
        if self.writes_running:
            self.save_state = "waiting"
            self.notify(t("waiting_lock"), severity="warning", timeout=8)

    def _settle_state(self) -> None:
        self.writes_running = max(0, self.writes_running - 1)
        if self.writes_running:
            self.save_state = "saving"
        else:
            self.save_state = "unsaved" if self.book is not None and self.book.unsaved else "saved"

    def on_write_done(self, message: WriteDone) -> None:
        self._settle_state()
        request = message.request
        if self.book is not None and self.book.unsaved:
            self.notify(t("kept_in_memory"), severity="warning")
        elif request.done:
            self.notify(request.done, timeout=3)
        if request.then is not None:
            request.then(message.result)
        self._redraw()

    def on_write_failed(self, message: WriteFailed) -> None:
        self._settle_state()
        self.notify(message.error.sentence(), severity="error", timeout=8)
        if self.book is None:  # the first-run book could not be made: ask again
            self.push_screen(FirstRunForm(), self._first_run_answered)
            return
        self._redraw()

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

    def _redraw(self) -> None:
        reload: Callable[[], None] | None = getattr(self.screen, "reload", None)
        if reload is not None:
            try:
                reload()
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


def _unexpected(error: Exception) -> BookError:
    from pydantic import ValidationError

    from store.validation import explain

    if isinstance(error, ValidationError):
        return BookError("invalid_input", sentence=explain(error))
    return BookError("invalid_input", sentence=t("unexpected_write", kind=type(error).__name__))


def run_app(args: argparse.Namespace, book: Book | None = None,
            create_at: Path | None = None) -> int:
    """Run the TUI on `book` (or the first-run form that creates one at `create_at`)."""
    from tui.signals import leaving_cleanly

    app = GridbookApp(book, create_at=create_at)
    result = None
    with leaving_cleanly(app) as leaving:  # SIGHUP/SIGTERM exit cleanly; unsaved edits rescued
        result = app.run()
        if app.crash_log is not None:
            leaving.crashed(app.crash_log)
    return leaving.exit_code(result)


def _meets_book_host(app: GridbookApp) -> BookHost:
    """Never called: mypy checks here that the app gives screens what screens/host.py says."""
    return app
