"""Keystroke: from a key that changes data to the next frame, on a big book against a small one.

Each round starts a fresh process (`python -m bench.keystroke BOOK KIND PRESSES`) that runs
the real app headless at 80x24 (`App.run_test`), opens what the key acts on, and times each
press from the key to the frame after the book reports the edit saved: the write worker has
finished, the app has redrawn the screen, and Textual is idle again. KIND is `tick` (space
on one of today's checklist items, in the household's record, ticking and unticking) or
`errand` (n on the errand queue, moving an errand from requested to accepted; it is put back
between presses, outside the timing). Rounds alternate between the two books, so the ratio
is year-scale against 500 records in the same session.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from bench.processes import installed_env


async def _until(condition, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise RuntimeError("the edit was never saved")
        await asyncio.sleep(0.0005)


async def press_and_time(path: Path, kind: str, presses: int) -> list[float]:
    """Seconds from each press to the next frame after its save (first press not counted)."""
    from screens.messages import OpenErrand, OpenHousehold
    from store import actions, lang
    from store.book.book import Book
    from store.book.models import ChecklistItem, Errand, ErrandStatus, ItemKind
    from tui.app import GridbookApp

    lang.set_lang("en")
    book = Book.open(path)
    today = date.today()
    app = GridbookApp(book, refresh_seconds=None)
    times: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if kind == "tick":
            item = next(i for i in sorted(book.items_on(today), key=lambda i: i.id)
                        if i.kind == ItemKind.GARBAGE)  # needs asks what is needed
            app.post_message(OpenHousehold(item.household))
            await pilot.pause()
            await pilot.pause()
            table = app.screen.query_one("#record-checklist")
            table.move_cursor(row=table.get_row_index(item.id))
            key = "space"
        else:
            errand = min(book.all(Errand), key=lambda e: (not e.open, e.id))
            app.post_message(OpenErrand(errand.id))
            await pilot.pause()
            await pilot.pause()
            key = "n"
        for _ in range(presses + 1):
            if kind == "tick":
                before = book.require(ChecklistItem, item.id).done

                def changed() -> bool:
                    return book.require(ChecklistItem, item.id).done != before
            else:
                if book.require(Errand, errand.id).status != ErrandStatus.REQUESTED:
                    actions.set_errand_status(book, errand.id, ErrandStatus.REQUESTED)
                    app.screen.show_errand(errand.id)
                    await pilot.pause()

                def changed() -> bool:
                    return book.require(Errand, errand.id).status == ErrandStatus.ACCEPTED
            start = time.perf_counter()
            await pilot.press(key)
            await _until(lambda: changed() and not app.writes_running
                         and app.save_state == "saved")
            await pilot.pause()
            times.append(time.perf_counter() - start)
    return times[1:]


def round_in_process(path: Path, kind: str, presses: int) -> list[float]:
    """One round in a fresh process (so one book's garbage never slows the other's)."""
    done = subprocess.run([sys.executable, "-m", "bench.keystroke", str(path), kind,
                           str(presses)], capture_output=True, text=True, env=installed_env(),
                          timeout=600)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(subject: Path, baseline: Path, kind: str, rounds: int,
            presses: int) -> tuple[list[float], list[float]]:
    """Alternating rounds on the two books: every press time of each."""
    big: list[float] = []
    small: list[float] = []
    for index in range(rounds):
        order = [(subject, big), (baseline, small)]
        for path, into in (order if index % 2 == 0 else order[::-1]):
            into.extend(round_in_process(path, kind, presses))
    return big, small


if __name__ == "__main__":
    book_path, press_kind, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    print(json.dumps(asyncio.run(press_and_time(book_path, press_kind, count))))
