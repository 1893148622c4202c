"""Store fixtures: a book on a real file and one in memory, for tests that run on both."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from store.book import Book
from store.models import Worker

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
    """The same book read back from disk (or the same object for a memory book)."""
    if str(book.path) == ":memory:":
        return book
    return Book.open(book.path)
