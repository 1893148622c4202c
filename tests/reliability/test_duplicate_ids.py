"""Item 5 of issue 17: a file that holds one record id twice in a table, or whose `_meta`
names a worker its records do not know.

JSON parsers keep the last copy of a key silently; gridbook joins the copies as a merge
joins two copies of a record (each field's newest value shown, differing concurrent
values kept as conflicts), says so in one sentence naming the table and the id (`check`
exits 1, the book's notices, the merge summary), and a save afterwards writes the joined
record: neither copy's values are lost. Copies it cannot join (one damaged) leave the file
unopened and unchanged, with a sentence.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from reliability_kit import small_book

from store import actions
from store.book.book import Book
from store.book.models import Household
from store.errors import BookError
from store.lang import set_lang
from tui.cli import main


def _household_twice(path: Path) -> str:
    """Write the book again with its household twice: the first copy carries a note written
    later by another session (that copy would be lost to a parser keeping the last)."""
    small_book(path)
    data = json.loads(path.read_text())
    rid = next(iter(data["households"]))
    record = data["households"][rid]
    newer = json.loads(json.dumps(record))
    stamp = max(record["vv"].values()) + 1
    newer["fields"]["note"] = [["第一份的备注 first copy's note", stamp, "zz", "w01"]]
    newer["vv"]["zz"] = stamp
    blob = path.read_bytes()
    copy = json.dumps(newer, ensure_ascii=False, separators=(",", ":")).encode()
    twice = blob.replace(f'"{rid}":'.encode(), f'"{rid}":'.encode() + copy + f',"{rid}":'.encode(), 1)
    assert twice.count(f'"{rid}":'.encode()) == 2
    path.write_bytes(twice)
    return rid


def _check(path: Path, capsys: pytest.CaptureFixture[str], lang: str = "en") -> tuple[int, str]:
    code = main(["--lang", lang, "check", str(path)])
    said = capsys.readouterr()
    return code, said.out + said.err


def test_a_record_twice_is_joined_and_said(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "w01.json"
    rid = _household_twice(path)
    before = path.read_bytes()
    code, said = _check(path, capsys)
    assert code == 1
    assert rid in said and "households" in said and "2 times" in said, said
    assert len(said.strip().splitlines()) == 1
    code, said = _check(path, capsys, "zh")
    assert code == 1 and rid in said and "出现了 2 次" in said
    assert path.read_bytes() == before  # check never changes the file

    set_lang("en")
    book = Book.open(path)
    assert any(n.key == "duplicate_records" for n in book.notices)
    household = book.get(Household, rid)
    assert household is not None and household.note == "第一份的备注 first copy's note"
    actions.add_log(book, "an edit after opening")  # a save writes the joined record
    reopened = Book.open(path)
    assert reopened.notices == []
    assert reopened.require(Household, rid).note == "第一份的备注 first copy's note"
    assert path.read_bytes().count(f'"{rid}":'.encode()) == 1
    assert _check(path, capsys)[0] == 0


def test_the_merge_joins_the_copies_and_says_so(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "w01.json"
    rid = _household_twice(path)
    out = tmp_path / "community.json"
    assert main(["--lang", "en", "merge", str(path), "-o", str(out)]) == 0
    said = capsys.readouterr().out
    assert rid in said and "2 times" in said and "nothing is dropped" in said
    merged = Book.open(out, readonly=True)
    assert merged.require(Household, rid).note == "第一份的备注 first copy's note"
    assert merged.notices == []


def test_a_table_twice_keeps_both_tables_records(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "w01.json"
    small_book(path)
    data = json.loads(path.read_text())
    households = data.pop("households")
    rid = next(iter(households))
    blob = path.read_bytes()
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    table = json.dumps(households, ensure_ascii=False, separators=(",", ":"))
    # the households first, then an empty copy of the table that a parser would keep
    path.write_bytes(b'{"households":' + table.encode() + b"," + body[1:-1].encode()
                     + b',"households":{}}\n')
    assert blob != path.read_bytes()
    code, said = _check(path, capsys)
    assert code == 1 and "households" in said and "2 times" in said
    assert Book.open(path, readonly=True).get(Household, rid) is not None


def test_copies_that_cannot_be_joined_leave_the_file_alone(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "w01.json"
    small_book(path)
    blob = path.read_bytes()
    rid = next(iter(json.loads(blob)["households"]))
    path.write_bytes(blob.replace(f'"{rid}":'.encode(),
                                  f'"{rid}":{{"fields":5}},"{rid}":'.encode(), 1))
    before = path.read_bytes()
    code, said = _check(path, capsys)
    assert code == 1 and rid in said and "damaged" in said and "Traceback" not in said
    with pytest.raises(BookError) as raised:
        Book.open(path)
    assert raised.value.key == "duplicate_unjoinable"
    assert path.read_bytes() == before


def test_a_book_naming_another_worker_says_what_is_wrong(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "w01.json"
    small_book(path)
    data = json.loads(path.read_text())
    data["_meta"]["book"]["worker"] = "w02"
    path.write_text(json.dumps(data, ensure_ascii=False))
    code, said = _check(path, capsys)
    assert code == 1 and "w02" in said and "w01" in said, said
    set_lang("en")
    book = Book.open(path, readonly=True)
    assert [n.key for n in book.notices] == ["worker_mismatch"]
    assert "w02" in book.notices[0].sentence()
