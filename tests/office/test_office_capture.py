"""Quick capture from a shell, and the office commands' promise never to load textual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from office_helpers import ROOT, gridbook

from store import actions
from store.book.book import Book
from store.book.models import Category, Errand, ErrandStatus, Household, LogEntry, Person, Worker


@pytest.fixture
def book_path(tmp_path: Path) -> Path:
    path = tmp_path / "book.json"
    book = Book.create(path, Worker(id="w1", name="张丽"))
    actions.add_household(book, building="3", unit="2", room="501", people=(Person(name="王伟"),))
    actions.add_household(book, building="3", unit="2", room="502", people=(Person(name="王伟"),))
    actions.add_household(book, building="4", unit="", room="101", people=(Person(name="李娜"),))
    return path


def test_log_add_by_address_is_durable(book_path: Path) -> None:
    done = gridbook("log", "add", "送药上门", "--category", "服务", "--household", "3栋2单元501",
                    "--data", str(book_path))
    assert done.returncode == 0, done.stderr.decode()
    book = Book.open(book_path, readonly=True)
    [entry] = [e for e in book.all(LogEntry) if e.text == "送药上门"]
    assert entry.category == Category.SERVICE and entry.worker == "w1"
    household = next(h for h in book.all(Household) if h.room == "501")
    assert entry.household == household.id


def test_errand_add_and_set_by_name_and_id_prefix(book_path: Path) -> None:
    done = gridbook("errand", "add", "--household", "李娜", "--items", "大米5斤", "--amount", "35.5",
                    "--due", "明天 18:00", "--data", str(book_path))
    assert done.returncode == 0, done.stderr.decode()
    [errand] = Book.open(book_path, readonly=True).all(Errand)
    assert (errand.items, errand.advanced, errand.due.hour) == ("大米5斤", 3550, 18)
    done = gridbook("errand", "set", errand.id[:8], "已送达", "--data", str(book_path))
    assert done.returncode == 0, done.stderr.decode()
    book = Book.open(book_path, readonly=True)
    assert book.require(Errand, errand.id).status == ErrandStatus.DELIVERED
    assert any(e.auto and "大米5斤" in e.text for e in book.all(LogEntry))


@pytest.mark.parametrize("args", [
    ["log", "add", "x", "--household", "王伟"],             # two households have a 王伟
    ["log", "add", "x", "--household", "9栋9单元909"],       # no such household
    ["log", "add", "x", "--category", "party"],
    ["log", "add", "   "],
    ["errand", "add", "--household", "李娜", "--items", "米", "--amount", "three"],
    ["errand", "add", "--household", "李娜", "--items", "米", "--due", "someday"],
    ["errand", "set", "zzzz", "delivered"],
    ["errand", "set", "zzzz", "eaten"],
])
def test_bad_input_is_one_sentence_and_the_book_untouched(book_path: Path, args: list[str]) -> None:
    before = book_path.read_bytes()
    done = gridbook(*args, "--data", str(book_path))
    err = done.stderr.decode()
    assert done.returncode != 0
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert book_path.read_bytes() == before


def test_default_book_missing_is_a_sentence(tmp_path: Path) -> None:
    done = gridbook("log", "add", "x")
    assert done.returncode == 1
    assert "does not exist yet" in done.stderr.decode()


def test_office_commands_never_import_textual(book_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "community.json"
    code = f"""
import sys
from tui.cli import main
assert main(["merge", {str(book_path)!r}, "-o", {str(out)!r}]) == 0
assert main(["report", {str(out)!r}, "--format", "csv", "-o", {str(tmp_path / 'r.csv')!r}]) == 0
assert main(["report", {str(out)!r}, "--format", "xlsx", "-o", {str(tmp_path / 'r.xlsx')!r}]) == 0
assert main(["report", {str(out)!r}, "--conflicts"]) == 0
assert main(["slice", {str(out)!r}, "--worker", "w1", "-o", {str(tmp_path / 's.json')!r}]) == 0
assert main(["log", "add", "x", "--data", {str(book_path)!r}]) == 0
assert main(["errand", "add", "--household", "李娜", "--items", "米", "--data", {str(book_path)!r}]) == 0
for name in ("merge", "report", "slice", "log", "errand"):
    __import__("tui.cmd_" + name)
bad = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich"))
print("LOADED:" + ",".join(bad))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT,
                          timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode().strip().splitlines()[-1] == "LOADED:"
