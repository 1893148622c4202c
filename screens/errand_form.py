"""Add an errand (代买代送): the household, what to buy, money advanced, when it is due."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal

from store.models import Errand, Household
from screens.form import FormScreen
from screens.parsing import FormProblem, parse_due, parse_yuan, required, within_limit
from screens.strings import t
from screens.widgets import HouseholdPicker, TextField


class ErrandForm(FormScreen):
    """Returns {household, items, advanced (fen), due}."""

    CSS_PATH = ["form.tcss", "errand_form.tcss"]
    TITLE_KEY = "errand_form_title"

    def __init__(self, households: list[Household], today: date,
                 household_id: str | None = None, items: str = "") -> None:
        super().__init__()
        self.households = households
        self.today_ = today
        self.household_id = household_id
        self.items = items  # what a household said it needs, when the errand comes from it

    def fields(self) -> ComposeResult:
        yield self.label("f_household")
        yield HouseholdPicker(self.households, self.household_id, optional=False, id="household")
        yield self.label("f_items")
        yield TextField(value=self.items, id="items")
        yield self.label("f_advanced")
        yield TextField(value="0", id="advanced")
        yield self.label("f_due")
        with Horizontal(classes="pair"):
            yield TextField(value=self.today_.isoformat(), id="due_day")
            yield TextField(value="18:00", id="due_time")

    def on_mount(self) -> None:
        self.query_one("#items" if self.household_id else "#picker-query").focus()

    def collect(self) -> dict[str, Any]:
        household = self.query_one(HouseholdPicker).value()
        if household is None:
            raise FormProblem(t("required", field=t("f_household")))
        return {"household": household,
                "items": within_limit(required(self.value_of("items"), t("f_items")), Errand,
                                      "items", t("f_items")),
                "advanced": parse_yuan(self.value_of("advanced")),
                "due": parse_due(self.value_of("due_day"), self.value_of("due_time"), self.today_)}
