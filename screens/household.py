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
from screens.merge_form import MergeForm, RemoveForm, confirm_merge
from screens.needs_form import NeedsForm
from screens.person_form import NEW, PersonForm, PersonPicker
from screens.quarantine_form import StartQuarantineForm
from screens.release_form import ReleaseForm
from screens.strings import t
from screens.test_form import TestForm
from screens.widgets import (
    clip,
    cursor_row_id,
    errand_status_text,
    header,
    kind_text,
    money,
    plain,
    shown_lines,
    status_text,
)
from screens.worker_picker import pick_worker_and_assign, worker_text
from store import actions, views
from store.book.models import (
    ChecklistItem,
    ErrandStatus,
    Household,
    ItemKind,
    PartyRole,
    Person,
    Status,
    Worker,
)
from store.duplicates import already_in_book
from store.errand_rules import short_id
from store.idnumber import mask_id_number
from store.logtext import entry_text

HISTORY_LINES = 15


def person_line(person: Person, on: Any) -> str:
    """Name, sex and age, phone, masked ID number, returnee and where from."""
    sex = person.sex_shown()
    age = person.age_on(on)
    bits = [person.name,
            (t(f"sex_{sex.value}") if sex.value else "") + (t("age_n", n=age) if age is not None
                                                            else ""),
            person.phone, mask_id_number(person.id_number) if person.id_number else ""]
    if person.returnee:
        bits.append(t("returnee_from", origin=person.origin or "-"))
    elif person.origin:
        bits.append(person.origin)
    return "  ".join(b for b in bits if b)


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
        Binding("u", "undo", "k_undo", id="household.undo"),
        Binding("i", "people", "k_people", id="household.people"),
        Binding("e", "edit", "k_edit", id="household.edit"),
        Binding("j", "merge", "k_merge", id="household.merge"),
        # the office, on a community file: give the household to another worker
        Binding("w", "assign", "k_worker", id="household.assign"),
        Binding("delete", "remove", "k_remove", id="household.remove"),
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

    def set_up(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(header(t("col_done")), width=3, key="done")
        table.add_column(header(t("col_today_items")), key="kind")
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
        second = []
        if quarantine is not None:
            second.append(t("quarantine_dates", start=quarantine.start.isoformat(),
                            end=quarantine.end.isoformat()))
        if book.kind != "worker":  # the office's file: whose household it is (w changes it)
            second.append(t("record_worker", worker=worker_text(
                book.get(Worker, household.worker), household.worker)))
        if second:
            lines.append("  ".join(second))
        self.query_one("#record-head", Static).update(shown_lines("\n".join(lines)))

        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for item in self.today_items():
            label = kind_text(item.kind)
            if item.note:
                label += "：" + item.note + (" →" + t("errand_mark") if item.errand else "")
            table.add_row(*plain("[x]" if item.done else "[ ]", label), key=item.id)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        else:
            table.add_row(*plain("", t("no_items_today")), key="-")
        self.query_one("#record-text", Static).update(shown_lines(self.details(household)))

    def details(self, household: Household) -> str:
        book = self.book
        out: list[str] = [t("sec_people")]
        for number, person in enumerate(household.people, 1):
            out.append(f"  {number}. " + person_line(person, self.today()))
            own = [t("arrived_on", on=person.arrived.isoformat()) if person.arrived else "",
                   t("own_dates", start=person.q_start.isoformat() if person.q_start else "-",
                     end=person.q_end.isoformat() if person.q_end else "-")
                   if person.q_start or person.q_end else ""]
            if any(own):
                out.append("     " + "  ".join(o for o in own if o))
        out.append(t("sec_quarantine"))
        quarantines = book.quarantines_of(household.id)
        if not quarantines:
            out.append("  " + t("none"))
        for q in quarantines[-3:]:
            released = t("released_on", on=q.released_on.isoformat()) if q.released_on else ""
            out.append(f"  {q.start} -> {q.end} {released}")
            why = [t(f"q_reason_{q.reason}") if q.reason else "", q.origin,
                   t("arrived_on", on=q.arrived.isoformat()) if q.arrived else ""]
            if any(why):
                out.append("    " + "  ".join(w for w in why if w))
            if q.release_reason:
                out.append("    " + t("release_reason_line", reason=q.release_reason))
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
        for test in tests[-12:]:
            out.append(f"  {test.on:%m-%d} {clip(test.person or household.head, 8)} "
                       f"{t('test_' + test.kind.value)} {t('result_' + test.result.value)}")
        if not tests:
            out.append("  " + t("none"))
        all_errands = book.errands_of(household.id)
        errands = [e for e in all_errands if e.open]
        if errands:
            out.append(t("sec_errands"))
            for errand in errands[:5]:
                out.append(f"  #{short_id(errand.id)} {errand.due:%m-%d %H:%M} "
                           f"{errand_status_text(errand.status)} "
                           f"{clip(errand.items, 20)} {money(errand.advanced)}")
        out.extend(self.money_lines(all_errands))
        out.append(t("sec_history"))
        for entry in book.log_of(household.id)[-HISTORY_LINES:][::-1]:
            mark = t("auto_mark") + " " if entry.auto else ""
            out.append(f"  {entry.on:%m-%d} {entry.at} {mark}{entry_text(entry)}")
        if household.note:
            out.append(t("sec_note"))
            out.append("  " + household.note)
        return "\n".join(out)

    @staticmethod
    def money_lines(errands: list[Any]) -> list[str]:
        """The household's money: each errand with money, then advanced, repaid, owed."""
        paid = [e for e in errands if e.status != ErrandStatus.CANCELLED and e.advanced]
        if not paid:
            return []
        advanced, owed = views.money_outstanding(paid)
        out = [t("sec_money", advanced=money(advanced), repaid=money(advanced - owed),
                 owed=money(owed))]
        for errand in paid[-6:]:
            out.append(f"  {errand.created:%m-%d} {clip(errand.items, 16)} "
                       f"{money(errand.advanced)} / {money(errand.repaid)}")
        return out

    def current_item(self) -> ChecklistItem | None:
        key = cursor_row_id(self.query_one(DataTable))
        return None if key is None else self.book.get(ChecklistItem, key)

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
        what = t("undo_tick", kind=kind_text(item.kind))
        if item.kind == ItemKind.NEEDS and not item.done:
            def asked(text: str | None) -> None:
                if text is not None:
                    self.write_undoable(lambda book: actions.tick(book, item.id, True, text),
                                        what)
            self.app.push_screen(NeedsForm(self.household.head if self.household else "",
                                           item.note), asked)
            return
        if item.kind == ItemKind.TEST and item.done:
            count = sum(1 for test in self.book.tests_of(item.household) if test.on == item.on)
            if count:
                def answered(yes: bool | None) -> None:
                    if yes:
                        self.write_undoable(lambda book: actions.tick(book, item.id, False),
                                            what, done=t("done_untick_test", count=count))
                self.app.push_screen(ConfirmScreen(t("ask_untick_test", count=count)),
                                     answered)
                return
        self.write_undoable(lambda book: actions.tick(book, item.id, not item.done), what)

    def action_record_test(self) -> None:
        household = self.household
        if household is None:
            return

        def recorded(values: dict[str, Any] | None) -> None:
            if values is not None:
                self.write_undoable(
                    lambda book: actions.record_tests(book, household.id, **values),
                    t("undo_test"), done=t("done_test"))
        self.app.push_screen(TestForm(household, self.today()), recorded)

    def action_start_quarantine(self) -> None:
        household = self.household
        if household is None:
            return
        if self.book.current_quarantine(household.id) is not None:
            self.notify(t("already_quarantined"), severity="warning")
            return

        def started(values: dict[str, Any] | None) -> None:
            if values is not None:
                self.write_undoable(
                    lambda book: actions.start_quarantine(book, household.id, **values),
                    t("undo_start"), done=t("done_started"))
        origin = household.people[0].origin if household.people else ""
        self.app.push_screen(StartQuarantineForm(self.today(), self.book.policy.days, origin),
                             started)

    def action_change_end(self) -> None:
        quarantine = self.book.current_quarantine(self.household_id)
        if quarantine is None:
            self.notify(t("no_quarantine"), severity="warning")
            return
        today = self.today()

        def changed(values: tuple[Any, str] | None) -> None:
            if values is not None:
                new_end, reason = values
                self.write_undoable(lambda book: actions.change_quarantine_end(
                    book, quarantine.id, new_end, reason, on=today), t("undo_change"),
                    done=t("done_changed"))
        self.app.push_screen(ChangeEndForm(quarantine, today), changed)

    def _end_with_checks(self, monitoring: bool) -> None:
        """Release (or move to monitoring) after showing what is missing: tests against
        the policy, results, open errands, money owed; early only with a reason."""
        household, today = self.household, self.today()
        if household is None:
            return
        who = f"{household.address} {household.head}"
        action = actions.move_to_monitoring if monitoring else actions.release
        what, done = ((t("undo_monitoring"), t("done_monitoring")) if monitoring
                      else (t("kind_release"), t("done_released")))
        problems = actions.release_problems(self.book, household.id, today)
        if not problems:
            def answered(yes: bool | None) -> None:
                if yes:
                    self.write_undoable(lambda book: action(book, household.id, today),
                                        what, done=done)
            question = t("ask_monitoring" if monitoring else "ask_release", who=who)
            self.app.push_screen(ConfirmScreen(question), answered)
            return

        def reasoned(reason: str | None) -> None:
            if reason is not None:
                self.write_undoable(lambda book: action(book, household.id, today, reason),
                                    what, done=done)
        self.app.push_screen(ReleaseForm(who, problems, self.book.current_quarantine(household.id),
                                         today, monitoring), reasoned)

    def action_monitoring(self) -> None:
        household = self.household
        if household is None:
            return
        if household.status == Status.MONITORING:  # a key never does nothing silently
            self.notify(t("already_monitoring"), severity="warning")
            return
        self._end_with_checks(monitoring=True)

    def action_release(self) -> None:
        household = self.household
        if household is None:
            return
        if household.status == Status.RELEASED:
            self.notify(t("already_released"), severity="warning")
            return
        self._end_with_checks(monitoring=False)

    def action_print(self) -> None:
        """The open record as a booklet, to a PDF in the documents folder."""
        from store.office.printing.to_documents import print_record

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
        self.app.push_screen(HouseholdForm(household, duplicates=self._duplicates(household.id),
                                           today=self.today()), edited)

    def _duplicates(self, skip: str) -> Any:
        def found(values: dict[str, Any]) -> list[Household]:
            return already_in_book(
                self.book, building=values["building"], unit=values["unit"],
                room=values["room"], id_numbers=tuple(p.id_number for p in values["people"]),
                skip=skip)
        return found

    def action_people(self) -> None:
        household = self.household
        if household is None:
            return

        def save(index: int, person: Person | None) -> None:
            if person is None:
                return
            def write(book: Any) -> Household:
                now = book.require(Household, household.id).people
                people = (now + (person,) if index == NEW
                          else now[:index] + (person,) + now[index + 1:])
                return book.update(Household, household.id, people=people)
            self.write_undoable(write, t("undo_people"), done=t("done_saved"))

        def picked(index: int | None) -> None:
            if index is None:
                return
            person = None if index == NEW else household.people[index]
            self.app.push_screen(PersonForm(self.today(), person),
                                 lambda value: save(index, value))
        if not household.people:
            picked(NEW)
        else:
            self.app.push_screen(PersonPicker(household.people), picked)

    def action_merge(self) -> None:
        household = self.household
        if household is None:
            return

        def chosen(other_id: str | None) -> None:
            other = None if other_id is None else self.book.get(Household, other_id)
            if other is not None:
                confirm_merge(self, household, [other], then=self._show)
        self.app.push_screen(MergeForm(household, views.households(self.book)), chosen)

    def _show(self, household: Household) -> None:
        """Show `household` here (after a merge the one kept may have the other's id)."""
        self.household_id = household.id
        self.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`w` is the office's: a worker's own book has no worker field to change."""
        if action == "assign":
            return self.book.kind != "worker"
        return True

    def action_assign(self) -> None:
        household = self.household
        if household is None:
            return
        pick_worker_and_assign(self, [household.id], household.worker,
                               then=lambda _changed: self.reload())

    def action_remove(self) -> None:
        household = self.household
        if household is None:
            return

        def reasoned(reason: str | None) -> None:
            if reason is not None:
                today = self.today()
                self.write(lambda book: actions.remove_household(book, household.id, reason,
                                                                 today),
                           done=t("done_removed"), then=self._leave)
        self.app.push_screen(RemoveForm(household), reasoned)

    def _leave(self, _result: object) -> None:
        """Back to the list: the household shown here was removed."""
        self.app.pop_screen()

    def action_errand(self) -> None:
        """A new errand; on a needs item with an open need, the need becomes the errand."""
        item = self.current_item()
        need = item if item is not None and item.kind == ItemKind.NEEDS and item.note \
            and not item.errand else None

        def added(values: dict[str, Any] | None) -> None:
            if values is None:
                return

            def write(book: Any) -> Any:
                with book.batch():
                    errand = actions.add_errand(book, values["household"], values["items"],
                                                values["due"], values["advanced"])
                    if need is not None:
                        book.update(ChecklistItem, need.id, errand=errand.id)
                return errand
            self.write(write, done=t("done_errand_added"))
        self.app.push_screen(ErrandForm(views.households(self.book), self.today(),
                                        self.household_id, now=self.now(),
                                        items=need.note if need else ""), added)
