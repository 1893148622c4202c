"""The messages screens send to the app and the app sends back, kept small and in one place.

A screen never writes to the book itself: it posts a `WriteRequest`; the app runs it in a
thread worker (the UI never waits for the disk) and answers with `WriteDone` or
`WriteFailed`. Jumps between modes (Today -> a household) are messages too, so a screen
needs to know nothing of the app that holds it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.message import Message

from store.errors import BookError


class WriteRequest(Message):
    """Please run `action(book)` in a worker; say `done` when it worked, then call `then`."""

    def __init__(self, action: Callable[[Any], Any], done: str | None = None,
                 then: Callable[[Any], None] | None = None) -> None:
        super().__init__()
        self.action = action
        self.done = done
        self.then = then


class WriteDone(Message):
    """A write reached the disk (or memory, when the save failed: see `book.unsaved`)."""

    def __init__(self, request: WriteRequest, result: Any) -> None:
        super().__init__()
        self.request = request
        self.result = result


class WriteFailed(Message):
    """A write was refused or its save failed; `error.sentence()` says why."""

    def __init__(self, request: WriteRequest | None, error: BookError) -> None:
        super().__init__()
        self.request = request
        self.error = error


class BookChangedOnDisk(Message):
    """Another session wrote the file; the screens should redraw from the book."""

    def can_replace(self, message: Message) -> bool:
        """A second notice waiting in the queue makes this one redundant (one redraw)."""
        return isinstance(message, BookChangedOnDisk)


class OpenHousehold(Message):
    """Show one household's record (from Today, the log, anywhere)."""

    def __init__(self, household_id: str) -> None:
        super().__init__()
        self.household_id = household_id


class OpenErrand(Message):
    """Show the errand queue with one errand under the cursor."""

    def __init__(self, errand_id: str) -> None:
        super().__init__()
        self.errand_id = errand_id


class OpenPlace(Message):
    """Show one place in the Places screen (from Today)."""

    def __init__(self, place_id: str) -> None:
        super().__init__()
        self.place_id = place_id
