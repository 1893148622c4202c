"""Where a worker's own book lives when no `--data FILE` is given.

One place for the rule (platformdirs' user data dir, `book.json`), so the TUI's first run
and the quick-capture commands agree on the same file.
"""

from __future__ import annotations

from pathlib import Path

BOOK_NAME = "book.json"


def default_book_path() -> Path:
    """The worker's own book: <user data dir>/gridbook/book.json."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("gridbook")) / BOOK_NAME


def state_folder() -> Path:
    """gridbook's own state (the error and exit logs, the audit of `--full`):
    <user state dir>/gridbook, kept 0700 (store.book.atomic.own_private_dir)."""
    from platformdirs import user_state_dir

    return Path(user_state_dir("gridbook"))
