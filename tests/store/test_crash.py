"""A writer killed at any moment, or two writing at once, never loses an acknowledged edit."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from store.book.book import Book
from store.book.models import LogEntry
from tests.store.conftest import WORKER

ROOT = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("GRIDBOOK_KILLS", "25"))


def _start_writer(path: Path, label: str, count: int) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-m", "tests.store.writer", str(path), label,
                             str(count)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


def _acknowledged(proc: subprocess.Popen[str]) -> set[str]:
    assert proc.stdout is not None
    return {line.strip() for line in proc.stdout.read().splitlines() if line.strip()}


def test_killed_writer_keeps_every_acknowledged_edit(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    Book.create(path, WORKER)
    rng = random.Random(2022)
    acknowledged: set[str] = set()
    for round_number in range(KILLS):
        proc = _start_writer(path, f"r{round_number}", 1000)
        time.sleep(rng.uniform(0.0, 0.15))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        acknowledged |= _acknowledged(proc)
        book = Book.open(path)
        present = {e.id for e in book.all(LogEntry)}
        assert acknowledged <= present, f"lost after kill {round_number}"
    assert acknowledged, "the writers never got to write: the test proved nothing"
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    # a kill between mkstemp and replace may leave a private temp file; never a broken book
    assert all(os.stat(tmp_path / name).st_mode & 0o077 == 0 for name in leftovers)


def test_two_writers_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    Book.create(path, WORKER)
    writers = [_start_writer(path, label, 25) for label in ("甲", "乙")]
    acknowledged = set().union(*(_acknowledged(w) for w in writers))
    for writer in writers:
        assert writer.wait() == 0
    assert len(acknowledged) == 50
    assert {e.id for e in Book.open(path).all(LogEntry)} == acknowledged


def test_open_book_sees_another_sessions_edits(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    mine = Book.create(path, WORKER)
    theirs = Book.open(path)
    entry = __import__("store.actions").actions.add_log(theirs, "另一个会话")
    assert mine.get(LogEntry, entry.id) is None
    assert mine.refresh() is True
    assert mine.get(LogEntry, entry.id) == entry
    assert mine.refresh() is False
