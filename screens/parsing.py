"""Reading what a worker typed in a form: dates, times, money; a plain sentence when wrong.

The readers are the store's (store/parsing.py), shared with the shell's commands, so a form
takes what a command line takes ("明天", "3-21", "+2", "12.5"); here their problems become
`FormProblem`s, which keep the form open with what was typed in it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from pydantic import BaseModel

from screens.strings import t
from store import parsing as store_parsing
from store.parsing import ParseProblem

T = TypeVar("T")


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

    def field(self, field_id: str) -> _FieldCheck:
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


def _as_form_problem(read: Callable[..., T]) -> Callable[..., T]:
    """The store's reader, with its ParseProblem said as a FormProblem (the form stays open)."""
    @wraps(read)
    def reading(*args: Any, **kwargs: Any) -> T:
        try:
            return read(*args, **kwargs)
        except ParseProblem as problem:
            raise FormProblem(problem.sentence()) from None
    return reading


# One reader each for the forms and the shell (store/parsing.py): 明天, 12月1日, 20261201,
# full-width digits, +1 / -7 mean the same everywhere, with the same limits.
parse_date = _as_form_problem(store_parsing.parse_date)
parse_time = _as_form_problem(store_parsing.parse_time)
parse_yuan = _as_form_problem(store_parsing.parse_yuan)
parse_days = _as_form_problem(store_parsing.parse_days)
parse_due = _as_form_problem(store_parsing.parse_due)
default_due = store_parsing.default_due


def within_limit(value: str, model: type[BaseModel], field: str, field_label: str) -> str:
    """`value` if the record's field takes that many characters, else a FormProblem, so the
    form stays open with the text in it (a failed write after the form closed lost it)."""
    limit = next((m.max_length for m in model.model_fields[field].metadata
                  if getattr(m, "max_length", None) is not None), None)
    if limit is not None and len(value) > limit:  # characters, as the record counts them
        raise FormProblem(t("too_long", field=field_label, limit=limit, length=len(value)))
    return value


def a_name(text: str, field_label: str) -> str:
    """`text` (a name, an address part) when it holds no control character, else a
    FormProblem naming the field: an ESC sequence or a newline in a name would reach
    every screen, paper and report (item 7 of issue 17). Decided here in the forms, not by
    the record's model, which must still read any book as it is."""
    from store.visible import visible

    if visible(text, one_line=True) != text or any("\u2400" <= c <= "\u2426" for c in text):
        raise FormProblem(t("control_in_name", field=field_label))  # or its symbol (␛)
    return text


def required(text: str, field_label: str) -> str:
    """The stripped text, or a FormProblem naming the empty field."""
    value = text.strip()
    if not value:
        raise FormProblem(t("required", field=field_label))
    return value
