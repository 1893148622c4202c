"""Extend or shorten a quarantine: the new release day and the reason (kept in the record)."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.widgets import Label

from screens.form import FormScreen
from screens.parsing import FormProblem, parse_date, required, within_limit
from screens.strings import t
from screens.widgets import TextField
from store.book.models import Quarantine, QuarantineChange
from store.messages import word


class ChangeEndForm(FormScreen):
    """Returns (new_end, reason)."""

    CSS_PATH = ["form.tcss", "change_end_form.tcss"]
    TITLE_KEY = "change_end_title"

    def __init__(self, quarantine: Quarantine, today: date) -> None:
        super().__init__()
        self.quarantine = quarantine
        self.today_ = today

    def fields(self) -> ComposeResult:
        yield self.label("f_current_end")
        yield Label(self.quarantine.end.isoformat(), classes="field-value")
        yield self.label("f_new_end")
        yield TextField(value=self.quarantine.end.isoformat(), id="end")
        yield self.label("f_reason")
        yield TextField(id="reason")

    def on_mount(self) -> None:
        self.query_one("#end").focus()

    def collect(self) -> tuple[date, str]:
        new_end = parse_date(self.value_of("end"), self.today_, counted_from=self.quarantine.end)
        if new_end <= self.quarantine.start:  # said here, so the reason typed is not lost
            raise FormProblem(word("action.end_before_start"))
        return (new_end,
                within_limit(required(self.value_of("reason"), t("f_reason")), QuarantineChange,
                             "reason", t("f_reason")))
