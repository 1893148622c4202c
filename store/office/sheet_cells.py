"""What a value from the book becomes in a spreadsheet cell, so that it stays what it was.

Spreadsheets guess: an 18-digit ID number becomes 2.20802199709121e+17, a phone number
loses its leading 0, a day count `1/14` becomes 14 January, and a name typed as
`=HYPERLINK(...)` or `@SUM(4,5)` runs as a formula. Text from a person is never a formula
in an export, and text never turns into a number:

- in CSV, a text value that a spreadsheet would read as a number or a date is written as
  the formula `="..."`, which Excel, WPS and LibreOffice all show as exactly that text
  (it is a string literal, nothing in it runs); other text that starts with `=`, `+`,
  `-`, `@`, a tab or a carriage return gets a leading apostrophe (OWASP's advice);
- in XLSX, text is stored as text (never as a formula) with Excel's "quote prefix" on
  such values, and ID and phone columns are formatted as text (`@`);
- control characters, which XLSX cannot hold at all and a terminal would obey, are shown
  as their visible symbols (ESC as ␛).
"""

from __future__ import annotations

import re
from datetime import date, datetime

# columns whose values are text even when they look like numbers or dates
TEXT_KEYS = frozenset({"id_number", "phone", "day", "record", "replica"})
# columns holding ISO days, and ISO day-and-minute times
DATE_KEYS = frozenset({"start", "end"})
DATETIME_KEYS = frozenset({"written_at"})

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NUMBER_LIKE = re.compile(r"[\d\s.,/:+\-eE%*()]*\d[\d\s.,/:+\-eE%*()]*")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_MINUTE = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")
_LITERAL_LIMIT = 250  # Excel refuses string literals in formulas longer than 255


def visible(text: str) -> str:
    """Control characters (other than tab, newline and carriage return) as visible symbols."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: "\u2421" if m.group() == "\x7f" else chr(0x2400 + ord(m.group())),
                        text)


def formula_like(text: str) -> bool:
    """True when a spreadsheet would run `text` as a formula (or the start of one)."""
    return text.startswith(FORMULA_STARTS)


def csv_text(key: str, text: str) -> str:
    """A text value as a CSV cell that every spreadsheet keeps as that text."""
    text = visible(text)
    if not text:
        return text
    if key in DATE_KEYS and _ISO_DAY.fullmatch(text) or key in DATETIME_KEYS and \
            _ISO_MINUTE.fullmatch(text):
        return text  # a date a spreadsheet should read as a date
    if (key in TEXT_KEYS or _NUMBER_LIKE.fullmatch(text)) and len(text) <= _LITERAL_LIMIT:
        return '="' + text.replace('"', '""') + '"'
    if formula_like(text):
        return "'" + text
    return text


def xlsx_date(key: str, value: str) -> date | datetime | None:
    """The date (or date and time) an ISO text of a date column stands for, else None."""
    try:
        if key in DATE_KEYS and _ISO_DAY.fullmatch(value):
            return date.fromisoformat(value)
        if key in DATETIME_KEYS and _ISO_MINUTE.fullmatch(value):
            return datetime.strptime(value, "%Y-%m-%d %H:%M")
    except ValueError:
        return None
    return None
