"""The encrypted stick round trip, end to end through the commands.

Three workers over two rounds: the office imports a roster and hands out slices, workers
edit and sync to a stick folder, the office collects, reassigns a household, collects
again, and the workers sync back. At each collect the community file equals a plain merge
of the same books; after each sync a worker's book equals a plain merge of the book and
its slice; no byte on the stick holds a resident's name, phone or ID number in clear; a
file cut short is refused with a sentence; keys are 0600.
"""

from __future__ import annotations

import os
import shutil
import stat
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook

from store import actions, views
from store.book.book import Book
from store.book.fileformat import dumps
from store.book.models import Category, Household, Worker
from store.idnumber import check_character
from store.office.merge_files import merge_files, read_book_file
from store.office.slice import slice_for
from tui.cli import main

WORKERS = ("w1", "w2", "w3")
PEOPLE = [  # building, unit, room, name, birth, phone, worker
    ("3", "1", "101", "欧阳娜娜", "19800101", "13811110001", "w1"),
    ("3", "1", "101", "欧阳建国", "19550202", "13811110002", "w1"),
    ("3", "1", "102", "司马光明", "19900303", "13811110003", "w1"),
    ("4", "2", "201", "诸葛文静", "19850404", "13811110004", "w2"),
    ("4", "2", "202", "上官婉儿", "19950505", "13811110005", "w2"),
    ("5", "1", "301", "东方红梅", "19700606", "13811110006", "w3"),
    ("5", "1", "302", "皇甫嵩林", "19880707", "13811110007", "w3"),
]


def id_number(birth: str, serial: int) -> str:
    first = f"220802{birth}{serial:03d}"
    return first + check_character(first)


IDS = [id_number(p[4], i + 100) for i, p in enumerate(PEOPLE)]


def cli(*argv: str) -> int:
    return main(["--lang", "en", *argv])


def plain_merge(tmp: Path, *blobs: bytes) -> bytes:
    """What `gridbook merge` makes of the same books, given as plaintext bytes."""
    folder = tmp / f"plain{len(list(tmp.glob('plain*')))}"
    folder.mkdir()
    paths = []
    for index, blob in enumerate(blobs):
        paths.append(folder / f"in{index}.json")
        paths[-1].write_bytes(blob)
    merge_files(paths, folder / "out.json", now_ms=0)
    return (folder / "out.json").read_bytes()


def secrets_in_clear() -> list[bytes]:
    words = [p[3] for p in PEOPLE] + [p[5] for p in PEOPLE] + IDS
    return [w.encode(enc) for w in words for enc in ("utf-8", "gbk", "utf-16-le")] + \
        [w.encode("utf-8") for w in IDS]


def assert_stick_clean(stick: Path) -> None:
    secrets = secrets_in_clear()
    for path in stick.rglob("*"):
        if path.is_file():
            blob = path.read_bytes()
            assert blob.startswith(b"age-encryption.org/v1\n"), path
            for secret in secrets:
                assert secret not in blob, (path, secret)


def make_roster(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["楼栋", "单元", "房间号", "姓名", "身份证号", "联系电话", "网格员"])
    for (b, u, r, name, _birth, phone, worker), idn in zip(PEOPLE, IDS, strict=True):
        ws.append([f"{b}栋", u, r, name, idn, phone, worker])
    wb.save(path)


