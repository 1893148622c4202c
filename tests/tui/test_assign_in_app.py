"""On a community file the office gives households to another worker from the Households
screen: w for the one under the cursor, W for every household shown (issue 12 #1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_settle_duplicates import SIZE
from textual.widgets import DataTable
from tui_helpers import burst, make_app, screen_lines, settle

from store import actions
from store.book.book import Book
from store.book.fileformat import dumps, parse
from store.book.models import Household, Person, Worker
from store.office.merge import MergeInput, merge


def community_of_two(tmp_path: Path) -> Path:
    books = []
    for worker, building in (("w1", "3"), ("w2", "7")):
        path = tmp_path / f"{worker}.json"
        book = Book.create(path, Worker(id=worker, name=f"网格员{worker}", community="瑞明社区"))
        for room in ("101", "102"):
            actions.add_household(book, building=building, room=room,
                                  people=(Person(name=f"住户{building}{room}"),))
        books.append(path)
    community = tmp_path / "community.json"
    community.write_bytes(dumps(merge(MergeInput(parse(p.read_bytes(), p), str(p))
                                      for p in books).data))
    return community


async def test_w_and_shift_w_reassign_on_a_community_file(tmp_path: Path) -> None:
    community = community_of_two(tmp_path)
    app = make_app(community)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("b")  # building 3 only: w1's two households
        await pilot.pause()
        await pilot.press("W")
        await pilot.pause()
        await pilot.press("down", "enter")  # the second worker, w2
        await settle(pilot)
    book = Book.open(community)
    assert sorted(h.worker for h in book.all(Household)) == ["w2"] * 4
    moved = next(h for h in book.all(Household) if h.building == "3")
    assert [a.worker for a in moved.assignments] == ["w1", "w2"]


async def test_w_on_a_workers_own_book_says_it_is_for_the_office(tmp_path: Path) -> None:
    path = tmp_path / "w1.json"
    book = Book.create(path, Worker(id="w1", name="张丽"))
    actions.add_household(book, building="3", room="101")
    before = path.read_bytes()
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "w")
        await settle(pilot)
    assert path.read_bytes() == before


@pytest.mark.parametrize("one_by_one", [True, False], ids=["one-by-one", "burst"])
async def test_space_marks_households_and_shift_w_gives_the_marked_ones(
        tmp_path: Path, one_by_one: bool) -> None:
    """The office marks the first and third household of the list (space marks and moves
    down) and W gives just those two to w2; the marks are cleared after."""
    community = community_of_two(tmp_path)
    app = make_app(community)
    async with app.run_test(size=SIZE) as pilot:
        keys = ["3", "space", "down", "space", "W", "down", "enter"]
        if one_by_one:
            for key in keys[:4]:
                await pilot.press(key)
            await pilot.pause()
            shown = "\n".join(screen_lines(app))
            assert "Marked (*): 2. W gives them" in shown and shown.count("*3栋") + shown.count("*7栋") == 2
            for key in keys[4:]:
                await pilot.press(key)
            await settle(pilot)
        else:
            await burst(pilot, *keys)
        rows = app.screen.query_one(DataTable)
        order = [str(key.value) for key in rows.rows]
        assert "*3栋" not in "\n".join(screen_lines(app))
    marked = {order[0], order[2]}
    book = Book.open(community)
    assert any(book.require(Household, h).building == "3" for h in marked)  # one of w1's
    assert all(book.require(Household, h).worker == "w2" for h in marked)
    assert all(h.worker == ("w1" if h.building == "3" else "w2")
               for h in book.all(Household) if h.id not in marked)


async def test_space_on_a_workers_own_book_marks_nothing(tmp_path: Path) -> None:
    path = tmp_path / "w1.json"
    book = Book.create(path, Worker(id="w1", name="张丽"))
    actions.add_household(book, building="3", room="101")
    before = path.read_bytes()
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, "3", "space", "W")
        assert "*3栋" not in "\n".join(screen_lines(app))
    assert path.read_bytes() == before
