"""Guarantee 6: a laptop whose clock is days behind or ahead keeps every edit, the merge
stays correct, and both the worker (a notice when the book opens) and the office (a line in
the merge summary) are told.

The wall clock is injected by replacing `time` inside `store.clock` (the hybrid clock's only
source of time), so only gridbook's stamps are skewed.
"""

from __future__ import annotations

import shutil
import time
from datetime import date
from pathlib import Path

import pytest
from reliability_kit import small_book

import store.clock
from store import actions
from store.book import Book
from store.clock import DAY_MS, wall_ms
from store.merge_files import merge_files
from store.models import Household, LogEntry, Worker

REAL_MS = wall_ms()


class SkewedTime:
    """`time` as seen by store.clock on a laptop whose clock is `days` off."""

    def __init__(self, days: float) -> None:
        self.offset_ns = int(days * DAY_MS * 1_000_000)

    def time_ns(self) -> int:
        return time.time_ns() + self.offset_ns


@pytest.fixture
def set_clock(monkeypatch: pytest.MonkeyPatch):
    def skew(days: float) -> None:
        monkeypatch.setattr(store.clock, "time", SkewedTime(days))
    return skew


def _texts(book: Book) -> set[str]:
    return {entry.text for entry in book.all(LogEntry)}


def _phone_stamp(book: Book, household_id: str) -> int:
    raw = book.raw_record(Household.TABLE, household_id)
    assert raw is not None
    return max(int(value[1]) for value in raw["fields"]["phone"])


def test_a_clock_set_back_still_lets_the_newest_edit_win(book_path: Path, set_clock) -> None:
    book = Book.open(book_path)
    household = book.all(Household)[0]
    book.update(Household, household.id, phone="13900000001")
    before = _phone_stamp(book, household.id)
    set_clock(-5.5)  # the laptop's clock is set back five and a half days
    reopened = Book.open(book_path)
    assert any(n.key == "clock_behind" and n.params["days"] == 5 for n in reopened.notices)
    assert "5 days behind" in next(n for n in reopened.notices if n.key == "clock_behind").sentence()
    reopened.update(Household, household.id, phone="13900000002")
    actions.add_log(reopened, "written five days in the past")
    after = Book.open(book_path)
    assert after.require(Household, household.id).phone == "13900000002"
    assert "written five days in the past" in _texts(after)
    assert not after.conflicts()
    # stamps never go backwards: the office, comparing copies, sees this edit as the newest
    assert _phone_stamp(after, household.id) > before


def test_a_clock_ahead_merges_correctly_and_the_office_is_told(tmp_path: Path, set_clock) -> None:
    office_copy = tmp_path / "office" / "w01.json"
    laptop = tmp_path / "laptop" / "w01.json"
    small_book(laptop)
    office_copy.parent.mkdir()
    shutil.copyfile(laptop, office_copy)
    household_id = Book.open(laptop).all(Household)[0].id
    # the worker's laptop runs three days fast; the office's machine is right
    set_clock(3)
    ahead = Book.open(laptop)
    ahead.update(Household, household_id, note="laptop, clock ahead")
    actions.add_log(ahead, "from the fast laptop")
    set_clock(0)
    office = Book.open(office_copy)
    office.update(Household, household_id, note="office, right clock")
    actions.add_log(office, "from the office")
    out = tmp_path / "community.json"
    merged = merge_files([laptop, office_copy], out, now_ms=REAL_MS)
    problems = {(c.problem, c.days) for c in merged.result.summary.clocks_off}
    assert ("future", 2) in problems or ("future", 3) in problems, problems
    community = Book.open(out, readonly=True)
    # nothing lost: both entries are there, and the concurrent notes are kept as a conflict
    assert {"from the fast laptop", "from the office"} <= _texts(community)
    conflict = [c for c in community.conflicts() if c.field == "note"]
    assert conflict and {c[0] for c in conflict[0].candidates} == {"laptop, clock ahead",
                                                                     "office, right clock"}
    # the merge is the same whichever order the office reads the books in
    other = tmp_path / "community-reversed.json"
    merge_files([office_copy, laptop], other, now_ms=REAL_MS)
    assert other.read_bytes() == out.read_bytes()


def test_a_resolution_after_a_fast_clock_supersedes_it(tmp_path: Path, set_clock) -> None:
    """The office settles the conflict on its right clock; the fast stamp does not win."""
    laptop = tmp_path / "laptop.json"
    small_book(laptop)
    household_id = Book.open(laptop).all(Household)[0].id
    set_clock(10)
    Book.open(laptop).update(Household, household_id, note="fast")
    set_clock(0)
    community = Book.open(laptop)  # opening sees the fast stamps and moves its clock past them
    community.update(Household, household_id, note="settled at the office")
    assert Book.open(laptop).require(Household, household_id).note == "settled at the office"
    assert any(n.key == "clock_behind" for n in Book.open(laptop).notices)


def test_a_clock_behind_is_reported_by_the_merge(tmp_path: Path, set_clock) -> None:
    """Entries dated by the worker for today but stamped long before show a slow clock."""
    laptop = tmp_path / "laptop.json"
    set_clock(-400)  # a dead clock battery: the laptop thinks it is over a year ago
    book = Book.create(laptop, Worker(id="w09", name="王芳"))
    actions.add_log(book, "today's rounds", on=date.fromtimestamp(REAL_MS / 1000))
    set_clock(0)
    merged = merge_files([laptop], tmp_path / "community.json", now_ms=REAL_MS)
    behind = [c for c in merged.result.summary.clocks_off if c.problem == "behind"]
    assert behind and behind[0].days >= 399
    assert "today's rounds" in _texts(Book.open(tmp_path / "community.json", readonly=True))
