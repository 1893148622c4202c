"""Record a door-to-door test: the day, the kind, the result, the person tested."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult

from screens.form import FormScreen
from screens.parsing import parse_date
from screens.strings import t
from screens.widgets import Choice, TextField
from store.models import Household, TestKind, TestResult


class TestForm(FormScreen):
    """Returns {on, kind, result, person}."""

    __test__ = False  # not a pytest class
    CSS_PATH = ["form.tcss", "test_form.tcss"]
    TITLE_KEY = "test_form_title"

    def __init__(self, household: Household, today: date) -> None:
        super().__init__()
        self.household = household
        self.today_ = today

    def fields(self) -> ComposeResult:
        yield self.label("f_date")
        yield TextField(value=self.today_.isoformat(), id="on")
        yield self.label("f_test_kind")
        yield Choice([(t(f"test_{k.value}"), k) for k in TestKind], TestKind.NUCLEIC, id="kind")
        yield self.label("f_result")
        yield Choice([(t(f"result_{r.value}"), r) for r in TestResult], TestResult.PENDING,
                     id="result")
        yield self.label("f_person")
        yield TextField(value=self.household.head, id="person")

    def collect(self) -> dict[str, Any]:
        return {"on": parse_date(self.value_of("on"), self.today_),
                "kind": self.query_one("#kind", Choice).value,
                "result": self.query_one("#result", Choice).value,
                "person": self.value_of("person").strip()}
