"""A form says every problem at once, each naming its field (and the person), and puts the
cursor on the first; the ID number error names the one rule that failed."""

from __future__ import annotations

from pathlib import Path

from tui_helpers import burst, make_app, settle, text_keys

from store.book.book import Book
from store.book.models import Household

SIZE = (80, 24)


async def test_household_form_names_every_field_and_the_person(book_path: Path) -> None:
    count = len(Book.open(book_path).all(Household))
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "a")
        await settle(pilot)
        # building 7, no room, head Zhang Wei with a bad phone and an ID number one digit short
        await burst(pilot, *text_keys("7\t\t\tZhang Wei\t138-abc\t11010519491231002"), "ctrl+s")
        problem = str(app.screen.query_one("#form-problem").render())
        assert "Room" in problem
        assert "Zhang Wei: A phone number may hold only digits" in problem
        assert "Zhang Wei: An ID number has 18 characters; this one has 17." in problem
        assert "check character" not in problem  # only the rule that failed
        assert app.screen.focused.id == "room"
        await burst(pilot, *text_keys("501"), "ctrl+s")
        problem = str(app.screen.query_one("#form-problem").render())
        assert "Room" not in problem and app.screen.focused.id == "head_phone"
    assert len(Book.open(book_path).all(Household)) == count  # nothing saved while wrong


async def test_id_number_rules_in_chinese(book_path: Path) -> None:
    app = make_app(book_path, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "a")
        await settle(pilot)
        await burst(pilot, *text_keys("7\t\t501\t王伟\t\t110105194912310020"), "ctrl+s")
        problem = str(app.screen.query_one("#form-problem").render())
        assert problem == "王伟：身份证号最后一位校验码不对，请核对每一位。"
        assert app.screen.focused.id == "id_number"
