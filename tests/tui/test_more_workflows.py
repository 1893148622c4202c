"""More workflows by keys: first run, adding and editing a household, health monitoring,
and the office's conflicts view on a joined book."""

from __future__ import annotations

import shutil
from pathlib import Path

from tui_helpers import TODAY, make_app, settle, type_text

from store.book.book import Book
from store.book.clock import FixedClock
from store.book.fileformat import dumps, join_books, parse
from store.book.models import Household, Status

SIZE = (80, 24)


async def test_first_run_asks_who_the_worker_is_and_creates_the_book(tmp_path: Path) -> None:
    from store.lang import set_lang
    from tui.app import GridbookApp

    set_lang("en")
    target = tmp_path / "data" / "book.json"
    app = GridbookApp(None, create_at=target, clock=FixedClock.on(TODAY), refresh_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "FirstRunForm"
        await type_text(pilot, "Wang Li")
        await pilot.press("tab")
        await type_text(pilot, "Ruiming")
        await pilot.press("tab")
        await type_text(pilot, "Grid 3")
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_mode == "today"
    worker = Book.open(target).worker()
    assert worker is not None and (worker.name, worker.community, worker.grid) == \
        ("Wang Li", "Ruiming", "Grid 3")
    assert oct(target.stat().st_mode & 0o777) == "0o600"


async def test_add_and_edit_a_household_then_move_it_to_monitoring(book_path: Path) -> None:
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "a")
        for text in ("9", "1", "801"):
            await type_text(pilot, text)
            await pilot.press("tab")
        await type_text(pilot, "Zhao Min")
        await pilot.press("tab")
        await type_text(pilot, "13800001111")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert type(app.screen).__name__ == "HouseholdScreen"  # the new record opens
        household = next(h for h in app.book.all(Household) if h.building == "9")
        assert (household.unit, household.room, household.head) == ("1", "801", "Zhao Min")
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#note").focus()
        await type_text(pilot, "lives alone")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("s", "enter")
        await settle(pilot)
        await pilot.press("m")  # on its first day: early, so it asks why
        await type_text(pilot, "doctor's advice")
        await pilot.press("enter")
        await settle(pilot)
    stored = Book.open(book_path).require(Household, household.id)
    assert stored.note == "lives alone"
    assert stored.status == Status.MONITORING
    assert Book.open(book_path).current_quarantine(household.id) is None


async def test_conflicts_view_settles_a_conflict(book_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.json"
    shutil.copyfile(book_path, copy)
    first, second = Book.open(book_path), Book.open(copy)
    household = sorted(first.all(Household), key=lambda h: h.id)[0]
    first.update(Household, household.id, note="from laptop A")
    second.update(Household, household.id, note="from laptop B")
    community = tmp_path / "community.json"
    community.write_bytes(dumps(join_books(parse(book_path.read_bytes(), book_path),
                                           parse(copy.read_bytes(), copy))))
    before = Book.open(community)
    conflict = next(c for c in before.conflicts()
                    if c.record_id == household.id and c.field == "note")
    # the candidate Enter keeps is the highlighted first one, not the newest the book shows:
    # settling must write the value picked, not leave the shown one standing
    picked = conflict.candidates[0][0]
    assert picked != before.require(Household, household.id).note
    app = make_app(community)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConflictsScreen"
        await pilot.press("enter")  # the first conflict's candidates
        await pilot.pause()
        await pilot.press("enter")  # keep the highlighted one
        await settle(pilot)
    book = Book.open(community)
    assert not [c for c in book.conflicts() if c.record_id == household.id and c.field == "note"]
    assert book.require(Household, household.id).note == picked
    assert book.worker() == before.worker()
