"""Record a door-to-door test: the day, who was tested (one person or everyone), the kind
and the result. Recording the same person on the same day again corrects the result."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult

from screens.form import FormScreen
from screens.parsing import parse_date
from screens.strings import t
from screens.widgets import Choice, TextField
from store.actions import EVERYONE
from store.book.models import Household, TestKind, TestResult


class TestForm(FormScreen):
    """Returns {on, kind, result, people} for `actions.record_tests`."""

    __test__ = False  # not a pytest class
    CSS_PATH = ["form.tcss", "test_form.tcss"]
    TITLE_KEY = "test_form_title"

    def __init__(self, household: Household, today: date, person: str | None = None,
                 result: TestResult = TestResult.PENDING) -> None:
        super().__init__()
        self.household = household
        self.today_ = today
        self.person = person
        self.result = result

    def fields(self) -> ComposeResult:
        people: list[tuple[str, object]] = [(p.name, p.name) for p in self.household.people]
        if len(people) != 1:
            people.insert(0, (t("everyone", count=len(people)), EVERYONE))
        yield self.label("f_person_pick")
        yield Choice(people, self.person if self.person is not None else EVERYONE, id="person")
        yield self.label("f_result")
        yield Choice([(t(f"result_{r.value}"), r) for r in TestResult], self.result,
                     id="result")
        yield self.label("f_test_kind")
        yield Choice([(t(f"test_{k.value}"), k) for k in TestKind], TestKind.NUCLEIC, id="kind")
        yield self.label("f_date")
        yield TextField(value=self.today_.isoformat(), id="on")

    def on_mount(self) -> None:
        self.query_one("#person").focus()

    def collect(self) -> dict[str, Any]:
        return {"on": parse_date(self.value_of("on"), self.today_),
                "kind": self.query_one("#kind", Choice).value,
                "result": self.query_one("#result", Choice).value,
                "people": (self.query_one("#person", Choice).value,)}
