"""Keys typed in a burst land (the known limit of the conflicts screen, issue 17 round two).

Over SSH keys arrive in bursts. `F6 m Down Enter y` in one burst lost its `y`: the Enter
picks the household to keep in an option list, the pick is a message the list posts to
itself when the app has run the Enter binding, and the question it opens came after the
`y` had gone to the list. `tui/serial_keys.py` now hands the next key on only when the
Enter's marker has passed the widgets and the app twice (the second time behind what the
binding posted) and, when the key changed the screen on top, the new screen and the app
once more. Asserted on the reopened book, with no pause between the keys.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from store.book.book import Book
from store.book.models import Household

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tui"))


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_f6_m_down_enter_y_in_one_burst_merges_the_pair(tmp_path: Path,
                                                              language: str) -> None:
    from test_merge_households import by_phone, two_registrations
    from tui_helpers import burst, make_app, screen_lines

    community, _books = two_registrations(tmp_path)
    keep = by_phone(community, "w2")
    pair = sorted(Book.open(community).all(Household), key=lambda h: h.id)
    downs = ["down"] * [h.id for h in pair].index(keep.id)
    app = make_app(community, language)
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, "f6", "m", *downs, "enter", "y")
        assert [type(s).__name__ for s in app.screen_stack][-1] == "ConflictsScreen"
        shown = "\n".join(screen_lines(app))
        assert ("0 possible duplicate groups" if language == "en" else "可能重复的住户 0 组") in shown
    [survivor] = Book.open(community).all(Household)
    assert survivor.worker == "w2"
