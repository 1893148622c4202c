"""A save writes the file without holding the lock the screens read under, and is still
the one durable, ordered save it was.

A year's book takes tens of ms to write and fsync. The screens (the UI thread) read the
book under its lock, so that lock is held only while the data in memory changes; the file
is serialized, written and fsync'd without it. Here a save is stopped in the middle of
writing the file (its `atomic_write` waits) and, meanwhile: a reader gets its answer at
once (and sees the edit), a second write waits for the first save to end (one writer at
a time, in order), a refresh does not wait; and every save's bytes hold every edit, read
back from the file (the bytes of records that did not change are reused, see
`fileformat.TableCache`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

import store.book.storage
from store import actions
from store.book.book import Book
from store.book.models import ChecklistItem, Errand, LogEntry
from store.seed import seed_book

DAY = date(2022, 3, 21)
WAIT = 10.0  # seconds a step may take on a busy machine before the test calls it stuck


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    path = tmp_path / "book.json"
    seed_book(path, "w01", households=6, days=20, today=DAY)
    return path


@contextmanager
def save_held(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[threading.Event,
                                                                  threading.Event]]:
    """Every save stops inside `atomic_write` (the file being written) until `release` is
    set; `writing` is set when one gets there."""
    writing, release = threading.Event(), threading.Event()
    real = store.book.storage.atomic_write

    def held(*args: Any, **kwargs: Any) -> None:
        writing.set()
        assert release.wait(WAIT), "the test never let the save go on"
        real(*args, **kwargs)

    monkeypatch.setattr(store.book.storage, "atomic_write", held)
    try:
        yield writing, release
    finally:
        release.set()


def _in_thread(action: Callable[[], object]) -> tuple[threading.Thread, list[Any]]:
    out: list[Any] = []

    def run() -> None:
        try:
            out.append(action())
        except BaseException as error:  # noqa: BLE001 - handed to the test
            out.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, out


def test_a_reader_does_not_wait_for_a_save_and_sees_the_edit(
        seeded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = Book.open(seeded)
    item = book.items_on(DAY)[0]
    with save_held(monkeypatch) as (writing, release):
        writer, _ = _in_thread(lambda: actions.tick(book, item.id, not item.done))
        assert writing.wait(WAIT)
        reader, seen = _in_thread(lambda: (book.require(ChecklistItem, item.id).done,
                                           len(book.items_on(DAY)), len(book.all(Errand)),
                                           book.unsaved))
        reader.join(WAIT / 2)
        assert not reader.is_alive(), "a reader waited for the save"
        assert seen[0][0] is (not item.done) and seen[0][3] is True  # shown, not yet saved
        assert writer.is_alive()  # the save was still writing when the reader answered
        release.set()
        writer.join(WAIT)
    assert not book.unsaved
    assert Book.open(seeded).require(ChecklistItem, item.id).done is (not item.done)


def test_a_second_write_waits_for_the_first_save_and_both_are_kept_in_order(
        seeded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = Book.open(seeded)
    item = book.items_on(DAY)[0]
    with save_held(monkeypatch) as (writing, release):
        first, _ = _in_thread(lambda: actions.tick(book, item.id, not item.done))
        assert writing.wait(WAIT)
        writing.clear()
        second, added = _in_thread(lambda: actions.add_log(book, "第二个动作 second"))
        second.join(0.5)
        assert second.is_alive() and not writing.is_set(), \
            "a second write went ahead while the first save was writing"
        release.set()
        first.join(WAIT)
        second.join(WAIT)
    entry = added[0]
    assert isinstance(entry, LogEntry)
    reopened = Book.open(seeded)
    assert reopened.require(ChecklistItem, item.id).done is (not item.done)
    assert reopened.require(LogEntry, entry.id).text == "第二个动作 second"
    tick_stamp = reopened.raw_record(ChecklistItem.TABLE, item.id)["fields"]["done"][-1][1]
    log_stamp = reopened.raw_record(LogEntry.TABLE, entry.id)["fields"]["text"][-1][1]
    assert tick_stamp < log_stamp


def test_a_refresh_does_not_wait_for_a_save(seeded: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    book, other = Book.open(seeded), Book.open(seeded)
    actions.add_log(other, "另一个会话 other session")  # so the refresh has work to do
    item = book.items_on(DAY)[0]
    with save_held(monkeypatch) as (writing, release):
        writer, _ = _in_thread(lambda: actions.tick(book, item.id, not item.done))
        assert writing.wait(WAIT)
        refresher, answer = _in_thread(book.refresh)
        refresher.join(WAIT / 2)
        assert not refresher.is_alive(), "a refresh waited for the save"
        release.set()
        writer.join(WAIT)
    book.refresh()
    assert "另一个会话 other session" in {e.text for e in book.all(LogEntry)}


def test_every_save_holds_every_edit_read_back_from_the_file(seeded: Path) -> None:
    """Many kinds of edit one after another, each read back from the file just written:
    a record changed again and again, new ones, deleted ones, an errand's steps."""
    book = Book.open(seeded)
    items = book.items_on(DAY)[:4]
    errand = actions.add_errand(book, items[0].household, "面包、酸奶 bread",
                                datetime(2022, 3, 22, 18, 0))
    written: list[str] = []
    for step in range(12):
        item = items[step % len(items)]
        actions.tick(book, item.id, not book.require(ChecklistItem, item.id).done)
        written.append(actions.add_log(book, f"第{step}条 entry {step}").id)
        if step % 3 == 2:
            book.delete(LogEntry, written.pop(0))
        if step % 4 == 0:
            actions.advance_errand(book, errand.id)
        on_disk = Book.open(seeded)
        for each in items:
            assert on_disk.require(ChecklistItem, each.id) == book.require(ChecklistItem, each.id)
        assert {e.id for e in on_disk.all(LogEntry)} == {e.id for e in book.all(LogEntry)}
        assert on_disk.require(Errand, errand.id) == book.require(Errand, errand.id)
        assert on_disk.raw() == book.raw()


def _replaced_files_held(folder: Path) -> list[str]:
    """This process's open files that are a book replaced in `folder` (deleted, held)."""
    fds = Path("/proc/self/fd")
    held = []
    for fd in fds.iterdir():
        try:
            target = str(fd.readlink())
        except OSError:
            continue
        if target.startswith(str(folder)) and target.endswith("(deleted)"):
            held.append(target)
    return held


def test_a_replaced_file_is_let_go_after_its_save(seeded: Path) -> None:
    """Each save holds the file it replaces open across the rename (its blocks are freed
    after the save, not during it); none is kept: no descriptor, no space."""
    book = Book.open(seeded)
    for step in range(8):
        actions.add_log(book, f"第{step}条 entry")
    deadline = time.monotonic() + WAIT
    while _replaced_files_held(seeded.parent) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert _replaced_files_held(seeded.parent) == []
