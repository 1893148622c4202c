"""Every key a screen shows is on that screen at 80x24 (a second footer line when one is not
enough), in Chinese and English; the README's key table writes keys as the footers do."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui_helpers import make_app, screen_lines, settle

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
        bottom = " ".join(screen_lines(app)[-2:]) + " "
        ways: dict[str, set[str]] = {}  # an action bound to two keys shows one of them
        for active in app.screen.active_bindings.values():
            binding = active.binding
            if binding.show and binding.description:
                ways.setdefault(binding.action, set()).add(
                    f"{app.get_key_display(binding)} {binding.description} ")
        top = screen_lines(app)[0]
        for action, shown in ways.items():
            if action.startswith("switch_mode"):  # on the top bar as 1Today 2Log ...
                shown = shown | {way.replace(" ", "", 1).strip() for way in shown}
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
