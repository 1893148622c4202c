"""Terminal cell widths without rich: Chinese characters take two cells, marks take none.

The report's table output is aligned in a terminal by these widths; store must not import
rich or textual, and this small rule (East Asian Wide/Fullwidth = 2) is all it needs.
"""

from __future__ import annotations

import unicodedata


def char_width(char: str) -> int:
    """Cells one character takes in a terminal."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cell_width(text: str) -> int:
    """Cells a string takes in a terminal."""
    if text.isascii():
        return len(text)
    return sum(char_width(c) for c in text)


def pad(text: str, width: int, *, right: bool = False) -> str:
    """`text` padded with spaces to `width` cells (aligned right for numbers)."""
    gap = " " * max(0, width - cell_width(text))
    return gap + text if right else text + gap
