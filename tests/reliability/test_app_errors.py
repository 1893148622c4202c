"""Item 0 of issue 17: the app never quits without a word.

- two "the book changed on disk" notices queued at once (another gridbook writing while
  the app is busy) are one redraw, not a crash (`can_replace` is a method Textual calls);
- any unexpected error in the app ends it as the shell commands end one: the traceback in
  the private error log, unsaved edits rescued, one sentence, a non-zero exit status.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest
from reliability_kit import small_book

from screens.messages import BookChangedOnDisk
from store import actions
from store.book.book import Book
from store.book.models import LogEntry
from tui.app import GridbookApp, run_app

SIZE = (80, 24)


async def test_two_queued_change_notices_are_one_redraw(book_path: Path) -> None:
    book = Book.open(book_path)
    app = GridbookApp(book, refresh_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(3):  # queued together, before the app reads its queue
            app.post_message(BookChangedOnDisk())
        await pilot.pause()
        await pilot.press("3", "2", "1")
        await pilot.pause()
        assert app.is_running and app.return_code is None


def _private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "state" / "gridbook" / "error.log"


def test_an_unexpected_error_is_logged_rescued_said_and_exits_non_zero(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    log = _private_dirs(tmp_path, monkeypatch)
    path = tmp_path / "books" / "w01.json"
    small_book(path)
    book = Book.open(path)
    # an edit that only reached memory (its save failed), then a bug in a key handler
    monkeypatch.setattr(GridbookApp, "run", functools.partialmethod(GridbookApp.run,
                                                                     headless=True,
                                                                     size=SIZE))

    def boom(self: GridbookApp) -> None:
        resident = "".join(("138", "1234", "5678"))  # a local the log must not carry
        raise ZeroDivisionError("a bug" + resident[:0])

    def start(self: GridbookApp) -> None:
        self._unsaved_for_test()
        self.set_timer(0.2, self.action_help)

    monkeypatch.setattr(GridbookApp, "action_help", boom)
    monkeypatch.setattr(GridbookApp, "on_ready", start, raising=False)
    monkeypatch.setattr(GridbookApp, "_unsaved_for_test",
                        lambda self: _make_unsaved(self.book), raising=False)

    code = run_app(None, book=book)  # type: ignore[arg-type]

    err = capsys.readouterr().err
    assert code != 0
    assert "Traceback" not in err and "ZeroDivisionError" not in err
    assert str(log) in err
    assert "ZeroDivisionError: a bug" in log.read_text()
    assert "13812345678" not in log.read_text()  # no local variables in the log
    assert os.stat(log).st_mode & 0o777 == 0o600
    # the edit that was only in memory was saved on the way out (the disk is fine again)
    assert "kept only in memory" in {e.text for e in Book.open(path).all(LogEntry)}
    assert "saved to" in err


def _make_unsaved(book: Book) -> None:
    import errno

    real = os.fsync

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    os.fsync = full  # type: ignore[assignment]
    try:
        try:
            actions.add_log(book, "kept only in memory")
        except Exception:  # noqa: BLE001 - the save fails, the edit stays in memory
            pass
    finally:
        os.fsync = real  # type: ignore[assignment]
    assert book.unsaved
