"""Before a release or a move to health monitoring: what is still missing, and why it is
done anyway (a reason is needed before the quarantine's end; it is kept on the record)."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.widgets import Static

from screens.form import FormScreen
from screens.parsing import FormProblem, within_limit
from screens.strings import t
from screens.widgets import TextField, shown
from store.book.models import Quarantine
from store.messages import word


class ReleaseForm(FormScreen):
    """Returns the reason (may be empty when the release is not early)."""

    TITLE_KEY = "release_form_title"
    SAVE_KEY = "btn_release"

    def __init__(self, who: str, problems: list[str], quarantine: Quarantine | None,
                 on: date, monitoring: bool = False) -> None:
        super().__init__()
        if monitoring:
            self.TITLE_KEY = "monitoring_form_title"
            self.SAVE_KEY = "btn_monitoring"
        self.who = who
        self.problems = problems
        self.early = quarantine is not None and on < quarantine.end

    def fields(self) -> ComposeResult:
        yield Static(shown(self.who), markup=False, classes="field-value")
        yield self.label("release_missing")
        for problem in self.problems:
            yield Static("- " + shown(problem), markup=False, classes="release-problem")
        yield self.label("f_release_reason" if self.early else "f_release_reason_optional")
        yield TextField(id="reason")

    def on_mount(self) -> None:
        self.query_one("#reason").focus()

    def collect(self) -> str:
        reason = self.value_of("reason").strip()
        if self.early and not reason:
            raise FormProblem(word("action.early_needs_reason"))
        return within_limit(reason, Quarantine, "release_reason", t("f_reason"))
