"""Helpers the adversarial tests share: run a harness script, make a small real book.

Imported by the tests as `reliability_kit` (conftest puts this folder on sys.path, as the
suite runs with --import-mode=importlib).
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

from store import actions
from store.book.book import Book
from store.book.clock import FixedClock
from store.book.models import Person, Worker

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
WORKER = Worker(id="w01", name="张丽", community="瑞明社区", grid="第3网格", phone="13812345678")


def run_script(script: str, *args: str, timeout: float = 120) -> tuple[int, dict, str]:
    """Run one of the harness scripts beside this file; its exit code, JSON figures, stderr."""
    done = subprocess.run([sys.executable, str(HERE / script), *args], capture_output=True,
                          text=True, timeout=timeout, cwd=ROOT)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    figures = json.loads(lines[-1]) if lines else {}
    return done.returncode, figures, done.stderr


def small_book(path: Path) -> Book:
    """A book with a quarantined household, a test, an errand and log entries."""
    # written on the day of its quarantine, so that a report of a day in 2022 shows it
    book = Book.create(path, WORKER, clock=FixedClock(datetime(2022, 3, 10, 9)))
    household = actions.add_household(
        book, building="3", unit="2", room="501", phone="13912345678",
        people=(Person(name="李明", phone="13912345678", id_number="110101199003074514"),),
        added_on=date(2022, 3, 9))  # registered before its quarantine, as the reports ask about 2022
    actions.start_quarantine(book, household.id, date(2022, 3, 10))
    actions.record_test(book, household.id, date(2022, 3, 10))
    actions.add_log(book, "张贴通知 posted notices")
    return book
