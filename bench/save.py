"""Save: one edit made durable on a book, against orjson + fsync + replace of the same data.

The subject is a real user action through `store.actions` (a journal entry, or ticking a
checklist item), which validates, stamps, joins anything another session wrote, dumps the
canonical bytes and replaces the file atomically. The baseline is the least a durable
save of the same data could cost: `orjson.dumps` of the book's data as it is in memory,
written to a temp file in the same folder, fsync'd and renamed over the target.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import orjson

from bench.books import TODAY, BookSpec, work_copy
from bench.timing import Pair, interleave, timed


def plain_durable_write(path: Path, data: object) -> None:
    """The baseline: serialize with orjson, write, fsync, replace."""
    blob = orjson.dumps(data)
    temp = path.with_name(path.name + ".tmp")
    with open(temp, "wb") as handle:
        handle.write(blob)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, path)


def measure(spec: BookSpec, edit: str, runs: int) -> Pair:
    """Median seconds of one `edit` ('log' or 'tick') against the baseline on `spec`."""
    from store import actions
    from store.book.book import Book
    from store.book.models import ChecklistItem

    path = work_copy(spec, f"save-{edit}")
    book = Book.open(path)
    target = path.with_name("baseline-" + path.name)
    items = book.items_on(date.fromisoformat(TODAY)) or book.all(ChecklistItem)[:50]
    counter = [0]

    def one_edit() -> float:
        counter[0] += 1
        if edit == "log":
            return timed(lambda: actions.add_log(book, f"基准测试 benchmark {counter[0]}"))
        item = items[counter[0] % len(items)]
        done = not book.require(type(item), item.id).done
        return timed(lambda: actions.tick(book, item.id, done))

    def baseline() -> float:
        data = book.raw()
        return timed(lambda: plain_durable_write(target, data))

    try:
        return interleave(one_edit, baseline, runs)
    finally:
        for leftover in (path, target, path.with_name(path.name + ".lock")):
            leftover.unlink(missing_ok=True)
