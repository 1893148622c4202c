"""Words (issue 10, item 12): one English name for households, singular after a count of one,
one way of writing keys, date examples in the current year."""

from __future__ import annotations

from datetime import date

from screens.strings import STRINGS
from store.lang import pick, set_lang, singular
from store.parsing import ParseProblem, parse_date


def test_households_is_the_one_english_word() -> None:
    english = [entry["en"] for entry in STRINGS.values() if "en" in entry]
    assert not [text for text in english if "Homes" in text or "homes" in text]
    assert STRINGS["k_households"]["en"] == "Households"


def test_a_count_of_one_takes_the_singular() -> None:
    set_lang("en")
    assert pick(STRINGS, "done_building", building="3", kind="garbage", count=1) == \
        "Building 3: garbage ticked for 1 household."
    assert pick(STRINGS, "log_day_line", day="03-21", count=1).endswith("1 entry")
    assert pick(STRINGS, "log_day_line", day="03-21", count=11).endswith("11 entries")
    assert singular("¥1 days, 2.1 days, 0 households") == "¥1 days, 2.1 days, 0 households"
    set_lang("zh")
    assert pick(STRINGS, "log_day_line", day="03-21", count=1).endswith("共 1 条")


def test_date_examples_use_the_current_year() -> None:
    set_lang("en")
    try:
        parse_date("nonsense", date.today())
    except ParseProblem as problem:
        assert f"{date.today().year}-03-21" in problem.sentence()
        assert "2022" not in problem.sentence() or date.today().year == 2022
