"""The daily log (工作日志): one day at a time, grouped by the "five in place", with counts.

Entries the worker's own actions wrote (a test, a delivery, a release) carry an [auto]
mark. Beside the day, the grid's open needs at a glance: open errands and households whose
checklist is not done today. Only one day's entries are ever in the list.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import date, timedelta
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from screens.base import BookScreen
from screens.confirm import ConfirmScreen
from screens.date_form import DateForm
from screens.log_entry_form import LogEntryForm
from screens.messages import OpenHousehold
from screens.strings import t
from screens.widgets import clip, day_label, household_label, shown
from store import actions, views
from store.book.models import Category, Household, LogEntry
from store.logtext import entry_text

NEEDS_LINES = 6
PAGE = 200  # entries listed at a time, as the errands screen pages its rows
AT_ONCE = 5_000  # a day of more entries is first read in a worker ("loading…")


class LogScreen(BookScreen):
    """One day of the journal and the open needs."""

    CSS_PATH = "log.tcss"
    TITLE_KEY = "title_log"
    MODE = "log"
    BINDINGS = [
        Binding("a", "add", "k_add_entry", id="log.add"),
        Binding("e", "edit", "k_edit", id="log.edit"),
        Binding("d", "delete", "k_delete", id="log.delete"),
        Binding("left_square_bracket,comma", "day(-1)", "k_prev_day", id="log.prev"),
        Binding("right_square_bracket,full_stop", "day(1)", "k_next_day", id="log.next"),
        Binding("t", "go_today", "k_today_day", id="log.today"),
        Binding("g", "pick_day", "k_pick_day", id="log.pick"),
        Binding("h", "open_household", "k_open_household", show=False, id="log.household"),
        Binding("n", "page(1)", "k_next_page", show=False, id="log.next_page"),
        Binding("p", "page(-1)", "k_prev_page", show=False, id="log.prev_page"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._day: date | None = None  # the app's today until another day is chosen
        self.focus_entry: str | None = None  # the entry just written gets the cursor
        self.page_number = 0  # of the day's list, PAGE entries a page (item 13, issue 17)
        self._loading = False  # a worker is making a day's index (see `_show_loading`)
        self._loading_drawn: date | None = None  # the day "loading…" is drawn for

    def compose(self) -> ComposeResult:
        yield from self.compose_bar()
        yield Static("", markup=False, id="log-day")
        with Horizontal(id="log-body"):
            yield OptionList(id="log-entries")
            yield Static("", markup=False, id="log-needs")
        yield from self.compose_footer()

    @property
    def day(self) -> date:
        """The day shown."""
        if self._day is None:
            self._day = self.today()
        return self._day

    @day.setter
    def day(self, value: date) -> None:
        if value != self._day:
            self.page_number = 0
        self._day = value

    def set_up(self) -> None:
        self.day = self.today()
        self.query_one(OptionList).focus()

    def reload(self) -> None:
        # the day's list is read from the index (time, id, category) and only the page
        # shown is built: a day of 200,000 entries opens at once (item 13 of issue 17);
        # the first look at a day makes its index in a worker, "loading…" meanwhile
        index = self.book.log_index_if_made(self.day, small=AT_ONCE)
        if index is None:
            self._show_loading()
            return
        self._loading_drawn = None
        by_category = [(c.value, index.get(c.value, [])) for c in Category]
        total = sum(len(keys) for _, keys in by_category)
        summary = "  ".join(f"{t('cat_short_' + c)} {len(keys)}" for c, keys in by_category)
        listing = self.query_one(OptionList)
        focus, self.focus_entry = self.focus_entry, None
        keep = focus or (listing.highlighted_option.id if listing.highlighted_option else None)
        pages = max(1, -(-total // PAGE))
        if focus is not None:  # the entry just written: its page
            where = _position(self.book.get(LogEntry, focus), self.day, by_category)
            if where is not None:
                self.page_number = where // PAGE
        self.page_number = min(max(self.page_number, 0), pages - 1)
        page = _page(by_category, self.page_number * PAGE, PAGE)
        line = t("log_day_line", day=day_label(self.day), count=total)
        if pages > 1:
            line += "  " + t("log_page", page=self.page_number + 1, pages=pages)
        self.query_one("#log-day", Static).update(line + "\n" + summary)
        listing.clear_options()
        households: dict[str, Household | None] = {}
        options: list[Option] = []
        shown_category = ""
        counts = {c: len(keys) for c, keys in by_category}
        for category, key in page:
            entry = self.book.get(LogEntry, key[5:])  # "HH:MM" + id (Book.log_index_on)
            if entry is None:
                continue
            if category != shown_category:
                shown_category = category
                options.append(Option(Text(f"{t('cat_' + category)} ({counts[category]})",
                                           style="bold"), id=f"cat:{category}", disabled=True))
            line_text = Text(f"{entry.at} ")
            if entry.auto:
                line_text.append(t("auto_mark") + " ", style="italic")
            line_text.append(shown(entry_text(entry)))
            if entry.household:
                if entry.household not in households:
                    households[entry.household] = self.book.get(Household, entry.household)
                home = households[entry.household]
                if home is not None and home.address not in entry_text(entry):
                    line_text.append(f"  ({household_label(home)})", style="dim")
            options.append(Option(line_text, id=entry.id))
        if not options:
            options.append(Option(t("log_empty"), id="empty", disabled=True))
        listing.add_options(options)
        ids = [o.id for o in options if not o.disabled]
        if keep in ids:
            listing.highlighted = next(i for i, o in enumerate(options) if o.id == keep)
        elif ids:
            listing.highlighted = next(i for i, o in enumerate(options) if not o.disabled)
        self.query_one("#log-needs", Static).update(self.needs())

    def _show_loading(self) -> None:
        """Say the day is loading, and make its index in a worker (one at a time: a worker
        that finds another day asked for when it is done makes that one too)."""
        if self._loading_drawn != self.day:  # (drawn again only for another day)
            self._loading_drawn = self.day
            self.query_one("#log-day", Static).update(t("log_loading", day=day_label(self.day)))
            listing = self.query_one(OptionList)
            listing.clear_options()
            listing.add_option(Option(t("loading"), id="loading", disabled=True))
            self.query_one("#log-needs", Static).update(self.needs())
        if self._loading:
            return
        self._loading = True
        self.run_worker(self._make_index, thread=True, group="log-day", exit_on_error=False)

    def _make_index(self) -> None:
        """In a worker: make the index of the day shown, and of the next day asked for."""
        book = self.book
        try:
            while True:
                day = self.day
                book.make_log_index(day)
                if self.day == day:
                    break
        finally:
            try:
                self.app.call_from_thread(self._index_made)
            except RuntimeError:  # the app has ended meanwhile
                pass

    def _index_made(self) -> None:
        self._loading = False
        if self.is_attached:
            self.reload_when_built()

    def action_page(self, delta: int) -> None:
        """Turn the day's list a page on (or back)."""
        self.page_number += delta
        self.reload()

    def needs(self) -> str:
        """The grid's open needs today: open errands and unfinished checklists."""
        book, today, now = self.book, self.today(), self.now()
        errands = views.errand_queue([e for e in views.errands(book) if e.open], now)
        progress = views.progress_by_household(book, today)
        pending = [h for h in views.sorted_households(
            [h for h in (book.get(Household, hid) for hid, p in progress.items()
                         if not p.complete) if h is not None and views.looks_after(book, h)])]
        width = 24
        out = [t("needs_title")]
        said = views.needs_said(book, self.day or today)
        if said:
            out.append(t("needs_said", count=len(said)))
            for home, item in said[:NEEDS_LINES]:
                mark = ">" if item.errand else "*"
                out.append(clip(f"{mark}{home.address} {item.note}", width))
            if len(said) > NEEDS_LINES:
                out.append(t("and_more", count=len(said) - NEEDS_LINES))
            out.append("")
        out.append(t("needs_errands", count=len(errands)))
        for errand in errands[:NEEDS_LINES]:
            errand_home = book.get(Household, errand.household)
            mark = "!" if errand.overdue(now) else " "
            out.append(clip(f"{mark}{errand_home.address if errand_home else '-'} "
                            f"{errand.items}", width))
        if len(errands) > NEEDS_LINES:
            out.append(t("and_more", count=len(errands) - NEEDS_LINES))
        out.append("")
        out.append(t("needs_pending", count=len(pending)))
        for home in pending[:NEEDS_LINES]:
            p = progress[home.id]
            out.append(clip(f" {home.address} {p.done}/{p.total}", width))
        if len(pending) > NEEDS_LINES:
            out.append(t("and_more", count=len(pending) - NEEDS_LINES))
        return "\n".join(out)

    def current(self) -> LogEntry | None:
        option = self.query_one(OptionList).highlighted_option
        if option is None or option.id is None or option.disabled:
            return None
        return self.book.get(LogEntry, option.id)

    # actions -------------------------------------------------------------------------------------
    def action_day(self, delta: int) -> None:
        self.day = self.day + timedelta(days=delta)
        self.reload()

    def action_go_today(self) -> None:
        self.day = self.today()
        self.reload()

    def action_pick_day(self) -> None:
        def picked(day: Any) -> None:
            if day is not None:
                self.day = day
                self.reload()
        self.app.push_screen(DateForm(self.day, self.today()), picked)

    def action_add(self) -> None:
        day = self.day

        def added(values: dict[str, Any] | None) -> None:
            if values is not None:
                self.write(lambda book: actions.add_log(book, values["text"], values["category"],
                                                        on=day, at=values["at"],
                                                        household=values["household"]),
                           done=t("done_entry_added"), then=self._focus)
        self.app.push_screen(LogEntryForm(views.households(self.book), day, self.now().strftime("%H:%M")),
                             added)

    def _focus(self, entry: LogEntry) -> None:
        """Put the cursor on `entry` when the list is drawn next (right after the write)."""
        self.focus_entry = entry.id

    def action_edit(self) -> None:
        entry = self.current()
        if entry is None:
            return
        if entry.auto:
            self.notify(t("auto_not_editable"), severity="warning")
            return

        def edited(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            changed = {k: v for k, v in values.items() if getattr(entry, k) != v}
            if changed:
                self.write(lambda book: book.update(LogEntry, entry.id, **changed),
                           done=t("done_saved"))
        self.app.push_screen(LogEntryForm(views.households(self.book), entry.on, entry.at, entry),
                             edited)

    def action_delete(self) -> None:
        entry = self.current()
        if entry is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.write(lambda book: book.delete(LogEntry, entry.id),
                           done=t("done_entry_deleted"))
        self.app.push_screen(ConfirmScreen(t("ask_delete_entry", text=clip(entry_text(entry), 40))),
                             answered)

    def action_open_household(self) -> None:
        entry = self.current()
        if entry is not None and entry.household:
            self.post_message(OpenHousehold(entry.household))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()


def _position(entry: LogEntry | None, day: date,
              by_category: list[tuple[str, list[str]]]) -> int | None:
    """Where `entry` stands in the day's list (categories in order, each in time order),
    found by bisection; None when it is not listed on `day`."""
    if entry is None or entry.on != day:
        return None
    key, before = entry.at + entry.id, 0
    for category, keys in by_category:
        if category == entry.category.value:
            at = bisect_left(keys, key)
            return before + at if at < len(keys) and keys[at] == key else None
        before += len(keys)
    return None


def _page(by_category: list[tuple[str, list[str]]], start: int,
          size: int) -> list[tuple[str, str]]:
    """The (category, key) pairs from `start`, at most `size`, without listing the day."""
    page: list[tuple[str, str]] = []
    for category, keys in by_category:
        if start >= len(keys):
            start -= len(keys)
            continue
        taken = keys[start:start + size - len(page)]
        page += [(category, key) for key in taken]
        start = 0
        if len(page) >= size:
            break
    return page
