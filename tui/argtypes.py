"""Checks of command-line values that end in a plain sentence rather than a traceback."""

from __future__ import annotations

from datetime import date


class UsageError(Exception):
    """A command-line value a person got wrong; its text is the sentence to show."""


def positive(value: int, option: str) -> int:
    """`value` when it is above 0; otherwise exit with a sentence."""
    if value <= 0:
        _fail("bad_number", option=option)
    return value


def parse_day(text: str | None) -> date:
    """A date as the app's forms read it (2026-03-21, 20260321, 3-21, 3月21日, 昨天, -1), or
    today when `text` is None (store/parsing.py: one reader for the app and the shell)."""
    import sys

    from store.parsing import ParseProblem, parse_date

    if text is None:
        return date.today()
    try:
        return parse_date(text, date.today())
    except ParseProblem as problem:
        print(problem.sentence(), file=sys.stderr)
        raise SystemExit(2) from None


def whole_number(text: object, option: str, limit: int) -> int:
    """A whole number from 1 to `limit` typed on the command line; else exit with a sentence
    (a thousand nines is "too big", not a crash in int())."""
    text = str(text).strip()
    if not text.isdigit() or not text.isascii():
        _fail("bad_number", option=option)
    if len(text.lstrip("0")) > len(str(limit)):
        _fail("too_big_number", option=option, limit=limit)
    return at_most(positive(int(text), option), limit, option)


def at_most(value: int, limit: int, option: str) -> int:
    """`value` when it is at most `limit`; otherwise exit with a sentence."""
    if value > limit:
        _fail("too_big_number", option=option, limit=limit)
    return value


def _say(sentence: str) -> None:
    import sys

    print(sentence, file=sys.stderr)
    raise SystemExit(2)


def _fail(key: str, **params: object) -> None:
    import sys

    from store.lang import pick
    from tui.messages import CLI_MESSAGES

    print(pick(CLI_MESSAGES, key, **params), file=sys.stderr)
    raise SystemExit(2)
