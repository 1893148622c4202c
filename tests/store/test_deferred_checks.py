"""A book opened with its checks deferred (the TUI's first screen) ends up as an ordinary one.

`Book.open(defer_checks=True)` indexes the checklist and journal at a glance and checks them
in `finish_checks()`; until then a record asked for is checked when asked for. Whatever
the order, the book must show the same records, set aside the same bad ones, say so once,
and leave the file as it was.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import orjson

from store import actions
from store.book.book import Book
from store.book.models import ChecklistItem, Household, LogEntry
from store.seed import seed_book

DAY = date(2022, 3, 21)


def _entry(value: Any) -> list[list[Any]]:
    return [[value, 1, "r", "w01"]]


def _damaged_book(tmp_path: Path) -> tuple[Path, str]:
    """A seeded book with bad checklist items and journal entries of several kinds, one
    of them due today (so the first screen asks for it before the check)."""
    path = tmp_path / "book.json"
    seed_book(path, "w01", households=6, days=20, today=DAY)
    data = orjson.loads(path.read_bytes())
    today_item = next(rid for rid, raw in data["checklist"].items()
                      if raw["fields"]["on"][-1][0] == DAY.isoformat())
    data["checklist"][today_item]["fields"]["kind"] = _entry("dance")  # no such kind
    data["checklist"]["odd-day"] = {"fields": {"on": _entry("２０２２-03-21"),
                                               "household": _entry("h"),
                                               "kind": _entry("garbage")}, "vv": {"r": 1}}
    data["checklist"]["no-shape"] = {"fields": {"on": "2022-03-21"}, "vv": {}}
    data["log"]["bad-time"] = {"fields": {"at": _entry("99:99"), "on": _entry("2022-03-21"),
                                          "category": _entry("control"),
                                          "text": _entry("x")}, "vv": {"r": 1}}
    data["log"]["gone"] = {"fields": {"at": _entry("09:00"), "on": _entry("2022-03-21"),
                                      "category": _entry("control"), "text": _entry("x"),
                                      "_deleted": _entry(True)}, "vv": {"r": 1}}
    path.write_bytes(orjson.dumps(data, option=orjson.OPT_SORT_KEYS))
    return path, today_item


def _seen(book: Book) -> dict[str, Any]:
    return {
        "items": sorted(i.model_dump_json() for i in book.all(ChecklistItem)),
        "log": sorted(e.model_dump_json() for e in book.all(LogEntry)),
        "today": sorted(i.id for i in book.items_on(DAY)),
        "log_today": [e.id for e in book.log_on(DAY)],
        "by_household": {h.id: [i.id for i in book.items_of(h.id)]
                         for h in book.all(Household)},
        "set_aside": sorted((a.table, a.record_id) for a in book.set_aside),
    }


def test_deferred_then_finished_is_the_ordinary_book(tmp_path: Path) -> None:
    path, _ = _damaged_book(tmp_path)
    before = path.read_bytes()
    ordinary = Book.open(path)
    deferred = Book.open(path, defer_checks=True)
    notices = deferred.finish_checks()
    assert _seen(deferred) == _seen(ordinary)
    assert {a.record_id for a in deferred.set_aside} >= {"odd-day", "no-shape", "bad-time"}
    # what the glance could not read was set aside (and said) at once, the rest now
    said = [n for n in deferred.notices + notices if n.key == "invalid_records"]
    assert [n.key for n in notices] == ["invalid_records"]
    assert sum(n.params["count"] for n in said) == len(deferred.set_aside)
    assert deferred.finish_checks() == []  # said once
    assert path.read_bytes() == before


def test_a_bad_record_asked_for_before_the_check_is_left_out(tmp_path: Path) -> None:
    path, today_item = _damaged_book(tmp_path)
    book = Book.open(path, defer_checks=True)
    ids_today = {i.id for i in book.items_on(DAY)}  # the first screen's question
    assert today_item not in ids_today and "odd-day" not in ids_today
    assert book.get(ChecklistItem, today_item) is None
    assert "gone" not in {e.id for e in book.log_on(DAY)}
    assert "bad-time" not in {e.id for e in book.log_on(DAY)}
    book.finish_checks()
    assert {i.id for i in book.items_on(DAY)} == ids_today
    assert today_item in {a.record_id for a in book.set_aside}


def test_edits_before_the_check_are_saved_and_kept(tmp_path: Path) -> None:
    path, _ = _damaged_book(tmp_path)
    book = Book.open(path, defer_checks=True)
    item = book.items_on(DAY)[0]
    actions.tick(book, item.id, not item.done)
    actions.add_log(book, "before the check 检查前")
    book.finish_checks()
    again = Book.open(path)
    assert again.get(ChecklistItem, item.id).done is not item.done  # type: ignore[union-attr]
    assert "before the check 检查前" in {e.text for e in again.all(LogEntry)}
    kept = orjson.loads(path.read_bytes())
    assert {"odd-day", "no-shape"} <= kept["checklist"].keys() and "bad-time" in kept["log"]


def test_a_sound_book_needs_no_notice(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    seed_book(path, "w01", households=4, days=10, today=DAY)
    book = Book.open(path, defer_checks=True)
    assert book.finish_checks() == []
    assert _seen(book) == _seen(Book.open(path))


def test_a_deferred_record_too_deep_to_save_again_makes_the_book_read_only(
        tmp_path: Path) -> None:
    """The can-it-be-saved-again check of the deferred records runs chunk by chunk (so the
    values of all 20,000 are not held at once); a too-deep one in any chunk still counts."""
    path = tmp_path / "book.json"
    seed_book(path, "w01", households=6, days=20, today=DAY)
    data = orjson.loads(path.read_bytes())
    entry = sorted(data["log"])[len(data["log"]) // 2]
    data["log"][entry]["fields"]["scribble"] = _entry("DEEP")
    deep = "[" * 300 + '"x"' + "]" * 300  # orjson reads 1024 levels, writes only 254
    path.write_bytes(orjson.dumps(data).replace(b'"DEEP"', deep.encode()))
    written = path.read_bytes()
    ordinary = Book.open(path)
    assert ordinary.readonly and "too_deep" in [n.key for n in ordinary.notices]
    for chunk in (1, 7, 100_000):
        book = Book.open(path, defer_checks=True)
        assert not book.readonly
        notices = book.finish_checks(chunk=chunk)
        assert [n.key for n in notices] == ["too_deep"], chunk
        assert book.readonly
    assert path.read_bytes() == written  # the file as it was
