"""Reading quick-capture values typed at a shell: money, due times, categories, statuses.

Each reader returns the value or ends the command with one sentence (exit 2), like
`tui.argtypes`; `open_own_book` opens `--data FILE` or the worker's own book.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.book.book import Book

CATEGORY_WORDS = {"管控": "control", "服务": "service", "宣传": "publicity", "排查": "screening",
                  "防护": "protection",  # and the app's own words for them:
                  "管控到位": "control", "服务到位": "service", "宣传到位": "publicity",
                  "排查到位": "screening", "防护到位": "protection"}


def fail(key: str, **params: object) -> None:
    """Print one sentence and end the command with exit status 2."""
    import sys

    from store.lang import pick
    from tui.messages import CLI_MESSAGES

    print(pick(CLI_MESSAGES, key, **params), file=sys.stderr)
    raise SystemExit(2)


def _said(problem: Exception) -> None:
    """Print the parser's sentence and end the command with exit status 2."""
    import sys

    print(str(problem), file=sys.stderr)
    raise SystemExit(2)


def parse_amount(text: str | None) -> int:
    """Yuan as typed (35, 35.5, ¥35.50, ３５元) in fen: the app's reader (store/parsing.py)."""
    from store.parsing import ParseProblem, parse_yuan

    try:
        return parse_yuan(text)
    except ParseProblem as problem:
        _said(problem)
        raise


def parse_when(text: str | None, now: datetime) -> datetime:
    """A due time (18:00, 明天 18:00, 12月1日 9点, 2026-12-01 18:00, +1); none given is the
    app's default too (the next 18:00 at least three hours away)."""
    from store.parsing import ParseProblem
    from store.parsing import parse_when as read_when

    try:
        return read_when(text, now)
    except ParseProblem as problem:
        _said(problem)
        raise


def parse_choice(text: str, words: dict[str, str], values: list[str]) -> str:
    """An enum value given as itself or as its Chinese word."""
    value = words.get(text.strip(), text.strip().lower())
    if value not in values:
        fail("bad_choice", value=text, choices=", ".join(values + list(words)))
    return value


def open_own_book(data: str | None) -> Book:
    """The book named by --data, or the worker's own (which must already exist)."""
    import sys

    from store.book.book import Book
    from store.book.paths import default_book_path
    from store.book.policy import policy_for
    from store.lang import pick
    from tui.messages import CLI_MESSAGES

    if data:
        return Book.open(Path(data), policy=policy_for(Path(data)))
    path = default_book_path()
    if not path.exists():
        print(pick(CLI_MESSAGES, "no_default_book", path=path), file=sys.stderr)
        raise SystemExit(1)
    return Book.open(path, policy=policy_for(path))
