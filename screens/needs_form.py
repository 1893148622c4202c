"""Needs asked (需求询问): what the household said it needs, kept on the day's item."""

from __future__ import annotations

from textual.app import ComposeResult

from screens.form import FormScreen
from screens.parsing import within_limit
from screens.strings import t
from screens.widgets import TextField
from store.book.models import ChecklistItem


class NeedsForm(FormScreen):
    """Returns the text (empty: nothing needed)."""

    TITLE_KEY = "needs_form_title"

    def __init__(self, who: str, text: str = "") -> None:
        super().__init__()
        self.who = who
        self.text = text

    def fields(self) -> ComposeResult:
        yield self.label("f_needs")
        yield TextField(value=self.text, placeholder=t("f_needs_hint"), id="needs")

    def on_mount(self) -> None:
        self.query_one("#needs").focus()

    def collect(self) -> str:
        return within_limit(self.value_of("needs").strip(), ChecklistItem, "note", t("f_needs"))
