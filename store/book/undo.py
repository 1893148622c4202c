"""Undo of a worker's last action: the writes that put back what the action replaced.

`undoable(book, action)` runs an action while the book notes what each of its writes
replaced (`Book.recording`); `undo(book, step)` writes those values back, deletes what the
action created and brings back what it deleted. An undo is new writes, stamped now, so it
merges like any other edit and reaches the office the same way: nothing is rewound.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import ValidationError

from store.book import crdt
from store.book.book import Book
from store.book.models import Record

T = TypeVar("T")


@dataclass(frozen=True)
class UndoStep:
    """What one action replaced: (model, id, values before or None/True, fields written)."""

    what: str  # what the action was, as the screen said it (shown when it is undone)
    writes: tuple[tuple[type[Record], str, Any, tuple[str, ...]], ...]


def undoable(book: Book, action: Callable[[Book], T], what: str = "") -> tuple[T, UndoStep]:
    """Run `action(book)` and return its result with the step that undoes it."""
    with book.recording() as writes:
        result = action(book)
    return result, UndoStep(what, tuple(writes))


def undo(book: Book, step: UndoStep) -> int:
    """Put back what `step`'s action replaced, in one save; how many records changed."""
    changed = 0
    done: set[tuple[str, str]] = set()
    with book.batch():
        # the first write of each record holds its state before the action
        firsts: dict[tuple[str, str], tuple[type[Record], str, Any]] = {}
        for model, record_id, before, _fields in step.writes:
            firsts.setdefault((model.TABLE, record_id), (model, record_id, before))
        for key, (model, record_id, before) in reversed(list(firsts.items())):
            if key in done:
                continue
            done.add(key)
            now = book.get(model, record_id)
            if before is None or before is True:  # it was new, or deleted: delete it again
                if now is not None:
                    book.delete(model, record_id)
                    changed += 1
                continue
            if before is False:  # unreadable before: leave it as it is now
                continue
            try:
                old = model.model_validate(before | {"id": record_id})
            except ValidationError:
                continue
            values = old.model_dump(mode="json", exclude={"id"})
            if now is not None:
                shown = now.model_dump(mode="json", exclude={"id"})
                values = {k: v for k, v in values.items() if shown.get(k) != v}
                if not values:
                    continue
                values = values | {crdt.DELETED: False}
            book.restore(model, record_id, values)
            changed += 1
    return changed
