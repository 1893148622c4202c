"""SVG snapshots of each screen at 80x24, in Chinese and in English.

They catch layout regressions (a column that no longer fits, a cut-off footer). Update
them with `uv run pytest tests/tui/test_snapshots.py --snapshot-update` after a deliberate
change, and look at the SVGs before committing.
"""

from __future__ import annotations

import pytest
from tui_helpers import make_app

SCREENS = {
    "today": [],
    "log": ["2"],
    "households": ["3"],
    "household": ["3", "enter"],
    "errands": ["4", "f", "f", "f"],
    "help": ["f1"],
    "places": ["5"],
    "place": ["5", "down", "enter"],
}


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen_snapshot(snap_compare, book_path, screen: str, language: str) -> None:  # type: ignore[no-untyped-def]
    app = make_app(book_path, language)
    assert snap_compare(app, press=SCREENS[screen], terminal_size=(80, 24))
