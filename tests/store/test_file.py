"""The book on disk: private, canonical, and never overwritten when it is not sound."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from store import actions
from store.book.book import Book
from store.book.fileformat import SCHEMA_VERSION, dumps
from store.errors import BookError
from tests.store.conftest import WORKER


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_book_is_private(file_book: Book) -> None:
    actions.add_log(file_book, "巡查")
    assert _mode(file_book.path) == 0o600
    assert _mode(file_book.path.parent) == 0o700
    lock = file_book.path.with_name(file_book.path.name + ".lock")
    assert _mode(lock) & 0o077 == 0
    leftovers = [p for p in file_book.path.parent.iterdir() if p.suffix == ".tmp"]
    assert leftovers == []


def test_looser_book_is_tightened_with_a_notice(file_book: Book) -> None:
    os.chmod(file_book.path, 0o644)
    again = Book.open(file_book.path)
    assert _mode(file_book.path) == 0o600
    assert [n.key for n in again.notices] == ["tightened"]


def test_bytes_are_canonical(file_book: Book) -> None:
    actions.add_household(file_book, building="1", room="101")
    blob = file_book.path.read_bytes()
    assert dumps(orjson.loads(blob)) == blob


def test_create_never_overwrites(file_book: Book) -> None:
    before = file_book.path.read_bytes()
    with pytest.raises(BookError, match="already exists"):
        Book.create(file_book.path, WORKER)
    assert file_book.path.read_bytes() == before


def test_symlinked_book_is_not_written_through(file_book: Book, tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(file_book.path)
    with pytest.raises(BookError, match="symbolic link"):
        Book.open(link)


def _meta_with(path: Path, **changes: object) -> bytes:
    data = orjson.loads(path.read_bytes())
    data["_meta"]["book"].update(changes)
    return orjson.dumps(data)


BAD_BOOKS = {
    "empty": (lambda p: b"", "is empty"),
    "truncated": (lambda p: p.read_bytes()[: len(p.read_bytes()) // 2], "damaged or incomplete"),
    "not json": (lambda p: b"hello, world\n", "damaged or incomplete"),
    "json list": (lambda p: b"[1, 2, 3]", "not a gridbook book"),
    "other app": (lambda p: b'{"_default": {"1": {"a": 1}}}', "not a gridbook book"),
    "newer schema": (lambda p: _meta_with(p, schema=SCHEMA_VERSION + 1), "newer gridbook"),
    "bom": (lambda p: b"\xef\xbb\xbf" + p.read_bytes(), "byte-order mark"),
    "gbk": (lambda p: p.read_bytes().decode("utf-8").encode("gbk"), "not UTF-8"),
}


@pytest.mark.parametrize("kind", sorted(BAD_BOOKS))
def test_bad_book_gets_one_sentence_and_stays_untouched(file_book: Book, kind: str) -> None:
    actions.add_household(file_book, building="3", unit="2", room="501",
                          people=(__import__("store.book.models").book.models.Person(name="李四"),))
    make, words = BAD_BOOKS[kind]
    blob = make(file_book.path)
    file_book.path.write_bytes(blob)
    with pytest.raises(BookError) as caught:
        Book.open(file_book.path)
    sentence = caught.value.sentence()
    assert words in sentence and str(file_book.path) in sentence
    result = subprocess.run([sys.executable, "-m", "tui.cli", "check", str(file_book.path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert words in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert file_book.path.read_bytes() == blob


def test_invalid_records_are_set_aside_not_dropped(file_book: Book) -> None:
    good = actions.add_household(file_book, building="1", room="101")
    data = orjson.loads(file_book.path.read_bytes())
    data["households"]["broken-shape"] = {"fields": "nope"}
    data["log"] = {"bad-time": {"fields": {"at": [["99:99", 1, "r", "w01"]],
                                           "on": [["2022-03-14", 1, "r", "w01"]],
                                           "category": [["control", 1, "r", "w01"]],
                                           "text": [["x", 1, "r", "w01"]]},
                                "vv": {"r": 1}}}
    file_book.path.write_bytes(orjson.dumps(data))
    book = Book.open(file_book.path)
    assert book.get(type(good), good.id) == good
    assert sorted(a.record_id for a in book.set_aside) == ["bad-time", "broken-shape"]
    assert any("2 records" in n.sentence() for n in book.notices)
    actions.add_log(book, "之后的编辑")
    kept = orjson.loads(file_book.path.read_bytes())
    assert kept["households"]["broken-shape"] == {"fields": "nope"}
    assert "bad-time" in kept["log"]


def test_check_reports_a_sound_book(file_book: Book) -> None:
    actions.add_household(file_book, building="1", room="101")
    result = subprocess.run([sys.executable, "-m", "tui.cli", "check", str(file_book.path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "is sound: 1 household," in result.stdout


def test_check_of_a_missing_file(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "tui.cli", "--lang", "zh", "check",
                             str(tmp_path / "nope.json")], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 1 and "找不到文件" in result.stderr


def test_tinydb_reads_a_book_as_its_own_format(tmp_path: Path) -> None:
    """The book is TinyDB's format (docs/book-format.md): TinyDB itself reads its records."""
    from tinydb import TinyDB
    from tinydb.storages import JSONStorage

    from store import actions
    from store.book.book import Book
    from store.book.models import LogEntry, Worker

    path = tmp_path / "w01.json"
    book = Book.create(path, Worker(id="w01", name="张丽"))
    entry = actions.add_log(book, "巡查 TinyDB")
    with TinyDB(path, storage=JSONStorage, access_mode="r+") as db:
        db.table(LogEntry.TABLE).document_id_class = str
        stored = db.table(LogEntry.TABLE).get(doc_id=entry.id)
    assert stored is not None
    assert stored["fields"]["text"][0][0] == "巡查 TinyDB"
