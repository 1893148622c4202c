"""A yes/no question before an action that changes a household's status."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from screens.once import OnceModal
from screens.strings import t


class ConfirmScreen(OnceModal):
    """Shows `question`; y (or Enter) answers yes, n or Escape answers no."""

    CSS_PATH = "confirm.tcss"
    BINDINGS = [
        Binding("y,enter", "answer(True)", "k_yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "k_no", id="confirm.no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            # Never markup: the question quotes what a worker typed ("[/]" would crash it).
            yield Static(self.question, id="confirm-question", markup=False)
            yield Static(t("confirm_keys"), id="confirm-keys")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
