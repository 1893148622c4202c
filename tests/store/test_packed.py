"""Records kept packed (as their slices of the file) read and write exactly as parsed ones.

`store.book.packed` cuts each table at its records' markers and trusts the cut only when every
slice parses alone; these tests try to fool the cut (values that look like records, quotes,
markers inside text, damaged slices) and check that the book always holds what an ordinary
parse of the whole file gives, writes the same bytes, and refuses a damaged file with the
same sentence as before.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store import actions, views
from store.book.book import Book
from store.book.fileformat import dumps, parse
from store.book.models import ChecklistItem, Household, LogEntry
from store.book.packed import BadSlice, Packed, first_read, join_tables, split_records
from store.errors import BookError
from store.seed import seed_book

DAY = date(2022, 3, 21)
TRICKY_TEXT = ['"],[', '":{"fields":', '},"x":{"fields":{', '\\', '"', "居家", "{", ","]

texts = st.one_of(st.sampled_from(TRICKY_TEXT), st.text(max_size=12))
values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), texts),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.one_of(st.just("fields"), texts), inner, max_size=3)),
    max_leaves=8)
entries = st.lists(st.tuples(values, st.integers(0, 2**50), texts, texts).map(list),
                   min_size=1, max_size=2)
records = st.fixed_dictionaries({
    "fields": st.dictionaries(st.one_of(st.just("fields"), texts), entries, max_size=3),
    "vv": st.dictionaries(texts, st.integers(0, 2**50), max_size=2)})
tables = st.dictionaries(st.one_of(texts, st.just("fields")), st.one_of(records, values),
                         max_size=5)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables)
def test_a_cut_whose_slices_all_parse_is_the_table(table: dict[str, Any]) -> None:
    blob = orjson.dumps(table, option=orjson.OPT_SORT_KEYS)
    cut = split_records(blob, 0, len(blob))
    if cut is None:
        return  # not laid out as records: the table is parsed whole instead
    try:
        parsed = {rid: first_read(piece) for rid, piece in cut.items()}
    except BadSlice:
        return  # the book parses the whole file again
    assert parsed == table
    assert orjson.dumps(parsed, option=orjson.OPT_SORT_KEYS) == blob


def test_a_value_that_looks_like_a_record_is_caught_by_its_slices() -> None:
    table = {"a": {"fields": {"x": [[{"b": 1, "y": {"fields": {}}}, 1, "r", "w"]]}, "vv": {}}}
    blob = orjson.dumps(table, option=orjson.OPT_SORT_KEYS)
    cut = split_records(blob, 0, len(blob))
    assert cut is not None and "y" in cut  # fooled: "y" is inside a value...
    with pytest.raises(BadSlice):  # ...so a slice cannot parse alone
        [first_read(piece) for piece in cut.values()]


def _book_file(tmp_path: Path) -> Path:
    path = tmp_path / "book.json"
    seed_book(path, "w01", households=6, days=20, today=DAY)
    return path


def _records(book: Book) -> dict[str, list[Any]]:
    # keys sorted: a dict field (an entry's params) keeps its insertion order in memory
    return {model.TABLE: sorted(orjson.dumps(r.model_dump(mode="json"),
                                             option=orjson.OPT_SORT_KEYS).decode()
                                for r in book.all(model))
            for model in (Household, ChecklistItem, LogEntry)}


def test_a_packed_book_holds_what_a_whole_parse_gives(tmp_path: Path) -> None:
    path = _book_file(tmp_path)
    book = Book.open(path)
    kept = book._storage.read()  # noqa: SLF001 - the point is how records are kept
    assert all(type(raw) is Packed for raw in kept[ChecklistItem.TABLE].values())
    whole = parse(path.read_bytes(), path)
    assert book.raw() == whole
    assert book.raw_record(ChecklistItem.TABLE, next(iter(whole[ChecklistItem.TABLE]))) \
        == next(iter(whole[ChecklistItem.TABLE].values()))
    assert book.record_count() == sum(len(t) for n, t in whole.items() if n != "_meta")


def test_edits_on_a_packed_book_write_canonical_bytes_and_reopen_the_same(tmp_path: Path) -> None:
    path = _book_file(tmp_path)
    book = Book.open(path)
    item = book.items_on(DAY)[0]
    actions.tick(book, item.id, not item.done)
    actions.add_log(book, "packed 居家")
    blob = path.read_bytes()
    assert blob == dumps(parse(blob, path))
    again = Book.open(path)
    assert _records(again) == _records(book)
    assert again.get(ChecklistItem, item.id).done is not item.done  # type: ignore[union-attr]


def test_a_record_with_a_nested_look_alike_opens_as_parsed(tmp_path: Path) -> None:
    """A value shaped like a record fools the cut; the book parses the file whole instead."""
    path = _book_file(tmp_path)
    book = Book.open(path)
    household = views.households(book)[0]
    raw = book.raw_record(Household.TABLE, household.id)
    assert raw is not None
    raw["fields"]["odd"] = [[{"a": 1, "zz": {"fields": {}, "vv": {}}}, 1, "r", "w01"]]
    data = parse(path.read_bytes(), path)
    data[Household.TABLE][household.id] = raw
    path.write_bytes(dumps(data))
    cut = parse(path.read_bytes(), path, packed=True)[Household.TABLE]
    assert "zz" in cut  # the cut was fooled, and the book must notice
    again = Book.open(path)
    assert again.raw() == parse(path.read_bytes(), path)
    assert again.get(Household, household.id) is not None
    # the TUI's opening (checks deferred) reads each record once too, and notices as well
    deferred = Book.open(path, readonly=True, defer_checks=True)
    assert deferred.raw() == parse(path.read_bytes(), path)
    assert not any(type(raw) is Packed and raw.blob.count(b'"fields"') > 1
                   for table in deferred._storage.read().values()  # noqa: SLF001
                   for raw in table.values())
    actions.add_log(again, "after the look-alike")
    assert Book.open(path).raw()[Household.TABLE][household.id] == raw


def test_a_damaged_record_gets_the_same_sentence_and_the_file_stays(tmp_path: Path) -> None:
    path = _book_file(tmp_path)
    blob = path.read_bytes()
    at = blob.index(b'{"fields":', blob.index(b'"log":'))
    damaged = blob[:at + 1] + b"]" + blob[at + 1:]  # a record that cannot parse
    path.write_bytes(damaged)
    with pytest.raises(BookError) as caught:
        Book.open(path)
    assert caught.value.key == "not_json"
    assert path.read_bytes() == damaged


def test_another_sessions_save_is_joined_with_packed_records(tmp_path: Path) -> None:
    path = _book_file(tmp_path)
    first, second = Book.open(path), Book.open(path)
    actions.add_log(first, "from the first")
    item = second.items_on(DAY)[0]
    actions.tick(second, item.id, not item.done)  # joins the first's save, then saves
    again = Book.open(path)
    assert "from the first" in {e.text for e in again.log_on(date.today())} | {
        e.text for e in again.all(LogEntry)}
    assert again.get(ChecklistItem, item.id).done is not item.done  # type: ignore[union-attr]


def test_joining_packed_tables_checks_what_it_takes() -> None:
    good = Packed(orjson.dumps({"fields": {}, "vv": {}}))
    assert join_tables({"a": good}, {"a": good, "b": good}) == {"a": good, "b": good}
    with pytest.raises(BadSlice):
        join_tables({"a": good}, {"b": Packed(b'{"fields":')})


@pytest.fixture(scope="module")
def small_book_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("packed") / "book.json"
    seed_book(path, "w01", households=3, days=6, today=DAY)
    return path.read_bytes()


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.data())
def test_a_damaged_book_opens_as_the_whole_parse_says(small_book_bytes: bytes, tmp_path: Path,
                                                      data: st.DataObject) -> None:
    """Bytes cut out, repeated or replaced anywhere: the packed opening and an ordinary
    parse of the whole file agree on the records, or on the sentence."""
    blob = bytearray(small_book_bytes)
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(blob) - 1))
        size = data.draw(st.integers(1, 40))
        how = data.draw(st.sampled_from(["cut", "repeat", "replace"]))
        if how == "cut":
            del blob[at:at + size]
        elif how == "repeat":
            blob[at:at] = blob[at:at + size]
        else:
            blob[at:at + size] = data.draw(st.sampled_from(
                [b'","', b'":{"fields":', b"}", b"{", b'"', b'],[', b"\\"]))
    path = tmp_path / "book.json"
    path.write_bytes(bytes(blob))
    try:
        whole = parse(bytes(blob), path)
    except BookError as error:
        with pytest.raises(BookError) as caught:
            Book.open(path, readonly=True)
        assert caught.value.key == error.key
        return
    assert Book.open(path, readonly=True).raw() == whole


@pytest.mark.parametrize("raw", [
    {"fields": {"note": [["x", 5, "a", "w01"]]}, "vv": {"a": 5, "b": 7}},
    # a value nested with a key "vv" (before and after the record's own): the record is parsed
    {"fields": {"note": [[{"vv": {"z": 99}}, 5, "a", "w01"]]}, "vv": {"a": 5, "b": 7}},
    {"fields": {"note": [["x", 5, "a", "w01"]]}, "vv": {"a": 5, "b": 7},
     "past": {"note": [[{"vv": {"z": 99}}, 3, "a", "w01", "2022-03-10"]]}},
])
def test_the_newest_stamp_read_from_the_bytes_is_the_parsed_ones(raw: dict[str, Any]) -> None:
    from store.book.packed import newest_stamp

    assert newest_stamp(Packed(orjson.dumps(raw))) == newest_stamp(raw) == 7
