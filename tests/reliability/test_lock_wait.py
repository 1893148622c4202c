"""Item 11 of issue 17: the UI thread never waits for the book's lock.

Another process holds the book's sidecar lock (a `gridbook log add` stuck, or a slow
disk); the app's write waits for it in its worker, while the keys keep working at once and
the top line says "waiting for another gridbook on this book". Once the lock is free the
edit is saved.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from screens.messages import WriteRequest
from store import actions
from store.book.book import Book
from store.book.models import LogEntry
from store.book.storage import lock_path_for
from store.lang import set_lang
from tui.app import GridbookApp

HOLD = """
import sys, time
from filelock import FileLock
with FileLock(sys.argv[1]):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def _hold_lock(book: Path, seconds: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(lock_path_for(book)), str(seconds)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


async def test_keys_work_while_another_gridbook_holds_the_lock(book_path: Path) -> None:
    set_lang("en")
    app = GridbookApp(Book.open(book_path), refresh_seconds=0.3)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        holder = _hold_lock(book_path, 4.0)
        try:
            app.post_message(WriteRequest(lambda b: actions.add_log(b, "written after the wait"),
                                          done="saved"))
            await pilot.pause(0.5)
            assert app.save_state == "waiting"
            assert any("waiting for another gridbook" in n for n in app.notices_shown)
            # every screen switch answers at once, though the write is still waiting
            for key in ("3", "2", "4", "1", "2"):
                started = time.monotonic()
                await pilot.press(key)
                await pilot.pause()
                assert time.monotonic() - started < 1.0, key
            assert app.current_mode == "log" and holder.poll() is None
        finally:
            holder.wait(timeout=10)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.save_state == "saved"
    assert "written after the wait" in {e.text for e in Book.open(book_path).all(LogEntry)}
