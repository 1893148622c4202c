"""One validation per write (issue 16 items 1 and 5): a write validates the record it
makes once, in its stored form, and keeps that record (not built again from what it
stored); what it refuses leaves the book as it was."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from store import actions
from store.book import crdt
from store.book.book import Book
from store.book.models import ChecklistItem, Household, LogEntry, Person, Quarantine, Record, Worker
from store.errors import BookError

WORKER = Worker(id="w01", name="张丽", community="瑞明社区", grid="第3网格")


@contextmanager
def counted(monkeypatch: pytest.MonkeyPatch, *models: type[Record]) -> Iterator[dict[str, int]]:
    """How many times each model validates something (its model_validate)."""
    counts = {model.__name__: 0 for model in models}
    for model in models:
        original = model.model_validate.__func__  # type: ignore[attr-defined]

        def validate(cls: type[Record], values: Any, *args: Any, _o: Any = original,
                     **kwargs: Any) -> Any:
            counts[cls.__name__] += 1
            return _o(cls, values, *args, **kwargs)

        monkeypatch.setattr(model, "model_validate", classmethod(validate))
    yield counts


def test_each_write_validates_its_record_once(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    book = Book.create(tmp_path / "w01.json", WORKER)
    household = actions.add_household(book, building="3", room="501",
                                      people=(Person(name="王伟"),))
    actions.start_quarantine(book, household.id, date(2022, 3, 21))
    item = next(i for i in book.items_of(household.id) if i.kind.value == "garbage")
    book.require(ChecklistItem, item.id)  # built and cached by the read, not by the write
    with counted(monkeypatch, LogEntry, ChecklistItem, Household) as counts:
        entry = actions.add_log(book, "巡查")
        assert counts == {"LogEntry": 1, "ChecklistItem": 0, "Household": 0}
        book.update(ChecklistItem, item.id, note="要米")
        assert counts["ChecklistItem"] == 1
        book.update(Household, household.id, phone="13900000000")
        assert counts["Household"] == 1
    again = Book.open(book.path)
    assert again.require(LogEntry, entry.id).text == "巡查"
    assert again.require(ChecklistItem, item.id).note == "要米"
    assert again.require(Household, household.id).phone == "13900000000"


def test_what_a_write_refuses_is_never_stored(tmp_path: Path) -> None:
    """Spaces alone in a field that must be filled: refused in a sentence (the stored form
    is checked by the same rules as the typed one, so nothing is set aside on reopening)."""
    book = Book.create(tmp_path / "w01.json", WORKER)
    household = actions.add_household(book, building="3", room="501",
                                      people=(Person(name="王伟"),))
    before = book.path.read_bytes()
    for write in (lambda: actions.add_log(book, "   "),
                  lambda: book.update(Household, household.id, room="  "),
                  lambda: book.update(Household, household.id,
                                      people=(Person(name="王伟").model_copy(
                                          update={"name": " "}),)),
                  lambda: actions.start_quarantine(book, household.id, date(2022, 3, 21),
                                                   origin="长春" * 100)):
        with pytest.raises(BookError):
            write()
    assert book.path.read_bytes() == before
    again = Book.open(book.path)
    assert not again.set_aside and not again.all(Quarantine)
    assert again.require(Household, household.id).room == "501"


def test_a_write_keeps_the_record_it_validated(tmp_path: Path) -> None:
    book = Book.create(tmp_path / "w01.json", WORKER)
    household = actions.add_household(book, building=" 3 ", room="501 ")
    assert (household.building, household.room) == ("3", "501")
    stored = book.raw_record(Household.TABLE, household.id)
    assert stored is not None and crdt.current(stored)["room"] == "501"
    assert Book.open(book.path).require(Household, household.id) == household
