"""Item 4 of issue 17: gridbook never writes into a folder of its own that another user
could have made or can change, and a book folder deleted while the book is open comes
back 0700.

Another user of a shared server creates /tmp/gridbook-rescued first (0777, or theirs at
0700): the rescue copy goes elsewhere and nothing is written there. Works as root (the
other user's folder is made by chown to nobody).
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest
from reliability_kit import small_book

import tui.signals
from store import actions
from store.book.book import Book
from store.errors import BookError
from tui.signals import Leaving


class _App:
    def __init__(self, book: Book) -> None:
        self.book = book


def test_the_rescue_never_goes_into_a_folder_another_user_could_swap(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    path = tmp_path / "books" / "w01.json"
    small_book(path)
    book = Book.open(path)
    shared = tmp_path / "tmp-rescued-777"
    shared.mkdir()
    os.chmod(shared, 0o777)
    theirs = tmp_path / "tmp-rescued-theirs"
    theirs.mkdir(mode=0o700)
    if os.geteuid() == 0:
        os.chown(theirs, 65534, 65534)
    mine = tmp_path / "mine" / "rescued"
    monkeypatch.setattr(tui.signals, "rescue_folders", lambda: [shared, theirs, mine])
    real_fsync = os.fsync

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(BookError):
        actions.add_log(book, "only in memory")
    monkeypatch.setattr(os, "fsync", real_fsync)

    def still_failing() -> None:  # the book's own disk is still full: a rescue copy is needed
        raise BookError("write_failed", path=path, reason=BookError("reason_nospace"))

    monkeypatch.setattr(book, "save_pending", still_failing)
    assert book.unsaved
    Leaving(_App(book)).rescue()
    assert not list(shared.iterdir()) and not list(theirs.iterdir())
    assert len(list(mine.iterdir())) == 1
    assert os.stat(mine).st_mode & 0o777 == 0o700


def test_a_book_folder_deleted_while_open_comes_back_private(tmp_path: Path) -> None:
    path = tmp_path / "books" / "w01.json"
    small_book(path)
    book = Book.open(path)
    shutil.rmtree(path.parent)
    old = os.umask(0)
    try:
        actions.add_log(book, "after the folder was deleted")
    finally:
        os.umask(old)
    assert os.stat(path.parent).st_mode & 0o777 == 0o700
    assert os.stat(path).st_mode & 0o777 == 0o600
