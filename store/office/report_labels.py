"""Column headers and words of the office report, in Chinese and English."""

from __future__ import annotations

from store.messages import MESSAGES, word

# places and rounds (issue 15; store.office.report_places)


def label(key: str, **params: object) -> str:
    """A header or word in the current language (the key itself when unknown)."""
    return word("report." + key, **params) if "report." + key in MESSAGES else key
