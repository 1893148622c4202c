"""Fixtures of the adversarial tests; the helpers live in reliability_kit.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reliability_kit import small_book  # noqa: E402


@pytest.fixture
def book_path(tmp_path: Path) -> Path:
    """A small real book on disk (a household in quarantine, a test, log entries)."""
    path = tmp_path / "books" / "w01.json"
    small_book(path)
    return path
