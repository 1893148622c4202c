"""Guarantee 4: a save that fails (disk full, permission denied, read-only disk) loses nothing.

The worker gets one plain sentence; the book on disk stays byte for byte as it was; the
edit stays in memory (shown, `book.unsaved`) and is written by `book.save_pending()` once
the disk allows it, or to another place with `book.save_copy()`. Faults are injected at
the lowest level the store uses (the OS calls inside the atomic write), and also made real
on a tiny tmpfs when this machine allows mounting one (root in a container).
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from reliability_kit import ROOT, small_book

from store import actions
from store.book.book import Book
from store.book.models import LogEntry
from store.errors import BookError
from store.lang import set_lang


def _texts(book: Book) -> set[str]:
    return {entry.text for entry in book.all(LogEntry)}


def _assert_plain(sentence: str) -> None:
    assert sentence and "\n" not in sentence.strip()
    for word in ("Traceback", "Errno", "OSError", "Error:", "None"):
        assert word not in sentence


def _fault(code: int):
    def fail(*_args, **_kwargs):
        raise OSError(code, os.strerror(code))
    return fail


FAULTS = {
    # the disk fills while the temp file is flushed to it
    "disk_full": ("os.fsync", errno.ENOSPC, ("disk is full", "磁盘已满")),
    # the folder no longer lets this user create the temp file
    "permission": ("tempfile.mkstemp", errno.EACCES, ("permission denied", "没有写入权限")),
    # the disk was remounted read-only
    "read_only": ("tempfile.mkstemp", errno.EROFS, ("read-only", "只读")),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_failed_save_keeps_the_edit_and_the_file(book_path: Path, fault: str, lang: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    set_lang(lang)
    target, code, reason = FAULTS[fault]
    book = Book.open(book_path)
    before = book_path.read_bytes()
    with monkeypatch.context() as patch:
        patch.setattr(target, _fault(code))
        with pytest.raises(BookError) as raised:
            actions.add_log(book, "第一条 kept in memory")
        sentence = raised.value.sentence()
        _assert_plain(sentence)
        assert str(book_path) in sentence and reason[lang == "zh"] in sentence
        # a second edit while the disk is still failing is kept too
        with pytest.raises(BookError):
            actions.add_log(book, "第二条 also kept")
        assert book_path.read_bytes() == before
        assert not [p for p in book_path.parent.iterdir() if p.name.endswith(".tmp")]
        assert book.unsaved
        assert {"第一条 kept in memory", "第二条 also kept"} <= _texts(book)
        with pytest.raises(BookError):
            book.save_pending()
        assert book_path.read_bytes() == before
    book.save_pending()
    assert not book.unsaved
    assert {"第一条 kept in memory", "第二条 also kept"} <= _texts(Book.open(book_path))


def test_a_copy_elsewhere_holds_the_unsaved_edit(book_path: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    book = Book.open(book_path)
    before = book_path.read_bytes()
    with monkeypatch.context() as patch:
        patch.setattr("os.fsync", _fault(errno.ENOSPC))
        with pytest.raises(BookError):
            actions.add_log(book, "救命 rescue me")
    rescue = tmp_path / "usb" / "rescue.json"
    rescue.parent.mkdir()
    book.save_copy(rescue)
    assert book_path.read_bytes() == before
    copy = Book.open(rescue)
    assert "救命 rescue me" in _texts(copy)
    assert oct(os.stat(rescue).st_mode & 0o777) == oct(0o600)


def test_an_edit_inside_a_failed_batch_is_kept(book_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """One user action is one save: when it fails, every part of the action is kept."""
    book = Book.open(book_path)
    household = next(iter(book.all(actions.Household)))
    with monkeypatch.context() as patch:
        patch.setattr("os.fsync", _fault(errno.ENOSPC))
        with pytest.raises(BookError):
            actions.release(book, household.id)
        assert book.require(actions.Household, household.id).status == "released"
    book.save_pending()
    assert Book.open(book_path).require(actions.Household, household.id).status == "released"


# real faults on a tiny tmpfs ---------------------------------------------------------------------
@pytest.fixture
def tiny_disk() -> Iterator[Path]:
    """A 256 KiB tmpfs, mounted for this test (it needs root, as on CI; elsewhere it fails)."""
    folder = Path(tempfile.mkdtemp(prefix="gridbook-tiny-"))
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs",
                              str(folder)], capture_output=True)
    if mounted.returncode != 0:
        folder.rmdir()
        pytest.fail(f"cannot mount a tmpfs here (run as root, as CI does): "
                    f"{mounted.stderr.decode(errors='replace').strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)
        folder.rmdir()


def _fill(folder: Path) -> Path:
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError as error:
        assert error.errno == errno.ENOSPC
    finally:
        os.close(fd)
    return filler


def test_a_really_full_disk(tiny_disk: Path) -> None:
    path = tiny_disk / "w01.json"
    book = small_book(path)
    before = path.read_bytes()
    filler = _fill(tiny_disk)
    with pytest.raises(BookError) as raised:
        actions.add_log(book, "满了 disk full")
    assert "disk is full" in raised.value.sentence()
    assert path.read_bytes() == before
    # the quick-capture command says so plainly and leaves the file alone
    done = subprocess.run([sys.executable, "-m", "tui.cli", "--lang", "en", "log", "add",
                           "from the shell", "--data", str(path)], capture_output=True,
                          text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "full" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == before
    assert book.unsaved and "满了 disk full" in _texts(book)
    filler.unlink()
    book.save_pending()
    assert "满了 disk full" in _texts(Book.open(path))


def test_a_disk_remounted_read_only(tiny_disk: Path) -> None:
    path = tiny_disk / "w01.json"
    book = small_book(path)
    before = path.read_bytes()
    subprocess.run(["mount", "-o", "remount,ro", str(tiny_disk)], check=True)
    try:
        with pytest.raises(BookError) as raised:
            actions.add_log(book, "只读 read only")
        assert "read-only" in raised.value.sentence()
        assert path.read_bytes() == before and book.unsaved
        # opening it now gives a read-only book with a plain notice, not an error
        reopened = Book.open(path)
        assert reopened.readonly
        assert any(n.key == "readonly" for n in reopened.notices)
        with pytest.raises(BookError):
            actions.add_log(reopened, "nope")
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(tiny_disk)], check=True)
    book.save_pending()
    assert "只读 read only" in _texts(Book.open(path))


def _denied_then_saved(book_path: Path) -> None:
    book = Book.open(book_path)
    before = book_path.read_bytes()
    os.chmod(book_path.parent, 0o500)
    try:
        with pytest.raises(BookError) as raised:
            actions.add_log(book, "denied")
        assert "permission denied" in raised.value.sentence()
        assert book_path.read_bytes() == before
    finally:
        os.chmod(book_path.parent, 0o700)
    book.save_pending()
    assert "denied" in _texts(Book.open(book_path))


NOBODY = 65534


def test_no_permission_on_a_real_folder(book_path: Path) -> None:
    """A folder the worker may not write. Root ignores folder permissions, so as root (CI)
    the same steps run in a child process that has become `nobody`, on a book it owns."""
    if os.geteuid() != 0:
        _denied_then_saved(book_path)
        return
    home = Path(tempfile.mkdtemp(prefix="gridbook-nobody-"))
    try:
        os.chmod(home, 0o755)
        folder = home / "books"
        folder.mkdir(mode=0o700)
        path = folder / "w01.json"
        path.write_bytes(book_path.read_bytes())
        for owned in (folder, path):
            os.chown(owned, NOBODY, NOBODY)
        os.chmod(path, 0o600)
        child = os.fork()
        if child == 0:  # pragma: no cover - the child reports through its exit status
            status = 1
            try:
                os.setgroups([])
                os.setgid(NOBODY)
                os.setuid(NOBODY)
                _denied_then_saved(path)
                status = 0
            except BaseException:  # noqa: BLE001 - told to the parent on stderr
                import traceback
                traceback.print_exc()
            finally:
                os._exit(status)
        _, status = os.waitpid(child, 0)
        assert os.waitstatus_to_exitcode(status) == 0, "the unprivileged writer failed (above)"
        assert "denied" in _texts(Book.open(path, readonly=True))
    finally:
        import shutil
        shutil.rmtree(home, ignore_errors=True)
