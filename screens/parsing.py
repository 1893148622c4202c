"""Reading what a worker typed in a form: dates, times, money; a plain sentence when wrong.

Forms accept the short forms people type ("3-21" for a date this year, "+2" for two days
from today, "12.5" yuan) and raise `FormProblem` with a sentence from the catalog.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from pydantic import BaseModel

from screens.strings import t


class FormProblem(ValueError):
    """What is wrong with a form's input, as one sentence in the current language.

    `field_id` names the field it is about, so the form can put the cursor there."""

    def __init__(self, sentence: str, field_id: str | None = None) -> None:
        super().__init__(sentence)
        self.field_id = field_id


class FieldProblems(FormProblem):
    """Every problem a form found at once, each naming its field; shown one per line."""

    def __init__(self, problems: list[FormProblem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
        self.field_ids = [p.field_id for p in problems if p.field_id]


class Checks:
    """Gathers a form's problems field by field, so the worker sees all of them at once.

    `with checks.field("room"): ...` runs one field's reading; a FormProblem in it is kept
    (with the field's id) and the form goes on to the next field; `done()` raises them all."""

    def __init__(self) -> None:
        self.problems: list[FormProblem] = []

    def field(self, field_id: str) -> "_FieldCheck":
        return _FieldCheck(self, field_id)

    def done(self) -> None:
        if len(self.problems) == 1:
            raise self.problems[0]
        if self.problems:
            raise FieldProblems(self.problems)


class _FieldCheck:
    def __init__(self, checks: Checks, field_id: str) -> None:
        self.checks, self.field_id = checks, field_id

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, error: BaseException | None, _tb: object) -> bool:
        if isinstance(error, FormProblem):
            if error.field_id is None:
                error.field_id = self.field_id
            self.checks.problems.append(error)
            return True
        return False


def parse_date(text: str, today: date, counted_from: date | None = None) -> date:
    """A date typed as 2022-03-21, 03-21, 3/21, +N, -N or empty (today).

    +N and -N count from `counted_from` when given (a release day: "+7" extends it by a
    week), else from today."""
    text = text.strip().replace("/", "-").replace(".", "-")
    if not text:
        return today
    if re.fullmatch(r"[+-]\d{1,3}", text):
        return (counted_from or today) + timedelta(days=int(text))
    try:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
            year, month, day = (int(p) for p in text.split("-"))
            return date(year, month, day)
        if re.fullmatch(r"\d{1,2}-\d{1,2}", text):
            month, day = (int(p) for p in text.split("-"))
            return date(today.year, month, day)
    except ValueError:
        pass
    raise FormProblem(t("bad_date", value=text))


def parse_time(text: str, default: str) -> str:
    """A time of day typed as 9:05, 09:05 or 0905, returned as HH:MM."""
    text = text.strip().replace("：", ":")
    if not text:
        return default
    match = re.fullmatch(r"(\d{1,2}):?(\d{2})", text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour < 24 and minute < 60:
            return f"{hour:02d}:{minute:02d}"
    raise FormProblem(t("bad_time", value=text))


def parse_yuan(text: str) -> int:
    """Money typed in yuan (12, 12.5, ¥12.50), returned in fen."""
    cleaned = text.strip().replace("¥", "").replace("元", "").replace(",", "")  # input, not shown
    if not cleaned:
        return 0
    if re.fullmatch(r"\d{1,6}(\.\d{1,2})?", cleaned):
        whole, _, cents = cleaned.partition(".")
        return int(whole) * 100 + int((cents + "00")[:2])
    raise FormProblem(t("bad_money", value=text.strip()))


def parse_days(text: str, default: int) -> int:
    """A number of days (1 to 60)."""
    text = text.strip()
    if not text:
        return default
    if text.isdigit() and 1 <= int(text) <= 60:
        return int(text)
    raise FormProblem(t("bad_days", value=text))


def parse_due(day_text: str, time_text: str, today: date) -> datetime:
    """A due moment from a date field and a time field (18:00 when no time is given)."""
    on = parse_date(day_text, today)
    at = parse_time(time_text, "18:00")
    return datetime.combine(on, time(int(at[:2]), int(at[3:])))


def within_limit(value: str, model: type[BaseModel], field: str, field_label: str) -> str:
    """`value` if the record's field takes that many characters, else a FormProblem, so the
    form stays open with the text in it (a failed write after the form closed lost it)."""
    limit = next((m.max_length for m in model.model_fields[field].metadata
                  if getattr(m, "max_length", None) is not None), None)
    if limit is not None and len(value) > limit:  # characters, as the record counts them
        raise FormProblem(t("too_long", field=field_label, limit=limit, length=len(value)))
    return value


def required(text: str, field_label: str) -> str:
    """The stripped text, or a FormProblem naming the empty field."""
    value = text.strip()
    if not value:
        raise FormProblem(t("required", field=field_label))
    return value
