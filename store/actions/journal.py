"""The daily log: the worker's own entries, and the entries every action writes about
itself (`auto_log`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from store.book.book import Book
from store.book.ids import derived_id, new_id
from store.book.models import (
    Category,
    Household,
    LogEntry,
)
from store.logtext import render_event

GROUP_ADDRESSES = 8  # the journal names this many households of a grouped entry, then "..."


def auto_log(book: Book, source: str, category: Category, key: str, *, on: date,
              household: str | None = None, **params: Any) -> None:
    """Write the log entry an action makes: its event and details, shown in the reader's
    language, and its text in today's language for anything that reads text only."""
    details = {name: str(value) for name, value in params.items()}
    book.new(LogEntry, {"id": derived_id("auto", source), "on": on,
                        "at": book.clock.now().strftime("%H:%M"), "category": category,
                        "text": render_event(key, details), "household": household,
                        "worker": book.worker_id, "auto": True, "event": key,
                        "params": details})


def who_of(household: Household) -> dict[str, str]:
    return {"address": household.address, "name": household.head}




def add_log(book: Book, text: str, category: Category = Category.SERVICE,
            on: date | None = None, at: str | None = None,
            household: str | None = None) -> LogEntry:
    """A hand-written journal entry."""
    return book.new(LogEntry, {
        "id": new_id(), "on": on or book.clock.today(),
        "at": at or book.clock.now().strftime("%H:%M"),
        "category": category, "text": text, "household": household,
        "worker": book.worker_id})
