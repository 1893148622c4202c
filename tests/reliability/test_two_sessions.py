"""Guarantee 2: two sessions on one book (two SSH logins, a quick capture beside an open
book) lose nothing, each sees the other's edits after a refresh, and a lock left by a killed
process blocks no one.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from reliability_kit import ROOT

import store.book.storage
from store import actions
from store.book.book import Book
from store.book.models import LogEntry
from store.book.storage import lock_path_for
from store.errors import BookError


def _texts(book: Book) -> set[str]:
    return {entry.text for entry in book.all(LogEntry)}


def test_two_open_books_interleaving_writes_see_each_other(book_path: Path) -> None:
    first, second = Book.open(book_path), Book.open(book_path)
    for i in range(5):
        actions.add_log(first, f"first {i}")
        actions.add_log(second, f"second {i}")
    wanted = {f"first {i}" for i in range(5)} | {f"second {i}" for i in range(5)}
    assert wanted <= _texts(Book.open(book_path))
    # each session's own saves joined the other's writes in; refresh shows them
    for book in (first, second):
        book.refresh()
        assert wanted <= _texts(book)
    assert first.refresh() is False  # nothing new: no needless redraw


WRITER = """
import sys
from pathlib import Path
from store import actions
from store.book.book import Book
book = Book.open(Path(sys.argv[1]))
for i in range(int(sys.argv[3])):
    actions.add_log(book, f"{sys.argv[2]} {i}")
"""


def test_two_processes_adding_at_once_lose_nothing(book_path: Path) -> None:
    count = 40
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(book_path), name, str(count)],
                                cwd=ROOT) for name in ("login-a", "login-b")]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    texts = _texts(Book.open(book_path))
    for name in ("login-a", "login-b"):
        assert {f"{name} {i}" for i in range(count)} <= texts


def test_quick_capture_beside_an_open_book(book_path: Path) -> None:
    open_book = Book.open(book_path)
    actions.add_log(open_book, "typed in the open book")
    for i in range(3):
        done = subprocess.run([sys.executable, "-m", "tui.cli", "log", "add", f"captured {i}",
                               "--data", str(book_path)], cwd=ROOT, capture_output=True,
                              text=True, timeout=60)
        assert done.returncode == 0, done.stderr
    assert open_book.refresh() is True
    assert {"typed in the open book", "captured 0", "captured 1", "captured 2"} <= _texts(open_book)
    # the open book's next save keeps the captured entries too
    actions.add_log(open_book, "after the capture")
    assert {"captured 2", "after the capture"} <= _texts(Book.open(book_path))


HOLDER = """
import sys, time
from filelock import FileLock
lock = FileLock(sys.argv[1])
lock.acquire()
print("held", flush=True)
time.sleep(600)
"""


def _hold_lock(book_path: Path) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(lock_path_for(book_path))],
                              stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


def test_a_lock_left_by_a_killed_process_blocks_no_one(book_path: Path) -> None:
    holder = _hold_lock(book_path)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert lock_path_for(book_path).exists()  # the lock file is still there ...
    book = Book.open(book_path)
    started = time.monotonic()
    actions.add_log(book, "after the crash")  # ... and blocks nobody
    assert time.monotonic() - started < 2.0
    assert "after the crash" in _texts(Book.open(book_path))


def test_a_lock_held_by_a_hung_process_gives_a_sentence_and_keeps_the_edit(
        book_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store.book.storage, "LOCK_TIMEOUT_SECONDS", 0.5)
    holder = _hold_lock(book_path)
    try:
        book = Book.open(book_path)
        before = book_path.read_bytes()
        with pytest.raises(BookError) as raised:
            actions.add_log(book, "waiting for the lock")
        assert raised.value.key == "locked_timeout"
        assert "Traceback" not in raised.value.sentence()
        assert book.unsaved and "waiting for the lock" in _texts(book)
        assert book_path.read_bytes() == before
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
    book.save_pending()
    assert "waiting for the lock" in _texts(Book.open(book_path))


def test_a_save_by_another_session_while_this_one_is_opening_is_kept(
        book_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A big book takes a while to parse; another session saving meanwhile is not lost."""
    import store.book.loading

    real_parse = store.book.loading.parse
    other = Book.open(book_path)

    def slow_parse(blob: bytes, where: Path, **options: bool):
        parsed = real_parse(blob, where, **options)
        actions.add_log(other, "saved while the first was opening")  # lands mid-open
        return parsed
    monkeypatch.setattr(store.book.loading, "parse", slow_parse)
    opening = Book.open(book_path)
    monkeypatch.setattr(store.book.loading, "parse", real_parse)
    actions.add_log(opening, "saved by the late opener")
    assert {"saved while the first was opening", "saved by the late opener"} <= _texts(
        Book.open(book_path))
