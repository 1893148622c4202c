"""Checks of command-line values that end in a plain sentence rather than a traceback."""

from __future__ import annotations

from datetime import date


def positive(value: int, option: str) -> int:
    """`value` when it is above 0; otherwise exit with a sentence."""
    if value <= 0:
        _fail("bad_number", option=option)
    return value


def parse_day(text: str | None) -> date:
    """A YYYY-MM-DD date, or today when `text` is None."""
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        _fail("bad_date", value=text)
        raise


def _fail(key: str, **params: object) -> None:
    import sys

    from store.lang import pick
    from tui.messages import CLI_MESSAGES

    print(pick(CLI_MESSAGES, key, **params), file=sys.stderr)
    raise SystemExit(2)
