"""Save an SVG screenshot of each screen, in Chinese and English, as the app itself draws it.

    uv run python docs/screens/make.py

Seeds a small demo book on a fixed day in a temporary folder, runs the real app headless
at 80x24 and calls `App.save_screenshot` on each screen; the SVGs land beside this script
and are shown in the README.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from store.book.book import Book  # noqa: E402
from store.book.clock import FixedClock  # noqa: E402
from store.lang import set_lang  # noqa: E402
from store.seed import seed_book  # noqa: E402

DAY = date(2022, 3, 21)
SHOTS = {"today": [], "log": ["2"], "households": ["3"], "household": ["3", "down", "enter"],
         "errands": ["4"], "help": ["f1"], "places": ["5"], "place": ["5", "down", "enter"]}


async def shoot(book_path: Path, language: str) -> None:
    from tui.app import GridbookApp

    set_lang(language)
    for name, keys in SHOTS.items():
        app = GridbookApp(Book.open(book_path, readonly=False, clock=FixedClock.on(DAY)),
                          refresh_seconds=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            for key in keys:
                await pilot.press(key)
            await pilot.pause()
            app.save_screenshot(f"{name}-{language}.svg", str(HERE))
        print(f"docs/screens/{name}-{language}.svg")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        book_path = Path(folder) / "demo.json"
        seed_book(book_path, "demo", households=40, days=120, today=DAY)
        for language in ("zh", "en"):
            asyncio.run(shoot(book_path, language))


if __name__ == "__main__":
    main()
