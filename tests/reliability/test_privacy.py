"""Guarantee 7: residents' personal data does not leak on a shared server.

Books are 0600 in 0700 folders; a book left readable by others is tightened, with a notice;
temp, lock and error-log files are never readable by others, whatever the umask; a book is
never written through a symlink; reports and exports mask ID and phone numbers unless asked
(`--full`); households released long ago can be purged to a minimal record, and the purge
survives merging a stale copy.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from reliability_kit import ROOT, WORKER, small_book

import store.book.atomic
from store import actions
from store.book.book import Book
from store.book.models import Errand, Household, LogEntry, Person
from store.book.storage import lock_path_for
from store.errors import BookError
from store.office.merge_files import merge_files
from store.office.purge import purge, purge_candidates

NAME, PHONE, ID_NUMBER = "李明", "13912345678", "110101199003074514"
PERSONAL = [NAME.encode(), PHONE.encode(), ID_NUMBER.encode()]


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@pytest.fixture
def open_umask():
    """A careless shared-server umask: everything readable and writable by everyone."""
    old = os.umask(0)
    yield
    os.umask(old)


def test_books_are_private_files_in_private_folders(tmp_path: Path, open_umask) -> None:
    path = tmp_path / "home" / "gridbook" / "w01.json"
    book = Book.create(path, WORKER)
    actions.add_log(book, "an entry")
    assert _mode(path) == 0o600
    assert _mode(path.parent) == 0o700 and _mode(path.parent.parent) == 0o700
    assert _mode(lock_path_for(path)) == 0o600


def test_temp_files_are_private_while_they_exist(book_path: Path, open_umask,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    real_replace = os.replace

    def replace(src, dst):
        seen.append(_mode(Path(src)))
        real_replace(src, dst)
    monkeypatch.setattr(store.book.atomic.os, "replace", replace)
    book = Book.open(book_path)
    actions.add_log(book, "saved through a temp file")
    book.save_copy(book_path.with_name("copy.json"))
    assert seen and all(mode == 0o600 for mode in seen)
    assert _mode(book_path.with_name("copy.json")) == 0o600


def test_a_book_readable_by_others_is_tightened_with_a_notice(book_path: Path) -> None:
    os.chmod(book_path, 0o644)
    book = Book.open(book_path)
    assert _mode(book_path) == 0o600
    notice = next(n for n in book.notices if n.key == "tightened")
    assert "readable by you alone" in notice.sentence()


def test_the_error_log_is_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  open_umask) -> None:
    import tui.cmd_check
    from tui.cli import main

    def boom(_args):
        raise RuntimeError(f"secret {ID_NUMBER}")
    monkeypatch.setattr(tui.cmd_check, "run", boom)
    assert main(["check", str(tmp_path / "x.json")]) == 3
    log = Path(os.environ["XDG_STATE_HOME"]) / "gridbook" / "error.log"
    assert _mode(log) == 0o600 and _mode(log.parent) == 0o700


def test_a_book_is_never_written_through_a_symlink(book_path: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("someone else's file")
    link = book_path.with_name("linked.json")
    link.symlink_to(book_path)
    with pytest.raises(BookError) as raised:
        Book.open(link)
    assert raised.value.key == "symlink"
    dangling = book_path.with_name("dangling.json")
    dangling.symlink_to(tmp_path / "created-through-link.json")
    with pytest.raises(BookError):
        Book.create(dangling, WORKER)
    assert not (tmp_path / "created-through-link.json").exists()
    # the book swapped for a link while open: the save replaces the link, never the target
    book = Book.open(book_path)
    book_path.unlink()
    book_path.symlink_to(victim)
    try:
        actions.add_log(book, "after the swap")
    except BookError:
        pass
    assert victim.read_text() == "someone else's file"
    with pytest.raises(BookError):
        merge_files([book_path.with_name("linked.json")], link)


# reports and exports ----------------------------------------------------------------------------
def _report(book_path: Path, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "tui.cli", "--lang", "en", "report",
                           str(book_path), "--date", "2022-03-12", *args],
                          cwd=ROOT, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode("utf-8-sig")


@pytest.mark.parametrize("form", ["table", "csv", "json"])
def test_reports_mask_id_and_phone_numbers_unless_asked(book_path: Path, form: str) -> None:
    masked = _report(book_path, "--format", form)
    assert NAME in masked  # the line list is there ...
    assert ID_NUMBER not in masked and PHONE not in masked  # ... masked
    full = _report(book_path, "--format", form, "--full")
    assert ID_NUMBER in full and PHONE in full


def test_the_xlsx_export_is_masked(book_path: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "report.xlsx"
    done = subprocess.run([sys.executable, "-m", "tui.cli", "report", str(book_path), "--date",
                           "2022-03-12", "--format", "xlsx", "-o", str(out)], cwd=ROOT,
                          capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    cells = " ".join(str(c.value) for ws in load_workbook(out) for row in ws.iter_rows()
                     for c in row)
    assert NAME in cells and ID_NUMBER not in cells and PHONE not in cells
    assert _mode(out) == 0o600


def test_the_conflict_list_masks_phone_numbers(book_path: Path, tmp_path: Path) -> None:
    """A conflict on a phone number is listed without showing the numbers in full."""
    copy = tmp_path / "copy.json"
    shutil.copyfile(book_path, copy)
    household_id = Book.open(book_path).all(Household)[0].id
    Book.open(book_path).update(Household, household_id, phone="13911112222")
    Book.open(copy).update(Household, household_id, phone="13933334444")
    out = tmp_path / "community.json"
    merge_files([book_path, copy], out)
    listing = _report(out, "--conflicts")
    assert "13911112222" not in listing and "13933334444" not in listing
    assert ID_NUMBER not in _report(out, "--conflicts", "--format", "csv")


# purge -----------------------------------------------------------------------------------------
TODAY = date(2022, 8, 1)


def _released_book(path: Path) -> tuple[Book, str]:
    book = small_book(path)
    household = book.all(Household)[0]
    errand = actions.add_errand(book, household.id, f"给{NAME}买药", due=book.clock.now())
    actions.set_errand_status(book, errand.id, actions.ErrandStatus.DELIVERED,
                              on=date(2022, 3, 15))
    actions.add_log(book, f"{NAME} 情绪稳定，电话 {PHONE}")  # names the resident, no link
    quarantine = book.current_quarantine(household.id)
    actions.change_quarantine_end(book, quarantine.id, date(2022, 3, 26),
                                  f"{NAME} 复检 retest", on=date(2022, 3, 20))
    actions.release(book, household.id, on=date(2022, 3, 26))
    actions.add_household(book, building="9", room="101",
                                  people=(Person(name="赵六"),), phone="13700000000")
    return book, household.id


def _no_personal_data(blob: bytes) -> list[bytes]:
    return [word for word in PERSONAL if word in blob]


def test_purge_reduces_a_household_to_a_minimal_record(tmp_path: Path) -> None:
    path = tmp_path / "w01.json"
    book, household_id = _released_book(path)
    assert _no_personal_data(path.read_bytes())  # it was there
    assert [h.id for h in purge_candidates(book, TODAY, 90)] == [household_id]
    assert purge_candidates(book, date(2022, 4, 1), 90) == []  # not long enough ago
    result = purge(book, purge_candidates(book, TODAY, 90))
    household = Book.open(path).require(Household, household_id)
    assert household.purged and household.people == () and household.phone == ""
    assert household.address == "3栋2单元501" and household.status == "released"
    assert result.records >= 4
    visible = " ".join(e.text for e in Book.open(path).all(LogEntry))
    assert NAME not in visible
    assert all(NAME not in e.items for e in Book.open(path).all(Errand))
    # nothing personal is left anywhere in the file, in any value of any field
    assert _no_personal_data(path.read_bytes()) == []
    assert b"13700000000" in path.read_bytes()  # other households untouched
    assert purge_candidates(Book.open(path), TODAY, 90) == []


def test_the_purge_survives_merging_a_stale_copy(tmp_path: Path) -> None:
    path = tmp_path / "w01.json"
    book, _ = _released_book(path)
    stale = tmp_path / "usb" / "w01-old.json"
    stale.parent.mkdir()
    shutil.copyfile(path, stale)  # a copy made before the purge, on a USB stick
    purge(book, purge_candidates(book, TODAY, 90))
    for order in ([path, stale], [stale, path]):
        out = tmp_path / f"community-{order[0].name}"
        merge_files(order, out)
        assert _no_personal_data(out.read_bytes()) == [], order
    # merging the stale copy back into the purged book itself
    merge_files([path, stale], path)
    assert _no_personal_data(path.read_bytes()) == []
    # and the in-memory join of an open book with the stale file on disk
    reopened = Book.open(path)
    shutil.copyfile(stale, path)
    reopened.refresh()
    actions.add_log(reopened, "after")
    assert _no_personal_data(path.read_bytes()) == []


def test_personal_data_written_concurrently_is_purged_by_the_next_run(tmp_path: Path) -> None:
    path = tmp_path / "w01.json"
    book, household_id = _released_book(path)
    laptop = tmp_path / "laptop.json"
    shutil.copyfile(path, laptop)
    purge(book, purge_candidates(book, TODAY, 90))
    # meanwhile, on a copy that never saw the purge, someone types the phone again
    Book.open(laptop).update(Household, household_id, phone=PHONE)
    merge_files([path, laptop], path)
    assert PHONE.encode() in path.read_bytes()  # it came back as a conflict ...
    again = Book.open(path)
    assert [h.id for h in purge_candidates(again, TODAY, 90)] == [household_id]
    purge(again, purge_candidates(again, TODAY, 90))  # ... and the next run removes it
    assert PHONE.encode() not in path.read_bytes()


def test_gridbook_purge_command(tmp_path: Path) -> None:
    path = tmp_path / "w01.json"
    _released_book(path)
    before = path.read_bytes()

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "tui.cli", "--lang", "en", "purge",
                               str(path), "--date", TODAY.isoformat(), *args], cwd=ROOT,
                              capture_output=True, text=True, timeout=60)
    dry = run("--dry-run")
    assert dry.returncode == 0 and "Would purge" in dry.stdout and "3栋2单元501" in dry.stdout
    assert path.read_bytes() == before
    done = run("--days", "90")
    assert done.returncode == 0, done.stderr
    assert "Purged the personal details of 1 household " in done.stdout
    assert _no_personal_data(path.read_bytes()) == []
    assert "nothing to purge" in run().stdout
    bad = run("--days", "lots")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_temp_copies_left_by_a_killed_save_are_removed(book_path: Path) -> None:
    """A killed save leaves a private temp copy of the book (personal data and all) that
    no purge would reach: the next session removes it; a save in progress is left alone."""
    import time

    stale = book_path.with_name(f".{book_path.name}.abc123.tmp")
    fresh = book_path.with_name(f".{book_path.name}.def456.tmp")
    other = book_path.with_name(".someone-else.json.x.tmp")
    for path in (stale, fresh, other):
        path.write_bytes(book_path.read_bytes())
    an_hour_ago = time.time() - 3600
    os.utime(stale, (an_hour_ago, an_hour_ago))
    os.utime(other, (an_hour_ago, an_hour_ago))
    Book.open(book_path, readonly=True)
    assert stale.exists()  # reading never deletes anything
    Book.open(book_path)
    assert not stale.exists() and fresh.exists() and other.exists()


def test_the_purge_leaves_nothing_personal_in_the_values_kept_for_earlier_days(
        tmp_path: Path) -> None:
    """Values replaced on a later day are kept for the reports of earlier days (store.book.crdt
    `past`); a purge removes those too, and a stale copy holding them brings none back."""
    from datetime import datetime, time

    from store.book.clock import FixedClock

    path = tmp_path / "w01.json"
    book, household_id = _released_book(path)  # written on 2022-03-10 (its book's clock)
    assert isinstance(book.clock, FixedClock)
    book.clock.set(datetime(2022, 3, 27, 10))
    book.update(Household, household_id, phone="13800000000",
                people=(Person(name="改名"),))
    assert b'"past"' in path.read_bytes() and _no_personal_data(path.read_bytes())
    stale = tmp_path / "usb" / "w01-old.json"
    stale.parent.mkdir()
    shutil.copyfile(path, stale)
    book.clock.set(datetime.combine(TODAY, time(10)))
    purge(book, purge_candidates(book, TODAY, 90))
    assert _no_personal_data(path.read_bytes()) == []
    assert b"13800000000" not in path.read_bytes()
    for order in ([path, stale], [stale, path]):
        out = tmp_path / f"community-{order[0].name}"
        merge_files(order, out)
        assert _no_personal_data(out.read_bytes()) == [], order
        assert b"13800000000" not in out.read_bytes()
    assert purge_candidates(Book.open(path), TODAY, 90) == []
