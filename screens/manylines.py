"""A field of several lines (a log entry, a note), on Textual's TextArea.

Its own module, so that only the forms that have one import TextArea (and its document
and syntax modules): the first screen does not wait for them (docs/performance.md).
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.dom import DOMNode
from textual.message import Message
from textual.widgets import TextArea

from screens.letgo import skips_theme_watch
from screens.widgets import shown_lines


class ManyLineField(TextArea):
    """A field of several lines (a log entry, a note): a paste keeps its lines, Enter still
    saves the form as in every other field, and its text is `text` (or `value`)."""

    DEFAULT_CSS = """
    ManyLineField { height: 3; border: none; padding: 0 1; }
    """

    class Submitted(Message):
        """Enter was pressed in the field; `text` is what it held at that moment."""

        def __init__(self, field: ManyLineField, text: str) -> None:
            super().__init__()
            self.field = field
            self.text = text

    def __init__(self, value: str = "", *, id: str | None = None) -> None:  # noqa: A002
        value = shown_lines(value)  # what a book holds is shown, never obeyed
        super().__init__(value, id=id, soft_wrap=True, show_line_numbers=False,
                         tab_behavior="focus", compact=True)
        self.cursor_blink = False
        self.initial = value

    async def _on_paste(self, event: events.Paste) -> None:
        """A paste keeps its lines; its control characters come in as their symbols (␛),
        never raw into what the terminal is sent (item 7 of issue 17)."""
        event.stop()
        event.prevent_default()
        if self.read_only:
            return
        # a terminal pastes a line end as CR (tmux, many others) or CRLF: a line break here,
        # not a control character to show (it would be stored as ␍ in the resident's record)
        lines = event.text.replace("\r\n", "\n").replace("\r", "\n")
        if result := self.replace(shown_lines(lines), *self.selection):
            self.move_cursor(result.end_location)
            self.focus()

    def watch(self, obj: DOMNode, attribute_name: str, callback: Any,
              init: bool = True) -> None:
        if skips_theme_watch(self, obj, attribute_name):
            return  # it would keep this field alive after its form closed (screens/letgo.py)
        super().watch(obj, attribute_name, callback, init)

    @property
    def changed(self) -> bool:
        return self.text != self.initial

    def on_mount(self) -> None:
        self.move_cursor(self.document.end)

    @property
    def value(self) -> str:
        return self.text

    @value.setter
    def value(self, text: str) -> None:
        self.load_text(text)

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self, self.text))
