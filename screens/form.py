"""A modal form: fields, a line for what is wrong, and Enter to save or Escape to cancel.

Each form subclasses `FormScreen`, yields its fields in `fields()` and turns them into a
value in `collect()`; a `FormProblem` there is shown under the fields and the form stays
open, so a worker never loses what they typed. The form returns its value with `dismiss`;
the screen that opened it asks the app to write.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from screens.parsing import FormProblem
from screens.strings import t
from screens.widgets import Choice, TextField, translate_bindings


class FormScreen(ModalScreen[Any]):
    """Base of every modal form."""

    CSS_PATH = "form.tcss"
    TITLE_KEY = "app_title"
    SAVE_KEY = "btn_save"  # the label of the button that takes the form's value
    BINDINGS = [
        Binding("escape", "cancel", "k_cancel", id="form.cancel"),
        Binding("ctrl+s", "submit", "k_save", id="form.save"),
        Binding("enter", "submit", "k_save", show=False, id="form.enter"),
    ]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Static(t(self.TITLE_KEY), id="form-title")
            # The keys of a form (the footer under it belongs to the screen behind).
            yield Static(t("form_keys", save=t(self.SAVE_KEY).lower()), id="form-keys")
            with VerticalScroll(id="form-fields", can_focus=False):
                yield from self.fields()
            yield Static("", id="form-problem", markup=False)  # it quotes what was typed
            with Horizontal(id="form-buttons"):
                yield Button(t(self.SAVE_KEY), variant="primary", id="form-save")
                yield Button(t("btn_cancel"), id="form-cancel")

    def fields(self) -> ComposeResult:
        yield from ()

    @staticmethod
    def label(key: str) -> Label:
        return Label(t(key), classes="field-label")

    def collect(self) -> Any:
        """The form's value; raise FormProblem when something typed is not right."""
        return None

    def value_of(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value

    def action_submit(self) -> None:
        try:
            value = self.collect()
        except FormProblem as problem:
            self.query_one("#form-problem", Static).update(str(problem))
            self.app.bell()
            return
        self.dismiss(value)

    def typed_something(self) -> bool:
        """Whether any field differs from what the form opened with."""
        return any(field.changed for field in self.query(TextField)) or \
            any(choice.changed for choice in self.query(Choice))

    def action_cancel(self) -> None:
        """Escape: close, but ask first when something was typed (it would be lost)."""
        if not self.typed_something():
            self.dismiss(None)
            return
        from screens.confirm import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)
        self.app.push_screen(ConfirmScreen(t("ask_discard")), answered)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "form-save":
            self.action_submit()
        else:
            self.action_cancel()
