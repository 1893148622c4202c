"""The messages screens send to the app and the app sends back, kept small and in one place.

A screen never writes to the book itself: it posts a `WriteRequest`; the app's one writer
(a thread worker fed by a queue, so writes run one at a time in the order asked, and the UI
never waits for the disk) answers with `WriteDone` or `WriteFailed`, each naming the records
the write changed, and the screen shown redraws from those (`BookScreen.written`). Jumps between modes (Today -> a household) are messages too, so a screen
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


Changed = frozenset[tuple[str, str]]  # (table, record id) of each record a write changed


class WriteDone(Message):
    """A write reached the disk (or memory, when the save failed: see `book.unsaved`);
    `changed` names every record it wrote, as (table, id)."""

    def __init__(self, request: WriteRequest, result: Any, changed: Changed = frozenset()) -> None:
        super().__init__()
        self.request = request
        self.result = result
        self.changed = changed

    @property
    def ids(self) -> frozenset[str]:
        """The ids of the records the write changed."""
        return frozenset(record_id for _table, record_id in self.changed)


class WriteFailed(Message):
    """A write was refused or its save failed; `error.sentence()` says why. `changed`: the
    records it wrote all the same (a failed save keeps its edit in memory, shown)."""

    def __init__(self, request: WriteRequest | None, error: BookError,
                 changed: Changed = frozenset()) -> None:
        super().__init__()
        self.request = request
        self.error = error
        self.changed = changed


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
