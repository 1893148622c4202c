"""Fixtures for the TUI tests: a small seeded book on a fixed day (see tui_helpers.TODAY).

The day and the time are fixed so that what the screens show (and the SVG snapshots) do
not change with the calendar.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = str(Path(__file__).resolve().parent)  # the tests import `tui_helpers` from here
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from store.seed import seed_book  # noqa: E402 - after the path line above


@pytest.fixture
def book_path(tmp_path: Path) -> Path:
    from tui_helpers import TODAY

    path = tmp_path / "book.json"
    seed_book(path, "w01", households=12, days=30, today=TODAY)
    return path
