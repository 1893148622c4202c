"""The store's speed-ups keep its promises: the same bytes, the same records, no lost edit.

Saves re-serialize only the tables that changed (`fileformat.TableCache`), TinyDB's table
updates skip their id conversions, the garbage collector is paused while a book is built,
and a read-only look never imports the lock library. Each is checked against the plain,
slow way of doing the same thing.
"""

from __future__ import annotations

import copy
import gc
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from store import actions
from store.book.book import Book
from store.book.fileformat import dumps, parse
from store.book.models import ChecklistItem, Household, LogEntry
from store.errors import BookError
from store.seed import seed_book
from tui import gcpolicy

ROOT = Path(__file__).resolve().parents[2]
DAY = date(2022, 3, 21)


def _canonical(path: Path) -> bool:
    blob = path.read_bytes()
    return blob == dumps(parse(blob, path))


def test_saves_write_canonical_bytes_through_many_kinds_of_edit(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    seed_book(path, "w01", households=6, days=20, today=DAY)
    book = Book.open(path)
    item = book.items_on(DAY)[0]
    actions.tick(book, item.id, not item.done)
    assert _canonical(path)
    entry = actions.add_log(book, "门口消杀", on=DAY)
    assert _canonical(path)
    book.delete(LogEntry, entry.id)
    assert _canonical(path)
    household = book.all(Household)[0]
    book.update(Household, household.id, note="独居老人")
    assert _canonical(path)
    other = Book.open(path)  # a second session writes; the first joins it on its next save
    actions.add_log(other, "另一个会话", on=DAY)
    actions.add_log(book, "第一个会话", on=DAY)
    assert _canonical(path)
    again = Book.open(path)
    assert {e.text for e in again.log_on(DAY)} >= {"另一个会话", "第一个会话"}
    assert again.get(Household, household.id).note == "独居老人"
    assert again.get(LogEntry, entry.id) is None
    assert again.get(ChecklistItem, item.id).done != item.done


def test_a_table_update_replaces_the_table_and_leaves_an_old_view_alone(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    seed_book(path, "w01", households=3, days=10, today=DAY)
    book = Book.open(path)
    before = book.raw()["log"]
    snapshot = copy.deepcopy(before)
    entry = actions.add_log(book, "新的一条", on=DAY)
    after = book.raw()["log"]
    assert before == snapshot  # the old view: the same records, none changed in place
    assert entry.id not in before and set(after) == set(before) | {entry.id}
    assert {k: v for k, v in after.items() if k != entry.id} == snapshot
    assert book.require(LogEntry, entry.id).text == "新的一条"


def test_the_store_never_touches_the_collector(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The collector's policy belongs to the entry points (tui/gcpolicy.py): opening,
    saving, refreshing and a failed open leave it as they found it, and freeze nothing."""
    calls: list[str] = []
    for name in ("disable", "enable", "freeze", "unfreeze", "collect"):
        original = getattr(gc, name)
        monkeypatch.setattr(gc, name, lambda *a, _n=name, _f=original: (calls.append(_n),
                                                                         _f(*a))[1])
    path = tmp_path / "book.json"
    seed_book(path, "w01", households=3, days=10, today=DAY)
    book = Book.open(path)
    other = Book.open(path)
    actions.add_log(other, "另一个会话", on=DAY)
    assert book.refresh()
    actions.add_log(book, "保存", on=DAY)
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"_meta": ')
    with pytest.raises(BookError):
        Book.open(bad)
    assert calls == []


def test_pauses_overlap_and_the_collector_comes_back_once() -> None:
    assert gc.isenabled()
    with gcpolicy.paused():
        with gcpolicy.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_read_only_look_never_imports_the_lock_library(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    seed_book(path, "w01", households=3, days=10, today=DAY)
    code = ("import sys\nfrom store.book.book import Book\n"
            f"book = Book.open({str(path)!r}, readonly=True)\nbook.refresh()\n"
            "print('filelock' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_a_dropped_book_is_freed_even_once_its_objects_are_frozen(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The TUI freezes its book out of the collector's view once (tui/gcpolicy.py); a book
    must hold no reference cycle, or one dropped after that would stay in memory for good."""
    import weakref

    path = tmp_path / "book.json"
    seed_book(path, "w01", households=3, days=10, today=DAY)
    try:
        opened = Book.open(path)
        actions.add_log(opened, "保存一次", on=DAY)
        gc.freeze()  # as the app does after its first screen
        assert gc.get_freeze_count() > 0
        gone = weakref.ref(opened)
        del opened
        assert gone() is None
    finally:
        gc.unfreeze()


def test_a_record_moved_to_another_day_is_listed_on_that_day_only(tmp_path: Path) -> None:
    """The day indexes follow an edit of the day (they once kept the old day as well)."""
    path = tmp_path / "book.json"
    seed_book(path, "w01", households=3, days=10, today=DAY)
    book = Book.open(path)
    entry = actions.add_log(book, "换了日期", on=DAY)
    moved = DAY.replace(day=DAY.day - 1)
    book.update(LogEntry, entry.id, on=moved)
    assert entry.id not in {e.id for e in book.log_on(DAY)}
    assert entry.id in {e.id for e in book.log_on(moved)}
    assert entry.id in {e.id for e in Book.open(path).log_on(moved)}
    book.delete(LogEntry, entry.id)
    assert entry.id not in {e.id for e in book.log_on(moved)}


def test_the_table_cache_refuses_data_nested_too_deeply_with_a_sentence() -> None:
    from store.book.fileformat import TableCache
    from store.errors import BookError

    deep: object = "x"
    for _ in range(300):
        deep = [deep]
    data = {"_meta": {"book": {"format": "gridbook"}}, "log": {"a": {"fields": {"t": deep}}}}
    try:
        TableCache().dumps(data)  # type: ignore[arg-type]
    except BookError as error:
        assert error.key == "too_deep_data"
    else:
        raise AssertionError("no BookError")


def _nested(depth: int, kind: str) -> object:
    value: object = 1
    for _ in range(depth):
        value = [value] if kind == "list" else {"k": value}
    return value


PLACES = {
    "an entry's value": lambda d, v: d["households"][_first(d, "households")]["fields"]
    ["note"][0].__setitem__(0, v),
    "an unknown field": lambda d, v: d["checklist"][_first(d, "checklist")]["fields"]
    .__setitem__("later", [[v, 1, "r", "w"]]),
    "a record not of the stored shape": lambda d, v: d["households"][_first(d, "households")]
    ["fields"]["note"].append(v),
    "a key beside fields and vv": lambda d, v: d["log"][_first(d, "log")].__setitem__("x", v),
    "_meta": lambda d, v: d["_meta"]["book"].__setitem__("x", v),
    "an unknown table": lambda d, v: d.__setitem__("later", {"a": v}),
}


def _first(data: dict, table: str) -> str:
    return next(iter(data[table]))


@pytest.mark.parametrize("place", PLACES)
def test_the_open_time_nesting_check_agrees_with_dumping_the_whole_book(
        tmp_path: Path, place: str) -> None:
    """Opening checks only what can nest; at the depth limit it must answer as a whole dump
    would: a book that could not be saved again opens read-only, one that can, writable."""
    import orjson

    from store.errors import BookError

    seed_book(tmp_path / "seed.json", "w01", households=4, days=20, today=DAY)
    seeded = orjson.loads((tmp_path / "seed.json").read_bytes())
    seen = set()
    for depth in range(242, 256):
        for kind in ("list", "dict"):
            data = orjson.loads(orjson.dumps(seeded))
            PLACES[place](data, _nested(depth, kind))
            path = tmp_path / f"{depth}{kind}.json"
            path.write_text(__import__("json").dumps(data), encoding="utf-8")
            path.chmod(0o600)
            try:
                dumps(parse(path.read_bytes(), path))
                savable = True
            except BookError:
                savable = False
            assert Book.open(path).readonly is not savable, (depth, kind)
            seen.add(savable)
    assert seen == {True, False}  # the range crosses the limit


def test_big_tables_built_on_demand_give_the_records_a_full_build_gives(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Checklist items and journal entries are rebuilt from their stored form when asked
    for (store.book.lazyrecords); with a tiny cache every read rebuilds, and must still give
    exactly what validating every stored record gives, before and after edits by this
    session and by another one."""
    from store.book import crdt, lazyrecords
    from store.book.models import MODELS

    monkeypatch.setattr(lazyrecords, "CACHE_SIZE", 3)
    path = tmp_path / "book.json"
    seed_book(path, "w01", households=5, days=20, today=DAY)
    book = Book.open(path)
    other = Book.open(path)

    def expected(model: type) -> dict[str, object]:
        out = {}
        for rid, raw in book.raw().get(model.TABLE, {}).items():
            if crdt.is_well_formed(raw) and not crdt.is_deleted(raw):
                out[rid] = MODELS[model.TABLE].model_validate(crdt.current(raw) | {"id": rid})
        return out

    def check() -> None:
        for model in (ChecklistItem, LogEntry):
            want = expected(model)
            assert {r.id: r for r in book.all(model)} == want
            assert all(book.get(model, rid) == record for rid, record in want.items())
        by_day = {}
        for item in expected(ChecklistItem).values():
            by_day.setdefault(item.on, []).append(item)  # type: ignore[attr-defined]
        for day, items in by_day.items():
            assert sorted(book.items_on(day), key=lambda i: i.id) == \
                sorted(items, key=lambda i: i.id)  # type: ignore[attr-defined]
        entries = list(expected(LogEntry).values())
        for household in {e.household for e in entries} - {None}:  # type: ignore[attr-defined]
            assert book.log_of(household) == sorted(  # type: ignore[arg-type]
                [e for e in entries if e.household == household],  # type: ignore[attr-defined]
                key=lambda e: (e.on, e.at))  # type: ignore[attr-defined]

    check()
    item = book.all(ChecklistItem)[0]
    actions.tick(book, item.id, not item.done)
    assert book.get(ChecklistItem, item.id).done is not item.done  # type: ignore[union-attr]
    entry = actions.add_log(book, "first entry", on=DAY, at="10:00")
    assert entry in book.log_on(DAY)
    book.delete(LogEntry, book.log_on(DAY)[0].id)
    check()
    theirs = other.all(ChecklistItem)[-1]
    actions.tick(other, theirs.id, not theirs.done)
    assert book.refresh()
    assert book.get(ChecklistItem, theirs.id).done is not theirs.done  # type: ignore[union-attr]
    check()


def _deep(depth: int) -> str:
    return "[" * depth + "]" * depth


TABLE_BY_TABLE_CASES = [
    '{"_meta":{"book":1},"log":{}}\n',
    '{"_meta":{"book":1},"later":{},"log":{}}\n',  # an unknown table
    '{"_meta":{"book":1},"log":{"a":{"x":1},"tests":{}}}\n',  # a marker inside a value
    '{"_meta":{"book":1},"log":{"a":{"x":1},"tests":{}},"tests":{"b":2}}\n',
    '{"log":{},"log":{"a":1}}\n',  # a table twice
    '{"_meta":[],"log":{}}\n',
    '{"_meta":{},"log":{}} \n',
    '{"_meta":{},"log":{"a":"\\u00e9 ,\\"tests\\":{"}}\n',
    '{"_meta":{},"log":{"a":1},}\n',
    '{"_meta":{},"log":{"a":1}\n',
] + [f'{{"_meta":{{}},"log":{{"a":{_deep(n)}}}}}\n' for n in (1021, 1022, 1023, 1024)]


@pytest.mark.parametrize("text", TABLE_BY_TABLE_CASES + ["seeded"])
def test_parsing_table_by_table_gives_what_parsing_the_whole_file_gives(
        tmp_path: Path, text: str) -> None:
    """A canonical book is parsed one table at a time (a lower memory peak); whatever the
    bytes, the result, or the error, must be the whole file's."""
    import orjson

    from store.book.fileformat import _loads_by_table

    if text == "seeded":
        seed_book(tmp_path / "seed.json", "w01", households=4, days=20, today=DAY)
        blob = (tmp_path / "seed.json").read_bytes()
    else:
        blob = text.encode()
    try:
        whole = orjson.loads(blob)
    except orjson.JSONDecodeError:
        whole = None
    by_table = _loads_by_table(blob)
    if text == "seeded":
        assert by_table is not None
    if by_table is not None:
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(limit + 5000)  # comparing the 1,000-deep cases
        try:
            assert by_table == whole
        finally:
            sys.setrecursionlimit(limit)
        assert list(by_table) == list(whole)  # type: ignore[arg-type]


def test_the_tui_start_up_holds_the_collector_until_its_one_freeze() -> None:
    import tui.gcpolicy as policy

    assert gc.isenabled() and not policy._held  # noqa: SLF001 - the module's own state
    frozen_before, policy._frozen = policy._frozen, False  # noqa: SLF001
    try:
        policy.hold_until_frozen()
        with policy.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # still held: the first screen is not up yet
        policy.freeze_once()
        assert gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        policy._frozen = frozen_before  # noqa: SLF001
        policy.release()
