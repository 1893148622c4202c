"""One clock passed in (issue 16 item 7): every action on a book reads the time from the
`Clock` the book was opened with, and the hybrid clock's stamps follow that same clock
without ever going backwards. Asserted on the reopened book."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from store import actions
from store.book.book import Book
from store.book.clock import FixedClock, stamp_ms
from store.book.models import ChecklistItem, Household, ItemKind, LogEntry, Person, Worker

CST = timezone(timedelta(hours=8))
WORKER = Worker(id="w01", name="张丽", community="瑞明社区", grid="第3网格")


def _stamp_of(book: Book, table: str, record_id: str, field: str) -> int:
    raw = book.raw_record(table, record_id)
    assert raw is not None
    return max(entry[1] for entry in raw["fields"][field])


def test_actions_take_the_day_time_and_stamps_from_the_clock_passed_in(tmp_path: Path) -> None:
    # 23:30 in Beijing is 15:30 UTC: the worker's day, not the machine's, is the one written
    clock = FixedClock(datetime(2022, 3, 21, 23, 30, tzinfo=CST))
    path = tmp_path / "w01.json"
    book = Book.create(path, WORKER, clock=clock)
    household = actions.add_household(book, building="3", unit="2", room="501",
                                      people=(Person(name="王伟"),), phone="13900000000")
    actions.start_quarantine(book, household.id, date(2022, 3, 21))
    garbage = next(i for i in book.items_on(date(2022, 3, 21)) if i.kind == ItemKind.GARBAGE)
    actions.tick(book, garbage.id)
    entry = actions.add_log(book, "巡查")

    again = Book.open(path)
    assert again.require(Household, household.id).added_on == date(2022, 3, 21)
    assert again.require(ChecklistItem, garbage.id).done_at == datetime(2022, 3, 21, 23, 30)
    written = again.require(LogEntry, entry.id)
    assert (written.on, written.at) == (date(2022, 3, 21), "23:30")
    autos = [e for e in again.log_on(date(2022, 3, 21)) if e.auto]
    assert autos and all(e.at == "23:30" for e in autos)
    assert stamp_ms(_stamp_of(again, LogEntry.TABLE, entry.id, "text")) == clock.wall_ms()


def test_a_clock_set_back_never_moves_the_stamps_back(tmp_path: Path) -> None:
    clock = FixedClock(datetime(2022, 3, 21, 9, 0, tzinfo=CST))
    path = tmp_path / "w01.json"
    book = Book.create(path, WORKER, clock=clock)
    first = actions.add_log(book, "before")
    clock.advance(timedelta(days=-1))  # someone sets the laptop's clock back a day
    second = actions.add_log(book, "after")
    again = Book.open(path)
    assert again.require(LogEntry, second.id).on == date(2022, 3, 20)  # the clock's day
    assert _stamp_of(again, LogEntry.TABLE, second.id, "text") \
        > _stamp_of(again, LogEntry.TABLE, first.id, "text")


def test_a_fixed_clock_reads_a_naive_time_on_this_machine() -> None:
    clock = FixedClock.on(date(2022, 3, 21), time(9, 41, 30, 5))
    assert clock.now() == datetime(2022, 3, 21, 9, 41, 30)
    assert clock.today() == date(2022, 3, 21)
    assert clock.wall_ms() == int(datetime(2022, 3, 21, 9, 41, 30, 5).timestamp() * 1000)


def test_purge_counts_from_a_past_day_only(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    from tui.cli import main

    path = tmp_path / "w01.json"
    Book.create(path, WORKER)
    before = path.read_bytes()
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    assert main(["--lang", "en", "purge", str(path), "--date", tomorrow]) == 2
    assert "cannot be after today" in capsys.readouterr().err
    assert path.read_bytes() == before
    assert main(["--lang", "en", "purge", str(path), "--date", "2022-03-21"]) == 0
    assert "nothing to purge" in capsys.readouterr().out
