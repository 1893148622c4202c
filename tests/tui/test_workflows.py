"""Pilot tests: a grid worker's workflows driven by keys, then checked in the book itself.

Each test opens the real app on a small seeded book, presses keys as a worker would, waits
for the write workers, and asserts on what the book (reopened from disk) now holds.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from tui_helpers import TODAY, make_app, settle, type_text

from store.book.book import Book
from store.book.models import (
    ChecklistItem,
    Errand,
    ErrandStatus,
    Household,
    ItemKind,
    LogEntry,
    Quarantine,
    Status,
)

SIZE = (80, 24)


async def open_household(pilot, household: Household) -> None:  # type: ignore[no-untyped-def]
    """From anywhere: Households, search by phone, Enter, Enter."""
    await pilot.press("3", "slash")
    await type_text(pilot, household.phone)
    await pilot.press("enter", "enter")
    await pilot.pause()


def quarantined(book: Book) -> Household:
    return next(h for h in sorted(book.all(Household), key=lambda h: h.id)
                if h.status == Status.QUARANTINE and book.current_quarantine(h.id) is not None
                and h.phone)


async def test_add_a_log_entry(book_path: Path) -> None:
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "a")
        await type_text(pilot, "Posted notices in unit 2")
        await pilot.press("enter")
        await settle(pilot)
        listing = app.screen.query_one("#log-entries")
        shown = [listing.get_option_at_index(i).prompt for i in range(listing.option_count)]
        assert any("Posted notices in unit 2" in str(prompt) for prompt in shown)
    entries = Book.open(book_path).log_on(TODAY)
    written = [e for e in entries if e.text == "Posted notices in unit 2"]
    assert len(written) == 1 and not written[0].auto


async def test_edit_and_delete_a_log_entry(book_path: Path) -> None:
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "a")
        await type_text(pilot, "first words")
        await pilot.press("enter")
        await settle(pilot)
        listing = app.screen.query_one("#log-entries")
        entry_id = next(e.id for e in app.book.log_on(TODAY) if e.text == "first words")
        listing.highlighted = next(i for i in range(listing.option_count)
                                   if listing.get_option_at_index(i).id == entry_id)
        await pilot.press("e", "ctrl+u")
        await type_text(pilot, "better words")
        await pilot.press("enter")
        await settle(pilot)
        assert app.book.get(LogEntry, entry_id).text == "better words"
        await pilot.press("d", "y")
        await settle(pilot)
    assert Book.open(book_path).get(LogEntry, entry_id) is None


async def test_tick_an_item_and_a_whole_building(book_path: Path) -> None:
    book = Book.open(book_path)
    household = quarantined(book)
    garbage = next(i for i in book.items_on(TODAY)
                   if i.household == household.id and i.kind == ItemKind.GARBAGE)
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_household(pilot, household)
        table = app.screen.query_one("#record-checklist")
        table.move_cursor(row=table.get_row_index(garbage.id))
        await pilot.press("space")
        await settle(pilot)
        assert app.book.get(ChecklistItem, garbage.id).done is not garbage.done
        await pilot.press("space")  # and back
        await settle(pilot)
        assert app.book.get(ChecklistItem, garbage.id).done is garbage.done
        # the whole building: garbage for every household of the first building
        await pilot.press("escape", "k", "enter")
        await settle(pilot)
    book = Book.open(book_path)
    first_building = sorted({h.building for h in book.all(Household)},
                            key=lambda b: b.zfill(4))[0]
    homes = {h.id for h in book.all(Household) if h.building == first_building}
    items = [i for i in book.items_on(TODAY) if i.household in homes and i.kind == ItemKind.GARBAGE]
    assert items and all(i.done for i in items)
    assert any(e.auto and e.text.startswith(f"Building {first_building}")
               for e in book.log_on(TODAY))


async def test_record_a_test(book_path: Path) -> None:
    household = quarantined(Book.open(book_path))
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_household(pilot, household)
        await pilot.press("t")
        await pilot.press("tab", "right")  # everyone (the person first); result -> negative
        await pilot.press("ctrl+s")
        await settle(pilot)
    book = Book.open(book_path)
    tests = [x for x in book.tests_of(household.id) if x.on == TODAY]
    assert tests, "no test was recorded"
    assert (tests[-1].kind.value, tests[-1].result.value) == ("nucleic", "negative")
    assert any(e.auto and e.household == household.id and "test" in e.text
               for e in book.log_on(TODAY))


async def test_start_extend_and_release_a_quarantine(book_path: Path) -> None:
    book = Book.open(book_path)
    household = next(h for h in sorted(book.all(Household), key=lambda h: h.id)
                     if h.status == Status.NORMAL and h.phone)
    app = make_app(book_path)
    new_end = TODAY + timedelta(days=20)
    async with app.run_test(size=SIZE) as pilot:
        await open_household(pilot, household)
        await pilot.press("s", "enter")  # start today, the policy's 14 days
        await settle(pilot)
        quarantine = app.book.current_quarantine(household.id)
        assert quarantine is not None and quarantine.end == TODAY + timedelta(days=14)
        await pilot.press("x", "ctrl+u")
        await type_text(pilot, new_end.isoformat())
        await pilot.press("tab")
        await type_text(pilot, "test came back late")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("r")  # day 1 of 20: an early release, which asks why
        await type_text(pilot, "moved to hospital")
        await pilot.press("enter")
        await settle(pilot)
    book = Book.open(book_path)
    stored = book.require(Quarantine, quarantine.id)
    assert stored.release_reason == "moved to hospital"
    assert stored.end == new_end
    assert stored.changes[-1].reason == "test came back late"
    assert stored.released_on == TODAY
    assert book.require(Household, household.id).status == Status.RELEASED
    auto = [e.text for e in book.log_of(household.id) if e.auto]
    assert any("quarantine started" in text for text in auto)
    assert any("quarantine changed" in text for text in auto)
    assert any("released" in text for text in auto)


async def test_add_an_errand_and_deliver_it(book_path: Path) -> None:
    household = quarantined(Book.open(book_path))
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "a")
        await type_text(pilot, household.phone)
        await pilot.press("tab")
        await type_text(pilot, "rice and eggs")
        await pilot.press("tab")
        await pilot.press("ctrl+u")
        await type_text(pilot, "12.5")
        await pilot.press("ctrl+s")
        await settle(pilot)
        errand = next(e for e in app.book.all(Errand) if e.items == "rice and eggs")
        assert errand.household == household.id and errand.advanced == 1250
        for _ in range(3):
            await pilot.press("n")
            await settle(pilot)
    book = Book.open(book_path)
    assert book.require(Errand, errand.id).status == ErrandStatus.DELIVERED
    assert any(e.auto and "rice and eggs" in e.text for e in book.log_on(TODAY))


async def test_today_enter_opens_the_household(book_path: Path) -> None:
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#today-list")
        row = next(i for i in range(table.row_count)
                   if str(table.coordinate_to_cell_key((i, 0)).row_key.value).startswith("h:"))
        table.move_cursor(row=row)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ == "HouseholdScreen"


async def test_read_only_book_shows_a_banner_and_refuses_writes(book_path: Path) -> None:
    app = make_app(book_path, readonly=True)
    before = book_path.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.query_one("ReadonlyBanner").display
        await pilot.press("2", "a")
        await type_text(pilot, "not kept")
        await pilot.press("enter")
        await settle(pilot)
        assert any("read-only" in message for message in app.notices_shown)
        assert "read-only" in str(app.screen.query_one("NoticeLine").render())
    assert book_path.read_bytes() == before


async def test_another_session_write_is_picked_up(book_path: Path) -> None:
    from store import actions

    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        other = Book.open(book_path)
        actions.add_log(other, "written by another session", on=TODAY, at="11:11")
        app._refresh_from_disk()  # noqa: SLF001 - what the 2-second timer does
        await settle(pilot)
        listing = app.screen.query_one("#log-entries")
        texts = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert any("written by another session" in text for text in texts)


async def test_keys_pressed_quickly_are_written_in_order(book_path: Path) -> None:
    """n pressed three times without waiting: three steps, ending delivered."""
    household = quarantined(Book.open(book_path))
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        errand = app.book.all(Errand)[0]
        from store import actions
        errand = actions.add_errand(app.book, household.id, "soap", errand.due)
        app.screen.show_errand(errand.id)
        await pilot.press("n", "n", "n")
        await settle(pilot)
    assert Book.open(book_path).require(Errand, errand.id).status == ErrandStatus.DELIVERED


async def test_the_book_notices_are_shown_once_on_open(book_path: Path) -> None:
    book_path.chmod(0o644)  # a book others can read: tightened, with a notice
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert len(app.notices_shown) == 1 and str(book_path) in app.notices_shown[0]
        assert app.book.notices == []


async def test_a_failed_save_says_so_keeps_the_edit_and_saves_on_retry(
        book_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import errno

    import store.book.storage

    def disk_full(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")

    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        with monkeypatch.context() as patch:
            patch.setattr(store.book.storage, "atomic_write", disk_full)
            await pilot.press("2", "a")
            await type_text(pilot, "kept in memory")
            await pilot.press("enter")
            await settle(pilot)
            assert app.save_state == "unsaved"
            assert "UNSAVED" in str(app.screen.query_one("BookBar").render())
            assert any("disk is full" in message for message in app.notices_shown)
            assert any(e.text == "kept in memory" for e in app.book.log_on(TODAY))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.save_state == "saved"
    assert any(e.text == "kept in memory" for e in Book.open(book_path).log_on(TODAY))


async def test_quitting_with_an_unsaved_edit_asks_first(book_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import errno

    import store.book.storage
    from screens.confirm import ConfirmScreen

    def disk_full(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")

    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        monkeypatch.setattr(store.book.storage, "atomic_write", disk_full)
        await pilot.press("2", "a")
        await type_text(pilot, "not on disk yet")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen) and app.is_running
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0  # it quit without asking: nothing was unsaved
    assert any(e.text == "not on disk yet" for e in Book.open(book_path).log_on(TODAY))
