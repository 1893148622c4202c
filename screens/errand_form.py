"""Add an errand (代买代送): the household, what to buy, money advanced, when it is due."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal

from screens.form import FormScreen
from screens.parsing import (
    Checks,
    FormProblem,
    default_due,
    parse_due,
    parse_yuan,
    required,
    within_limit,
)
from screens.strings import t
from screens.widgets import HouseholdPicker, TextField
from store.book.models import Errand, Household


class ErrandForm(FormScreen):
    """Returns {household, items, advanced (fen), due}."""

    CSS_PATH = ["form.tcss", "errand_form.tcss"]
    TITLE_KEY = "errand_form_title"

    def __init__(self, households: list[Household], today: date,
                 household_id: str | None = None, now: datetime | None = None,
                 errand: Errand | None = None, items: str = "") -> None:
        super().__init__()
        self.households = households
        self.today_ = today
        self.now_ = now or datetime.combine(today, time(12))
        self.household_id = household_id
        self.items = items  # what a household said it needs, when the errand comes from it
        self.errand = errand  # correcting this one: its household stays, the rest is filled in
        if errand is not None:
            self.TITLE_KEY = "errand_edit_title"

    def fields(self) -> ComposeResult:
        yield self.label("f_household")
        yield HouseholdPicker(self.households, self.household_id, optional=False, id="household")
        yield self.label("f_items")
        errand = self.errand
        yield TextField(value=errand.items if errand else self.items, id="items")
        yield self.label("f_advanced")
        yield TextField(value=f"{errand.advanced // 100}.{errand.advanced % 100:02d}"
                        if errand else "0", id="advanced")
        yield self.label("f_due")
        with Horizontal(classes="pair"):
            # The one default, as in the shell: the next 18:00 at least three hours away;
            # a correction starts from the errand's own due time.
            due = errand.due if errand is not None else default_due(self.now_)
            yield TextField(value=due.date().isoformat(), id="due_day")
            yield TextField(value=due.strftime("%H:%M"), id="due_time")

    def on_mount(self) -> None:
        if self.errand is not None:  # a correction keeps the errand's household
            self.query_one(HouseholdPicker).disabled = True
        self.query_one("#items" if self.household_id else "#picker-query").focus()

    def collect(self) -> dict[str, Any]:
        checks = Checks()
        values: dict[str, Any] = {}
        with checks.field("picker-query"):
            values["household"] = self.query_one(HouseholdPicker).value()
            if values["household"] is None:
                raise FormProblem(t("required", field=t("f_household")))
        with checks.field("items"):
            values["items"] = within_limit(required(self.value_of("items"), t("f_items")),
                                           Errand, "items", t("f_items"))
        with checks.field("advanced"):
            values["advanced"] = parse_yuan(self.value_of("advanced"))
        with checks.field("due_day"):
            values["due"] = parse_due(self.value_of("due_day"), self.value_of("due_time"),
                                      self.now_)
        checks.done()
        return values
