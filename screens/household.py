"""One household's control record (管控记录): people, quarantine, parties, tests, today, history.

Today's checklist is a table where space ticks the item under the cursor; the keys in the
footer start, extend or shorten, end and release a quarantine, record a test and edit the
household. ID numbers are shown masked: the screen may be seen over a shoulder.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Static

from screens.base import BookScreen
from screens.change_end_form import ChangeEndForm
from screens.confirm import ConfirmScreen
from screens.errand_form import ErrandForm
from screens.household_form import HouseholdForm
from screens.quarantine_form import StartQuarantineForm
from screens.strings import t
from screens.test_form import TestForm
from screens.widgets import (
    clip,
    cursor_row_id,
    errand_status_text,
    kind_text,
    money,
    plain,
    status_text,
)
from store import actions, views
from store.errand_rules import short_id
from store.idnumber import mask_id_number
from store.logtext import entry_text
from store.models import ChecklistItem, Household, ItemKind, PartyRole, Status

HISTORY_LINES = 15


class HouseholdScreen(BookScreen):
    """The record of one household; Escape goes back to the list."""

    CSS_PATH = "household.tcss"
    TITLE_KEY = "title_household"
    BINDINGS = [
        # The day's work first: the footer shows as many as fit, in this order.
        Binding("escape", "back", "k_back", id="household.back"),
        Binding("space", "tick", "k_tick", id="household.tick"),
        Binding("t", "record_test", "k_test", id="household.test"),
        Binding("o", "errand", "k_errand_here", id="household.errand"),
        Binding("x", "change_end", "k_change_end", id="household.change_end"),
        Binding("r", "release", "k_release", id="household.release"),
        Binding("m", "monitoring", "k_monitoring", id="household.monitoring"),
        Binding("s", "start_quarantine", "k_start", id="household.start"),
        Binding("e", "edit", "k_edit", id="household.edit"),
        Binding("p", "print", "k_print", id="household.print"),
    ]

    def __init__(self, household_id: str) -> None:
        super().__init__()
        self.household_id = household_id

    def compose(self) -> ComposeResult:
        yield from self.compose_bar()
        yield Static("", markup=False, id="record-head")
        with Horizontal(id="record-body"):
            yield DataTable(id="record-checklist", cursor_type="row")
            with VerticalScroll(id="record-details"):
                yield Static("", markup=False, id="record-text")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(t("col_done"), width=3, key="done")
        table.add_column(t("col_today_items"), key="kind")
        table.focus()

    @property
    def household(self) -> Household | None:
        return self.book.get(Household, self.household_id)

    def today_items(self) -> list[ChecklistItem]:
        order = list(ItemKind)
        found = [i for i in self.book.items_on(self.today()) if i.household == self.household_id]
        return sorted(found, key=lambda i: order.index(i.kind))

    def reload(self) -> None:
        household = self.household
        if household is None:
            self.query_one("#record-head", Static).update(t("household_gone"))
            return
        book, today = self.book, self.today()
        quarantine = book.current_quarantine(household.id)
        day = views.quarantine_day(quarantine, today)
        head = [f"{household.address}  {household.head}  {household.phone}",
                f"[{status_text(household.status)}]"]
        if day:
            head.append(t("day_n_of_m", n=day[0], m=day[1]))
        lines = ["  ".join(head)]
        if quarantine is not None:
            lines.append(t("quarantine_dates", start=quarantine.start.isoformat(),
                           end=quarantine.end.isoformat()))
        self.query_one("#record-head", Static).update("\n".join(lines))

        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for item in self.today_items():
            table.add_row(*plain("[x]" if item.done else "[ ]", kind_text(item.kind)), key=item.id)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        else:
            table.add_row(*plain("", t("no_items_today")), key="-")
        self.query_one("#record-text", Static).update(self.details(household))

    def details(self, household: Household) -> str:
        book = self.book
        out: list[str] = [t("sec_people")]
        for person in household.people:
            extra = [person.phone, mask_id_number(person.id_number) if person.id_number else ""]
            if person.returnee:
                extra.append(t("returnee_from", origin=person.origin or "-"))
            out.append("  " + "  ".join([person.name] + [e for e in extra if e]))
        out.append(t("sec_quarantine"))
        quarantines = book.quarantines_of(household.id)
        if not quarantines:
            out.append("  " + t("none"))
        for q in quarantines[-3:]:
            released = t("released_on", on=q.released_on.isoformat()) if q.released_on else ""
            out.append(f"  {q.start} -> {q.end} {released}")
            for change in q.changes:
                out.append("    " + t("change_line", on=change.on.isoformat(),
                                      old=change.old_end.isoformat(),
                                      new=change.new_end.isoformat(), reason=change.reason))
        out.append(t("sec_parties"))
        for role in PartyRole:
            party = household.parties.get(role)
            value = f"{party.name} {party.phone}".strip() if party else ""
            out.append(f"  {t('party_' + role.value)}: {value or '-'}")
        out.append(t("sec_tests"))
        tests = book.tests_of(household.id)
        quarantine = book.current_quarantine(household.id)
        if quarantine is not None:
            due = [i for i in book.items_of(household.id)
                   if i.quarantine == quarantine.id and i.kind == ItemKind.TEST]
            out.append("  " + t("test_schedule") + " " + ", ".join(
                f"{i.on:%m-%d}{'[x]' if i.done else '[ ]'}" for i in due))
        for test in tests[-6:]:
            out.append(f"  {test.on} {t('test_' + test.kind.value)} "
                       f"{t('result_' + test.result.value)} {test.person}")
        if not tests:
            out.append("  " + t("none"))
        errands = [e for e in book.errands_of(household.id) if e.open]
        if errands:
            out.append(t("sec_errands"))
            for errand in errands[:5]:
                out.append(f"  #{short_id(errand.id)} {errand.due:%m-%d %H:%M} "
                           f"{errand_status_text(errand.status)} "
                           f"{clip(errand.items, 20)} {money(errand.advanced)}")
        out.append(t("sec_history"))
        for entry in book.log_of(household.id)[-HISTORY_LINES:][::-1]:
            mark = t("auto_mark") + " " if entry.auto else ""
            out.append(f"  {entry.on:%m-%d} {entry.at} {mark}{entry_text(entry)}")
        if household.note:
            out.append(t("sec_note"))
            out.append("  " + household.note)
        return "\n".join(out)

    # actions -------------------------------------------------------------------------------------
    def action_back(self) -> None:
        self.app.pop_screen()

    def action_tick(self) -> None:
        key = cursor_row_id(self.query_one(DataTable))
        if key is None:
            return
        item = self.book.get(ChecklistItem, key)
        if item is None:
            return
        if item.kind == ItemKind.RELEASE and not item.done:
            self.action_release()
            return
        if item.kind == ItemKind.TEST and not item.done:
            self.action_record_test()
            return
        self.write(lambda book: actions.tick(book, item.id, not item.done))

    def action_record_test(self) -> None:
        household = self.household
        if household is None:
            return

        def recorded(values: dict[str, Any] | None) -> None:
            if values is not None:
                self.write(lambda book: actions.record_test(book, household.id, **values),
                           done=t("done_test"))
        self.app.push_screen(TestForm(household, self.today()), recorded)

    def action_start_quarantine(self) -> None:
        household = self.household
        if household is None:
            return
        if self.book.current_quarantine(household.id) is not None:
            self.notify(t("already_quarantined"), severity="warning")
            return

        def started(values: tuple[Any, int] | None) -> None:
            if values is not None:
                start, days = values
                self.write(lambda book: actions.start_quarantine(book, household.id, start, days),
                           done=t("done_started"))
        self.app.push_screen(StartQuarantineForm(self.today(), self.book.policy.days), started)

    def action_change_end(self) -> None:
        quarantine = self.book.current_quarantine(self.household_id)
        if quarantine is None:
            self.notify(t("no_quarantine"), severity="warning")
            return
        today = self.today()

        def changed(values: tuple[Any, str] | None) -> None:
            if values is not None:
                new_end, reason = values
                self.write(lambda book: actions.change_quarantine_end(
                    book, quarantine.id, new_end, reason, on=today), done=t("done_changed"))
        self.app.push_screen(ChangeEndForm(quarantine, today), changed)

    def _confirm_then(self, question: str, action: Any, done: str) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.write(action, done=done)
        self.app.push_screen(ConfirmScreen(question), answered)

    def action_monitoring(self) -> None:
        household, today = self.household, self.today()
        if household is None:
            return
        if household.status == Status.MONITORING:  # a key never does nothing silently
            self.notify(t("already_monitoring"), severity="warning")
            return
        self._confirm_then(t("ask_monitoring", who=f"{household.address} {household.head}"),
                           lambda book: actions.move_to_monitoring(book, household.id, today),
                           t("done_monitoring"))

    def action_release(self) -> None:
        household, today = self.household, self.today()
        if household is None:
            return
        if household.status == Status.RELEASED:
            self.notify(t("already_released"), severity="warning")
            return
        self._confirm_then(t("ask_release", who=f"{household.address} {household.head}"),
                           lambda book: actions.release(book, household.id, today),
                           t("done_released"))

    def action_print(self) -> None:
        """The open record as a booklet, to a PDF in the documents folder."""
        from store.printing.to_documents import print_record

        book, household_id, now = self.book, self.household_id, self.now()
        self.print_to_documents(lambda: print_record(book, household_id, now=now))

    def action_edit(self) -> None:
        household = self.household
        if household is None:
            return

        def edited(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            changed = {k: v for k, v in values.items() if getattr(household, k) != v}
            if changed:
                self.write(lambda book: book.update(Household, household.id, **changed),
                           done=t("done_saved"))
        self.app.push_screen(HouseholdForm(household), edited)

    def action_errand(self) -> None:
        def added(values: dict[str, Any] | None) -> None:
            if values is not None:
                self.write(lambda book: actions.add_errand(
                    book, values["household"], values["items"], values["due"],
                    values["advanced"]), done=t("done_errand_added"))
        self.app.push_screen(ErrandForm(self.book.households(), self.today(),
                                        self.household_id, now=self.now()), added)
