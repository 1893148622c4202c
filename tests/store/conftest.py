"""Store fixtures: a book on a real file and one in memory, for tests that run on both."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from store.book.book import Book
from store.book.fileformat import dumps, parse
from store.book.models import Worker
from store.book.storage import MemoryBookStorage

WORKER = Worker(id="w01", name="张丽", community="瑞明社区", grid="第3网格", phone="13812345678")


@pytest.fixture(params=["file", "memory"])
def book(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Book]:
    """A fresh book, on disk and in memory (tinydb's own tests do the same)."""
    if request.param == "file":
        yield Book.create(tmp_path / "books" / "w01.json", WORKER)
    else:
        yield Book.in_memory(WORKER)


@pytest.fixture
def file_book(tmp_path: Path) -> Book:
    return Book.create(tmp_path / "books" / "w01.json", WORKER)


def reopen(book: Book) -> Book:
    """The same book read back from its stored form: from disk, or for a memory book from
    the bytes a save would write (a new Book, so nothing survives that was not stored)."""
    if str(book.path) == ":memory:":
        blob = dumps(book.raw())
        return Book(book.path, parse(blob, book.path, packed=True), readonly=False,
                    policy=book.policy, storage_class=MemoryBookStorage)
    return Book.open(book.path)
