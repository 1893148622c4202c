"""Guarantee 5 for the TUI: `gridbook --data FILE` on a broken or foreign file.

A file the book refuses gets one sentence and exit 1 before any screen is drawn; a file that
opens with records set aside (or read-only) is shown: every screen opens, the notices are
sentences, and the file stays byte for byte as it was.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from badfiles import corpus, place_special
from reliability_kit import ROOT, small_book

from store.book.book import Book
from store.book.clock import FixedClock
from store.errors import BookError

REFUSED = ["empty", "gbk_encoded", "utf8_bom", "newer_schema", "truncated_at_50pc",
           "json_a_list", "random_bytes_4096", "nul_bytes"]
OPENS = ["record_is_a_list", "people_is_a_string", "date_is_nonsense", "huge_text",
         "deep_nesting_in_a_value", "many_conflicting_values", "control_characters",
         "household_reference_dangling", "all_households_deleted", "clock_far_future"]


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    real = small_book(tmp_path_factory.mktemp("real") / "w01.json").path.read_bytes()
    return corpus(real)


def _write(folder: Path, blob: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "book.json"
    path.write_bytes(blob)
    os.chmod(path, 0o600)
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_refused_files_get_one_sentence_from_the_tui_command(broken: dict[str, bytes],
                                                             tmp_path: Path) -> None:
    cases = {name: _write(tmp_path / name, broken[name]) for name in REFUSED}
    link = tmp_path / "linked" / "book.json"
    link.parent.mkdir()
    place_special("symlink_to_valid_book", link, broken["crlf_and_indent"])
    cases["symlink"] = link
    for name, path in cases.items():
        before = path.read_bytes() if not path.is_symlink() else os.readlink(path)
        done = subprocess.run([sys.executable, "-m", "tui.cli", "--lang", "zh", "--data",
                               str(path)], cwd=ROOT, capture_output=True, text=True,
                              timeout=60, stdin=subprocess.DEVNULL)
        assert done.returncode == 1, (name, done.returncode, done.stderr[-500:])
        assert len(done.stderr.strip().splitlines()) == 1, (name, done.stderr)
        assert "Traceback" not in done.stderr and str(path) in done.stderr, name
        after = path.read_bytes() if not path.is_symlink() else os.readlink(path)
        assert after == before, name


@pytest.mark.parametrize("name", OPENS)
async def test_damaged_books_that_open_show_every_screen(broken: dict[str, bytes],
                                                         tmp_path: Path, name: str) -> None:
    from tui.app import GridbookApp

    path = _write(tmp_path / name, broken[name])
    before = _digest(path)
    try:
        book = Book.open(path, clock=FixedClock.on(date(2022, 3, 12)))
    except BookError:
        pytest.fail(f"{name} was expected to open")
    for notice in book.notices:
        assert "Traceback" not in notice.sentence()
    app = GridbookApp(book, refresh_seconds=None)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("1", "2", "3", "4", "f1", "escape", "f6", "escape", "1"):
            await pilot.press(key)
            await pilot.pause()
        assert app.return_code is None  # still running: nothing crashed it
    assert _digest(path) == before
