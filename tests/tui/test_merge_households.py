"""Duplicate households are settled one way (issue 12 #8): F6's `m` on a pair of possible
duplicates and the household record's `j` both end in the same question and the same
store action (store.duplicates.merge_households). Asserted on the reopened community files:
the two keys give the same book, and two copies where each settled the pair (the same
household kept, or opposite ones) converge to one household with every record once merged.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from tui_helpers import burst, make_app, screen_lines, settle, text_keys, type_text

from store import actions
from store.book.book import Book
from store.book.fileformat import dumps, parse
from store.book.models import (
    ChecklistItem,
    Errand,
    Household,
    LogEntry,
    Person,
    Quarantine,
    TestRecord,
    Worker,
)
from store.duplicates import merge_households, survivor_of
from store.office.merge import MergeInput, merge

SIZE = (80, 24)
PHONES = {"w1": "13800000001", "w2": "13800000002"}


def two_registrations(tmp_path: Path) -> tuple[Path, list[Path]]:
    """w1 and w2 both registered 3栋2单元501 王伟, each with a quarantine and an errand."""
    books = []
    for worker in ("w1", "w2"):
        path = tmp_path / f"{worker}.json"
        book = Book.create(path, Worker(id=worker, name=f"网格员{worker}", community="瑞明社区"))
        home = actions.add_household(book, building="3", unit="2", room="501",
                                     phone=PHONES[worker], people=(Person(name="王伟"),))
        actions.start_quarantine(book, home.id, date(2022, 3, 20))
        actions.add_errand(book, home.id, f"{worker} 大米",
                           datetime.combine(date(2022, 3, 21), time(18)))
        books.append(path)
    community = tmp_path / "community.json"
    community.write_bytes(dumps(merge(MergeInput(parse(p.read_bytes(), p), str(p))
                                      for p in books).data))
    return community, books


def by_phone(path: Path, worker: str) -> Household:
    return next(h for h in Book.open(path).all(Household) if h.phone == PHONES[worker])


async def settle_with_f6(path: Path, keep: Household, *, one_by_one: bool = True) -> None:
    """F6, m, the household to keep, y."""
    app = make_app(path)
    pair = sorted(Book.open(path).all(Household), key=lambda h: h.id)
    downs = ["down"] * [h.id for h in pair].index(keep.id)
    keys = ["f6", "m", *downs, "enter", "y"]
    async with app.run_test(size=SIZE) as pilot:
        if one_by_one:
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
            await settle(pilot)
        else:  # every key in one burst: the y answers the question Enter opens
            await burst(pilot, *keys)


async def settle_with_j(path: Path, keep: Household, other: Household, *,
                        one_by_one: bool = True) -> list[str]:
    """Open `keep`'s record, j, type the other's phone, Enter, Ctrl+S, y; the screen after."""
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        keys = ["3", "slash", *text_keys(keep.phone), "enter", "enter", "j",
                *text_keys(other.phone), "enter", "ctrl+s"]
        if one_by_one:
            for key in keys:
                await pilot.press(key)
            await pilot.pause()
            shown = "\n".join(screen_lines(app))
            assert "Merge into it and remove" in shown and "网格员w1" in shown \
                and "网格员w2" in shown
            await pilot.press("y")
            await settle(pilot)
        else:  # a y in the same burst would be text after the picker's Enter (FormScreen)
            await burst(pilot, *keys)
            await burst(pilot, "y")
        return screen_lines(app)


def visible(path: Path) -> dict[str, Any]:
    """What the reopened book shows: every visible record's values (a journal entry's
    clock time left out: it is the moment the key was pressed)."""
    book = Book.open(path)
    shown: dict[str, Any] = {}
    for model in (Household, Quarantine, ChecklistItem, TestRecord, Errand, LogEntry):
        shown[model.TABLE] = {r.id: r.model_dump(mode="json", exclude={"at"})
                              for r in book.all(model)}
    return shown


@pytest.mark.parametrize("one_by_one", [True, False], ids=["one-by-one", "burst"])
async def test_f6_m_and_the_records_j_give_the_same_book(tmp_path: Path,
                                                          one_by_one: bool) -> None:
    community, _books = two_registrations(tmp_path)
    via_f6, via_j = tmp_path / "f6.json", tmp_path / "j.json"
    shutil.copy(community, via_f6)
    shutil.copy(community, via_j)
    keep, other = by_phone(community, "w2"), by_phone(community, "w1")
    await settle_with_f6(via_f6, keep, one_by_one=one_by_one)
    after_j = await settle_with_j(via_j, keep, other, one_by_one=one_by_one)
    assert any(keep.address in line and "王伟" in line for line in after_j)  # still shown
    assert visible(via_f6) == visible(via_j)
    book = Book.open(via_j)
    [survivor] = book.all(Household)
    stays, goes = survivor_of(keep.id, other.id)
    assert survivor.id == stays
    assert survivor.worker == "w2" and survivor.phone == PHONES["w2"]  # the one kept
    assert sorted(e.items for e in book.errands_of(stays)) == ["w1 大米", "w2 大米"]
    assert len(book.quarantines_of(stays)) == 2
    removed = book.raw_record(Household.TABLE, goes)["fields"]
    assert removed["merged_into"][-1][0] == stays
    assert "3栋2单元501" in removed["removed_reason"][-1][0]
    assert any(e.event == "households_merged" for e in book.log_of(stays))


def merged_again(paths: list[Path]) -> tuple[Any, Any]:
    data = [parse(p.read_bytes(), p) for p in paths]
    one = merge(MergeInput(d, str(i)) for i, d in enumerate(data)).data
    other = merge(MergeInput(d, str(i)) for i, d in enumerate(reversed(data))).data
    return one, other


@pytest.mark.parametrize("opposite", [False, True], ids=["same-kept", "opposite-kept"])
async def test_two_copies_that_each_settled_the_pair_converge(tmp_path: Path,
                                                              opposite: bool) -> None:
    """Two office copies of the community file; each settles the pair (F6 in one, the
    record's j in the other); merged with each other and the workers' old books, in any
    order, they give the same file: one household, both quarantines and both errands."""
    community, books = two_registrations(tmp_path)
    first, second = tmp_path / "office-a.json", tmp_path / "office-b.json"
    shutil.copy(community, first)
    shutil.copy(community, second)
    keep, other = by_phone(community, "w1"), by_phone(community, "w2")
    await settle_with_f6(first, keep)
    if opposite:
        keep, other = other, keep
    await settle_with_j(second, keep, other)
    one, two = merged_again([first, second, *books])
    assert one == two
    out = tmp_path / "out.json"
    out.write_bytes(dumps(one))
    book = Book.open(out)
    [survivor] = book.all(Household)
    assert survivor.id == min(keep.id, other.id)
    assert sorted(e.items for e in book.errands_of(survivor.id)) == ["w1 大米", "w2 大米"]
    assert len(book.quarantines_of(survivor.id)) == 2
    assert all(i.household == survivor.id for i in book.all(ChecklistItem))


def test_merging_opposite_ways_in_two_copies_keeps_one_household(tmp_path: Path) -> None:
    """The store action alone: A into B in one copy, B into A in another."""
    community, _books = two_registrations(tmp_path)
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    shutil.copy(community, first)
    shutil.copy(community, second)
    a, b = by_phone(community, "w1"), by_phone(community, "w2")
    merge_households(Book.open(first), a.id, b.id, date(2022, 3, 21))
    merge_households(Book.open(second), b.id, a.id, date(2022, 3, 21))
    one, two = merged_again([first, second])
    assert one == two
    out = tmp_path / "out.json"
    out.write_bytes(dumps(one))
    book = Book.open(out)
    assert [h.id for h in book.all(Household)] == [min(a.id, b.id)]
    assert len(book.errands_of(min(a.id, b.id))) == 2
    [survivor] = book.all(Household)
    assert survivor.phone in PHONES.values() and len(survivor.people) == 1


async def test_j_types_a_phone_key_by_key(tmp_path: Path) -> None:
    """The picker of `j` takes typed text (no paste): the other household is found."""
    community, _books = two_registrations(tmp_path)
    keep, other = by_phone(community, "w1"), by_phone(community, "w2")
    app = make_app(community)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "slash")
        await type_text(pilot, keep.phone)
        await pilot.press("enter", "enter", "j")
        await type_text(pilot, other.phone)
        await pilot.press("enter", "ctrl+s", "n")  # answered no: nothing changes
        await settle(pilot)
    assert len(Book.open(community).all(Household)) == 2


def test_the_same_person_registered_twice_is_one_person(tmp_path: Path) -> None:
    """The head registered with an ID number in one book and without in the other is one
    person in the household kept (they were listed twice); two people of one name with
    different ID numbers stay two."""
    path = tmp_path / "community.json"
    book = Book.create(path, Worker(id="w1", name="网格员w1"), kind="community")
    keep = actions.add_household(book, building="1", unit="1", room="202", people=(
        Person(name="梁建", id_number="22080219660101004X"),
        Person(name="梁明", id_number="11010519491231002X")))
    other = actions.add_household(book, building="1", unit="1", room="202", people=(
        Person(name="梁建", phone="13800001234"),
        Person(name="梁明", id_number="110105194912310038"), Person(name="陈梓华")))
    merge_households(book, keep.id, other.id, date(2022, 3, 21))
    [survivor] = Book.open(path).all(Household)
    assert [(p.name, p.id_number) for p in survivor.people] == [
        ("梁建", "22080219660101004X"), ("梁明", "11010519491231002X"),
        ("梁明", "110105194912310038"), ("陈梓华", "")]


async def test_records_written_to_a_merged_household_are_moved_by_f6(tmp_path: Path) -> None:
    """The office merged w2's registration into w1's; w2, not knowing yet, added an errand
    to it in their own book. After the next merge the errand is on a removed household (no
    screen shows it): F6 says so and m, y moves it to the household kept; merged with w2's
    book again, it stays there."""
    community, books = two_registrations(tmp_path)
    keep, other = by_phone(community, "w1"), by_phone(community, "w2")
    stays, goes = survivor_of(keep.id, other.id)
    merge_households(Book.open(community), keep.id, other.id, date(2022, 3, 21))
    w2 = Book.open(books[1])
    late = actions.add_errand(w2, other.id, "w2 牛奶", datetime.combine(date(2022, 3, 22),
                                                                       time(10)))
    data = [parse(p.read_bytes(), p) for p in (community, books[1])]
    community.write_bytes(dumps(merge(MergeInput(d, str(i)) for i, d in enumerate(data)).data))
    book = Book.open(community)
    assert book.get(Household, goes) is None and book.require(Errand, late.id).household == goes
    app = make_app(community)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        assert any("Records written to merged households: 1" in line
                   for line in screen_lines(app))
        await pilot.press("m")
        await pilot.pause()
        assert "merged into another: 1" in "\n".join(screen_lines(app))
        await pilot.press("y")
        await settle(pilot)
    book = Book.open(community)
    assert book.require(Errand, late.id).household == stays
    assert sorted(e.items for e in book.errands_of(stays)) == sorted(["w1 大米", "w2 大米", "w2 牛奶"])
    one, two = merged_again([community, books[1]])
    assert one == two
    out = tmp_path / "out.json"
    out.write_bytes(dumps(one))
    assert Book.open(out).require(Errand, late.id).household == stays
