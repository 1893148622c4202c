"""Errands (代买代送): the queue, overdue first then by due time; single keys move each one on.

n (or space) advances requested -> accepted -> bought -> delivered; c cancels; p records that
the money advanced was paid back (a ✓ beside it); e corrects the items, the amount or the due
time; u takes back the errand's last step (a status, a cancellation, a repayment, a new
amount) after asking; f changes the filter (open, overdue, done, not repaid, all). Every step
is kept with its day, time and worker (store.history). The cursor stays on the errand acted
on, or when it leaves the list, on the one that took its place. The totals line sums money
advanced and not yet repaid over every errand in the book. At most one page of rows is put
in the table at a time.

A key that changes one errand without moving it (requested -> accepted -> bought, paid back)
redraws that row and the totals in place instead of refilling the page: on a year's book the
refill read, sorted and summed all 1,800 errands after every key. Anything else (a filter, a
page, an errand leaving or entering the list, an errand falling overdue since the last
refill, another session's writes, a failed save) refills the page as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from screens.base import BookScreen
from screens.confirm import ConfirmScreen
from screens.errand_form import ErrandForm
from screens.messages import Changed, OpenHousehold
from screens.strings import t
from screens.widgets import clip, cursor_row_id, errand_status_text, header, money, plain
from store import actions, views
from store.book.models import Errand, ErrandStatus, Household, LogEntry
from store.errand_rules import short_id
from store.history import errand_steps

PAGE = 200
FIXED_CELLS = 69  # the other six columns with their padding, the items' padding, the scrollbar
FILTERS = ("open", "overdue", "done", "unpaid", "all")
COLUMNS = ("short", "state", "due", "address", "name", "money", "items")


@dataclass
class Drawn:
    """What the last refill was drawn from, so that a one-errand edit can be drawn in place."""

    errands: dict[str, Errand]  # every errand of the book then, by id
    next_overdue: datetime | None  # the earliest due time not yet passed among open errands
    items_cells: int
    counts: dict[str, int]  # the totals line's counts: shown, total, page, pages, overdue
    advanced: int  # fen, over every errand
    unpaid: int


class ErrandsScreen(BookScreen):
    """The errand queue."""

    CSS_PATH = "errands.tcss"
    TITLE_KEY = "title_errands"
    MODE = "errands"
    BINDINGS = [
        Binding("a", "add", "k_add_errand", id="errands.add"),
        Binding("n,space", "advance", "k_advance", id="errands.advance"),
        Binding("c", "cancel_errand", "k_cancel_errand", id="errands.cancel"),
        Binding("f", "cycle_filter", "k_filter", id="errands.filter"),
        Binding("p", "repaid", "k_repaid", id="errands.repaid"),
        Binding("e", "edit_errand", "k_edit_errand", id="errands.edit"),
        Binding("u", "undo_step", "k_undo_step", id="errands.undo"),
        Binding("right_square_bracket", "page(1)", "k_next_page", show=False, id="errands.next_page"),
        Binding("left_square_bracket", "page(-1)", "k_prev_page", show=False, id="errands.prev_page"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filter_index = 0
        self.page_number = 0
        self.focus_errand: str | None = None
        self.focus_held = False  # focus_errand is the errand acted on (see hold_cursor)
        self.drawn: Drawn | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_bar()
        yield Static("", markup=False, id="errands-totals")
        yield DataTable(id="errands-list", cursor_type="row", zebra_stripes=True)
        yield from self.compose_footer()

    def set_up(self) -> None:
        table = self.query_one(DataTable)
        # The short id that `gridbook errand set` takes (#k3f9), so the shell can name a row.
        table.add_column(header("#"), width=4, key="short")
        table.add_column(header(t("col_state")), width=10, key="state")  # "!requested"
        table.add_column(header(t("col_due")), width=11, key="due")
        table.add_column(header(t("col_address")), width=12, key="address")
        table.add_column(header(t("col_name")), width=8, key="name")
        table.add_column(header(t("col_money")), width=9, key="money")  # ¥143.00 and a ✓ when repaid
        table.add_column(header(t("col_items")), key="items")
        table.focus()

    def matching(self, errands: list[Errand]) -> list[Errand]:
        now = self.now()
        wanted = FILTERS[self.filter_index]
        if wanted == "open":
            errands = [e for e in errands if e.open]
        elif wanted == "overdue":
            errands = [e for e in errands if e.overdue(now)]
        elif wanted == "done":
            errands = [e for e in errands if not e.open]
            return sorted(errands, key=lambda e: e.due, reverse=True)
        elif wanted == "unpaid":  # money advanced and not fully repaid (cancelled ones aside)
            errands = [e for e in errands if e.status != ErrandStatus.CANCELLED
                       and e.repaid < e.advanced]
        queue = views.errand_queue([e for e in errands if e.open], now)
        return queue + sorted((e for e in errands if not e.open), key=lambda e: e.due, reverse=True)

    def show_errand(self, errand_id: str) -> None:
        """Put the cursor on one errand (from Today), widening the filter if needed."""
        errand = self.book.get(Errand, errand_id)
        if errand is None:
            return
        if errand.id not in {e.id for e in self.matching(views.errands(self.book))}:
            self.filter_index = FILTERS.index("all")
        self.focus_errand = errand_id
        self.page_number = 0
        self.reload()

    def reload(self) -> None:
        self.refill()

    def written(self, changed: Changed | None) -> None:
        """A write that changed one errand (and perhaps the journal, which this screen does
        not show) draws that row in place when it can; anything else refills the page."""
        if changed is not None:
            errands = {rid for table, rid in changed if table == Errand.TABLE}
            others = {table for table, _rid in changed} - {Errand.TABLE, LogEntry.TABLE}
            if len(errands) == 1 and not others and self.redraw_one(errands.pop()):
                return
        self.refill()

    def items_cells(self) -> int:
        """What is left of the line for the items, so a long list ends in "~", not mid-word."""
        return max(8, (self.size.width or 80) - FIXED_CELLS)

    def row_cells(self, errand: Errand, household: Household | None, now: datetime,
                  items_cells: int) -> list[Text]:
        state = errand_status_text(errand.status)
        if errand.overdue(now):
            state = "!" + state
        return plain(
            short_id(errand.id), state, f"{errand.due:%m-%d %H:%M}",
            clip(household.address, 12) if household else "-",
            clip(household.head, 8) if household else "",
            money(errand.advanced) + ("✓" if errand.advanced and errand.repaid >= errand.advanced
                                      else ""),
            clip(errand.items, items_cells))

    def show_totals(self, drawn: Drawn) -> None:
        self.query_one("#errands-totals", Static).update(t(
            "errands_totals", filter=t("filter_" + FILTERS[self.filter_index]), **drawn.counts,
            advanced=money(drawn.advanced), unpaid=money(drawn.unpaid)))

    def redraw_one(self, errand_id: str) -> bool:
        """Draw one edited errand's row and the totals in place; False when that would not
        show what a refill shows (then the caller refills)."""
        drawn, now = self.drawn, self.now()
        errand = self.book.get(Errand, errand_id)
        before = drawn.errands.get(errand_id) if drawn is not None else None
        if drawn is None or errand is None or before is None:
            return False
        if drawn.next_overdue is not None and now > drawn.next_overdue:
            return False  # some errand fell overdue since: its mark, the order and the count
        if (errand.open, errand.due, errand.household) != (before.open, before.due,
                                                           before.household):
            return False  # it may leave or enter the list, or move in it
        if drawn.items_cells != self.items_cells():
            return False
        drawn.errands[errand_id] = errand
        advanced_then, unpaid_then = views.money_outstanding([before])
        advanced, unpaid = views.money_outstanding([errand])
        drawn.advanced += advanced - advanced_then
        drawn.unpaid += unpaid - unpaid_then
        table = self.query_one(DataTable)
        if errand_id in table.rows:
            cells = self.row_cells(errand, self.book.get(Household, errand.household), now,
                                   drawn.items_cells)
            for column, old, new in zip(COLUMNS, table.get_row(errand_id), cells, strict=False):
                if not isinstance(old, Text) or old.plain != new.plain:
                    table.update_cell(errand_id, column, new)
        if (advanced, unpaid) != (advanced_then, unpaid_then):
            self.show_totals(drawn)
        keep, self.focus_errand = self._focus_wanted(table), None
        if keep is not None and keep in table.rows and keep != cursor_row_id(table):
            table.move_cursor(row=table.get_row_index(keep))
        return True

    def refill(self) -> None:
        """Draw the page again from the whole book."""
        everything = views.errands(self.book)
        errands = self.matching(everything)
        table = self.query_one(DataTable)
        self.focus_errand = self._focus_wanted(table)
        if self.focus_errand is not None:
            ids = [e.id for e in errands]
            if self.focus_errand in ids:
                self.page_number = ids.index(self.focus_errand) // PAGE
        pages = max(1, -(-len(errands) // PAGE))
        self.page_number = min(max(self.page_number, 0), pages - 1)
        page = errands[self.page_number * PAGE:(self.page_number + 1) * PAGE]
        now = self.now()
        keep = self.focus_errand or cursor_row_id(table)
        self.focus_errand = None
        keep_row = table.cursor_row if table.row_count else None
        table.clear()
        households: dict[str, Household | None] = {}
        items_cells = self.items_cells()
        for errand in page:
            if errand.household not in households:
                households[errand.household] = self.book.get(Household, errand.household)
            table.add_row(*self.row_cells(errand, households[errand.household], now,
                                          items_cells), key=errand.id)
        advanced, unpaid = views.money_outstanding(everything)
        overdue = sum(1 for e in everything if e.overdue(now))
        self.drawn = Drawn(
            {e.id: e for e in everything},
            min((e.due for e in everything if e.open and not e.overdue(now)), default=None),
            items_cells, {"shown": len(page), "total": len(errands), "page": self.page_number + 1,
                          "pages": pages, "overdue": overdue}, advanced, unpaid)
        self.show_totals(self.drawn)
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep))
        elif keep_row is not None and table.row_count:
            # the errand acted on left the list: the one that took its place
            table.move_cursor(row=min(keep_row, table.row_count - 1))

    def hold_cursor(self, errand_id: str) -> None:
        """Keep the cursor on `errand_id` after the write (or, if it leaves the list, on
        the row in its place: see `refill`), unless the worker moves it meanwhile."""
        self.focus_errand = errand_id
        self.focus_held = True

    def _focus_wanted(self, table: DataTable[Any]) -> str | None:
        """The errand the cursor should go to: one asked for (`show_errand`), or the one
        acted on if the cursor is still on it. Keys that came before the write's answer (n,
        down, n in one burst) moved the cursor on: it stays where they put it."""
        wanted, held = self.focus_errand, self.focus_held
        self.focus_held = False
        if wanted is not None and held and cursor_row_id(table) != wanted:
            return None
        return wanted

    def current(self) -> Errand | None:
        key = cursor_row_id(self.query_one(DataTable))
        return self.book.get(Errand, key) if key is not None else None

    def action_cycle_filter(self) -> None:
        self.filter_index = (self.filter_index + 1) % len(FILTERS)
        self.page_number = 0
        self.reload()

    def action_page(self, delta: int) -> None:
        self.page_number += delta
        self.reload()

    def action_advance(self) -> None:
        errand = self.current()
        if errand is None:
            return
        if not errand.open:  # a key never does nothing silently
            self.notify(t("errand_closed"), severity="warning")
            return
        now = self.now()
        self.hold_cursor(errand.id)

        def advanced(updated: Errand) -> None:
            self.notify(t("done_errand_status", status=errand_status_text(updated.status)))
        self.write(lambda book: actions.advance_errand(book, errand.id, when=now), then=advanced)

    def action_cancel_errand(self) -> None:
        errand = self.current()
        if errand is None:
            return
        if not errand.open:
            self.notify(t("errand_closed"), severity="warning")
            return

        def answered(yes: bool | None) -> None:
            if yes:
                now = self.now()
                self.hold_cursor(errand.id)
                self.write(lambda book: actions.set_errand_status(
                    book, errand.id, ErrandStatus.CANCELLED, when=now),
                    done=t("done_errand_cancelled"))
        self.app.push_screen(ConfirmScreen(t("ask_cancel_errand", items=errand.items)), answered)

    def action_repaid(self) -> None:
        """The household paid back what was advanced (or, pressed again, it had not)."""
        errand = self.current()
        if errand is None:
            return
        if not errand.advanced:
            self.notify(t("errand_no_money"), severity="warning")
            return
        paid = errand.repaid >= errand.advanced
        question = t("ask_not_repaid" if paid else "ask_repaid", money=money(errand.advanced),
                     items=clip(errand.items, 30))

        def answered(yes: bool | None) -> None:
            if yes:
                now = self.now()
                self.hold_cursor(errand.id)
                self.write(lambda book: actions.set_errand_repaid(
                    book, errand.id, 0 if paid else errand.advanced, when=now),
                    done=t("done_saved"))
        self.app.push_screen(ConfirmScreen(question), answered)

    def action_edit_errand(self) -> None:
        """Correct the errand's items, amount or due time (a new amount is a step of its own)."""
        errand = self.current()
        if errand is None:
            return

        def edited(values: dict[str, Any] | None) -> None:
            if values is not None:
                now = self.now()
                self.hold_cursor(errand.id)
                self.write(lambda book: actions.edit_errand(
                    book, errand.id, items=values["items"], advanced=values["advanced"],
                    due=values["due"], when=now), done=t("done_saved"))
        self.app.push_screen(ErrandForm(views.households(self.book), self.today(), errand.household,
                                        errand=errand), edited)

    def action_undo_step(self) -> None:
        """Take back the errand's last step, after saying which one."""
        errand = self.current()
        if errand is None:
            return
        steps = [s for s in errand_steps(self.book, errand) if s.undone_on is None]
        if len(steps) < 2:
            self.notify(t("errand_nothing_to_undo"), severity="warning")
            return
        last = steps[-1]
        what = (errand_status_text(last.status) if last.status is not None
                else t("step_repaid", money=money(last.repaid)) if last.kind == "repaid"
                else t("step_amount", money=("+" if last.advanced >= 0 else "-")
                       + money(abs(last.advanced))))
        question = t("ask_undo_step", step=what, when=f"{last.on:%m-%d} {last.at[:5]}",
                     items=clip(errand.items, 30))

        def answered(yes: bool | None) -> None:
            if yes:
                now = self.now()
                self.hold_cursor(errand.id)
                self.write(lambda book: actions.undo_errand_step(book, errand.id, when=now),
                           done=t("done_undone", what=what))
        self.app.push_screen(ConfirmScreen(question), answered)

    def action_add(self) -> None:
        def added(values: dict[str, Any] | None) -> None:
            if values is not None:
                self.write(lambda book: actions.add_errand(
                    book, values["household"], values["items"], values["due"],
                    values["advanced"]), done=t("done_errand_added"),
                    then=lambda errand: self.show_errand(errand.id))
        self.app.push_screen(ErrandForm(views.households(self.book), self.today(), now=self.now()),
                             added)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        errand = self.current()
        if errand is not None:
            self.post_message(OpenHousehold(errand.household))
