"""An older book is lifted by pure functions, after a backup copy of the original."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from store import actions
from store.book import fileformat, loading, migrations
from store.book.book import Book
from store.book.models import Household

NOW = fileformat.SCHEMA_VERSION


@pytest.fixture
def schema_two(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend this gridbook reads the next schema, where households gained a default note."""

    def one_to_two(data: fileformat.Data) -> fileformat.Data:
        households = {}
        for rid, raw in data.get("households", {}).items():
            fields = dict(raw["fields"])
            fields.setdefault("note", [["（迁移）", 1, "migration", ""]])
            households[rid] = raw | {"fields": fields}
        return data | {"households": households}

    for module in (fileformat, loading, migrations):
        monkeypatch.setattr(module, "SCHEMA_VERSION", NOW + 1)
    monkeypatch.setitem(migrations.MIGRATIONS, NOW, one_to_two)


def test_old_book_is_backed_up_then_migrated(file_book: Book, schema_two: None) -> None:
    household = actions.add_household(file_book, building="1", room="101")
    data = orjson.loads(file_book.path.read_bytes())
    del data["households"][household.id]["fields"]["note"]
    original = orjson.dumps(data)
    file_book.path.write_bytes(original)
    opened = Book.open(file_book.path)
    backup = file_book.path.with_name(file_book.path.name + f".v{NOW}.bak")
    assert backup.read_bytes() == original
    assert opened.require(Household, household.id).note == "（迁移）"
    assert orjson.loads(file_book.path.read_bytes())["_meta"]["book"]["schema"] == NOW + 1
    assert any(n.key == "migrated" for n in opened.notices)


def test_check_never_migrates(file_book: Book, schema_two: None, tmp_path: Path) -> None:
    before = file_book.path.read_bytes()
    Book.open(file_book.path, readonly=True)
    assert file_book.path.read_bytes() == before
    assert not list(tmp_path.rglob("*.bak"))
