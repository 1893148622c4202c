"""A modal screen dismissed at most once (every form, question and picker is one).

Its own module, so that the app's key handling (tui/serial_keys.py) can know one without
importing the forms, and the first screen does not wait for them (docs/performance.md).
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen

from screens.host import host
from screens.letgo import LetsGoOfLines


async def _nothing() -> None:
    return None


class OnceModal(LetsGoOfLines, ModalScreen[Any]):
    """A modal screen that is dismissed at most once, and only while it is on top.

    Textual's `dismiss` pops whatever screen is on top: a second dismiss from a burst of
    keys closed the screen underneath (or crashed on the last one)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.closing = False

    def dismiss(self, result: Any = None) -> AwaitComplete:
        if self.closing or not self.is_current:
            return AwaitComplete(_nothing())
        self.closing = True
        host(self).drop_repeats()
        return super().dismiss(result)

    def take_key(self, event: events.Key) -> bool:
        """Whether this screen took `event` before the focused widget sees it (see FormScreen)."""
        return False
