"""A modal form: fields, a line for what is wrong, and Enter to save or Escape to cancel.

Each form subclasses `FormScreen`, yields its fields in `fields()` and turns them into a
value in `collect()`; a `FormProblem` there is shown under the fields and the form stays
open, so a worker never loses what they typed. The form returns its value with `dismiss`;
the screen that opened it asks the app to write.

Keys over a slow SSH link arrive in bursts, and this base class makes every form take a
burst as if it had been typed slowly (see docs/keys.md):
- a form closes once: a second Enter, Escape or dismiss while it closes is ignored (it used
  to pop the screen underneath, or crash with "Can't pop screen" on a mode's base screen);
- keys that arrive while the form opens are held and given to its first field in order;
- Tab and shift+Tab move the focus at once, in the order the keys came, so `5 Tab 1` puts
  5 and 1 in two fields (the app hands each key to `take_key` before any field sees it);
- Enter saves only after every key that came with it has reached its field; text that came
  after an Enter in the same burst (a paste without bracketed paste) is a line break: a
  space in a one-line field, a new line in a many-line one, and the form stays open.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events
from textual.app import ComposeResult, CSSPathType
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from screens.host import host
from screens.manylines import ManyLineField
from screens.once import OnceModal
from screens.parsing import FieldProblems, FormProblem
from screens.strings import t
from screens.widgets import Choice, TextField, shown_lines

FOCUS_KEYS = {"tab": 1, "shift+tab": -1}


class FormScreen(OnceModal):
    """Base of every modal form."""

    CSS_PATH: ClassVar[CSSPathType | None] = "form.tcss"
    TITLE_KEY = "app_title"
    SAVE_KEY = "btn_save"  # the label of the button that takes the form's value
    BINDINGS = [
        Binding("escape", "cancel", "k_cancel", id="form.cancel"),
        Binding("ctrl+s", "submit", "k_save", id="form.save"),
        Binding("enter", "submit", "k_save", show=False, id="form.enter"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._held: list[events.Key] | None = []  # keys that came before a field had focus
        self._submitting = False
        self._enters: list[tuple[Widget, str]] = []  # (field, its text when Enter came)

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
        field = self.query_one(f"#{field_id}")
        return field.text if isinstance(field, ManyLineField) else field.value  # type: ignore[attr-defined]

    # keys in bursts ------------------------------------------------------------------------------
    def take_key(self, event: events.Key) -> bool:
        """Called by the app for each key, in the order keys came, before any widget sees it."""
        if self.closing:
            return False
        if self._held is not None:  # no field has the focus yet: keep the key for it
            self._held.append(event)
            return True
        step = FOCUS_KEYS.get(event.key)
        if step is not None:  # move now, so the keys behind this one go to the next field
            if step > 0:
                self.focus_next()
            else:
                self.focus_previous()
            return True
        return False

    def on_mount(self) -> None:
        # After the form's own on_mount has asked for its first field (a focus the app sets
        # in its queue), the held keys go back to the app, in order, ahead of any later key.
        self.app.call_later(self._release_held)

    def _release_held(self) -> None:
        held, self._held = self._held or [], None
        for key in held:
            self.app.post_message(events.Key(key.key, key.character))

    # saving ------------------------------------------------------------------------------------
    def action_submit(self) -> None:
        if self.closing or self._submitting:
            return
        self._submitting = True
        # First every key already given to the app reaches its widget, then every field has
        # taken the keys in its queue; only then is the form read (see the module's note).
        host(self).after_keys(self._after_fields_took_keys)

    def _after_fields_took_keys(self) -> None:
        waiting = [w for w in self.query("Input, ManyLineField")]
        left = [len(waiting)]

        def one_done() -> None:
            left[0] -= 1
            if left[0] == 0:
                self._submit_now()
        if not waiting:
            self._submit_now()
        for widget in waiting:
            widget.call_later(one_done)

    def _submit_now(self) -> None:
        enters, self._enters = self._enters, []
        self._submitting = False
        if self.closing:
            return
        if self._join_pasted_lines(enters):
            return
        try:
            value = self.collect()
        except FormProblem as problem:
            self.show_problem(problem)
            return
        self.dismiss(value)

    def typed_something(self) -> bool:
        """Whether any field differs from what the form opened with."""
        return any(field.changed for field in self.query(TextField)) or \
            any(field.changed for field in self.query(ManyLineField)) or \
            any(choice.changed for choice in self.query(Choice))

    def _join_pasted_lines(self, enters: list[tuple[Widget, str]]) -> bool:
        """Text after an Enter, in one burst, in the same field: the Enter was a line break.

        Returns whether a field was changed (then the form stays open to be looked at)."""
        if not enters:
            return False
        field, _ = enters[0]
        current = field.text if isinstance(field, ManyLineField) else getattr(field, "value", "")
        cuts = sorted({len(text) for f, text in enters if f is field})
        if not current.startswith(enters[0][1]) or cuts[0] >= len(current):
            return False
        joiner = "\n" if isinstance(field, ManyLineField) else " "
        bounds = [0] + [cut for cut in cuts if cut < len(current)] + [len(current)]
        pieces = [current[start:end].strip(" ") for start, end in zip(bounds, bounds[1:], strict=False)]
        joined = joiner.join(piece for piece in pieces if piece)
        if isinstance(field, ManyLineField):
            field.load_text(joined)
        elif isinstance(field, Input):
            field.value = joined
            field.cursor_position = len(joined)
        return True

    def show_problem(self, problem: FormProblem) -> None:
        """Say what is wrong (every problem at once) and put the cursor in the first field named."""
        self.query_one("#form-problem", Static).update(shown_lines(str(problem)))
        self.app.bell()
        field_ids = (problem.field_ids if isinstance(problem, FieldProblems)
                     else [problem.field_id] if problem.field_id else [])
        if field_ids:
            try:
                self.query_one(f"#{field_ids[0]}").focus()
            except Exception:  # noqa: BLE001 - a field id the form does not have: focus stays
                pass

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
        self._enters.append((event.input, event.value))
        self.action_submit()

    def on_many_line_field_submitted(self, event: ManyLineField.Submitted) -> None:
        event.stop()
        self._enters.append((event.field, event.text))
        self.action_submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "form-save":
            self.action_submit()
        else:
            self.action_cancel()


__all__ = ["FormScreen", "OnceModal", "TextField", "ManyLineField"]
