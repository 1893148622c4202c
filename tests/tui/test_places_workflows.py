"""Pilot tests of places and rounds (issue 15), asserted on the book reopened from disk.

Register a place (typed key by key, and the whole form in one burst), inspect it with a
failed check and follow it up until it passes, and tick a building's round on Today (taken
back first, then ticked, the key pressed twice in a burst), in English and in Chinese.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import TODAY, make_app, screen_lines, settle, type_text

from store import places
from store.book.book import Book
from store.book.models import Category, LogEntry, Place, PlaceKind, RoundItem, RoundKind

SIZE = (80, 24)


def auto_entries(book: Book, event: str) -> list[LogEntry]:
    return [e for e in book.log_on(TODAY) if e.auto and e.event == event]


@pytest.mark.parametrize("burst", [False, True])
async def test_register_a_place(book_path: Path, burst: bool) -> None:
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "a")
        await pilot.pause()
        if burst:  # a slow SSH link delivers the whole form at once
            await pilot.press(*"Corner shop", "tab", "right", "right", "tab", *"No.5",
                              "tab", *"Li", "tab", *"13800000000", "tab", "right", "enter")
        else:
            await type_text(pilot, "Corner shop")
            await pilot.press("tab", "right", "right", "tab")  # kind: shop -> pharmacy
            await type_text(pilot, "No.5")
            await pilot.press("tab")
            await type_text(pilot, "Li")
            await pilot.press("tab")
            await type_text(pilot, "13800000000")
            await pilot.press("tab", "right", "enter")  # state: open -> limited
        await settle(pilot)
        assert any("Corner shop" in line for line in screen_lines(app))
    book = Book.open(book_path)
    made = [p for p in book.all(Place) if p.name == "Corner shop"]
    assert len(made) == 1
    place = made[0]
    assert (place.kind, place.address, place.keeper, place.phone, place.state.value) == \
        (PlaceKind.PHARMACY, "No.5", "Li", "13800000000", "limited")
    assert place.since == TODAY and place.state_on(TODAY).value == "limited"
    entries = auto_entries(book, "place_registered")
    assert [e.category for e in entries if e.params["place"] == "Corner shop"] == \
        [Category.SCREENING]


async def _register(pilot, name: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("5", "a")
    await type_text(pilot, name)
    await pilot.press("enter")
    await settle(pilot)


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_inspect_with_a_failed_check_then_follow_it_up(book_path: Path,
                                                             language: str) -> None:
    app = make_app(book_path, language)
    async with app.run_test(size=SIZE) as pilot:
        await _register(pilot, "Newshop")  # a shop: scan station, limit, temperature, ...
        place = next(p for p in app.book.all(Place) if p.name == "Newshop")
        await pilot.press("i")  # the cursor is on the new place
        await pilot.pause()
        await pilot.press("right", "tab")  # scan station: failed; then its note
        await type_text(pilot, "nobody at the scan station")
        await pilot.press("enter")
        await settle(pilot)
    book = Book.open(book_path)
    [first] = places.inspections_of(book, place.id)
    assert not first.checks["scan_station"].passed
    assert first.checks["scan_station"].note == "nobody at the scan station"
    assert all(r.passed for c, r in first.checks.items() if c != "scan_station")
    assert set(first.checks) == set(places.checks_of(book, book.require(Place, place.id)))
    assert [c.check for c in places.open_checks(book, place.id, TODAY)] == ["scan_station"]
    assert [e.category for e in auto_entries(book, "place_inspected")
            if e.params["place"] == "Newshop"] == [Category.SCREENING]

    app = make_app(book_path, language)  # the next session: follow it up from the record
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        table = app.screen.query_one("#places-list")
        table.move_cursor(row=table.get_row_index(place.id))
        await pilot.press("enter")
        await pilot.pause()
        assert any("nobody at the scan station" in line for line in screen_lines(app))
        await pilot.press("f")
        await pilot.pause()
        form_lines = "\n".join(screen_lines(app))
        assert "nobody at the scan" in form_lines  # what failed last time, as a hint
        await pilot.press("enter")  # now passed
        await settle(pilot)
    book = Book.open(book_path)
    history = places.inspections_of(book, place.id)
    assert len(history) == 2
    assert history[1].follows == first.id and list(history[1].checks) == ["scan_station"]
    assert history[1].checks["scan_station"].passed
    assert places.open_checks(book, place.id, TODAY) == []
    assert len([e for e in auto_entries(book, "place_put_right")
                if e.params["place"] == "Newshop"]) == 1


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_tick_a_buildings_round_on_today(book_path: Path, language: str) -> None:
    book = Book.open(book_path)
    areas = places.round_areas(book, TODAY)
    group = next(a.group for a in areas if a.group.startswith("b:"))
    building = group[2:]
    units = sorted(a.unit for a in areas if a.group == group)
    assert units  # the seeded grid's first building and its units
    app = make_app(book_path, language)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#today-list")
        table.move_cursor(row=table.get_row_index("g:" + group))
        await pilot.press("x")  # take it back first (whatever the seed left)
        await settle(pilot)
        reopened = Book.open(book_path)
        assert not any(i.done for i in reopened.all(RoundItem) if i.area == building
                       and i.on == TODAY and i.kind == RoundKind.DISINFECT)
        table = app.screen.query_one("#today-list")
        table.move_cursor(row=table.get_row_index("g:" + group))
        await pilot.press("d", "d")  # one action; the second press changes nothing
        await settle(pilot)
        assert any(("✓" in line and (f"{building}栋" in line or f"Bldg {building}" in line))
                   for line in screen_lines(app))
    book = Book.open(book_path)
    ticked = [i for i in book.all(RoundItem) if i.area == building and i.on == TODAY
              and i.kind == RoundKind.DISINFECT]
    assert sorted(i.unit for i in ticked if i.done) == units
    assert {i.id for i in ticked} == {places.round_id(building, u, RoundKind.DISINFECT, TODAY)
                                      for u in units}
    [shown] = [g for g in places.round_groups(book, TODAY) if g.group == group]
    assert shown.done
    entries = auto_entries(book, "round_done_building")
    assert [(e.category, e.params["where"]) for e in entries if e.params["where"] == building] \
        == [(Category.PROTECTION, building)]


async def test_places_screen_fits_in_both_languages(book_path: Path) -> None:
    from rich.cells import cell_len

    for language in ("zh", "en"):
        app = make_app(book_path, language)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("5")
            await pilot.pause()
            lines = screen_lines(app)
            assert all(cell_len(line) <= 80 for line in lines)
            assert ("5场所" in lines[0]) if language == "zh" else ("5Places" in lines[0])
            assert any(("超市" in line) for line in lines)
            await pilot.press("f1")
            await pilot.pause()
            helptext = "\n".join(screen_lines(app))
            assert ("排查" in helptext) if language == "zh" else ("Inspect" in helptext)


async def test_correct_a_place_typed_wrong_and_reach_places_from_the_palette(
        book_path: Path) -> None:
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await type_text(pilot, "Go to: Places")
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "places"
        await _register(pilot, "Lucky Mrat")
        place = next(p for p in app.book.all(Place) if p.name == "Lucky Mrat")
        await pilot.press("enter", "e", "ctrl+u")
        await type_text(pilot, "Lucky Mart")
        await pilot.press("enter")
        await settle(pilot)
    book = Book.open(book_path)
    fixed = book.require(Place, place.id)
    assert fixed.name == "Lucky Mart" and fixed.kind == PlaceKind.SHOP
    raw = book.raw_record(Place.TABLE, place.id)
    assert raw is not None and set(raw["fields"]["name"][0][:1]) == {"Lucky Mart"}


async def test_delete_a_place_registered_by_mistake(book_path: Path) -> None:
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await _register(pilot, "Wrong one")
        place = next(p for p in app.book.all(Place) if p.name == "Wrong one")
        await pilot.press("enter", "d", "n")  # asked, and kept
        await settle(pilot)
        assert app.book.get(Place, place.id) is not None
        await pilot.press("d", "y")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "PlacesScreen"
    assert Book.open(book_path).get(Place, place.id) is None
