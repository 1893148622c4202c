"""Guarantee 6: a laptop whose clock is days behind or ahead keeps every edit, the merge
stays correct, and both the worker (a notice when the book opens) and the office (a line in
the merge summary) are told. (A book's clock follows stamps at most a day ahead of the
computer's: test_stamps_ahead.py.)

The laptop's clock is passed in: each book is opened with an `OffsetClock` (store.book.clock)
set days away from the true time, so its stamps and its days follow that clock.
"""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

from reliability_kit import small_book

from store import actions
from store.book.book import Book
from store.book.clock import DAY_MS, SYSTEM_CLOCK, OffsetClock, wall_ms
from store.book.models import Household, LogEntry, Worker
from store.office.merge_files import merge_files

REAL_MS = wall_ms()


def skewed(days: float) -> OffsetClock:
    """The clock of a laptop whose clock is `days` off."""
    return OffsetClock(timedelta(days=days))


def _texts(book: Book) -> set[str]:
    return {entry.text for entry in book.all(LogEntry)}


def _phone_stamp(book: Book, household_id: str) -> int:
    raw = book.raw_record(Household.TABLE, household_id)
    assert raw is not None
    return max(int(value[1]) for value in raw["fields"]["phone"])


def test_a_clock_set_back_still_lets_the_newest_edit_win(book_path: Path) -> None:
    book = Book.open(book_path, clock=SYSTEM_CLOCK)
    household = book.all(Household)[0]
    book.update(Household, household.id, phone="13900000001")
    before = _phone_stamp(book, household.id)
    office_copy = book_path.parent.parent / "office" / "w01.json"
    office_copy.parent.mkdir()
    shutil.copyfile(book_path, office_copy)  # what the office holds from before
    # the laptop's clock is set back five hours: the hybrid clock follows the book's
    # stamps (a day ahead at most), so stamps never go backwards
    Book.open(book_path, clock=skewed(-5 / 24)).update(Household, household.id,
                                                        phone="13900000002")
    assert _phone_stamp(Book.open(book_path), household.id) > before
    # set back five and a half days: the worker is told; the book's clock does not follow
    # stamps that far ahead (store.book.clock, issue 17), yet every edit replaces what it saw
    reopened = Book.open(book_path, clock=skewed(-5.5))
    assert any(n.key == "clock_behind" and n.params["days"] == 5 for n in reopened.notices)
    assert "5 days behind" in next(n for n in reopened.notices if n.key == "clock_behind").sentence()
    reopened.update(Household, household.id, phone="13900000003")
    actions.add_log(reopened, "written five days in the past")
    after = Book.open(book_path)
    assert after.require(Household, household.id).phone == "13900000003"
    assert "written five days in the past" in _texts(after)
    assert not after.conflicts()
    # the office, joining its older copy, sees this edit as the newest
    out = book_path.parent.parent / "community.json"
    merge_files([office_copy, book_path], out, now_ms=REAL_MS)
    community = Book.open(out, readonly=True)
    assert community.require(Household, household.id).phone == "13900000003"
    assert not community.conflicts()


def test_a_clock_ahead_merges_correctly_and_the_office_is_told(tmp_path: Path) -> None:
    office_copy = tmp_path / "office" / "w01.json"
    laptop = tmp_path / "laptop" / "w01.json"
    small_book(laptop)
    office_copy.parent.mkdir()
    shutil.copyfile(laptop, office_copy)
    household_id = Book.open(laptop).all(Household)[0].id
    # the worker's laptop runs three days fast; the office's machine is right
    ahead = Book.open(laptop, clock=skewed(3))
    ahead.update(Household, household_id, note="laptop, clock ahead")
    actions.add_log(ahead, "from the fast laptop")
    office = Book.open(office_copy, clock=SYSTEM_CLOCK)
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


def test_a_resolution_after_a_fast_clock_supersedes_it(tmp_path: Path) -> None:
    """The office settles the conflict on its right clock; the fast stamp does not win."""
    laptop = tmp_path / "laptop.json"
    small_book(laptop)
    household_id = Book.open(laptop).all(Household)[0].id
    Book.open(laptop, clock=skewed(10)).update(Household, household_id, note="fast")
    # opening sees the fast stamps and does not follow them (store.book.clock): the settling
    # write replaces the value it saw, whatever the stamps
    community = Book.open(laptop, clock=SYSTEM_CLOCK)
    assert community.stamps.last <= (REAL_MS + 2 * DAY_MS) * 1000
    community.update(Household, household_id, note="settled at the office")
    assert Book.open(laptop).require(Household, household_id).note == "settled at the office"
    assert any(n.key == "clock_behind" for n in Book.open(laptop).notices)


def test_a_clock_behind_is_reported_by_the_merge(tmp_path: Path) -> None:
    """Entries dated by the worker for today but stamped long before show a slow clock."""
    laptop = tmp_path / "laptop.json"
    # a dead clock battery: the laptop thinks it is over a year ago
    book = Book.create(laptop, Worker(id="w09", name="王芳"), clock=skewed(-400))
    actions.add_log(book, "today's rounds", on=date.fromtimestamp(REAL_MS / 1000))
    merged = merge_files([laptop], tmp_path / "community.json", now_ms=REAL_MS)
    behind = [c for c in merged.result.summary.clocks_off if c.problem == "behind"]
    assert behind and behind[0].days >= 399
    assert "today's rounds" in _texts(Book.open(tmp_path / "community.json", readonly=True))
