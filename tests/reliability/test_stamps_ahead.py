"""Item 1 of issue 17 (the rest): a stamp far ahead of this computer's clock is never followed.

A stamp before 2100 passes the fixed bound of test_hostile_stamps.py, yet one of 2099 (a
hostile file), or three days ahead (a laptop that ran fast), used to move the clock of every
book that opened or merged it: from then on each of those books stamped its edits as far
ahead, and a concurrent edit made later on a right clock lost to them. Now a book's clock
(`book.stamps`) follows no stamp more than a day ahead of this computer's clock, at open,
refresh, after a merge or a slice and at every write; the stamp stays with its record (so
nothing is lost and a merge gives the same bytes whenever it runs), a write still sorts
after the value it replaces, the worker is told when the book opens and `check` reports
it.
"""

from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from reliability_kit import small_book

from store import actions
from store.book import crdt
from store.book.book import Book
from store.book.clock import DAY_MS, SYSTEM_CLOCK, TICKS_PER_MS, OffsetClock, wall_ms
from store.book.fileformat import dumps, parse
from store.book.models import Household, LogEntry, Person
from store.office.merge_files import merge_files
from store.office.slice import slice_for
from tui.cli import main

YEAR_2099 = int(datetime(2099, 6, 1, 12, tzinfo=UTC).timestamp() * 1000) * TICKS_PER_MS


def followed_bound() -> int:
    """The highest stamp a book's clock may hold now: a day past this computer's clock."""
    return (wall_ms() + DAY_MS) * TICKS_PER_MS + TICKS_PER_MS - 1


def _stamp_note(path: Path, stamp: int) -> str:
    """Give the note of the first household of the book at `path` the stamp `stamp`, and
    the book's clock too, as a file stamped 2099 would; the household's id."""
    data = json.loads(path.read_text())
    rid, raw = next(iter(data["households"].items()))
    raw["fields"]["note"] = [["from the year 2099", stamp, "far", "w01"]]
    raw["vv"]["far"] = stamp
    data["_meta"]["book"]["clock"] = stamp
    path.write_text(json.dumps(data, ensure_ascii=False))
    return rid


def _stamp_of(book: Book, table: str, rid: str, field: str) -> int:
    raw = book.raw_record(table, rid)
    assert raw is not None
    return int(raw["fields"][field][-1][1])


