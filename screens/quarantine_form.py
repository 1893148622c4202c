"""Start home quarantine: where from and why, the arrival day, the first day and how many
days (the policy's length by default)."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult

from screens.form import FormScreen
from screens.parsing import parse_date, parse_days, within_limit
from screens.strings import t
from screens.widgets import Choice, TextField
from store.book.models import Quarantine

REASONS = ("returned", "close_contact", "secondary_contact", "other")


class StartQuarantineForm(FormScreen):
    """Returns {start, days, origin, reason, arrived} for `actions.start_quarantine`."""

    CSS_PATH = ["form.tcss", "quarantine_form.tcss"]
    TITLE_KEY = "quarantine_form_title"

    def __init__(self, today: date, days: int, origin: str = "") -> None:
        super().__init__()
        self.today_ = today
        self.days = days
        self.origin = origin

    def fields(self) -> ComposeResult:
        yield self.label("f_q_reason")
        yield Choice([(t(f"q_reason_{r}"), r) for r in REASONS], REASONS[0], id="reason")
        yield self.label("f_origin")
        yield TextField(value=self.origin, id="origin")
        yield self.label("f_arrived")
        yield TextField(value="", placeholder=t("f_arrived_hint"), id="arrived")
        yield self.label("f_start")
        yield TextField(value=self.today_.isoformat(), id="start")
        yield self.label("f_days")
        yield TextField(value=str(self.days), id="days")

    def on_mount(self) -> None:
        self.query_one("#reason").focus()

    def collect(self) -> dict[str, Any]:
        arrived = self.value_of("arrived").strip()
        return {"start": parse_date(self.value_of("start"), self.today_),
                "days": parse_days(self.value_of("days"), self.days),
                "reason": str(self.query_one("#reason", Choice).value),
                "origin": within_limit(self.value_of("origin").strip(), Quarantine, "origin",
                                       t("f_origin")),
                "arrived": parse_date(arrived, self.today_) if arrived else None}
