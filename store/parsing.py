"""Reading dates, times and money as people type them, for the app's forms and the shell alike.

One reader for each, so that `明天`, `12月1日`, `20261201`, full-width digits (typed through
a Chinese input method), `+1` and `-7` mean the same in a form and on a command line, with
the same limits. A value that cannot be read raises `ParseProblem`, whose `sentence()` says
in the current language what was typed and how to write it (the examples use the current
year). Years far from today (a typo such as 2062 or 1926) are refused here with a sentence;
how far ahead a quarantine may reach is the policy's business, checked in the store.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta

from store.messages import word

FAR_YEARS = 5  # a date more than this many years from today is a typo, not a plan
MAX_DAYS_SHIFT = 999  # +N / -N
MAX_FEN = 999_999_99  # ¥999,999.99, the most money a form or the shell takes
DUE_HOUR = time(18, 0)  # errands are due in the evening unless told otherwise
DUE_AHEAD = timedelta(hours=3)  # a default due time is never sooner than this

RELATIVE_WORDS = {"今天": 0, "今日": 0, "today": 0, "明天": 1, "明日": 1, "tomorrow": 1,
                  "后天": 2, "後天": 2, "昨天": -1, "昨日": -1, "yesterday": -1, "前天": -2}



class ParseProblem(ValueError):
    """A value that could not be read; `sentence()` says so in the current language."""

    def __init__(self, key: str, /, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def sentence(self) -> str:
        return word("parse." + self.key, **self.params)

    def __str__(self) -> str:
        return self.sentence()


def normal(text: str) -> str:
    """Full-width digits and signs as ASCII (１２：３０ -> 12:30), spaces trimmed."""
    return unicodedata.normalize("NFKC", text).strip()


def _checked(year: int, month: int, day: int, typed: str, today: date) -> date:
    if abs(year - today.year) > FAR_YEARS:
        raise ParseProblem("far_date", value=typed, year=year)
    try:
        return date(year, month, day)
    except ValueError:
        raise ParseProblem("bad_date", value=typed, year=today.year) from None


_SHIFT = re.compile(r"([+-])(\d{1,3})\s*(天|日|d|days?)?")
_FULL = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_SHORT = re.compile(r"(\d{1,2})[-/.](\d{1,2})")
_CHINESE = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]?")


def parse_date(text: str, today: date, counted_from: date | None = None,
               default: date | None = None) -> date:
    """A date as typed: empty (`default`, else today), 今天/明天/昨天/后天/前天 or
    today/tomorrow/yesterday, +N / -N days (from `counted_from` when given: "+7" on a
    release day extends it by a week), 2026-12-01 (or with / or .), 20261201, 12-01 or 12/1
    (this year), 12月1日 or 2026年12月1日."""
    typed = text.strip()
    value = normal(text).lower()
    if not value:
        return default or today
    if value in RELATIVE_WORDS:
        return today + timedelta(days=RELATIVE_WORDS[value])
    found = _SHIFT.fullmatch(value)
    if found:
        days = int(found[2]) * (1 if found[1] == "+" else -1)
        try:
            shifted = (counted_from or today) + timedelta(days=days)
        except OverflowError:  # counted from a day at the calendar's edge
            raise ParseProblem("far_date", value=typed, year=(counted_from or today).year) from None
        return _checked(shifted.year, shifted.month, shifted.day, typed, today)
    for pattern in (_FULL, _COMPACT):
        found = pattern.fullmatch(value)
        if found:
            return _checked(int(found[1]), int(found[2]), int(found[3]), typed, today)
    found = _SHORT.fullmatch(value)
    if found:
        return _checked(today.year, int(found[1]), int(found[2]), typed, today)
    found = _CHINESE.fullmatch(value)
    if found:
        year = int(found[1]) if found[1] else today.year
        return _checked(year, int(found[2]), int(found[3]), typed, today)
    raise ParseProblem("bad_date", value=typed, year=today.year)


_CLOCK_COMPACT = re.compile(r"(\d{1,2})(\d{2})")
_CLOCK_CHINESE = re.compile(r"(上午|下午|晚上)?\s*(\d{1,2})\s*[点點时時]\s*(半|(\d{1,2})\s*分?)?")


def read_time(text: str) -> time | None:
    """A time of day (9:05, 09:05, 0905, 9点, 9点半, 下午3点) or None when `text` is not one."""
    value = normal(text)
    hour = minute = None
    found = _CLOCK_COMPACT.fullmatch(value) if ":" not in value else None
    if found and len(value) >= 3:
        hour, minute = int(found[1]), int(found[2])
    elif re.fullmatch(r"\d{1,2}", value):
        hour, minute = int(value), 0
    elif (found := re.fullmatch(r"(\d{1,2}):(\d{2})", value)) is not None:
        hour, minute = int(found[1]), int(found[2])
    elif (found := _CLOCK_CHINESE.fullmatch(value)) is not None:
        hour = int(found[2])
        minute = 30 if found[3] == "半" else int(found[4] or 0)
        if found[1] in ("下午", "晚上") and hour < 12:
            hour += 12
    if hour is None or minute is None or hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def parse_time(text: str, default: str) -> str:
    """A time of day as typed, returned as HH:MM; empty gives `default`."""
    if not normal(text):
        return default
    found = read_time(text)
    if found is None:
        raise ParseProblem("bad_time", value=text.strip())
    return found.strftime("%H:%M")


def default_due(now: datetime) -> datetime:
    """When an errand is due if no one says: the next 18:00 at least DUE_AHEAD away (today
    in the morning, tomorrow from mid-afternoon on: one typed at 23:57 is not overdue)."""
    evening = datetime.combine(now.date(), DUE_HOUR)
    return evening if now + DUE_AHEAD <= evening else evening + timedelta(days=1)


def parse_due(day_text: str, time_text: str, now: datetime) -> datetime:
    """A due moment from a date and a time typed apart (the app's form): both empty give
    `default_due`; a date without a time is due at 18:00 that day; a time without a date
    is today, or tomorrow when that time has already passed."""
    day_empty, time_empty = not normal(day_text), not normal(time_text)
    if day_empty and time_empty:
        return default_due(now)
    at = DUE_HOUR if time_empty else read_time(time_text)
    if at is None:
        raise ParseProblem("bad_time", value=time_text.strip())
    if day_empty:
        moment = datetime.combine(now.date(), at)
        return moment if moment > now else moment + timedelta(days=1)
    return datetime.combine(parse_date(day_text, now.date()), at)


def parse_when(text: str | None, now: datetime) -> datetime:
    """A due moment typed in one piece (the shell's --due): `明天 18:00`, `明天18:00`,
    `12月1日 9点`, `2026-12-01 18:00`, `+1`, `18:00`.
    None or empty gives `default_due`."""
    if text is None or not normal(text):
        return default_due(now)
    value = normal(text)
    words = value.split()
    at_text = ""
    if len(words) > 1:
        day_text, at_text = " ".join(words[:-1]), words[-1]
    else:
        tail = re.search(r"(\d{1,2}:\d{2}|(上午|下午|晚上)?\d{1,2}[点點时時](半|\d{1,2}分?)?)$", value)
        if tail and tail.start() > 0:
            day_text, at_text = value[:tail.start()], tail.group(0)
        elif read_time(value) is not None and not re.fullmatch(r"\d{8}", value):
            day_text, at_text = "", value
        else:
            day_text = value
    try:
        return parse_due(day_text, at_text, now)
    except ParseProblem:
        raise ParseProblem("bad_when", value=text.strip(), year=now.year) from None


def parse_yuan(text: str | None) -> int:
    """Money typed in yuan (35, 35.5, ¥35.50, 35元, full-width ３５) in fen; empty is 0."""
    if text is None:
        return 0
    value = normal(text).replace(",", "").replace("¥", "").removesuffix("元").removesuffix("块")
    value = value.strip()
    if not value:
        return 0
    found = re.fullmatch(r"(\d{1,6})(?:\.(\d{1,2}))?", value)
    if found is None:
        raise ParseProblem("bad_money", value=text.strip())
    return int(found[1]) * 100 + int((found[2] or "0").ljust(2, "0"))


def parse_days(text: str, default: int, most: int = 60) -> int:
    """A number of days from 1 to `most`; empty gives `default`."""
    value = normal(text)
    if not value:
        return default
    if value.isdigit() and 1 <= int(value) <= most:
        return int(value)
    raise ParseProblem("bad_days", value=text.strip(), most=most)
