"""Pydantic validation errors turned into one sentence a grid worker understands."""

from __future__ import annotations

from pydantic import ValidationError

from store.idnumber import id_number_problem
from store.messages import MESSAGES, word


def field_label(name: str) -> str:
    """A field's name as the user knows it."""
    return word("field." + name) if "field." + name in MESSAGES else name


def explain(error: ValidationError) -> str:
    """The first problem of a validation error as one plain sentence."""
    first = error.errors()[0]
    names = [str(part) for part in first.get("loc", ()) if isinstance(part, str)]
    name = names[-1] if names else ""
    kind = first.get("type", "")
    params: dict[str, object] = {}
    if name == "id_number" and kind == "value_error":
        typed = str(first.get("input", ""))
        rule = id_number_problem(typed)
        key = f"id_number_{rule}" if rule else "id_number"
        params["length"] = len(typed.strip())
    elif name == "phone" and kind == "value_error":
        key = name
    elif name == "at" and kind.startswith("string_pattern"):
        key = "at"
    elif kind == "missing":
        key = "missing"
    elif kind == "string_too_short":
        key = "too_short"
    elif kind in ("string_too_long", "too_long"):
        key = "too_long"
    elif kind.startswith(("int", "greater", "less", "float", "decimal")):
        key = "number"
    elif kind.startswith(("date", "datetime")):
        key = "date"
    elif kind in ("enum", "literal_error"):
        key = "choice"
    else:
        key = "other"
    return word("problem." + key, field=field_label(name), **params)
