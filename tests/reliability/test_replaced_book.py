"""Item 3 of issue 17: a refresh reads only the book it opened.

While a book is open, its path is replaced by a symbolic link to another worker's book,
by a copy of another worker's book, or by a FIFO. The open book never takes in the other
worker's households, never writes over what is at the path, keeps its edits in memory
(rescued on exit) and says so in one sentence; the other worker's book is untouched. A
second session of the same worker saving the book is still joined in as before.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from reliability_kit import small_book

from store import actions
from store.book.book import Book
from store.book.models import Household, LogEntry, Worker
from store.errors import BookError
from store.lang import set_lang


def _other_worker(tmp_path: Path) -> Path:
    path = tmp_path / "other" / "w02.json"
    book = Book.create(path, Worker(id="w02", name="王芳"))
    actions.add_household(book, building="9", room="909", phone="13700000000")
    return path


@pytest.mark.parametrize("how", ["symlink", "copy", "fifo"])
def test_a_replaced_book_is_never_joined_nor_written_over(tmp_path: Path, how: str) -> None:
    set_lang("en")
    mine = tmp_path / "mine" / "w01.json"
    small_book(mine)
    other = _other_worker(tmp_path)
    other_bytes = other.read_bytes()
    book = Book.open(mine)
    households = {h.id for h in book.all(Household)}
    os.replace(mine, tmp_path / "mine-away.json")
    if how == "symlink":
        mine.symlink_to(other)
    elif how == "copy":
        shutil.copyfile(other, mine)
    else:
        os.mkfifo(mine)
    with pytest.raises(BookError) as raised:
        book.refresh()
    assert "replaced by another file" in raised.value.sentence()
    assert book.refresh() is False  # said once, not every two seconds
    assert {h.id for h in book.all(Household)} == households
    with pytest.raises(BookError):
        actions.add_log(book, "kept in memory")
    assert book.unsaved and "kept in memory" in {e.text for e in book.all(LogEntry)}
    assert {h.id for h in book.all(Household)} == households
    assert other.read_bytes() == other_bytes
    if how != "fifo":
        assert mine.read_bytes() == other_bytes  # what is at the path is not written over


def test_a_second_session_of_the_same_worker_is_still_joined(tmp_path: Path) -> None:
    path = tmp_path / "w01.json"
    small_book(path)
    first, second = Book.open(path), Book.open(path)
    actions.add_log(second, "from the second session")
    assert first.refresh()
    assert "from the second session" in {e.text for e in first.all(LogEntry)}
