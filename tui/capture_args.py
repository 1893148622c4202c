"""Reading quick-capture values typed at a shell: money, due times, categories, statuses.

Each reader returns the value or ends the command with one sentence (exit 2), like
`tui.argtypes`; `open_own_book` opens `--data FILE` or the worker's own book.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.book import Book

CATEGORY_WORDS = {"管控": "control", "服务": "service", "宣传": "publicity", "排查": "screening",
                  "防护": "protection"}
STATUS_WORDS = {"待接单": "requested", "已接单": "accepted", "已买到": "bought", "已买": "bought",
                "已送达": "delivered", "送达": "delivered", "已取消": "cancelled", "取消": "cancelled"}
STATUS_LABELS = {"requested": {"zh": "待接单", "en": "requested"},
                 "accepted": {"zh": "已接单", "en": "accepted"},
                 "bought": {"zh": "已买到", "en": "bought"},
                 "delivered": {"zh": "已送达", "en": "delivered"},
                 "cancelled": {"zh": "已取消", "en": "cancelled"}}
CATEGORY_LABELS = {"control": {"zh": "管控到位", "en": "control"},
                   "service": {"zh": "服务到位", "en": "service"},
                   "publicity": {"zh": "宣传到位", "en": "publicity"},
                   "screening": {"zh": "排查到位", "en": "screening"},
                   "protection": {"zh": "防护到位", "en": "protection"}}
TOMORROW = ("明天", "tomorrow")
TODAY = ("今天", "today")


def fail(key: str, **params: object) -> None:
    """Print one sentence and end the command with exit status 2."""
    import sys

    from store.lang import pick
    from tui.office_messages import OFFICE_MESSAGES

    print(pick(OFFICE_MESSAGES, key, **params), file=sys.stderr)
    raise SystemExit(2)


def parse_amount(text: str | None) -> int:
    """Yuan as typed (35, 35.5, 35.50, ¥35) in fen."""
    if text is None:
        return 0
    cleaned = text.strip().lstrip("¥￥").removesuffix("元").strip()
    match = re.fullmatch(r"(\d{1,7})(?:\.(\d{1,2}))?", cleaned)
    if match is None:
        fail("bad_amount", value=text)
    assert match is not None
    return int(match[1]) * 100 + int((match[2] or "0").ljust(2, "0"))


def parse_when(text: str | None, now: datetime) -> datetime:
    """A due time: 18:00, 明天 18:00 / tomorrow 18:00, 2022-03-14 [18:00], +N days."""
    if text is None:
        evening = datetime.combine(now.date(), time(18))
        return evening if now < evening else evening + timedelta(days=1)
    words = text.replace("：", ":").split()
    day = now.date()
    clock = time(18)
    try:
        for word in words:
            if word in TOMORROW:
                day = now.date() + timedelta(days=1)
            elif word in TODAY:
                day = now.date()
            elif re.fullmatch(r"\+\d{1,3}", word):
                day = now.date() + timedelta(days=int(word))
            elif re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", word):
                day = date(*(int(p) for p in word.split("-")))
            elif re.fullmatch(r"\d{1,2}:\d{2}", word):
                hours, minutes = (int(p) for p in word.split(":"))
                clock = time(hours, minutes)
            else:
                raise ValueError(word)
    except ValueError:
        fail("bad_when", value=text)
    if not words:
        fail("bad_when", value=text)
    return datetime.combine(day, clock)


def parse_choice(text: str, words: dict[str, str], values: list[str]) -> str:
    """An enum value given as itself or as its Chinese word."""
    value = words.get(text.strip(), text.strip().lower())
    if value not in values:
        fail("bad_choice", value=text, choices=", ".join(values + list(words)))
    return value


def open_own_book(data: str | None) -> Book:
    """The book named by --data, or the worker's own (which must already exist)."""
    import sys

    from store.book import Book
    from store.lang import pick
    from store.paths import default_book_path
    from store.policy import policy_for
    from tui.office_messages import OFFICE_MESSAGES

    if data:
        return Book.open(Path(data), policy=policy_for(Path(data)))
    path = default_book_path()
    if not path.exists():
        print(pick(OFFICE_MESSAGES, "no_default_book", path=path), file=sys.stderr)
        raise SystemExit(1)
    return Book.open(path, policy=policy_for(path))