def test_three_workers_two_rounds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    office, stick = tmp_path / "office", tmp_path / "stick"
    office.mkdir()
    stick.mkdir()
    key = office / "office.key"
    community = office / "community.json"

    # the office's first day: a key pair, the roster
    assert cli("key", "new", str(key)) == 0
    public = capsys.readouterr().out.strip()
    assert public.startswith("age1") and stat.S_IMODE(key.stat().st_mode) == 0o600
    make_roster(office / "roster.xlsx")
    assert cli("import", str(community), str(office / "roster.xlsx")) == 0
    assert "New: 6 households, 7 people" in capsys.readouterr().out

    books = {w: tmp_path / w / "book.json" for w in WORKERS}
    for worker, path in books.items():
        Book.create(path, Worker(id=worker, name=f"网格员{worker}"))

    def sync(worker: str, *extra: str) -> tuple[bytes, bytes]:
        """One worker's sync; returns the book before and after."""
        before = books[worker].read_bytes()
        assert cli("sync", str(stick), "--data", str(books[worker]), *extra) == 0, \
            capsys.readouterr()
        return before, books[worker].read_bytes()

    def collect() -> str:
        before = community.read_bytes()
        handed = {}
        identity_key = key
        from store.office.sync import _book_files, _book_of, load_identity, read_encrypted

        identity = load_identity(identity_key)
        for path in _book_files(stick):
            handed[path] = dumps(_book_of(read_encrypted(path, [identity]), path))
        assert cli("collect", str(stick), "-o", str(community), "--key", str(key)) == 0
        out = capsys.readouterr().out
        assert community.read_bytes() == plain_merge(tmp_path, before, *handed.values())
        return out

    def check_slice_taken(worker: str, before: bytes, after: bytes) -> None:
        held = read_book_file(next(tmp_path.glob(f"{worker}/book.json"))).get("households", {})
        part = slice_for(read_book_file(community), worker, held)
        assert after == plain_merge(tmp_path, before, dumps(part))

    # workers' first sync hands in their keys; the office's collect hands out the slices
    for worker in WORKERS:
        sync(worker, "--office-key", public)
        assert stat.S_IMODE(books[worker].with_name("book.json.agekey").stat().st_mode) == 0o600
    out = collect()
    assert "Handed in (3): w1, w2, w3" in out and "Every worker handed in." in out
    assert "Wrote back encrypted shares for 3 workers" in out
    for worker in WORKERS:
        before, after = sync(worker)  # the office key is remembered
        check_slice_taken(worker, before, after)
        mine = views.households(Book.open(books[worker], readonly=True))
        assert sorted(h.address for h in mine) == sorted(
            {f"{b}栋{u}单元{r}" for b, u, r, *_rest, w in PEOPLE if w == worker})
    assert_stick_clean(stick)

    # round one: workers edit, sync; the office collects
    today = date(2022, 3, 14)
    for worker in WORKERS:
        book = Book.open(books[worker])
        first = min(views.households(book), key=lambda h: h.address)
        actions.start_quarantine(book, first.id, today)
        actions.add_log(book, f"{worker} 上门走访 {first.head}", Category.SERVICE)
        actions.add_errand(book, first.id, "大米一袋", datetime(2022, 3, 15, 10, 0))
    for worker in ("w1", "w2"):  # w3 does not come this round
        sync(worker)
    out = collect()
    assert "Handed in (3)" in out  # w3's copy from the first sync is still on the stick
    assert_stick_clean(stick)

    # the office reassigns w1's 3-1-102 to w3 (the field `gridbook assign` writes)
    office_book = Book.open(community)
    moved = next(h for h in office_book.all(Household) if h.address == "3栋1单元102")
    office_book.update(Household, moved.id, worker="w3")
    del office_book
    collect()

    # round two: everybody syncs back, edits again, the office collects, they sync back
    for worker in WORKERS:
        check_slice_taken(worker, *sync(worker))
    w1 = Book.open(books["w1"], readonly=True)
    assert "3栋1单元102" not in {h.address for h in views.households(w1)}
    w3 = Book.open(books["w3"])
    assert "3栋1单元102" in {h.address for h in views.households(w3)}
    actions.start_quarantine(w3, moved.id, today + timedelta(days=1))
    w2 = Book.open(books["w2"])
    household = views.households(w2)[0]
    w2.update(Household, household.id, phone="0436-5550000")
    for worker in WORKERS:
        sync(worker)
    out = collect()
    assert "Handed in (3): w1, w2, w3" in out
    for worker in WORKERS:
        check_slice_taken(worker, *sync(worker))
    final = Book.open(community, readonly=True)
    assert next(h for h in final.all(Household) if h.id == moved.id).worker == "w3"
    assert final.current_quarantine(moved.id) is not None
    assert_stick_clean(stick)
    # one copy of each book is left: every sync removes the older ones it covers
    assert sorted(p.name.split("-")[1] for p in stick.glob("*.book.age")) == list(WORKERS)

    # a file cut short (the stick pulled out) is refused with a sentence, the rest merged
    w1_file = next(stick.glob("gridbook-w1-*.book.age"))
    blob = w1_file.read_bytes()
    w1_file.write_bytes(blob[: len(blob) // 2])
    before = community.read_bytes()
    assert cli("collect", str(stick), "-o", str(community), "--key", str(key)) == 0
    captured = capsys.readouterr()
    assert "is incomplete or damaged" in captured.err and w1_file.name in captured.err
    assert "Not handed in (1): w1" in captured.out
    assert community.read_bytes() == before  # the others were already merged
    # and a slice cut short is refused by the worker's sync, which still hands in
    shutil.copy(stick / "gridbook-w2.slice.age", tmp_path / "keep")
    (stick / "gridbook-w2.slice.age").write_bytes(b"age-encryption.org/v1\n-> X25519 abc")
    assert cli("sync", str(stick), "--data", str(books["w2"])) == 1
    assert "is incomplete or damaged" in capsys.readouterr().err


def test_lost_laptop_opens_only_its_own(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A worker's key opens their own slice and books, never another worker's slice."""
    from store.errors import BookError
    from store.office.sync import load_identity, read_encrypted

    stick, key, community = tmp_path / "stick", tmp_path / "office.key", tmp_path / "c.json"
    stick.mkdir()
    assert cli("key", "new", str(key)) == 0
    public = capsys.readouterr().out.strip()
    make_roster(tmp_path / "roster.xlsx")
    assert cli("import", str(community), str(tmp_path / "roster.xlsx")) == 0
    for worker in ("w1", "w2"):
        Book.create(tmp_path / worker / "b.json", Worker(id=worker, name=worker))
        assert cli("sync", str(stick), "--data", str(tmp_path / worker / "b.json"),
                   "--office-key", public) == 0
    assert cli("collect", str(stick), "-o", str(community), "--key", str(key)) == 0
    capsys.readouterr()
    w1_key = load_identity(tmp_path / "w1" / "b.json.agekey")
    assert read_encrypted(stick / "gridbook-w1.slice.age", [w1_key])
    with pytest.raises(BookError) as refused:
        read_encrypted(stick / "gridbook-w2.slice.age", [w1_key])
    assert "was not encrypted for this key" in refused.value.sentence()
    w2_book = next(stick.glob("gridbook-w2-*.book.age"))
    with pytest.raises(BookError):
        read_encrypted(w2_book, [w1_key])
    # the office's private key refuses to be read when others may read it
    os.chmod(key, 0o644)
    assert cli("collect", str(stick), "-o", str(community), "--key", str(key)) == 1
    assert "chmod 600" in capsys.readouterr().err


def test_changed_worker_key_gets_no_slice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stick, key, community = tmp_path / "stick", tmp_path / "office.key", tmp_path / "c.json"
    stick.mkdir()
    assert cli("key", "new", str(key)) == 0
    public = capsys.readouterr().out.strip()
    make_roster(tmp_path / "roster.xlsx")
    assert cli("import", str(community), str(tmp_path / "roster.xlsx")) == 0
    book = tmp_path / "w1" / "b.json"
    Book.create(book, Worker(id="w1", name="w1"))
    assert cli("sync", str(stick), "--data", str(book), "--office-key", public) == 0
    assert cli("collect", str(stick), "-o", str(community), "--key", str(key)) == 0
    capsys.readouterr()
    # a new laptop: a fresh key (or someone planting a book under w1's name)
    (stick / "gridbook-w1.slice.age").unlink()
    book.with_name("b.json.agekey").unlink()
    assert cli("sync", str(stick), "--data", str(book)) == 0
    assert cli("collect", str(stick), "-o", str(community), "--key", str(key)) == 0
    captured = capsys.readouterr()
    assert "Worker w1's key has changed" in captured.err
    assert not (stick / "gridbook-w1.slice.age").exists()
    assert cli("collect", str(stick), "-o", str(community), "--key", str(key),
               "--accept-key", "w1") == 0
    assert (stick / "gridbook-w1.slice.age").exists()
    assert cli("sync", str(stick), "--data", str(book)) == 0
    assert "Took in the office's share" in capsys.readouterr().out


def test_shared_inbox_modes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """In a setgid inbox, a worker's file is readable by the folder's group (the office)
    and nobody else; elsewhere it is the owner's alone."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    os.chmod(inbox, 0o3733)  # setgid + sticky; workers write but do not list
    key = tmp_path / "office.key"
    assert cli("key", "new", str(key)) == 0
    public = capsys.readouterr().out.strip()
    book = tmp_path / "w1" / "b.json"
    Book.create(book, Worker(id="w1", name="w1"))
    assert cli("sync", str(inbox), "--data", str(book), "--office-key", public) == 0
    written = next(inbox.glob("*.book.age"))
    assert stat.S_IMODE(written.stat().st_mode) == 0o640
    assert written.stat().st_gid == inbox.stat().st_gid
    assert cli("collect", str(inbox), "-o", str(tmp_path / "c.json"), "--key", str(key)) == 0
    assert stat.S_IMODE((inbox / "gridbook-w1.slice.age").stat().st_mode) == 0o644


def test_collect_keeps_the_newest_copy_of_each_book(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    stick, key, community = tmp_path / "stick", tmp_path / "office.key", tmp_path / "c.json"
    stick.mkdir()
    assert cli("key", "new", str(key)) == 0
    public = capsys.readouterr().out.strip()
    book = tmp_path / "w1" / "b.json"
    Book.create(book, Worker(id="w1", name="w1"))
    assert cli("sync", str(stick), "--data", str(book), "--office-key", public) == 0
    older = next(stick.glob("*.book.age"))
    shutil.copy(older, stick / "gridbook-w1-20200101T000000-abcdef.book.age")
    actions.add_log(Book.open(book), "走访", Category.SERVICE)
    (stick / "gridbook-w1.slice.age").unlink(missing_ok=True)
    # a second round by a worker who may not list the folder (a shared inbox): all stay
    import store.office.sync

    monkeypatch.setattr(store.office.sync, "_book_files", lambda folder: [])
    assert cli("sync", str(stick), "--data", str(book)) == 0
    monkeypatch.undo()
    capsys.readouterr()
    before = sorted(p.name for p in stick.glob("*.book.age"))
    assert cli("collect", str(stick), "-o", str(community), "--key", str(key)) == 0
    out = capsys.readouterr().out
    left = sorted(p.name for p in stick.glob("*.book.age"))
    assert len(left) == 1 and left[0] in before
    assert f"Removed {len(before) - 1} older copies" in out
    # the newest was kept: the journal entry is in the community file
    assert any(e.text == "走访" for e in Book.open(community, readonly=True).all(
        __import__("store.book.models", fromlist=["LogEntry"]).LogEntry))


def test_full_stick_at_collect(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The community file is written; a share that does not fit is named, exit 1."""
    import errno

    import store.office.sync

    stick, key, community = tmp_path / "stick", tmp_path / "office.key", tmp_path / "c.json"
    stick.mkdir()
    assert cli("key", "new", str(key)) == 0
    public = capsys.readouterr().out.strip()
    book = tmp_path / "w1" / "b.json"
    Book.create(book, Worker(id="w1", name="w1"))
    assert cli("sync", str(stick), "--data", str(book), "--office-key", public) == 0
    real_replace = os.replace

    def full(src: str, dst: str) -> None:
        if str(dst).endswith(".slice.age"):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(store.office.sync.os, "replace", full)
    assert cli("collect", str(stick), "-o", str(community), "--key", str(key)) == 1
    err = capsys.readouterr().err
    assert "Could not write" in err and "gridbook-w1.slice.age" in err
    assert community.exists()
    assert not list(stick.glob(".*.tmp"))  # no half-written share left behind


def test_a_planted_link_is_not_read_as_a_share(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    stick, key = tmp_path / "stick", tmp_path / "office.key"
    stick.mkdir()
    assert cli("key", "new", str(key)) == 0
    public = capsys.readouterr().out.strip()
    book = tmp_path / "w1" / "b.json"
    Book.create(book, Worker(id="w1", name="w1"))
    (stick / "gridbook-w1.slice.age").symlink_to(book)  # someone else's link to our book
    assert cli("sync", str(stick), "--data", str(book), "--office-key", public) == 0
    assert "There is no share from the office for you" in capsys.readouterr().out
