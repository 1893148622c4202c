"""A conflict on a household's people or its workers in turn reads as names and workers,
not stored JSON; the fields a merge of households writes have names (found running the
office's day: two office copies settled a duplicate differently)."""

from __future__ import annotations

import pytest

from store import lang
from store.office.conflict_text import field_text, value_text

PEOPLE = [{"name": "梁建", "id_number": "22080219660101004X", "phone": "13566678827"},
          {"name": "陈梓华", "id_number": "", "phone": ""}]
TURNS = [{"on": "2026-10-01", "worker": "w01", "at": "00:00:00", "by": ""},
         {"on": "2026-12-02", "worker": "w03", "at": "13:01:25", "by": "office"}]


@pytest.mark.parametrize("language,people,turns,reason", [
    ("zh", "梁建、陈梓华", "w01（2026-10-01 起） → w03（2026-12-02 起）", "删除原因"),
    ("en", "梁建, 陈梓华", "w01 (from 2026-10-01) → w03 (from 2026-12-02)", "why removed")])
def test_people_and_assignments_in_words(language: str, people: str, turns: str,
                                         reason: str) -> None:
    lang.set_lang(language)
    try:
        assert value_text("people", PEOPLE) == people
        assert value_text("assignments", TURNS) == turns
        assert field_text("removed_reason") == reason
        assert "22080219660101004X" not in str(value_text("people", PEOPLE))
    finally:
        lang.set_lang("en")
