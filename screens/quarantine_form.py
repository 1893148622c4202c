"""Start home quarantine: the first day and how many days (the policy's length by default)."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult

from screens.form import FormScreen
from screens.parsing import parse_date, parse_days
from screens.widgets import TextField


class StartQuarantineForm(FormScreen):
    """Returns (start, days)."""

    CSS_PATH = ["form.tcss", "quarantine_form.tcss"]
    TITLE_KEY = "quarantine_form_title"

    def __init__(self, today: date, days: int) -> None:
        super().__init__()
        self.today_ = today
        self.days = days

    def fields(self) -> ComposeResult:
        yield self.label("f_start")
        yield TextField(value=self.today_.isoformat(), id="start")
        yield self.label("f_days")
        yield TextField(value=str(self.days), id="days")

    def collect(self) -> tuple[date, int]:
        return (parse_date(self.value_of("start"), self.today_),
                parse_days(self.value_of("days"), self.days))
