"""Text from a person or a file as a terminal may show it: control characters made visible.

A name, a journal text, an errand's items or a file name may carry ESC sequences (which
set the window title or wipe lines), a carriage return or a backspace (which overwrite
what was printed), a newline (which forges a line of a summary) or a bidi override (which
shows text in another order than it is stored). Nothing of that reaches a terminal raw
(item 7 of issue 17): C0 controls are shown as their symbols (ESC as ␛, newline as ␤ where
a line must stay one line), DEL as ␡, C1 controls and the bidi controls as `\\x9b` and
`<U+202E>`. The shell commands' output (`tui/visible_output.py`) and the app's screens
(`screens.widgets.shown`) both use this one function.
"""

from __future__ import annotations

import re

# a carriage return is kept only before a newline (a CSV line end); alone it rewrites a line
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f" + _BIDI + r"]|\r(?!\n)")
_CONTROL_LINE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f" + _BIDI + "]")


def _show(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code == 0x0A:
        return "\u2424"  # ␤
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if code <= 0x9F:
        return f"\\x{code:02x}"
    return f"<U+{code:04X}>"


def visible(text: str, *, one_line: bool = False) -> str:
    """`text` with control characters shown as symbols; with `one_line`, newlines and
    carriage returns too (a value inside a line: a name, a file name), tabs kept."""
    pattern = _CONTROL_LINE if one_line else _CONTROL
    if not pattern.search(text):
        return text
    return pattern.sub(_show, text)
