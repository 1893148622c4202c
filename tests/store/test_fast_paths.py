"""The store's speed-ups keep its promises: the same bytes, the same records, no lost edit.

Saves re-serialize only the tables that changed (`fileformat.TableCache`), TinyDB's table
updates skip their id conversions, the garbage collector is paused while a book is built,
and a read-only look never imports the lock library. Each is checked against the plain,
slow way of doing the same thing.
"""

from __future__ import annotations

import gc
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from store import actions, gcpause
from store.book import Book
from store.fileformat import dumps, parse
from store.models import ChecklistItem, Household, LogEntry
from store.seed import seed_book

ROOT = Path(__file__).resolve().parents[2]
DAY = date(2022, 3, 21)


def _canonical(path: Path) -> bool:
    blob = path.read_bytes()
    return blob == dumps(parse(blob, path))


def test_saves_write_canonical_bytes_through_many_kinds_of_edit(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    seed_book(path, "w01", households=6, days=20, today=DAY)
    book = Book.open(path)
    item = book.items_on(DAY)[0]
    actions.tick(book, item.id, not item.done)
    assert _canonical(path)
    entry = actions.add_log(book, "门口消杀", on=DAY)
    assert _canonical(path)
    book.delete(LogEntry, entry.id)
    assert _canonical(path)
    household = book.all(Household)[0]
    book.update(Household, household.id, note="独居老人")
    assert _canonical(path)
    other = Book.open(path)  # a second session writes; the first joins it on its next save
    actions.add_log(other, "另一个会话", on=DAY)
    actions.add_log(book, "第一个会话", on=DAY)
    assert _canonical(path)
    again = Book.open(path)
    assert {e.text for e in again.log_on(DAY)} >= {"另一个会话", "第一个会话"}
    assert again.get(Household, household.id).note == "独居老人"
    assert again.get(LogEntry, entry.id) is None
    assert again.get(ChecklistItem, item.id).done != item.done


def test_a_table_update_replaces_the_table_and_leaves_an_old_view_alone(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    seed_book(path, "w01", households=3, days=10, today=DAY)
    book = Book.open(path)
    before = book.raw()["log"]
    count = len(before)
    actions.add_log(book, "新的一条", on=DAY)
    assert len(before) == count and len(book.raw()["log"]) == count + 1


def test_the_collector_is_back_on_after_opening_and_after_a_failed_open(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    seed_book(path, "w01", households=3, days=10, today=DAY)
    Book.open(path)
    assert gc.isenabled()
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"_meta": ')
    try:
        Book.open(bad)
    except Exception:  # noqa: BLE001 - a BookError; what matters is the collector
        pass
    assert gc.isenabled()
    with gcpause.paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_read_only_look_never_imports_the_lock_library(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    seed_book(path, "w01", households=3, days=10, today=DAY)
    code = ("import sys\nfrom store.book import Book\n"
            f"book = Book.open({str(path)!r}, readonly=True)\nbook.refresh()\n"
            "print('filelock' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_a_dropped_book_is_freed_even_once_its_objects_are_frozen(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A big book is frozen out of the collector's view; it must hold no reference cycle,
    or every big book a process opened and closed would stay in memory for good."""
    import weakref

    from store import book as book_module

    monkeypatch.setattr(book_module, "SETTLE_AFTER_ITEMS", 0)  # freeze even a small book
    path = tmp_path / "book.json"
    seed_book(path, "w01", households=3, days=10, today=DAY)
    try:
        opened = Book.open(path)
        actions.add_log(opened, "保存一次", on=DAY)
        assert gc.get_freeze_count() > 0
        gone = weakref.ref(opened)
        del opened
        assert gone() is None
    finally:
        gc.unfreeze()


def test_a_record_moved_to_another_day_is_listed_on_that_day_only(tmp_path: Path) -> None:
    """The day indexes follow an edit of the day (they once kept the old day as well)."""
    path = tmp_path / "book.json"
    seed_book(path, "w01", households=3, days=10, today=DAY)
    book = Book.open(path)
    entry = actions.add_log(book, "换了日期", on=DAY)
    moved = DAY.replace(day=DAY.day - 1)
    book.update(LogEntry, entry.id, on=moved)
    assert entry.id not in {e.id for e in book.log_on(DAY)}
    assert entry.id in {e.id for e in book.log_on(moved)}
    assert entry.id in {e.id for e in Book.open(path).log_on(moved)}
    book.delete(LogEntry, entry.id)
    assert entry.id not in {e.id for e in book.log_on(moved)}


def test_the_table_cache_refuses_data_nested_too_deeply_with_a_sentence() -> None:
    from store.errors import BookError
    from store.fileformat import TableCache

    deep: object = "x"
    for _ in range(300):
        deep = [deep]
    data = {"_meta": {"book": {"format": "gridbook"}}, "log": {"a": {"fields": {"t": deep}}}}
    try:
        TableCache().dumps(data)  # type: ignore[arg-type]
    except BookError as error:
        assert error.key == "too_deep_data"
    else:
        raise AssertionError("no BookError")