def test_a_stamp_of_2099_is_kept_but_never_followed(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    w01 = tmp_path / "w01.json"
    small_book(w01)
    rid = _stamp_note(w01, YEAR_2099)

    assert main(["--lang", "en", "check", str(w01)]) == 1
    said = capsys.readouterr().err
    assert "ahead of this computer's clock" in said and "2099-06-01" in said

    book = Book.open(w01)
    assert book.stamps.last <= followed_bound()  # it used to be the 2099 stamp
    behind = [n for n in book.notices if n.key == "clock_behind"]
    assert behind and int(str(behind[0].params["days"])) > 20_000
    assert book.get(Household, rid) is not None  # kept with its record: nothing set aside
    entry = actions.add_log(book, "written on a real clock")
    assert _stamp_of(book, LogEntry.TABLE, entry.id, "text") <= followed_bound()
    # a write replaces the far value it has seen, and shows (stamped on this clock)
    book.update(Household, rid, note="settled here")
    reopened = Book.open(w01)
    assert reopened.require(Household, rid).note == "settled here"
    assert not [c for c in reopened.conflicts() if c.field == "note"]
    assert _stamp_of(reopened, Household.TABLE, rid, "note") <= followed_bound()
    assert reopened.stamps.last <= followed_bound()
    # the far value (written, its record says, in 2022) is not the history of today
    raw = reopened.raw_record(Household.TABLE, rid)
    assert raw is not None
    stood = crdt.as_of(raw, date.today().isoformat())
    assert stood is not None and stood["fields"]["note"][0][0] == "settled here"
    assert "written on a real clock" in {e.text for e in reopened.all(LogEntry)}


def test_a_2099_stamp_never_reaches_another_books_clock(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """Through the office (merge, slice, the worker's merge of the slice) no book follows
    it, so an edit made later on a right clock is the one shown in a conflict."""
    w01 = tmp_path / "w01" / "w01.json"
    small_book(w01)
    _stamp_note(w01, YEAR_2099)
    w02 = tmp_path / "w02" / "w02.json"
    from store.book.models import Worker

    second = Book.create(w02, Worker(id="w02", name="王芳"))
    home = actions.add_household(second, building="9", unit="1", room="101",
                                 people=(Person(name="赵六"),))
    office_copy = tmp_path / "office" / "w02.json"
    office_copy.parent.mkdir()
    shutil.copyfile(w02, office_copy)  # what the office holds from the last sync

    community = tmp_path / "community.json"
    merged = merge_files([w01, w02], community)
    assert any(c.problem == "future" for c in merged.result.summary.clocks_off)
    sliced = tmp_path / "slice.json"
    sliced.write_bytes(dumps(slice_for(parse(community.read_bytes(), community), "w02")))
    merge_files([w02, sliced], w02)

    worker = Book.open(w02)
    assert worker.stamps.last <= followed_bound()
    worker.update(Household, home.id, note="the worker's edit")
    assert _stamp_of(worker, Household.TABLE, home.id, "note") <= followed_bound()
    office = Book.open(office_copy)  # a right clock that never saw 2099, a moment later
    office.update(Household, home.id, note="the office's later edit")

    out = tmp_path / "street.json"
    merge_files([w02, office_copy], out)
    joined = Book.open(out, readonly=True)
    assert joined.require(Household, home.id).note == "the office's later edit"
    conflict = [c for c in joined.conflicts() if c.record_id == home.id and c.field == "note"]
    assert conflict and {c[0] for c in conflict[0].candidates} == {"the worker's edit",
                                                                     "the office's later edit"}
    assert Book.open(community, readonly=True).stamps.last <= followed_bound()
    assert main(["--lang", "en", "check", str(community)]) == 1  # its canonical (packed) form
    assert "1 record stamped more than a day ahead" in capsys.readouterr().err


def test_a_laptop_fast_for_days_then_corrected_keeps_every_edit(tmp_path: Path) -> None:
    """Its fast edits stay; once corrected, its new edits carry the real time, replace the
    fast values (the day's history too) and lose nothing; the merges stay laws."""
    laptop = tmp_path / "laptop" / "w01.json"
    small_book(laptop)
    office_copy = tmp_path / "office" / "w01.json"
    office_copy.parent.mkdir()
    shutil.copyfile(laptop, office_copy)
    first = Book.open(laptop)
    household = first.all(Household)[0].id
    fast = Book.open(laptop, clock=OffsetClock(timedelta(days=3)))
    fast.update(Household, household, note="written while the clock ran fast")
    actions.add_log(fast, "an entry from the fast days")
    fast_day = fast.clock.today()

    corrected = Book.open(laptop, clock=SYSTEM_CLOCK)
    assert any(n.key == "clock_behind" and n.params["days"] in (2, 3) for n in corrected.notices)
    assert corrected.stamps.last <= followed_bound()
    entry = actions.add_log(corrected, "an entry once the clock was right")
    assert _stamp_of(corrected, LogEntry.TABLE, entry.id, "text") <= followed_bound()
    corrected.update(Household, household, note="written on the right clock")

    reopened = Book.open(laptop)
    assert reopened.require(Household, household).note == "written on the right clock"
    assert {"an entry from the fast days", "an entry once the clock was right"} <= \
        {e.text for e in reopened.all(LogEntry)}
    raw = reopened.raw_record(Household.TABLE, household)
    assert raw is not None
    for day in (date.today(), fast_day):  # the fast day's end shows the later edit too
        stood = crdt.as_of(raw, day.isoformat())
        assert stood is not None and stood["fields"]["note"][0][0] == "written on the right clock"

    # the office merges the laptop with its own copy, edited meanwhile on a right clock
    office = Book.open(office_copy)
    other = actions.add_household(office, building="5", unit="1", room="202",
                                  people=(Person(name="钱七"),))
    out = tmp_path / "community.json"
    merge_files([laptop, office_copy], out)
    community = Book.open(out, readonly=True)
    assert community.require(Household, household).note == "written on the right clock"
    assert community.get(Household, other.id) is not None
    assert {"an entry from the fast days", "an entry once the clock was right"} <= \
        {e.text for e in community.all(LogEntry)}
    # commutative, idempotent and associative, byte for byte
    reversed_out = tmp_path / "reversed.json"
    merge_files([office_copy, laptop], reversed_out)
    assert reversed_out.read_bytes() == out.read_bytes()
    before = out.read_bytes()
    merge_files([laptop, office_copy], out)
    assert out.read_bytes() == before
    third = tmp_path / "w03.json"
    from store.book.models import Worker

    actions.add_log(Book.create(third, Worker(id="w03", name="孙八")), "a third book")
    ab, bc, left, right, flat = (tmp_path / f"{name}.json"
                                 for name in ("ab", "bc", "left", "right", "flat"))
    merge_files([laptop, office_copy], ab)
    merge_files([ab, third], left)
    merge_files([office_copy, third], bc)
    merge_files([laptop, bc], right)
    merge_files([third, laptop, office_copy], flat)
    assert left.read_bytes() == right.read_bytes() == flat.read_bytes()

