"""Every key a screen shows is on that screen at 80x24 (a second footer line when one is not
enough), in Chinese and English; the README's key table writes keys as the footers do."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tui_helpers import make_app, screen_lines, settle

from screens.widgets import described

SCREENS = {"today": [], "log": ["2"], "households": ["3"], "record": ["3", "enter"],
           "errands": ["4"]}
README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("screen", list(SCREENS))
async def test_every_shown_key_is_in_the_footer(book_path: Path, screen: str,
                                                language: str) -> None:
    app = make_app(book_path, language)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*SCREENS[screen])
        await settle(pilot)
        bottom = " ".join(screen_lines(app)[-3:]) + " "
        ways: dict[str, set[str]] = {}  # an action bound to two keys shows one of them
        for active in app.screen.active_bindings.values():
            binding = active.binding
            if binding.show and binding.description:
                ways.setdefault(binding.action, set()).add(
                    f"{app.get_key_display(binding)} {described(binding)} ")
        top = screen_lines(app)[0]
        for action, shown in ways.items():
            if action.startswith("switch_mode"):  # on the top bar as 1Today 2Log ...
                shown = shown | {way.replace(" ", "", 1).strip() for way in shown}
                shown = shown | {"1-"}  # or all at once, as "1-5 screens"
                bottom_or_top = bottom + top
            else:
                bottom_or_top = bottom
            assert any(way in bottom_or_top for way in shown), (action, shown, bottom)


def test_readme_keys_are_written_as_the_footers_write_them() -> None:
    text = README.read_text(encoding="utf-8")
    table = text[text.index("| where | key | does |"):]
    table = table[:table.index("\n\n")]
    keys = {k for row in table.splitlines()[2:] for k in re.findall(r"`([^`]+)`", row.split("|")[2])}
    for word in ("F1", "Ctrl+P", "Ctrl+S", "Ctrl+Q", "Esc", "Enter", "Tab"):
        assert word not in keys
    assert {"f1", "^p", "^s", "^q", "esc", "⏎", "r", "m", "s", "e", "g"} <= keys


@pytest.mark.parametrize("keys", [["4"], ["1"], ["3"], ["2"]])
async def test_widening_draws_the_cells_again(book_path: Path, keys: list[str]) -> None:
    """Drawn at 60 columns and widened to 80, a screen shows what it shows when drawn at 80."""
    from datetime import datetime

    from store import actions
    from store.book.book import Book
    from store.book.models import Household

    book = Book.open(book_path)
    home = sorted(book.all(Household), key=lambda h: h.id)[0]
    actions.add_errand(book, home.id, "大米五斤 鸡蛋三十个 酱油一瓶", datetime(2022, 3, 22, 18), 100)
    app = make_app(book_path, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*keys)
        await settle(pilot)
        at_80 = screen_lines(app)
        await pilot.press("1" if keys != ["1"] else "2")
        await pilot.resize_terminal(60, 24)
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        await settle(pilot)
        assert screen_lines(app) == at_80
