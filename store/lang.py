"""Which language gridbook speaks (zh or en), chosen once and reachable from every layer.

Every package keeps its own strings; this module only decides which of them to show, from
`--lang`, then the environment's locale, so the choice lives in one place.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

_current: Lang | None = None


def lang_from_environment(environ: Mapping[str, str] | None = None) -> Lang:
    """Return zh when the locale variables name Chinese, en otherwise."""
    env = os.environ if environ is None else environ
    for name in ("GRIDBOOK_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def set_lang(lang: str | None) -> Lang:
    """Fix the language for this process: an explicit zh/en wins, else the locale."""
    global _current
    _current = lang if lang in LANGS else lang_from_environment()
    return _current


def current_lang() -> Lang:
    """The language chosen by `set_lang`, or the locale's when nothing was chosen."""
    return _current if _current is not None else lang_from_environment()


def pick(catalog: Mapping[str, Mapping[str, str]], key: str, /, **params: object) -> str:
    """Look `key` up in a {key: {zh, en}} catalog and fill in its {placeholders}."""
    entry = catalog[key]
    text = entry.get(current_lang()) or entry["en"]
    return text.format(**params) if params else text
