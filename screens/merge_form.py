"""Two households that are one (merge), or a household entered by mistake (remove).

Both ways of merging households (the record's `j`, F6's `m` on possible duplicates) end
in `confirm_merge`: the same question, then `store.duplicates.merge_group`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.widgets import Static

from screens.confirm import ConfirmScreen
from screens.form import FormScreen
from screens.parsing import FormProblem, required, within_limit
from screens.strings import t
from screens.widgets import HouseholdPicker, TextField, household_label
from store.book.book import Book
from store.book.models import Household, Worker
from store.duplicates import merge_group

if TYPE_CHECKING:
    from screens.base import BookScreen


def household_line(book: Book, household: Household) -> str:
    """A household as the office tells duplicates apart: address and head, its worker,
    how many records it has, the start of its id."""
    worker = book.get(Worker, household.worker)
    records = len(book.items_of(household.id)) + len(book.tests_of(household.id)) \
        + len(book.errands_of(household.id)) + len(book.log_of(household.id))
    return t("duplicate_line", label=household_label(household),
             worker=worker.name if worker else household.worker or "-",
             records=records, id=household.id[:10])


def confirm_merge(screen: BookScreen, keep: Household, others: list[Household],
                  then: Callable[[Household], Any] | None = None) -> None:
    """Ask whether `others` merge into `keep` (naming each), then merge them in one save."""
    others = [h for h in others if h.id != keep.id]
    if not others:
        return
    book = screen.book
    question = t("ask_merge_households", keep=household_line(book, keep), count=len(others),
                 others="\n".join("  " + household_line(book, h) for h in others))
    other_ids = [h.id for h in others]

    def answered(yes: bool | None) -> None:
        if yes:
            on = screen.today()
            screen.write(lambda book: merge_group(book, keep.id, other_ids, on),
                         done=t("done_households_merged", count=len(others)), then=then)
    screen.app.push_screen(ConfirmScreen(question), answered)


class MergeForm(FormScreen):
    """Returns the id of the household to merge into this one."""

    TITLE_KEY = "merge_form_title"
    SAVE_KEY = "btn_merge"

    def __init__(self, keep: Household, others: list[Household]) -> None:
        super().__init__()
        self.keep = keep
        self.others = [h for h in others if h.id != keep.id]

    def fields(self) -> ComposeResult:
        yield Static(t("merge_into", who=household_label(self.keep)), markup=False)
        yield self.label("f_merge_other")
        yield HouseholdPicker(self.others, None, optional=False, id="other")

    def on_mount(self) -> None:
        self.query_one("#picker-query").focus()

    def collect(self) -> str:
        other = self.query_one(HouseholdPicker).value()
        if other is None:
            raise FormProblem(t("required", field=t("f_merge_other")))
        return other


class RemoveForm(FormScreen):
    """Returns the reason for removing the household."""

    TITLE_KEY = "remove_form_title"
    SAVE_KEY = "btn_remove"

    def __init__(self, household: Household) -> None:
        super().__init__()
        self.household = household

    def fields(self) -> ComposeResult:
        yield Static(household_label(self.household), markup=False)
        yield self.label("f_remove_reason")
        yield TextField(id="reason")

    def on_mount(self) -> None:
        self.query_one("#reason").focus()

    def collect(self) -> str:
        return within_limit(required(self.value_of("reason"), t("f_reason")), Household,
                            "removed_reason", t("f_reason"))
