"""A community changes the quarantine rules with policy.toml, and every way in follows it."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from store.book.book import Book
from store.book.models import Household, Quarantine
from tests.store.conftest import WORKER

SEVEN_DAYS = 'days = 7\ntest_days = [1, 3, 7]\n'


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True,
                          text=True, timeout=60)


def test_policy_beside_the_book_is_followed(tmp_path: Path) -> None:
    from store import actions
    from store.book.policy import policy_for

    path = tmp_path / "book.json"
    Book.create(path, WORKER)
    (tmp_path / "policy.toml").write_text(SEVEN_DAYS, encoding="utf-8")
    book = Book.open(path, policy=policy_for(path))
    household = actions.add_household(book, building="1", room="101")
    quarantine = actions.start_quarantine(book, household.id, date(2022, 3, 14))
    assert quarantine.end == date(2022, 3, 21)


def test_policy_from_the_environment_reaches_quick_capture(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from store.book.policy import policy_for

    named = tmp_path / "rules.toml"
    named.write_text(SEVEN_DAYS, encoding="utf-8")
    monkeypatch.setenv("GRIDBOOK_POLICY", str(named))
    assert policy_for(tmp_path / "any.json").days == 7


def test_a_bad_policy_is_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    book = Book.create(path, WORKER)
    book.add(Household(id="h1", building="1", room="101"))
    (tmp_path / "policy.toml").write_text("days = 'two weeks'\n", encoding="utf-8")
    before = path.read_bytes()
    result = _cli("log", "add", "巡查", "--data", str(path))
    assert result.returncode == 1 and "policy file" in result.stderr
    assert "Traceback" not in result.stderr and path.read_bytes() == before
    assert Book.open(path).all(Quarantine) == []
