"""Add or edit one line of the daily log: category, time, text, optional household."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult

from screens.form import FormScreen
from screens.parsing import parse_time, required, within_limit
from screens.strings import t
from screens.widgets import Choice, HouseholdPicker, ManyLineField, TextField
from store.book.models import Category, Household, LogEntry


class LogEntryForm(FormScreen):
    """Returns {category, at, text, household} for a new entry or the one being edited."""

    CSS_PATH = ["form.tcss", "log_entry_form.tcss"]

    def __init__(self, households: list[Household], day: date, now_hhmm: str,
                 entry: LogEntry | None = None) -> None:
        super().__init__()
        self.TITLE_KEY = "log_form_edit" if entry else "log_form_add"
        self.households = households
        self.day = day
        self.now_hhmm = now_hhmm
        self.entry = entry

    def fields(self) -> ComposeResult:
        entry = self.entry
        yield self.label("f_category")
        yield Choice([(t(f"cat_{c.value}"), c) for c in Category],
                     entry.category if entry else Category.SERVICE, id="category")
        yield self.label("f_time")
        yield TextField(value=entry.at if entry else self.now_hhmm, id="at")
        yield self.label("f_text")
        yield ManyLineField(entry.text if entry else "", id="text")
        yield self.label("f_household_optional")
        yield HouseholdPicker(self.households, entry.household if entry else None, id="household")

    def on_mount(self) -> None:
        self.query_one("#text").focus()

    def collect(self) -> dict[str, Any]:
        return {"category": self.query_one("#category", Choice).value,
                "at": parse_time(self.value_of("at"), self.now_hhmm),
                "text": within_limit(required(self.value_of("text"), t("f_text")), LogEntry,
                                     "text", t("f_text")),
                "household": self.query_one(HouseholdPicker).value()}
