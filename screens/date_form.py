"""Go to a day of the log: type a date (2022-03-21, 3-21, +1, -7)."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult

from screens.form import FormScreen
from screens.parsing import parse_date
from screens.widgets import TextField


class DateForm(FormScreen):
    """Returns the date typed, read relative to today."""

    CSS_PATH = ["form.tcss", "date_form.tcss"]
    TITLE_KEY = "date_form_title"
    SAVE_KEY = "btn_go"  # nothing is saved: the log goes to that day

    def __init__(self, current: date, today: date) -> None:
        super().__init__()
        self.current = current
        self.today_ = today

    def fields(self) -> ComposeResult:
        yield self.label("f_date_hint")
        yield TextField(value=self.current.isoformat(), id="day")

    def collect(self) -> date:
        return parse_date(self.value_of("day"), self.today_)
