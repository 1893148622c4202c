"""Item 1 of issue 17: a stamp or a clock no real clock gives never poisons a community.

A book whose one field carries the stamp 2**64-1 (or 9e18, a year no date can hold) is
set aside where a file enters: opening (the TUI, `check`), `merge`, `slice`. Its clock is
never adopted, so the community file and every worker's slice stay saveable; `check`
reports it; the conflict list, the merge summary and F6 never crash on it.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from reliability_kit import small_book

from store import actions
from store.book.book import Book
from store.book.clock import FixedClock, wall_ms
from store.book.fileformat import dumps, parse
from store.book.models import Household, LogEntry, Worker
from store.office.merge_files import merge_files
from store.office.slice import slice_for
from tui.cli import main

HUGE = 2**64 - 1
FAR = 9 * 10**18
MAX_STAMP = 4_102_444_800_000 * 1000 + 999  # 2100-01-01, as store.book.clock bounds stamps


def _poison(path: Path, stamp: int, *, field: str = "note", clock: bool = True) -> str:
    """Give one household field of the book at `path` the stamp `stamp` (and its clock)."""
    data = json.loads(path.read_text())
    rid, raw = next(iter(data["households"].items()))
    raw["fields"][field] = [["poisoned", stamp, "evil", "w01"]]
    raw["vv"]["evil"] = stamp
    if clock:
        data["_meta"]["book"]["clock"] = stamp
    path.write_text(json.dumps(data, ensure_ascii=False))
    return rid


def _second_worker(tmp_path: Path) -> Path:
    path = tmp_path / "w02" / "w02.json"
    book = Book.create(path, Worker(id="w02", name="王芳"))
    actions.add_log(book, "w02 rounds")
    return path


@pytest.mark.parametrize("stamp", [HUGE, FAR, -5])
def test_a_poisoned_stamp_never_reaches_a_save_in_the_community(tmp_path: Path, stamp: int,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    w01 = tmp_path / "w01" / "w01.json"
    small_book(w01)
    rid = _poison(w01, stamp)
    w02 = _second_worker(tmp_path)

    # check reports it (it used to say "sound")
    assert main(["--lang", "en", "check", str(w01)]) == 1
    err = capsys.readouterr().err
    assert "no real clock" in err

    # the merge leaves it out, and the community file's clock is a real one
    community = tmp_path / "community.json"
    merged = merge_files([w01, w02], community)
    assert any(s.reason == "stamp" for s in merged.result.summary.set_aside)
    meta = json.loads(community.read_text())["_meta"]["book"]
    assert 0 <= meta["clock"] <= MAX_STAMP
    assert meta["clock"] < (wall_ms() + 86_400_000) * 1000

    # a slice of it for a worker who never had that household: their book still saves
    sliced = slice_for(parse(community.read_bytes(), community), "w02")
    (tmp_path / "slice.json").write_bytes(dumps(sliced))
    merge_files([w02, tmp_path / "slice.json"], w02)
    book = Book.open(w02)
    actions.add_log(book, "saved after the slice")
    assert "saved after the slice" in {e.text for e in Book.open(w02).all(LogEntry)}

    # the poisoned book itself still opens, saves, and never adopts the stamp
    own = Book.open(w01)
    assert own.stamps.last <= MAX_STAMP
    assert any(n.key in ("absurd_clock", "absurd_stamps") for n in own.notices)
    assert own.get(Household, rid) is None  # the household record is set aside, not lost
    actions.add_log(own, "still saving")
    assert "still saving" in {e.text for e in Book.open(w01).all(LogEntry)}
    assert json.loads(w01.read_text())["households"][rid]["fields"]["note"][0][1] == stamp


def test_a_poisoned_meta_clock_alone_is_never_adopted(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    w01 = tmp_path / "w01.json"
    small_book(w01)
    data = json.loads(w01.read_text())
    data["_meta"]["book"]["clock"] = HUGE
    w01.write_text(json.dumps(data, ensure_ascii=False))
    assert main(["--lang", "en", "check", str(w01)]) == 1
    assert "no real clock" in capsys.readouterr().err
    book = Book.open(w01)
    assert book.stamps.last == 0 or book.stamps.last <= MAX_STAMP
    actions.add_log(book, "after the clock")  # the save writes a real clock back
    assert json.loads(w01.read_text())["_meta"]["book"]["clock"] <= MAX_STAMP
    merged = merge_files([w01], tmp_path / "c.json")
    assert merged.result.data["_meta"]["book"]["clock"] <= MAX_STAMP


def _far_conflict(w01: Path) -> None:
    small_book(w01)
    data = json.loads(w01.read_text())
    _rid, raw = next(iter(data["households"].items()))
    good = raw["fields"]["phone"][0]
    raw["fields"]["phone"] = [good, ["13900000000", FAR, "evil", "w01"]]
    raw["vv"]["evil"] = FAR
    w01.write_text(json.dumps(data, ensure_ascii=False))


def test_far_stamps_in_a_conflict_never_crash_the_office(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """A conflict whose candidate is stamped 9e18: the merge summary and `report
    --conflicts` give their lists (the far candidate set aside), no traceback."""
    w01 = tmp_path / "w01.json"
    _far_conflict(w01)
    out = tmp_path / "community.json"
    assert main(["--lang", "en", "merge", str(w01), "-o", str(out)]) == 0
    said = capsys.readouterr()
    assert "Traceback" not in said.err and "no real clock" in said.out
    assert main(["--lang", "en", "report", str(w01), "--conflicts"]) in (0, 1)
    said = capsys.readouterr()
    assert "Traceback" not in said.err + said.out
    assert "unexpected" not in said.err


async def test_f6_with_a_far_stamp_shows_the_list(tmp_path: Path) -> None:
    from tui.app import GridbookApp

    w01 = tmp_path / "w01.json"
    _far_conflict(w01)
    app = GridbookApp(Book.open(w01, clock=FixedClock.on(date(2022, 3, 12))), refresh_seconds=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("enter")  # the candidates, each with when it was written
        await pilot.pause()
        assert app.is_running
        await pilot.press("escape", "escape", "3")
        await pilot.pause()
        assert app.is_running


def test_a_number_too_big_to_write_is_not_called_nesting() -> None:
    from store.errors import BookError
    from store.lang import set_lang

    set_lang("en")
    with pytest.raises(BookError) as raised:
        dumps({"_meta": {"book": {"clock": 2**64}}})
    assert "nested" not in raised.value.sentence()
    assert "number too big" in raised.value.sentence()
