"""Start the TUI: choose the book (own, --data, or a fresh demo) and run the app.

Textual is imported here, inside the function, so the office commands never pay for it.
`--demo` seeds a fresh synthetic book into a private temporary folder (removed on exit);
without `--data` the worker's own book lives in the platform's user data folder, and the
first run asks who the worker is before creating it.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.book.book import Book
    from store.book.clock import Clock
    from store.book.policy import Policy

DEMO_HOUSEHOLDS = 40
DEMO_DAYS = 120


def make_demo_book(folder: Path, today: date | None = None) -> Path:
    """Seed a demo book (40 households over 120 days) in `folder`; returns its path."""
    from store.seed import seed_book

    path = folder / "demo.json"
    seed_book(path, "demo", households=DEMO_HOUSEHOLDS, days=DEMO_DAYS,
              today=today or date.today())
    return path


def _open(path: Path, clock: Clock, policy: Policy | None = None) -> Book:
    """Open the worker's book for the TUI: checks deferred until the first screen is up,
    the garbage collector held off until then (tui/gcpolicy.py)."""
    from store.book.book import Book
    from store.book.policy import DEFAULT_POLICY
    from tui import gcpolicy

    gcpolicy.hold_until_frozen()  # the app calls gcpolicy.freeze_once after its first screen
    try:
        return Book.open(path, policy=policy or DEFAULT_POLICY, defer_checks=True, clock=clock)
    except BaseException:
        gcpolicy.release()
        raise


def run_tui(args: argparse.Namespace) -> int:
    from store.book.clock import SystemClock
    from store.book.policy import policy_for
    from tui.mallocpolicy import settle_big_buffers

    settle_big_buffers()  # whole-book buffers given back when freed (see tui/mallocpolicy.py)
    clock = SystemClock()  # the one time source of this session: the book's and the screens'

    demo_folder: Path | None = None
    try:
        create_at: Path | None = None
        book: Book | None
        if getattr(args, "demo", False):
            demo_folder = Path(tempfile.mkdtemp(prefix="gridbook-demo-"))
            book = _open(make_demo_book(demo_folder, clock.today()), clock)
            # The synthetic history carries stamps up to the end of today; saying that the
            # computer's clock is behind it would only confuse someone trying the demo.
            book.notices = [n for n in book.notices if n.key != "clock_behind"]
        elif getattr(args, "data", None):
            path = Path(args.data)
            if path.exists() or path.is_symlink():
                book = _open(path, clock, policy_for(path))
            else:
                book, create_at = None, path
        else:
            from store.book.paths import default_book_path

            path = default_book_path()
            if path.exists() or path.is_symlink():
                book = _open(path, clock, policy_for(path))
            else:
                book, create_at = None, path
        from tui.app import run_app

        return run_app(args, book=book, create_at=create_at, clock=clock)
    finally:
        if demo_folder is not None:
            shutil.rmtree(demo_folder, ignore_errors=True)
