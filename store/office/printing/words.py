"""The words printed on paper, in Chinese and English."""

from __future__ import annotations

from store.lang import pick
from store.messages import MESSAGES


def word(key: str, **params: object) -> str:
    """A printed word in the current language."""
    return pick(MESSAGES, "paper." + key, **params)
