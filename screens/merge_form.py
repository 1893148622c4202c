"""Two households that are one (merge), or a household entered by mistake (remove)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from screens.form import FormScreen
from screens.parsing import FormProblem, required, within_limit
from screens.strings import t
from screens.widgets import HouseholdPicker, TextField, household_label
from store.models import Household


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
