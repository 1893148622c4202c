"""Item 13 of issue 17 (part): a day with a huge journal opens in the Log at once.

A book with a million journal entries once took two minutes and 3.2 GB to show one day in
the Log: every entry of the day was built as a record and as a row. Now the day's list is
read from the index (time, id, category, straight from the stored forms) and paged as the
errands are (200 a page, `n` and `p` turn): only the page shown is built. The test (bounded
for CI: 200,000 entries in one day) counts the records built and the rows shown, not time,
and adds an entry through the form, which the reopened book holds.
"""

from __future__ import annotations

import sys
import threading
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest
from reliability_kit import small_book

from store.book.book import Book
from store.book.clock import FixedClock
from store.book.fileformat import dumps
from store.lang import set_lang

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tui"))

ENTRIES = 200_000
DAY = date(2022, 3, 21)
PAGE = 200  # entries a page of the Log shows (screens.log.PAGE)
CATEGORIES = ("control", "service", "publicity", "screening", "protection")


def _big_day(path: Path) -> None:
    """A real small book plus ENTRIES journal entries written on DAY."""
    small_book(path)
    data = orjson.loads(path.read_bytes())
    stamp = max(s for raw in data["log"].values() for s in raw["vv"].values())  # a real one
    log = dict(data["log"])
    for number in range(ENTRIES):
        entry = {"on": DAY.isoformat(), "at": f"{(number // 60) % 24:02d}:{number % 60:02d}",
                 "category": CATEGORIES[number % 5], "text": f"entry {number:06d}",
                 "household": None, "worker": "w01", "auto": False, "event": "", "params": {}}
        log[f"big{number:07d}"] = {"fields": {k: [[v, stamp, "rbig", "w01"]] for k, v in entry.items()},
                                   "vv": {"rbig": stamp}}
    data["log"] = log
    path.write_bytes(dumps(data))


async def test_a_day_of_200000_entries_builds_one_page(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from tui_helpers import screen_lines, settle, type_text

    import store.book.lazyrecords
    from store.book.models import LogEntry
    from tui.app import GridbookApp

    path = tmp_path / "w01.json"
    _big_day(path)
    set_lang("en")
    book = Book.open(path, defer_checks=True, clock=FixedClock.on(DAY))  # as the app does
    built: list[str] = []
    real = store.book.lazyrecords.from_stored

    def counting(model: Any, rid: str, values: Any) -> Any:
        # what the screen builds (the book's own check of every record runs in a worker)
        if model is LogEntry and threading.current_thread() is threading.main_thread():
            built.append(rid)
        return real(model, rid, values)
    monkeypatch.setattr(store.book.lazyrecords, "from_stored", counting)
    app = GridbookApp(book, refresh_seconds=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        built.clear()
        await pilot.press("2")
        await pilot.pause()
        listing = app.screen.query_one("#log-entries")
        assert listing.option_count <= PAGE + len(CATEGORIES)
        assert len(set(built)) <= PAGE + 10, len(set(built))
        text = "\n".join(screen_lines(app))
        assert f"{ENTRIES} entries" in text and f"page 1/{ENTRIES // PAGE}" in text
        first = str(listing.get_option_at_index(1).prompt)
        built.clear()
        await pilot.press("n")
        await pilot.pause()
        assert "page 2/" in "\n".join(screen_lines(app))
        assert str(listing.get_option_at_index(1).prompt) != first
        assert listing.option_count <= PAGE + len(CATEGORIES)
        assert len(set(built)) <= PAGE + 10
        await pilot.press("a")
        await type_text(pilot, "the last entry of a long day")
        await pilot.press("enter")
        await settle(pilot)
        highlighted = listing.highlighted_option
        assert highlighted is not None and "the last entry of a long day" in str(highlighted.prompt)
        assert len(set(built)) <= 3 * PAGE + 20  # the page of the new entry, not the day
    reopened = Book.open(path, readonly=True, defer_checks=True)
    index = [key[5:] for keys in reopened.log_index_on(DAY).values() for key in keys]
    assert len(index) == ENTRIES + 1
    added = [rid for rid in index if not rid.startswith("big")]
    assert [reopened.require(LogEntry, rid).text for rid in added] == \
        ["the last entry of a long day"]


def test_the_days_index_follows_every_edit(tmp_path: Path) -> None:
    """The index a day's list is read from lists what `log_on` lists, in the same order,
    after entries are added, edited (time, category, day) and deleted."""
    from store import actions
    from store.book.models import Category, LogEntry

    def listed(book: Book, on: date) -> list[str]:
        index = book.log_index_on(on)
        return [key[5:] for c in Category for key in index.get(c.value, [])]

    def expected(book: Book, on: date) -> list[str]:
        entries = book.log_on(on)
        return [e.id for c in Category for e in entries if e.category == c]

    book = small_book(tmp_path / "w01.json")
    other = date(2022, 3, 22)
    made = [actions.add_log(book, f"entry {n}", Category(CATEGORIES[n % 5]), on=DAY,
                            at=f"{10 + n % 7:02d}:{n:02d}") for n in range(30)]
    assert listed(book, DAY) == expected(book, DAY) and len(listed(book, DAY)) == 30
    assert listed(book, other) == []
    book.update(LogEntry, made[3].id, at="00:01")
    book.update(LogEntry, made[4].id, category=Category.PROTECTION)
    book.update(LogEntry, made[5].id, on=other)
    book.delete(LogEntry, made[6].id)
    actions.add_log(book, "late", on=DAY, at="23:59")
    assert listed(book, DAY) == expected(book, DAY) and len(listed(book, DAY)) == 29
    assert listed(book, other) == expected(book, other) == [made[5].id]
    reopened = Book.open(book.path, readonly=True)
    assert listed(reopened, DAY) == expected(reopened, DAY) == listed(book, DAY)
