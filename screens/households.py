"""Households (住户): the grid's households with status, quarantine day and today's progress.

Filter by status and building, search by name, address or phone; Enter opens the record.
At most one page of rows (PAGE) is put in the table, so the screen stays quick however big
the book grows; the line above the table says how many match, and an empty list says why
(nothing matches, or no households yet) and which key helps.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Static

from screens.base import BookScreen
from screens.building_tick_form import BuildingTickForm
from screens.household import HouseholdScreen
from screens.household_form import HouseholdForm
from screens.strings import t
from screens.widgets import (
    TextField,
    clip,
    cursor_row_id,
    header,
    household_matches,
    kind_text,
    plain,
    status_text,
)
from screens.worker_picker import pick_worker_and_assign
from store import actions, views
from store.book.models import Household, ItemKind, Status
from store.duplicates import already_in_book

PAGE = 200
STATUS_FILTERS: tuple[Status | None, ...] = (None, Status.QUARANTINE, Status.MONITORING,
                                             Status.NORMAL, Status.RELEASED)


class HouseholdsScreen(BookScreen):
    """The list of households with its filters and the building-wide tick."""

    CSS_PATH = "households.tcss"
    TITLE_KEY = "title_households"
    MODE = "households"
    BINDINGS = [
        Binding("a", "add", "k_add_household", id="households.add"),
        Binding("slash", "search", "k_search", id="households.search"),
        Binding("s", "cycle_status", "k_filter_status", id="households.status"),
        Binding("b", "cycle_building", "k_filter_building", id="households.building"),
        Binding("k", "tick_building", "k_tick_building", id="households.tick_building"),
        # the office, on a community file: give households to another worker
        Binding("w", "assign(False)", "k_assign", id="households.assign"),
        Binding("space", "mark", "k_mark", id="households.mark"),
        Binding("W", "assign(True)", "k_assign_shown", id="households.assign_shown"),
        Binding("escape", "leave_search", "k_list", show=False, id="households.list"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.status_index = 0
        self.building: str | None = None
        self.marked: set[str] = set()  # the office's selection for W (space marks a row)

    def compose(self) -> ComposeResult:
        yield from self.compose_bar()
        with Horizontal(id="households-filters"):
            yield TextField(placeholder=t("search_hint"), id="households-search")
            yield Static("", markup=False, id="households-filter-text")
        yield Static("", markup=False, id="households-marked")
        yield Static("", markup=False, id="households-empty")
        yield DataTable(id="households-list", cursor_type="row", zebra_stripes=True)
        yield from self.compose_footer()

    def set_up(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(header(t("col_address")), width=14, key="address")
        table.add_column(header(t("col_name")), width=8, key="name")
        table.add_column(header(t("col_status")), width=10, key="status")
        table.add_column(header(t("col_day")), width=11, key="day")
        table.add_column(header(t("col_today")), width=6, key="today")
        table.add_column(header(t("col_phone")), key="phone")
        table.focus()

    # what is shown ----------------------------------------------------------------------------
    def buildings(self) -> list[str]:
        found = {h.building for h in views.households(self.book)}
        return sorted(found, key=lambda b: (b.zfill(4), b))

    def matching(self) -> list[Household]:
        status = STATUS_FILTERS[self.status_index]
        households = [h for h in views.households(self.book)
                      if (status is None or h.status == status)
                      and (self.building is None or h.building == self.building)]
        query = self.query_one("#households-search", Input).value
        return views.sorted_households(household_matches(households, query))

    def reload(self) -> None:
        households = self.matching()
        progress = views.progress_by_household(self.book, self.today())
        table = self.query_one(DataTable)
        keep = cursor_row_id(table)
        table.clear()
        for household in households[:PAGE]:
            day = views.quarantine_day(self.book.current_quarantine(household.id), self.today())
            done = progress.get(household.id)
            mark = "*" if household.id in self.marked else ""
            table.add_row(*plain(
                clip(mark + household.address, 14), clip(household.head, 8),
                status_text(household.status),
                t("day_n_of_m", n=day[0], m=day[1]) if day else "",
                (f"{done.done}/{done.total}" + (" ok" if done.complete else "")) if done else "-",
                household.phone or (household.people[0].phone if household.people else "")),
                key=household.id)
        status = STATUS_FILTERS[self.status_index]
        self.query_one("#households-filter-text", Static).update(t(
            "households_filters",
            status=status_text(status) if status else t("all"),
            building=self.building or t("all"),
            shown=min(len(households), PAGE), total=len(households)))
        marked = self.query_one("#households-marked", Static)
        marked.display = bool(self.marked)
        marked.update(t("households_marked", count=len(self.marked)) if self.marked else "")
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep))
        self._say_when_empty(bool(households))

    def _say_when_empty(self, any_shown: bool) -> None:
        """An empty list says why (nothing matches, or no households yet) and what to do."""
        empty = self.query_one("#households-empty", Static)
        empty.display = not any_shown
        if not any_shown:
            empty.update(t("households_none_match") if views.households(self.book)
                         else t("households_none_yet"))

    # events -------------------------------------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        self.reload()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one(DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.open_household(str(event.row_key.value))

    def open_household(self, household_id: str) -> None:
        if self.book.get(Household, household_id) is not None:
            self.app.push_screen(HouseholdScreen(household_id))

    # actions ------------------------------------------------------------------------------------
    def action_search(self) -> None:
        self.query_one("#households-search").focus()

    def action_leave_search(self) -> None:
        self.query_one(DataTable).focus()

    def action_cycle_status(self) -> None:
        self.status_index = (self.status_index + 1) % len(STATUS_FILTERS)
        self.reload()

    def action_cycle_building(self) -> None:
        choices: list[str | None] = [None, *self.buildings()]
        position = choices.index(self.building) if self.building in choices else 0
        self.building = choices[(position + 1) % len(choices)]
        self.reload()

    def action_add(self) -> None:
        def added(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            on = self.today()
            self.write(lambda book: actions.register_household(book, on=on, **values),
                       done=t("done_household_added"),
                       then=lambda household: self.open_household(household.id))

        def duplicates(values: dict[str, Any]) -> list[Household]:
            return already_in_book(
                self.book, building=values["building"], unit=values["unit"],
                room=values["room"], id_numbers=tuple(p.id_number for p in values["people"]))
        self.app.push_screen(HouseholdForm(duplicates=duplicates, today=self.today()), added)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Reassigning (w, W) and marking rows for it are the office's: a worker's own
        book has none of these keys."""
        if action in ("mark", "assign"):
            return self.book.kind != "worker"
        return True

    def action_mark(self) -> None:
        """Mark or unmark the household under the cursor, then go to the next row."""
        table = self.query_one(DataTable)
        key = cursor_row_id(table)
        if key is None:
            return
        self.marked ^= {key}
        self.reload()
        table.move_cursor(row=min(table.cursor_row + 1, table.row_count - 1))

    def action_assign(self, shown: bool) -> None:
        """Give the household under the cursor (w), or the marked households (W; every
        household shown when none is marked: the filters and the search make the
        selection), to a worker picked from the file's."""
        if shown:
            visible = {h.id for h in views.households(self.book)}
            chosen = sorted(self.marked & visible) if self.marked \
                else [h.id for h in self.matching()]
        else:
            key = cursor_row_id(self.query_one(DataTable))
            chosen = [key] if key is not None else []
        current = self.book.get(Household, chosen[0]) if len(chosen) == 1 else None

        def assigned(_changed: object) -> None:
            if shown and self.marked:
                self.marked = set()
                self.reload()
        pick_worker_and_assign(self, chosen, current.worker if current else "", then=assigned)

    def action_tick_building(self) -> None:
        def chosen(answer: tuple[str, ItemKind] | None) -> None:
            if answer is None:
                return
            building, kind = answer
            on = self.today()
            self.write(lambda book: actions.tick_building(book, building, kind, on),
                       then=lambda count: self.notify(t(
                           "done_building", building=building, kind=kind_text(kind),
                           count=count)))
        self.app.push_screen(BuildingTickForm(self.buildings(), self.building), chosen)
