"""F6 settles a pair of duplicate households (issue 12 #8): pick the survivor, the other's
records move to it, the other is removed; asserted on the reopened community file, and the
result converges when the workers' books are merged in again."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

from tui_helpers import make_app, screen_lines, settle

from store import actions
from store.book.book import Book
from store.book.fileformat import parse
from store.book.models import Household, Person, Worker
from store.office.merge import MergeInput, merge

SIZE = (80, 24)


def two_registrations(tmp_path: Path) -> tuple[Path, list[Path]]:
    books = []
    for worker in ("w1", "w2"):
        path = tmp_path / f"{worker}.json"
        book = Book.create(path, Worker(id=worker, name=f"网格员{worker}", community="瑞明社区"))
        home = actions.add_household(book, building="3", unit="2", room="501",
                                     people=(Person(name="王伟"),))
        actions.start_quarantine(book, home.id, date(2022, 3, 20))
        actions.add_errand(book, home.id, f"{worker} 大米", datetime.combine(date(2022, 3, 21),
                                                                          time(18)))
        books.append(path)
    community = tmp_path / "community.json"
    result = merge(MergeInput(parse(p.read_bytes(), p), str(p)) for p in books)
    from store.book.fileformat import dumps

    community.write_bytes(dumps(result.data))
    return community, books


async def test_f6_merges_two_duplicate_households(tmp_path: Path) -> None:
    community, books = two_registrations(tmp_path)
    assert len(Book.open(community).all(Household)) == 2
    app = make_app(community)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert any("Pick the household to keep" in line for line in screen_lines(app))
        await pilot.press("down", "enter")  # keep the second of the pair
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
    book = Book.open(community)
    households = book.all(Household)
    assert len(households) == 1
    survivor = households[0]
    assert sorted(e.items for e in book.errands_of(survivor.id)) == ["w1 大米", "w2 大米"]
    assert len(book.quarantines_of(survivor.id)) == 2
    # the workers' books merged in again (stale copies): still one household, converged
    data = [parse(p.read_bytes(), p) for p in (community, *books)]
    again = merge(MergeInput(d, str(i)) for i, d in enumerate(data))
    other_order = merge(MergeInput(d, str(i)) for i, d in enumerate(reversed(data)))
    assert again.data == other_order.data
    visible = [rid for rid, raw in again.data["households"].items()
               if not any(e[0] for e in raw["fields"].get("_deleted", ()))]
    assert visible == [survivor.id]
