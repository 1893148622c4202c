"""The office commands as an office clerk runs them: real `gridbook` subprocesses on files.

Seeded books (small, for speed) merged in several orders and groupings give identical
bytes; a slice holds one worker's households only and merges back into the worker's book;
bad inputs give one sentence, a non-zero exit, and leave every file byte-identical.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import orjson
import pytest
from office_helpers import gridbook

TODAY = "2026-03-20"
WORKERS = ("w01", "w02", "w03")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Three small worker books, built once for the module."""
    folder = tmp_path_factory.mktemp("seeded")
    books = {}
    for worker in WORKERS:
        path = folder / f"{worker}.json"
        done = gridbook("seed", str(path), "--worker", worker, "--households", "6", "--days", "20",
                        "--today", TODAY)
        assert done.returncode == 0, done.stderr
        books[worker] = path
    return books


def _copy(books: dict[str, Path], target: Path) -> dict[str, Path]:
    target.mkdir()
    return {w: Path(shutil.copy(p, target / p.name)) for w, p in books.items()}


def _merge(*args: str | Path) -> bytes:
    *inputs, out = [str(a) for a in args]
    done = gridbook("merge", *inputs, "-o", out)
    assert done.returncode == 0, done.stderr.decode()
    return Path(out).read_bytes()


def test_merge_in_any_order_and_grouping_gives_identical_bytes(seeded, tmp_path: Path) -> None:
    books = _copy(seeded, tmp_path / "in")
    before = {w: p.read_bytes() for w, p in books.items()}
    a, b, c = books["w01"], books["w02"], books["w03"]
    flat = _merge(a, b, c, tmp_path / "flat.json")
    assert _merge(c, a, b, tmp_path / "reordered.json") == flat
    _merge(a, b, tmp_path / "ab.json")
    assert _merge(tmp_path / "ab.json", c, tmp_path / "grouped.json") == flat
    _merge(b, c, tmp_path / "bc.json")
    assert _merge(a, tmp_path / "bc.json", a, c, tmp_path / "again.json") == flat
    assert _merge(tmp_path / "in", tmp_path / "folder.json") == flat
    # OUT may be one of its own inputs: the running community file (begun from two
    # workers' books: a copy of one worker's book stays theirs and takes no one else's)
    running = tmp_path / "running.json"
    _merge(a, b, running)
    _merge(running, b, running)
    assert _merge(running, c, a, running) == flat
    assert {w: p.read_bytes() for w, p in books.items()} == before  # inputs never modified
    assert oct(os.stat(tmp_path / "flat.json").st_mode & 0o777) == "0o600"
    meta = orjson.loads(flat)["_meta"]["book"]
    assert (meta["kind"], meta["worker"]) == ("community", "")


def test_merge_summary_reports_books_already_merged(seeded, tmp_path: Path) -> None:
    out = tmp_path / "community.json"
    _merge(seeded["w01"], seeded["w02"], out)
    done = gridbook("merge", str(seeded["w01"]), "-o", str(out))
    assert done.returncode == 0
    text = done.stdout.decode()
    assert "already merged or older" in text
    assert "it was not changed" in text


def test_slice_holds_one_workers_households_and_merges_back(seeded, tmp_path: Path) -> None:
    community = tmp_path / "community.json"
    _merge(*seeded.values(), community)
    part = tmp_path / "w02-slice.json"
    done = gridbook("slice", str(community), "--worker", "w02", "-o", str(part))
    assert done.returncode == 0, done.stderr.decode()
    data = orjson.loads(part.read_bytes())
    assert data["_meta"]["book"]["kind"] == "worker" and data["_meta"]["book"]["worker"] == "w02"
    households = data["households"]
    own = orjson.loads(seeded["w02"].read_bytes())["households"]
    assert set(households) == set(own)
    assert {r["fields"]["worker"][-1][0] for r in households.values()} == {"w02"}
    for table in ("quarantines", "checklist", "tests", "errands"):
        assert all(r["fields"]["household"][-1][0] in households for r in data[table].values())
    assert set(data["workers"]) == {"w02"}
    assert gridbook("check", str(part)).returncode == 0
    # the worker merges it into their own book, which stays their book
    mine = tmp_path / "mine.json"
    shutil.copy(seeded["w02"], mine)
    _merge(mine, part, mine)
    meta = orjson.loads(mine.read_bytes())["_meta"]["book"]
    assert (meta["kind"], meta["worker"]) == ("worker", "w02")
    assert set(orjson.loads(mine.read_bytes())["households"]) == set(own)


def test_bad_inputs_give_a_sentence_and_leave_files_untouched(seeded, tmp_path: Path) -> None:
    out = tmp_path / "community.json"
    _merge(seeded["w01"], out)
    before = out.read_bytes()
    broken = tmp_path / "broken.json"
    broken.write_bytes(b'{"_meta": {"book": {"format": "gridbook", "sch')
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    for args in ([str(seeded["w02"]), str(broken)], [str(notes)], [str(tmp_path / "gone.json")]):
        done = gridbook("merge", *args, "-o", str(out))
        err = done.stderr.decode()
        assert done.returncode == 1, err
        assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
        assert out.read_bytes() == before
    assert "not valid JSON" in gridbook("merge", str(broken), "-o", str(out)).stderr.decode()
    # OUT that is not a book is never overwritten
    done = gridbook("merge", str(seeded["w01"]), "-o", str(notes))
    assert done.returncode == 1 and notes.read_text() == "hello"
    # never through a symbolic link
    link = tmp_path / "link.json"
    link.symlink_to(out)
    done = gridbook("merge", str(seeded["w02"]), "-o", str(link))
    assert done.returncode == 1 and "symbolic link" in done.stderr.decode()
    assert out.read_bytes() == before
    # a slice never replaces a file
    done = gridbook("slice", str(out), "--worker", "w01", "-o", str(notes))
    assert done.returncode == 1 and notes.read_text() == "hello"
    # report on something that is not a book
    done = gridbook("report", str(notes))
    assert done.returncode == 1 and "not valid JSON" in done.stderr.decode()


def test_a_non_book_file_in_a_folder_is_skipped_with_a_sentence(seeded, tmp_path: Path) -> None:
    folder = tmp_path / "stick"
    folder.mkdir()
    shutil.copy(seeded["w01"], folder / "w01.json")
    (folder / "photo.json").write_text('{"not": "a book"}')
    done = gridbook("merge", str(folder), "-o", str(tmp_path / "out.json"))
    # the books read are merged, but a book left out is never an exit 0 (issue 12 #5)
    assert done.returncode == 1, done.stderr.decode()
    assert "photo.json" in done.stderr.decode() and "not a gridbook book" in done.stderr.decode()
    last = done.stdout.decode().splitlines()[-1]
    assert last.startswith("Missing: 1 book was not merged") and str(folder / "photo.json") in last
    assert (tmp_path / "out.json").exists()
