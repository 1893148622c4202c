"""A household's record on a community file shows its worker, and `w` there gives it to
another worker through the same picker and the same write as `gridbook assign` (issue 12
#1). Asserted on the reopened community file, and on what `gridbook slice` then gives the
old and the new worker; a worker's own book shows no worker field and `w` changes nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from tui_helpers import burst, make_app, screen_lines, settle, text_keys

from store import actions, views
from store.book.book import Book
from store.book.fileformat import dumps, parse
from store.book.models import Errand, Household, Person, Worker
from store.office.merge import MergeInput, merge

SIZE = (80, 24)
ROOT = Path(__file__).resolve().parents[2]
PHONE = "13900030101"


def community_of_two(tmp_path: Path) -> tuple[Path, Path]:
    """w1 (张丽) has 3栋101 (with an errand) and 3栋102; w2 (李娜) has 7栋101."""
    books = []
    for worker, name, rooms in (("w1", "张丽", (("3", "101"), ("3", "102"))),
                                ("w2", "李娜", (("7", "101"),))):
        path = tmp_path / f"{worker}.json"
        book = Book.create(path, Worker(id=worker, name=name, community="瑞明社区",
                                        grid=f"第{worker[1]}网格"))
        for building, room in rooms:
            home = actions.add_household(
                book, building=building, room=room, phone=f"139000{building}0{room}",
                people=(Person(name=f"住户{building}{room}"),))
            if (building, room) == ("3", "101"):
                actions.add_errand(book, home.id, "大米", book.clock.now(), advanced=1200)
        books.append(path)
    community = tmp_path / "community.json"
    community.write_bytes(dumps(merge(MergeInput(parse(p.read_bytes(), p), str(p))
                                      for p in books).data))
    return community, books[0]


def the_household(path: Path) -> Household:
    return next(h for h in Book.open(path).all(Household) if h.phone == PHONE)


def gridbook(*args: str) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, GRIDBOOK_LANG="en", PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True,
                          cwd=ROOT, env=env, timeout=120)


def record_keys() -> list[str]:
    """Households, search the phone, open the record."""
    return ["3", "slash", *text_keys(PHONE), "enter", "enter"]


@pytest.mark.parametrize("one_by_one", [True, False], ids=["one-by-one", "burst"])
async def test_w_on_the_record_gives_the_household_to_another_worker(
        tmp_path: Path, one_by_one: bool) -> None:
    community, w1_book = community_of_two(tmp_path)
    app = make_app(community)
    async with app.run_test(size=SIZE) as pilot:
        if one_by_one:
            for key in record_keys():
                await pilot.press(key)
            await pilot.pause()
            shown = "\n".join(screen_lines(app))
            assert "Worker: 张丽 (w1) 第1网格" in shown
            assert " w Worker " in shown  # the key is in the footer
            assert "p Print " in shown  # and still every other key of the record
            await pilot.press("w")
            await pilot.pause()
            assert "Give 1 household(s) to which worker?" in "\n".join(screen_lines(app))
            await pilot.press("down")
            await pilot.press("enter")
            await settle(pilot)
        else:
            await burst(pilot, *record_keys(), "w", "down", "enter")
        shown = "\n".join(screen_lines(app))
        assert "Worker: 李娜 (w2) 第2网格" in shown  # the record shows the new worker
    moved = the_household(community)
    assert moved.worker == "w2"
    assert [a.worker for a in moved.assignments] == ["w1", "w2"]
    others = [h.worker for h in Book.open(community).all(Household) if h.id != moved.id]
    assert sorted(others) == ["w1", "w2"]  # nothing else moved
    # gridbook slice: w2 gets it with its errand; w1's book merged with w1's slice lets it go
    for worker in ("w1", "w2"):
        done = gridbook("slice", str(community), "--worker", worker,
                        "-o", str(tmp_path / f"{worker}-slice.json"))
        assert done.returncode == 0, done.stderr.decode()
    w2_slice = Book.open(tmp_path / "w2-slice.json")
    assert moved.id in {h.id for h in views.households(w2_slice)}
    assert [e.items for e in w2_slice.all(Errand)] == ["大米"]
    done = gridbook("merge", str(w1_book), str(tmp_path / "w1-slice.json"), "-o", str(w1_book))
    assert done.returncode == 0, done.stderr.decode()
    assert moved.id not in {h.id for h in views.households(Book.open(w1_book))}


async def test_escape_in_the_picker_changes_nothing(tmp_path: Path) -> None:
    community, _ = community_of_two(tmp_path)
    before = community.read_bytes()
    app = make_app(community)
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, *record_keys(), "w")
        await burst(pilot, "escape")
        assert "Worker: 张丽 (w1)" in "\n".join(screen_lines(app))
    assert community.read_bytes() == before


async def test_enter_on_the_current_worker_changes_nothing(tmp_path: Path) -> None:
    """The picker opens on the household's worker: Enter at once keeps it theirs."""
    community, _ = community_of_two(tmp_path)
    app = make_app(community)
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, *record_keys(), "w")
        await burst(pilot, "enter")
        assert any("Already 张丽 (w1)" in line for line in screen_lines(app))
    assert the_household(community).worker == "w1"
    assert the_household(community).assignments == ()


async def test_a_workers_own_book_has_no_worker_field(tmp_path: Path) -> None:
    _community, w1_book = community_of_two(tmp_path)
    before = w1_book.read_bytes()
    app = make_app(w1_book)
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, *record_keys())
        shown = "\n".join(screen_lines(app))
        assert "住户3101" in shown and "Worker:" not in shown and " w Worker " not in shown
        await burst(pilot, "w", "down", "enter")
        assert type(app.screen).__name__ == "HouseholdScreen"
    assert w1_book.read_bytes() == before
