"""For office staff on a community file: fields that books wrote concurrently, and possible
duplicate households. Enter on a conflict lists its candidates; picking one settles it with
`book.resolve`, a new write that supersedes them all, so every copy converges.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from screens.base import BookScreen
from screens.confirm import ConfirmScreen
from screens.host import host
from screens.merge_form import confirm_merge, household_line
from screens.once import OnceModal
from screens.strings import STRINGS, t
from screens.widgets import clip, header, household_label, plain, shown_lines
from store.book.book import Conflict
from store.book.clock import stamp_datetime
from store.book.models import Household, Worker
from store.duplicates import possible_duplicates, rehome_strays, strays
from store.office.conflict_text import field_text as conflict_field_text
from store.office.conflict_text import listed, record_text, value_text

ROWS = 200


def shown_value(value: Any) -> str:
    """A stored value as one short line."""
    if isinstance(value, (list, tuple)):
        return ", ".join(shown_value(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={shown_value(v)}" for k, v in value.items())
    return str(value)


def field_text(field: str) -> str:
    """A record's field by the name its form gives it (备注, not note)."""
    for key in (f"f_{field}", f"field_{field}"):
        if key in STRINGS:
            return t(key)
    return conflict_field_text(field)


class CandidatePicker(OnceModal):
    """The candidates of one conflict; Enter keeps the highlighted one, Escape keeps none."""

    CSS_PATH = "conflicts.tcss"
    BINDINGS = [Binding("escape", "dismiss_none", "k_cancel", id="candidates.cancel")]

    def __init__(self, conflict: Conflict, label: str) -> None:
        super().__init__()
        self.conflict = conflict
        self.label = label

    def compose(self) -> ComposeResult:
        with Vertical(id="candidates"):
            yield Static(t("candidates_title", record=self.label,
                           field=field_text(self.conflict.field)),
                         markup=False, id="candidates-title")
            candidates = self.conflict.candidates
            # the newest few, as the report lists them (a register of 10,000 values made
            # 10,000 lines here): the shown one is among them, and a pick replaces them all
            indexes, older = listed(range(len(candidates)))
            options = []
            if older:
                options.append(Option(t("report.older_values", count=older), id="older",
                                      disabled=True))
            for index in indexes:
                value, stamp, _replica, worker = candidates[index]
                when = stamp_datetime(stamp).strftime("%Y-%m-%d %H:%M:%S")
                shown = t("candidate_shown") if index == len(candidates) - 1 else ""
                value_shown = shown_value(value_text(self.conflict.field, value))
                options.append(Option(shown_lines(f"{clip(value_shown, 40)}  {self.who(worker)} "
                                                  f"{when} {shown}"), id=str(index)))
            yield OptionList(*options, id="candidates-list", markup=False)
            yield Static(t("candidates_keys"), id="candidates-keys")

    def who(self, worker: str) -> str:
        book = host(self).book
        found = book.get(Worker, worker) if book is not None else None
        return f"{found.name}（{worker}）" if found is not None else worker or "-"

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.conflict.candidates[int(event.option.id or 0)][0])

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class ConflictsScreen(BookScreen):
    """The office's list of conflicts and possible duplicates."""

    CSS_PATH = "conflicts.tcss"
    TITLE_KEY = "title_conflicts"
    BINDINGS = [
        Binding("escape", "back", "k_back", id="conflicts.back"),
        # Shown in the footer (the table's own Enter is not): how a conflict is settled.
        Binding("enter", "settle", "k_settle", priority=True, id="conflicts.settle"),
        Binding("m", "merge_duplicates", "k_merge_duplicates", id="conflicts.merge"),
    ]

    def compose(self) -> ComposeResult:
        yield from self.compose_bar()
        yield Static("", markup=False, id="conflicts-summary")
        yield DataTable(id="conflicts-list", cursor_type="row")
        yield Static("", markup=False, id="duplicates")
        yield from self.compose_footer()

    def set_up(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(header(t("col_record")), width=24, key="record")
        table.add_column(header(t("col_field")), width=10, key="field")
        table.add_column(header(t("col_values")), key="values")
        table.focus()

    def label_of(self, conflict: Conflict) -> str:
        """The record as office staff know it: address and head, an errand's items."""
        if conflict.table == Household.TABLE:
            return household_label(self.book.get(Household, conflict.record_id))
        from store.office.report import records_named

        return record_text(records_named(self.book, [conflict]), conflict.table,
                           conflict.record_id)

    def reload(self) -> None:
        self.conflicts = self.book.conflicts()
        table = self.query_one(DataTable)
        table.clear()
        for index, conflict in enumerate(self.conflicts[:ROWS]):
            newest, older = listed(conflict.candidates)
            values = " | ".join(([f"+{older}"] if older else []) +
                                [clip(shown_value(value_text(conflict.field, c[0])), 16)
                                 for c in newest])
            table.add_row(*plain(clip(self.label_of(conflict), 24), field_text(conflict.field),
                                 values),
                          key=str(index))
        groups = possible_duplicates(self.book)
        self.query_one("#conflicts-summary", Static).update(
            t("conflicts_summary", count=len(self.conflicts), duplicates=len(groups)))
        lines = [t("duplicates_title", count=len(groups))]
        for group in groups[:8]:
            lines.append("  " + clip(household_label(group[0]), 30) + "  " +
                         ", ".join(h.id[:10] for h in group))
        self.strays = strays(self.book)
        if self.strays:
            lines.append(t("strays_line", count=len(self.strays)))
        self.query_one("#duplicates", Static).update(shown_lines("\n".join(lines)))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.settle(int(str(event.row_key.value)))

    def action_settle(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            self.settle(int(str(table.coordinate_to_cell_key(table.cursor_coordinate)
                                .row_key.value)))

    def settle(self, index: int) -> None:
        """Ask which of the conflict's values to keep, then write it."""
        conflict = self.conflicts[index]

        def picked(value: Any) -> None:
            if value is not None:
                self.write(lambda book: book.resolve(conflict.table, conflict.record_id,
                                                     conflict.field, value),
                           done=t("done_resolved"))
        self.app.push_screen(CandidatePicker(conflict, self.label_of(conflict)), picked)

    def action_merge_duplicates(self) -> None:
        """Settle a group of possible duplicates: pick the household to keep, confirm
        (the same question as the record's `j`), and the others merge into it."""
        found = strays(self.book)
        if found:  # first what was written to households already merged (then m again)
            def answered(yes: bool | None) -> None:
                if yes:
                    self.write(rehome_strays, done=t("done_strays", count=len(found)))
            self.app.push_screen(ConfirmScreen(t("ask_strays", count=len(found))), answered)
            return
        groups = possible_duplicates(self.book)
        if not groups:
            self.notify(t("no_duplicates"), severity="warning")
            return

        def picked(choice: tuple[int, str] | None) -> None:
            if choice is None:
                return
            group_index, survivor = choice
            group = groups[group_index]
            keep = next(h for h in group if h.id == survivor)
            confirm_merge(self, keep, group)
        self.app.push_screen(SurvivorPicker(groups, self.household_line), picked)

    def household_line(self, household: Household) -> str:
        return household_line(self.book, household)

    def action_back(self) -> None:
        self.app.pop_screen()


class SurvivorPicker(OnceModal):
    """Every household of every group of possible duplicates; Enter keeps the highlighted
    one (the others of its group merge into it), Escape keeps all as they are."""

    CSS_PATH = "conflicts.tcss"
    BINDINGS = [Binding("escape", "dismiss_none", "k_cancel", id="survivor.cancel")]

    def __init__(self, groups: list[list[Household]], line: Any) -> None:
        super().__init__()
        self.groups = groups
        self.line = line

    def compose(self) -> ComposeResult:
        with Vertical(id="candidates"):
            yield Static(t("survivor_title"), markup=False, id="candidates-title")
            self.prompts = [shown_lines(f"{number + 1}. {self.line(household)}")
                            for number, group in enumerate(self.groups) for household in group]
            ids = [f"{number}/{household.id}"
                   for number, group in enumerate(self.groups) for household in group]
            options = [Option("  " + prompt, id=rid) for prompt, rid in zip(self.prompts, ids,
                                                                              strict=True)]
            yield OptionList(*options, id="candidates-list", markup=False)
            yield Static(t("survivor_keys"), id="candidates-keys")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """">" marks the household Enter keeps (seen without colour)."""
        event.stop()
        for index, prompt in enumerate(self.prompts):
            mark = "> " if index == event.option_index else "  "
            event.option_list.replace_option_prompt_at_index(index, mark + prompt)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        number, _, household = str(event.option.id).partition("/")
        self.dismiss((int(number), household))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
