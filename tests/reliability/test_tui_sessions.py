"""Guarantees 1-4 for the real TUI: `gridbook --data FILE` in tmux at 80x24, driven by keys.

- killed with SIGKILL just after (or while) saving an entry: every entry the screen showed
  as saved is on disk, and the next session opens (a killed session's lock blocks no one);
- SIGTERM, SIGHUP, and the terminal going away (an SSH drop) in the middle of typing: every
  confirmed entry is on disk, the app exits by itself with no traceback;
- a quick capture from a shell while the TUI is open appears in the TUI without a restart;
- an edit whose save failed (a disk remounted read-only) is not lost when the app is ended:
  it is written to a private rescue copy and the sentence says how to merge it back.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from reliability_kit import ROOT, small_book
from tmux_driver import HAVE_TMUX, TuiInTmux

from store.book.book import Book
from store.book.models import LogEntry


@pytest.fixture(autouse=True)
def _tmux_is_installed() -> None:
    if not HAVE_TMUX:
        pytest.fail("tmux is not installed: these guarantees cannot be checked (.ci/run "
                    "installs it; install it for a local run)")


def _texts(path: Path) -> set[str]:
    return {entry.text for entry in Book.open(path, readonly=True).all(LogEntry)}


@pytest.fixture
def tui_book(tmp_path: Path) -> Path:
    path = tmp_path / "books" / "w01.json"
    small_book(path)
    return path


def _gone(pid: int, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def test_a_killed_tui_keeps_every_entry_it_showed_as_saved(tui_book: Path, tmp_path: Path) -> None:
    rng = random.Random(4)
    saved: set[str] = set()
    for round_no in range(4):
        tui = TuiInTmux(tui_book, tmp_path)
        try:
            tui.wait_for("[1Today]")
            text = f"tui round {round_no}"
            tui.add_log_entry(text)
            saved.add(text)
            pid = tui.app_pid()
            if rng.random() < 0.5:  # also kill one in the middle of the next save
                tui.keys("a")
                tui.wait_for("New log entry")
                tui.type(f"unconfirmed {round_no}")
                tui.wait_for(f"unconfirmed {round_no}")
                tui.keys("Enter")
                time.sleep(rng.uniform(0.0, 0.05))
            os.kill(pid, signal.SIGKILL)
            assert _gone(pid)
        finally:
            tui.close()
        assert saved <= _texts(tui_book)


@pytest.mark.parametrize("how", ["SIGTERM", "SIGHUP", "terminal gone"])
def test_the_tui_leaves_cleanly_when_the_link_drops(tui_book: Path, tmp_path: Path, how: str) -> None:
    tui = TuiInTmux(tui_book, tmp_path)
    try:
        tui.wait_for("[1Today]")
        tui.add_log_entry("confirmed before the drop")
        tui.keys("a")
        tui.wait_for("New log entry")
        tui.type("half typed when the link dropped")
        tui.wait_for("half typed")
        pid = tui.app_pid()
        if how == "terminal gone":
            tui.hang_up()
        else:
            os.kill(pid, getattr(signal, how))
        assert _gone(pid), "the app did not exit"
        if how != "terminal gone":
            assert tui.exit_status() == 128 + getattr(signal, how)
            after = tui.after_exit()
            assert "Traceback" not in after and "Error" not in after, after
            assert "New log entry" not in after, "the terminal was not restored"
    finally:
        tui.close()
    assert "confirmed before the drop" in _texts(tui_book)
    log = Path(os.environ["XDG_STATE_HOME"]) / "gridbook" / "error.log"
    assert not log.exists(), log.read_text()


def test_the_open_tui_shows_a_quick_capture_without_a_restart(tui_book: Path,
                                                               tmp_path: Path) -> None:
    tui = TuiInTmux(tui_book, tmp_path)
    try:
        tui.wait_for("[1Today]")
        tui.keys("2")
        tui.wait_for("[2Log]")
        done = subprocess.run([sys.executable, "-m", "tui.cli", "log", "add",
                               "captured from the shell", "--data", str(tui_book)],
                              cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        tui.wait_for_entry("captured from the shell", timeout=15)
        tui.add_log_entry("typed in the tui afterwards")
    finally:
        tui.close()
    assert {"captured from the shell", "typed in the tui afterwards"} <= _texts(tui_book)


@pytest.fixture
def tiny_disk() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="gridbook-tui-disk-"))
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(folder)],
                      capture_output=True).returncode != 0:
        folder.rmdir()
        pytest.fail("cannot mount a tmpfs here: this test needs root (as on CI) to make a "
                    "real full disk")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)
        folder.rmdir()


def test_an_unsaved_edit_is_rescued_when_the_tui_is_ended(tiny_disk: Path, tmp_path: Path) -> None:
    book = tiny_disk / "w01.json"
    small_book(book)
    tui = TuiInTmux(book, tmp_path)
    try:
        tui.wait_for("[1Today]")
        subprocess.run(["mount", "-o", "remount,ro", str(tiny_disk)], check=True)
        tui.add_log_entry("written while the disk was read-only", wait_saved=False)
        tui.wait_for("UNSAVED")
        os.kill(tui.app_pid(), signal.SIGTERM)
        assert tui.exit_status() == 128 + signal.SIGTERM
        after = tui.after_exit()
        assert "the unsaved changes were saved to" in after and "gridbook merge" in after, after
    finally:
        tui.close()
        subprocess.run(["mount", "-o", "remount,rw", str(tiny_disk)], check=True)
    assert "written while the disk was read-only" not in _texts(book)
    rescued = list((Path(os.environ["XDG_DATA_HOME"]) / "gridbook" / "rescued").glob("*.json"))
    assert len(rescued) == 1 and (rescued[0].stat().st_mode & 0o777) == 0o600
    assert "written while the disk was read-only" in _texts(rescued[0])
    # the sentence's command brings it back
    done = subprocess.run([sys.executable, "-m", "tui.cli", "merge", str(book), str(rescued[0]),
                           "-o", str(book)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "written while the disk was read-only" in _texts(book)
