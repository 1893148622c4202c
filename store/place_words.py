"""The words of places and rounds (kinds, states, checks), in Chinese and English.

The screens, the journal and the report all name a place's kind, its state and its checks
the same way, so the words live here in store/ where every layer can reach them. A check a
community's policy names that is not listed here is shown as the policy spells it.
"""

from __future__ import annotations

from store.lang import current_lang
from store.messages import MESSAGES, word


def place_word(key: str) -> str:
    """A kind, state, check or round kind in the current language (else as spelled)."""
    return word("place." + key) if "place." + key in MESSAGES else key


def check_words(keys: str | list[str] | tuple[str, ...]) -> str:
    """Checks (a list, or joined by commas as the journal keeps them) as words."""
    names = keys.split(",") if isinstance(keys, str) else list(keys)
    sep = "、" if current_lang() == "zh" else ", "
    return sep.join(place_word(name) for name in names if name)
