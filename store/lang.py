"""Which language gridbook speaks (zh or en), chosen once and reachable from every layer.

Every package keeps its own strings; this module only decides which of them to show, from
`--lang`, then the environment's locale, so the choice lives in one place.
"""

from __future__ import annotations

import os
import re
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
    """Look `key` up in a {key: {zh, en}} catalog and fill in its {placeholders}.

    In English a count of one takes the singular ("1 household", not "1 households"), for
    every catalog at once (see `singular`)."""
    entry = catalog[key]
    language = current_lang()
    text = entry.get(language) or entry["en"]
    if not params:
        return text
    text = text.format(**{k: _one_line(v) for k, v in params.items()})
    return singular(text) if language == "en" or language not in entry else text


def _one_line(value: object) -> object:
    """A value filled into a sentence (a file name, a name, what a person typed) as one
    line: a newline in a file name cannot forge a line of a summary, nor an escape
    sequence reach the terminal (store.visible, item 7 of issue 17)."""
    if isinstance(value, str | os.PathLike):
        from store.visible import visible

        return visible(os.fspath(value) if not isinstance(value, str) else value,
                       one_line=True)
    return value


# English plurals that follow a count in the catalogs, and their singulars.
_SINGULARS = {"households": "household", "entries": "entry", "conflicts": "conflict",
              "errands": "errand", "records": "record", "changes": "change", "days": "day",
              "people": "person", "workers": "worker", "files": "file", "items": "item",
              "groups": "group", "tests": "test", "rows": "row", "books": "book",
              "letters": "letter", "booklets": "booklet", "pages": "page", "places": "place",
              "rounds": "round", "steps": "step", "values": "value", "edits": "edit"}
_ONE = re.compile(r"(?<![\d.,¥/:-])\b1 ((?:new |more |other |open )?)("
                  + "|".join(_SINGULARS) + r")\b")


def singular(text: str) -> str:
    """`text` with "1 households" made "1 household" (and the like)."""
    return _ONE.sub(lambda found: "1 " + found.group(1) + _SINGULARS[found.group(2)], text)
