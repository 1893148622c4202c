"""What a worker ran into when using the app in tmux, each checked by keys on the real app.

A household chosen before a form opens stays chosen; "+7" on a release day extends it; the
match Enter will take is the one marked; the footer shows whole keys with quit and the
palette on every screen; the palette speaks the worker's language; another process's
write appears through the app's own timer.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from tui_helpers import TODAY, make_app, screen_lines, settle, type_text

from screens.strings import t
from screens.widgets import described
from store import actions
from store.book.book import Book
from store.book.clock import FixedClock
from store.book.fileformat import dumps, join_books, parse
from store.book.models import Errand, Household, LogEntry, Quarantine, Status

SIZE = (80, 24)


def quarantined(book: Book) -> Household:
    return next(h for h in sorted(book.all(Household), key=lambda h: h.id)
                if h.status == Status.QUARANTINE and book.current_quarantine(h.id) is not None
                and h.phone)


async def open_household(pilot, household: Household) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("3", "slash")
    await type_text(pilot, household.phone)
    await pilot.press("enter", "enter")
    await pilot.pause()


async def test_an_errand_added_from_a_household_record_is_for_that_household(
        book_path: Path) -> None:
    household = quarantined(Book.open(book_path))
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_household(pilot, household)
        await pilot.press("o")
        await pilot.pause()
        await type_text(pilot, "medicine")
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "HouseholdScreen"  # the form closed
    errands = [e for e in Book.open(book_path).all(Errand) if e.items == "medicine"]
    assert [e.household for e in errands] == [household.id]


async def test_editing_a_log_entry_keeps_its_household(book_path: Path) -> None:
    book = Book.open(book_path)
    household = quarantined(book)
    entry = actions.add_log(book, "asked about food", on=TODAY, at="09:00",
                            household=household.id)
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        listing = app.screen.query_one("#log-entries")
        listing.highlighted = next(i for i in range(listing.option_count)
                                   if listing.get_option_at_index(i).id == entry.id)
        await pilot.press("e", "end")
        await type_text(pilot, ", all fine")
        await pilot.press("enter")
        await settle(pilot)
    stored = Book.open(book_path).require(LogEntry, entry.id)
    assert (stored.text, stored.household) == ("asked about food, all fine", household.id)


async def test_plus_seven_extends_the_release_day_by_a_week(book_path: Path) -> None:
    household = quarantined(Book.open(book_path))
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_household(pilot, household)
        old_end = app.book.current_quarantine(household.id).end
        await pilot.press("x", "ctrl+u")
        await type_text(pilot, "+7")
        await pilot.press("tab")
        await type_text(pilot, "contact tested positive")
        await pilot.press("enter")
        await settle(pilot)
        quarantine_id = app.book.current_quarantine(household.id).id
    assert Book.open(book_path).require(Quarantine, quarantine_id).end == \
        old_end + timedelta(days=7)


async def test_down_in_the_household_field_moves_the_marked_match(book_path: Path) -> None:
    book = Book.open(book_path)
    building = sorted(book.all(Household), key=lambda h: h.id)[0].building
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "a")
        await type_text(pilot, f"{building}-")
        await pilot.pause()
        matches = app.screen.query_one("#picker-matches")
        assert matches.option_count >= 2
        await pilot.press("down")
        await pilot.pause()
        second = matches.get_option_at_index(1).id
        assert matches.highlighted == 1
        shown = [line.strip(" │") for line in screen_lines(app)]
        marked = [line for line in shown if line.startswith("> ")]
        assert len(marked) == 1 and matches.get_option_at_index(1).id == second  # one mark
        household = Book.open(book_path).require(Household, second)
        assert marked[0].startswith(f"> {household.address}")  # on the match Enter takes
        await pilot.press("tab")  # straight to the items: the matches are not a Tab stop
        await type_text(pilot, "bread")
        await pilot.press("ctrl+s")
        await settle(pilot)
    errand = next(e for e in Book.open(book_path).all(Errand) if e.items == "bread")
    assert errand.household == second


@pytest.mark.parametrize("language", ["zh", "en"])
async def test_the_footer_shows_whole_keys_with_quit_and_the_palette(
        book_path: Path, language: str) -> None:
    app = make_app(book_path, language)
    async with app.run_test(size=SIZE) as pilot:
        descriptions = {t("palette")} | {t(f"k_{m}") for m in
                                         ("today", "log", "households", "errands", "places")}
        for keys in (["1"], ["2"], ["3"], ["enter"], ["escape", "4"]):
            await pilot.press(*keys)
            await pilot.pause()
            descriptions |= {described(active.binding)
                             for active in app.screen.active_bindings.values()}
            # The footer's first line (a second holds the keys that do not fit on it, a third the screens).
            footer = next(line for line in screen_lines(app)[-3:]
                          if line.startswith("f1")).rstrip()
            assert f"^q {t('k_quit')}" in footer and f"^p {t('palette')}" in footer, footer
            assert footer.startswith(f"f1 {t('k_help')}"), footer
            assert any(footer.endswith(d) for d in descriptions), footer  # no key cut


async def test_the_palette_speaks_the_workers_language(book_path: Path) -> None:
    app = make_app(book_path, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert "Search for commands" not in text and "搜索命令" in text
        await type_text(pilot, "theme")
        await pilot.pause(0.3)
        text = "\n".join(screen_lines(app))
        assert "Theme" not in text and "No matches" not in text and "没有" in text


async def test_another_process_write_appears_by_the_timer(book_path: Path) -> None:
    """The app's own 2-second timer (not a direct call) picks up a write made by another
    process on the same file, and the open screen shows it."""
    from tui.app import GridbookApp

    app = GridbookApp(Book.open(book_path, clock=FixedClock.on(TODAY)))  # the real timer
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        subprocess.run([sys.executable, "-c", (
            "import sys, datetime; from store.book.book import Book; from store import actions; "
            "actions.add_log(Book.open(sys.argv[1]), 'written elsewhere', "
            "on=datetime.date(2022, 3, 21), at='11:11')"), str(book_path)],
            check=True, cwd=Path(__file__).resolve().parents[2])
        for _ in range(60):
            await pilot.pause(0.1)
            if any("written elsewhere" in line for line in screen_lines(app)):
                break
        assert any("written elsewhere" in line for line in screen_lines(app))


@pytest.mark.parametrize("language", ["zh", "en"])
async def test_the_conflicts_view_names_the_field_and_shows_how_to_settle(
        book_path: Path, tmp_path: Path, language: str) -> None:
    copy = tmp_path / "copy.json"
    shutil.copyfile(book_path, copy)
    first, second = Book.open(book_path), Book.open(copy)
    household = sorted(first.all(Household), key=lambda h: h.id)[0]
    first.update(Household, household.id, note="from laptop A")
    second.update(Household, household.id, note="from laptop B")
    community = tmp_path / "community.json"
    community.write_bytes(dumps(join_books(parse(book_path.read_bytes(), book_path),
                                           parse(copy.read_bytes(), copy))))
    app = make_app(community, language)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        lines = screen_lines(app)
        row = next(line for line in lines if household.head in line)
        assert t("f_note") in row and " note " not in row
        assert f"⏎ {t('k_settle')}" in lines[-1]  # the footer says how to settle one
        await pilot.press("enter")
        await pilot.pause()
        assert any(t("f_note") in line for line in screen_lines(app))  # the picker's title
        assert any(t("candidates_keys") in line for line in screen_lines(app))
        await pilot.press("enter")
        await settle(pilot)
    assert not [c for c in Book.open(community).conflicts() if c.field == "note"]


async def test_the_errand_queue_shows_whole_states_and_says_what_marks_and_pages_mean(
        book_path: Path) -> None:
    book = Book.open(book_path)
    household = quarantined(book)
    actions.add_errand(book, household.id, "late milk", datetime(2022, 3, 20, 9, 0), 500)
    app = make_app(book_path, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        lines = screen_lines(app)
        row = next(line for line in lines if "late milk" in line)
        assert row.split()[1] == "!requested"  # not cut to "!requeste" (after the short id)
        assert "[ ]" in lines[1] and "!overdue" in lines[1]


async def test_a_narrow_form_leaves_the_other_forms_their_width(book_path: Path) -> None:
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "a")
        await pilot.pause()
        wide = app.screen.query_one("#form").outer_size.width
        await pilot.press("escape", "2", "g")  # the one-field date form is narrow
        await pilot.pause()
        assert app.screen.query_one("#form").outer_size.width < wide
        await pilot.press("escape", "3", "a")
        await pilot.pause()
        assert app.screen.query_one("#form").outer_size.width == wide


async def test_a_form_says_its_keys_and_the_date_form_goes_rather_than_saves(
        book_path: Path) -> None:
    app = make_app(book_path, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "a")
        await pilot.pause()
        assert any("Tab 下一项   Enter 保存   Esc 取消" in line for line in screen_lines(app))
        await pilot.press("escape", "g")
        await pilot.pause()
        assert any("Enter 转到" in line for line in screen_lines(app))
        assert str(app.screen.query_one("#form-save").label) == "转到"


@pytest.mark.parametrize("language", ["zh", "en"])
async def test_the_household_search_hint_is_not_cut(book_path: Path, language: str) -> None:
    app = make_app(book_path, language)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert t("search_hint") in screen_lines(app)[1]


async def test_square_brackets_typed_by_a_worker_never_crash_a_question_or_a_problem(
        book_path: Path) -> None:
    """Text with "[/]" in it is shown as typed (it was read as markup: a Textual error)."""
    book = Book.open(book_path)
    entry = actions.add_log(book, "called [/] back [b]", on=TODAY, at="07:00")
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        listing = app.screen.query_one("#log-entries")
        listing.highlighted = next(i for i in range(listing.option_count)
                                   if listing.get_option_at_index(i).id == entry.id)
        await pilot.press("d")
        await pilot.pause()
        assert any("called [/] back" in line for line in screen_lines(app))
        await pilot.press("n", "a", "shift+tab", "ctrl+u")  # the new entry's time
        await type_text(pilot, "[/]")
        await pilot.press("enter")
        await pilot.pause()
        assert any("“[/]”" in line or '"[/]"' in line for line in screen_lines(app))
        await pilot.press("escape", "y", "d", "y")  # Escape asks first: something was typed
        await settle(pilot)
    assert app.return_code in (None, 0)
    assert Book.open(book_path).get(LogEntry, entry.id) is None


async def test_money_paid_back_is_recorded_with_a_key_and_leaves_the_unpaid_total(
        book_path: Path) -> None:
    book = Book.open(book_path)
    household = quarantined(book)
    errand = actions.add_errand(book, household.id, "paid milk", datetime(2022, 3, 20, 9, 0),
                                1234)
    app = make_app(book_path, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        before = next(line for line in screen_lines(app) if "not repaid" in line)
        app.screen.show_errand(errand.id)
        await pilot.press("p", "y")
        await settle(pilot)
        lines = screen_lines(app)
        assert "¥12.34✓" in next(line for line in lines if "paid milk" in line)
        after = next(line for line in lines if "not repaid" in line)
        assert after != before
    assert Book.open(book_path).require(Errand, errand.id).repaid == 1234


async def test_the_palette_has_the_keys_the_footer_leaves_out(book_path: Path) -> None:
    app = make_app(book_path, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "ctrl+p")
        await type_text(pilot, "打开住户")
        await pilot.pause(0.3)
        assert any("按键 h" in line for line in screen_lines(app))  # under the command
        await pilot.press("ctrl+u")
        await type_text(pilot, "下一页")
        await pilot.pause(0.3)
        assert any("下一页 (代买代送)" in line for line in screen_lines(app))


async def test_help_says_how_to_see_the_keys_below_the_fold(book_path: Path) -> None:
    app = make_app(book_path, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert not any("Household record" in line for line in screen_lines(app))
        assert any("PgDn" in line for line in screen_lines(app))
        for _ in range(3):
            await pilot.press("pagedown")
        await pilot.pause()
        assert any("Household record" in line for line in screen_lines(app))


@pytest.mark.parametrize("language", ["zh", "en"])
async def test_today_shows_enter_in_the_footer_and_it_opens(book_path: Path,
                                                           language: str) -> None:
    app = make_app(book_path, language)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert f"⏎ {t('k_open')}" in " ".join(screen_lines(app)[-3:])  # the footer, up to three lines
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ in {"HouseholdScreen", "ErrandsScreen"}


async def test_a_new_log_entry_gets_the_cursor_so_e_edits_it(book_path: Path) -> None:
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "a")
        await type_text(pilot, "first try")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("e", "ctrl+u")
        await type_text(pilot, "second try")
        await pilot.press("enter")
        await settle(pilot)
    texts = [e.text for e in Book.open(book_path).log_on(TODAY)]
    assert "second try" in texts and "first try" not in texts


async def test_the_palette_lists_this_screens_actions_first(book_path: Path) -> None:
    household = quarantined(Book.open(book_path))
    app = make_app(book_path, "en")
    async with app.run_test(size=SIZE) as pilot:
        await open_household(pilot, household)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        lines = [line.strip(" ▃▄▅▆▇█") for line in screen_lines(app)]
        search = next(i for i, line in enumerate(lines) if t("cmd_search_hint") in line)
        first = next(line for line in lines[search + 1:] if line)
        assert first == t("k_back")  # the record's own keys, before "Go to: Today"


async def test_text_too_long_for_the_book_keeps_the_form_open_with_the_text(
        book_path: Path) -> None:
    """Said in the form before it closes: a write failing later lost everything typed."""
    long_text = "x" * 2001
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "a")
        app.screen.query_one("#text").value = long_text  # as a paste would
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "LogEntryForm"
        assert app.screen.query_one("#text").value == long_text
        assert "2000" in str(app.screen.query_one("#form-problem").render())
    assert long_text not in [e.text for e in Book.open(book_path).log_on(TODAY)]


async def test_a_release_day_before_the_start_is_said_in_the_open_form(book_path: Path) -> None:
    household = quarantined(Book.open(book_path))
    app = make_app(book_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_household(pilot, household)
        await pilot.press("x", "ctrl+u")
        await type_text(pilot, "-30")
        await pilot.press("tab")
        await type_text(pilot, "typed with care")
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "ChangeEndForm"
        assert app.screen.query_one("#reason").value == "typed with care"


async def test_a_key_with_nothing_to_do_says_why(book_path: Path) -> None:
    book = Book.open(book_path)
    released = next(h for h in sorted(book.all(Household), key=lambda h: h.id)
                    if h.status == Status.RELEASED and h.phone)
    done = next(e for e in book.all(Errand) if not e.open)
    app = make_app(book_path, "en")
    async with app.run_test(size=SIZE) as pilot:
        await open_household(pilot, released)
        await pilot.press("r")
        await pilot.pause()
        assert t("already_released") in app.notices_shown
        await pilot.press("escape", "4")
        app.screen.show_errand(done.id)
        await pilot.press("n")
        await pilot.pause()
        assert t("errand_closed") in app.notices_shown
