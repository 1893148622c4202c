"""The 18-digit PRC resident identity number and its ISO 7064 MOD 11-2 check character."""

from __future__ import annotations

import re
from datetime import date

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_SHAPE = re.compile(r"^\d{17}[\dX]$")


def check_character(first17: str) -> str:
    """The 18th character that makes `first17` a valid number."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def is_valid_id_number(value: str) -> bool:
    """True for 18 characters, a real birth date and the right check character."""
    value = value.upper()
    if not _SHAPE.match(value):
        return False
    try:
        date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    return check_character(value[:17]) == value[17]


def id_number_problem(value: str) -> str | None:
    """Which rule an ID number breaks (length, chars, birth, check), or None when it is
    valid or empty, so a person is told the one thing to fix (store/book/validation.py)."""
    value = value.strip().upper()
    if not value:
        return None
    if len(value) != 18:
        return "length"
    if not _SHAPE.match(value):
        return "chars"
    try:
        date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return "birth"
    return "check" if check_character(value[:17]) != value[17] else None


def mask_id_number(value: str) -> str:
    """Keep the region and last two characters: 220802********123X -> 220802**********3X."""
    if len(value) < 8:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 8) + value[-2:]


def mask_phone(value: str) -> str:
    """Hide the middle of a phone number of any length, at least four characters of it
    (all of one of four or fewer): 13812345678 -> 138****5678, 8456123 -> 8****23."""
    digits = value.strip()
    hidden = max(4, len(digits) - 7)
    if len(digits) <= hidden:
        return "*" * len(digits)
    shown = len(digits) - hidden
    head = min(3, shown // 2)
    return digits[:head] + "*" * hidden + digits[len(digits) - (shown - head):]
