"""Today (the home screen): what is due across the grid today, with counts; Enter opens it.

It reads `store.views.today`, which costs what today has, not what the year has, so the
screen is as quick on a year-scale book as on a new one.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from screens import today_places
from screens.base import BookScreen
from screens.messages import OpenErrand, OpenHousehold
from screens.strings import t
from screens.widgets import clip, cursor_row_id, errand_status_text, header, kind_text, plain
from store import actions, views
from store.book.models import Household, ItemKind

# what Today looks at: (first day from today, how many days); w goes round them
SPANS = ((0, 1), (1, 1), (1, 7))


class TodayScreen(BookScreen):
    """Counts of what is due today, then one list of it: overdue first."""

    CSS_PATH = "today.tcss"
    TITLE_KEY = "title_today"
    MODE = "today"
    BINDINGS = [
        # priority: else the table's own (hidden) Enter hides this one from the footer
        Binding("enter", "open", "k_open", priority=True, id="today.open"),
        Binding("t", "test", "k_test_round", id="today.test"),
        Binding("w", "span", "k_span", id="today.span"),
        Binding("u", "undo", "k_undo", id="today.undo"),
        Binding("r", "reload", "k_reload", id="today.reload"),
        Binding("p", "print", "k_print", id="today.print"),
        # the rounds (screens.today_places)
        Binding("d", "tick_round", "k_tick_round", id="today.round"),
        Binding("n", "posted", "k_posted", id="today.posted"),
        Binding("x", "untick_round", "k_untick_round", id="today.untick_round"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.span = 0  # index into SPANS: today, tomorrow, the week ahead

    def compose(self) -> ComposeResult:
        yield from self.compose_bar()
        yield Static("", markup=False, id="today-counts")
        yield DataTable(id="today-list", cursor_type="row", zebra_stripes=True)
        yield Static("", markup=False, id="today-empty")
        yield from self.compose_footer()

    def set_up(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(header(t("col_what")), width=13, key="what")
        table.add_column(header(t("col_address")), width=14, key="address")
        table.add_column(header(t("col_name")), width=8, key="name")
        table.add_column(header(t("col_detail")), key="detail")
        table.focus()

    def reload(self) -> None:
        if self.span:
            self.show_plan()
            return
        view = views.today(self.book, self.today(), self.now())
        self.query_one("#today-counts", Static).update(t(
            "today_counts", tests=len(view.tests_due), releases=len(view.releases_due),
            pending=len(view.households_pending), overdue=len(view.errands_overdue),
            due=len(view.errands_due_today)))
        table = self.query_one(DataTable)
        cursor_key = cursor_row_id(table)
        cursor_row = table.cursor_row
        table.clear()

        def person(household: Household | None) -> tuple[str, str]:
            if household is None:
                return ("-", "")
            return (clip(household.address, 14), clip(household.head, 8))

        for household, errand in view.errands_overdue:
            table.add_row(*plain(t("what_overdue"), *person(household),
                          clip(f"{errand.due:%m-%d %H:%M} {errand_status_text(errand.status)} "
                               f"{errand.items}", 40)), key=f"e:{errand.id}")
        for household, _item in view.tests_due:
            quarantine = self.book.current_quarantine(household.id)
            day = views.quarantine_day(quarantine, self.today())
            detail = t("day_n_of_m", n=day[0], m=day[1]) if day else ""
            table.add_row(*plain(t("what_test"), *person(household), detail), key=f"h:{household.id}:t")
        for household, _item in view.releases_due:
            table.add_row(*plain(t("what_release"), *person(household), t("release_due_detail")),
                          key=f"h:{household.id}:r")
        for household, errand in view.errands_due_today:
            table.add_row(*plain(t("what_errand"), *person(household),
                          clip(f"{errand.due:%H:%M} {errand_status_text(errand.status)} "
                               f"{errand.items}", 40)), key=f"e:{errand.id}")
        today_places.add_rows(self, table)  # the rounds and the places, before the long tail
        left: dict[str, set[ItemKind]] = {}
        for item in self.book.items_on(self.today()):
            if not item.done:
                left.setdefault(item.household, set()).add(item.kind)
        for household, progress in view.households_pending:
            missing = [kind_text(kind) for kind in ItemKind if kind != ItemKind.RELEASE
                       and kind in left.get(household.id, ())]
            table.add_row(*plain(t("what_pending"), *person(household),
                          clip(f"{progress.done}/{progress.total} " + t("missing") +
                               ", ".join(missing), 40)), key=f"h:{household.id}:p")
        empty = table.row_count == 0
        self.query_one("#today-empty", Static).update(t("today_nothing") if empty else "")
        self.query_one("#today-empty", Static).display = empty
        if cursor_key is not None and cursor_key in table.rows:
            table.move_cursor(row=table.get_row_index(cursor_key))
        elif table.row_count:  # the row done is gone: the next one takes its place
            table.move_cursor(row=min(cursor_row, table.row_count - 1))

    def show_plan(self) -> None:
        """Tomorrow or the week ahead: the tests and releases due, day by day."""
        first, days = SPANS[self.span]
        start = self.today() + timedelta(days=first)
        rows = views.plan(self.book, start, days)
        tests = sum(1 for row in rows if row[1] == ItemKind.TEST)
        self.query_one("#today-counts", Static).update(t(
            "plan_counts_tomorrow" if days == 1 else "plan_counts_week",
            start=f"{start:%m-%d}", end=f"{start + timedelta(days=days - 1):%m-%d}",
            tests=tests, releases=len(rows) - tests))
        table = self.query_one(DataTable)
        cursor_key = cursor_row_id(table)
        table.clear()
        for on, kind, household in rows:
            quarantine = self.book.current_quarantine(household.id)
            day = views.quarantine_day(quarantine, on)
            detail = t("day_n_of_m", n=day[0], m=day[1]) if day and kind == ItemKind.TEST \
                else ""
            what = t("plan_test") if kind == ItemKind.TEST else t("plan_release")
            table.add_row(*plain(f"{on:%m-%d} {what}", clip(household.address, 14),
                                 clip(household.head, 8), detail),
                          key=f"h:{household.id}:{on}:{kind.value}")
        empty = table.row_count == 0
        self.query_one("#today-empty", Static).update(t("plan_nothing") if empty else "")
        self.query_one("#today-empty", Static).display = empty
        if cursor_key is not None and cursor_key in table.rows:
            table.move_cursor(row=table.get_row_index(cursor_key))

    def action_span(self) -> None:
        self.span = (self.span + 1) % len(SPANS)
        self.query_one(DataTable).move_cursor(row=0)
        self.reload()
        self.notify(t(("span_today", "span_tomorrow", "span_week")[self.span]), timeout=2)

    def action_test(self) -> None:
        """The door-to-door round: record the test of the household under the cursor
        (everyone in one step, or pick who); the next household then has the cursor."""
        key = cursor_row_id(self.query_one(DataTable))
        household = self.book.get(Household, key.split(":")[1]) if key and \
            key.startswith("h:") else None
        if household is None or self.span:
            self.notify(t("test_round_hint"), severity="warning")
            return
        on = self.today()

        def recorded(values: dict[str, Any] | None) -> None:
            if values is not None:
                self.write_undoable(
                    lambda book: actions.record_tests(book, household.id, **values),
                    t("undo_test"), done=t("done_test_of", who=household.address))
        from screens.test_form import TestForm  # the form (and TextArea) when first asked for

        self.app.push_screen(TestForm(household, on), recorded)

    def action_print(self) -> None:
        """Today's round sheet, to a PDF in the documents folder."""
        from store.office.printing.to_documents import print_round

        book, on, now = self.book, self.today(), self.now()
        self.print_to_documents(lambda: print_round(book, on, now=now))

    def action_reload(self) -> None:
        self.reload()

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        key = cursor_row_id(table)
        if key is None or today_places.open_row(self, key):
            return
        kind, record_id = key.split(":")[:2]
        self.post_message(OpenErrand(record_id) if kind == "e" else OpenHousehold(record_id))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_tick_round(self) -> None:
        today_places.tick_round(self)

    def action_untick_round(self) -> None:
        today_places.tick_round(self, done=False)

    def action_posted(self) -> None:
        today_places.tick_posted(self)
