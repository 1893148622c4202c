"""One reader for dates, times and money (store/parsing.py), as the forms and the shell use it.

Before it, the app refused 明天 that the shell took, and neither took 12月1日, 昨天, 20261201,
full-width digits or the +1/-7 a hint promised; the app's errands were due today 18:00 (one
typed at 23:57 was overdue at once) while the shell's were due tomorrow.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from store.lang import set_lang
from store.parsing import (
    ParseProblem,
    default_due,
    parse_date,
    parse_due,
    parse_time,
    parse_when,
    parse_yuan,
)

TODAY = date(2026, 12, 2)


@pytest.mark.parametrize(("typed", "meant"), [
    ("明天", date(2026, 12, 3)), ("昨天", date(2026, 12, 1)), ("今天", TODAY),
    ("tomorrow", date(2026, 12, 3)), ("12月1日", date(2026, 12, 1)),
    ("2026年12月1日", date(2026, 12, 1)), ("2026-12-01", date(2026, 12, 1)),
    ("2026/12/1", date(2026, 12, 1)), ("20261201", date(2026, 12, 1)),
    ("12-01", date(2026, 12, 1)), ("3/21", date(2026, 3, 21)),
    ("２０２６－１２－０１", date(2026, 12, 1)), ("１２月１日", date(2026, 12, 1)),
    ("+1", date(2026, 12, 3)), ("-7", date(2026, 11, 25)), ("＋１", date(2026, 12, 3)),
    ("+2天", date(2026, 12, 4)), ("", TODAY),
])
def test_dates_as_people_type_them(typed: str, meant: date) -> None:
    assert parse_date(typed, TODAY) == meant


def test_plus_counts_from_the_day_given() -> None:
    assert parse_date("+7", TODAY, counted_from=date(2026, 12, 10)) == date(2026, 12, 17)


@pytest.mark.parametrize("typed", ["2062-01-01", "19261201", "1926年3月1日"])
def test_absurd_years_are_refused_with_a_sentence_naming_the_year(typed: str) -> None:
    set_lang("en")
    with pytest.raises(ParseProblem) as caught:
        parse_date(typed, TODAY)
    assert "too far" in caught.value.sentence() and typed in caught.value.sentence()


@pytest.mark.parametrize("typed", ["13-45", "someday", "2026-02-30", "+12345"])
def test_wrong_dates_say_how_with_this_years_example(typed: str) -> None:
    for language in ("zh", "en"):
        set_lang(language)
        with pytest.raises(ParseProblem) as caught:
            parse_date(typed, TODAY)
        assert "2026-03-21" in caught.value.sentence() and "2022" not in caught.value.sentence()


@pytest.mark.parametrize(("typed", "meant"), [
    ("9:05", "09:05"), ("0905", "09:05"), ("１８：３０", "18:30"), ("9点", "09:00"),
    ("9点半", "09:30"), ("下午3点", "15:00"), ("18", "18:00"), ("", "10:00"),
])
def test_times(typed: str, meant: str) -> None:
    assert parse_time(typed, "10:00") == meant


@pytest.mark.parametrize("typed", ["25:00", "9:60", "noon"])
def test_wrong_times(typed: str) -> None:
    with pytest.raises(ParseProblem):
        parse_time(typed, "10:00")


@pytest.mark.parametrize(("typed", "fen"), [
    ("35", 3500), ("35.5", 3550), ("¥35.50", 3550), ("３５元", 3500), ("1,200", 120000),
    ("", 0), (None, 0), ("999999.99", 99999999),
])
def test_money(typed: str | None, fen: int) -> None:
    assert parse_yuan(typed) == fen


@pytest.mark.parametrize("typed", ["three", "1234567", "-5", "3.999"])
def test_wrong_money(typed: str) -> None:
    with pytest.raises(ParseProblem):
        parse_yuan(typed)


@pytest.mark.parametrize(("now", "due"), [
    (datetime(2026, 12, 2, 0, 1), datetime(2026, 12, 2, 18)),
    (datetime(2026, 12, 2, 10, 0), datetime(2026, 12, 2, 18)),
    (datetime(2026, 12, 2, 15, 0), datetime(2026, 12, 2, 18)),
    (datetime(2026, 12, 2, 15, 1), datetime(2026, 12, 3, 18)),
    (datetime(2026, 12, 2, 23, 57), datetime(2026, 12, 3, 18)),
])
def test_one_default_due_time_never_overdue_at_once(now: datetime, due: datetime) -> None:
    assert default_due(now) == due
    assert parse_when(None, now) == due == parse_due("", "", now)
    assert due - now >= default_due.__globals__["DUE_AHEAD"]


@pytest.mark.parametrize(("typed", "meant"), [
    ("明天 18:00", datetime(2026, 12, 3, 18)), ("明天18:00", datetime(2026, 12, 3, 18)),
    ("12月5日 9点", datetime(2026, 12, 5, 9)), ("2026-12-03 8:30", datetime(2026, 12, 3, 8, 30)),
    ("+1", datetime(2026, 12, 3, 18)), ("20:00", datetime(2026, 12, 2, 20)),
    ("9:00", datetime(2026, 12, 3, 9)),  # already past today: tomorrow
])
def test_due_in_one_piece_as_the_shell_takes_it(typed: str, meant: datetime) -> None:
    assert parse_when(typed, datetime(2026, 12, 2, 10, 0)) == meant
