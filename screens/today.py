"""Today (the home screen): what is due across the grid today, with counts; Enter opens it.

It reads `store.views.today`, which costs what today has, not what the year has, so the
screen is as quick on a year-scale book as on a new one.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from screens import today_places
from screens.base import BookScreen
from screens.messages import OpenErrand, OpenHousehold
from screens.strings import t
from screens.widgets import clip, cursor_row_id, errand_status_text, kind_text, plain
from store import views
from store.models import Household, ItemKind


class TodayScreen(BookScreen):
    """Counts of what is due today, then one list of it: overdue first."""

    CSS_PATH = "today.tcss"
    TITLE_KEY = "title_today"
    MODE = "today"
    BINDINGS = [
        # priority: else the table's own (hidden) Enter hides this one from the footer
        Binding("enter", "open", "k_open", priority=True, id="today.open"),
        Binding("r", "reload", "k_reload", id="today.reload"),
        Binding("p", "print", "k_print", id="today.print"),
        # the rounds (screens.today_places)
        Binding("d", "tick_round", "k_tick_round", id="today.round"),
        Binding("n", "posted", "k_posted", id="today.posted"),
        Binding("x", "untick_round", "k_untick_round", show=False, id="today.untick_round"),
    ]

    def compose(self) -> ComposeResult:
        yield from self.compose_bar()
        yield Static("", markup=False, id="today-counts")
        yield DataTable(id="today-list", cursor_type="row", zebra_stripes=True)
        yield Static("", markup=False, id="today-empty")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(t("col_what"), width=10, key="what")
        table.add_column(t("col_address"), width=14, key="address")
        table.add_column(t("col_name"), width=8, key="name")
        table.add_column(t("col_detail"), key="detail")
        table.focus()

    def reload(self) -> None:
        view = views.today(self.book, self.today(), self.now())
        self.query_one("#today-counts", Static).update(t(
            "today_counts", tests=len(view.tests_due), releases=len(view.releases_due),
            pending=len(view.households_pending), overdue=len(view.errands_overdue),
            due=len(view.errands_due_today)))
        table = self.query_one(DataTable)
        cursor_key = cursor_row_id(table)
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

    def action_print(self) -> None:
        """Today's round sheet, to a PDF in the documents folder."""
        from store.printing.to_documents import print_round

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
