"""The office merge's guards: folders with odd entries, other communities, worker books,
outputs that cannot be written, broken pipes (issue 12 #4-#6, issue 17 #12 and #14)."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from office_helpers import ROOT, gridbook

from tui import cli

TODAY = "2022-03-14"


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("guards")
    out = {}
    for worker in ("w01", "w02"):
        path = folder / f"{worker}.json"
        done = gridbook("seed", str(path), "--worker", worker, "--households", "4", "--days",
                        "10", "--today", TODAY)
        assert done.returncode == 0, done.stderr
        out[worker] = path
    return out


def other_community(source: Path, target: Path, name: str = "幸福社区") -> Path:
    data = orjson.loads(source.read_bytes())
    for raw in data["workers"].values():
        entry = raw["fields"]["community"][-1]
        entry[0] = name
    target.write_bytes(orjson.dumps(data, option=orjson.OPT_SORT_KEYS))
    return target


def test_a_folder_with_odd_entries_skips_each_with_a_sentence(books, tmp_path: Path) -> None:
    folder = tmp_path / "stick"
    folder.mkdir()
    shutil.copy(books["w01"], folder / "w01.json")
    os.mkfifo(folder / "pipe.json")  # would block a reader forever
    (folder / "loop.json").symlink_to(folder / "loop.json")
    (folder / "folder.json").mkdir()
    outside = tmp_path / "secret.json"
    shutil.copy(books["w02"], outside)
    (folder / "away.json").symlink_to(outside)  # never followed out of the folder
    (folder / "inside.json").symlink_to(folder / "w01.json")  # a link inside it is read
    (folder / "older").mkdir()
    shutil.copy(books["w02"], folder / "older" / "w02.json")
    out = tmp_path / "out.json"
    done = subprocess.run([sys.executable, "-m", "tui.cli", "merge", str(folder), "-o", str(out)],
                          capture_output=True, timeout=60, cwd=ROOT)
    err, text = done.stderr.decode(), done.stdout.decode()
    assert done.returncode == 1, err
    assert "Traceback" not in err + text
    for name, why in (("pipe.json", "not an ordinary file"), ("loop.json", "loops"),
                      ("folder.json", "is a folder"), ("away.json", "out of the folder")):
        assert any(name in line and why in line for line in err.splitlines()), (name, err)
    assert f"Not read: the subfolder {folder / 'older'}" in text
    assert text.splitlines()[-1].startswith("Missing: 4 books")
    merged = orjson.loads(out.read_bytes())
    assert set(merged["workers"]) == {"w01"}  # nothing of the book outside the folder
    assert not (tmp_path / "out.json.lock").exists()


def test_a_book_of_another_community_is_refused_unless_allowed(books, tmp_path: Path) -> None:
    community = tmp_path / "community.json"
    assert gridbook("merge", str(books["w01"]), str(books["w02"]), "-o",
                    str(community)).returncode == 0
    before = community.read_bytes()
    foreign = other_community(books["w02"], tmp_path / "x01.json")
    done = gridbook("merge", str(foreign), "-o", str(community))
    err = done.stderr.decode()
    assert done.returncode == 1 and "幸福社区" in err and "瑞明社区" in err, err
    assert "--allow-community" in err and "no file was changed" in err
    assert community.read_bytes() == before
    # a fresh merge of two communities is refused as well
    assert gridbook("merge", str(books["w01"]), str(foreign), "-o",
                    str(tmp_path / "new.json")).returncode == 1
    assert not (tmp_path / "new.json").exists()
    done = gridbook("merge", str(foreign), "-o", str(community), "--allow-community")
    assert done.returncode == 0, done.stderr.decode()


def test_a_worker_book_takes_only_its_own_books_and_slice(books, tmp_path: Path) -> None:
    mine = tmp_path / "w01.json"
    shutil.copy(books["w01"], mine)
    before = mine.read_bytes()
    done = gridbook("merge", str(mine), str(books["w02"]), "-o", str(mine))
    assert done.returncode == 1 and "community file" in done.stderr.decode()
    assert mine.read_bytes() == before
    community = tmp_path / "community.json"
    gridbook("merge", str(books["w01"]), str(books["w02"]), "-o", str(community))
    assert gridbook("merge", str(mine), str(community), "-o", str(mine)).returncode == 1
    part = tmp_path / "slice.json"
    assert gridbook("slice", str(community), "--worker", "w01", "-o", str(part)).returncode == 0
    done = gridbook("merge", str(mine), str(part), "-o", str(mine))
    assert done.returncode == 0, done.stderr.decode()
    meta = orjson.loads(mine.read_bytes())["_meta"]["book"]
    assert (meta["kind"], meta["worker"]) == ("worker", "w01")


@pytest.mark.parametrize("code, why", [(errno.EROFS, "the disk is read-only"),
                                       (errno.EACCES, "permission denied")])
def test_an_unwritable_output_is_one_sentence(books, tmp_path: Path, monkeypatch, capsys,
                                              code: int, why: str) -> None:
    """A read-only mount or a folder we may not write (simulated: the tests run as root):
    the sentence names the path and why, exit 1, no .lock left, and says no file changed
    only when that is true."""
    import filelock

    def refuse(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(filelock.FileLock, "acquire", refuse)
    out = tmp_path / "out.json"
    status = cli.main(["merge", str(books["w01"]), "-o", str(out)])
    err = capsys.readouterr().err
    assert status == 1
    assert err.strip() == f"Could not write {out}: {why}. No file was changed."
    assert not list(tmp_path.iterdir())


def test_a_failed_write_of_an_existing_output_keeps_it(books, tmp_path: Path, monkeypatch,
                                                       capsys) -> None:
    from store.office import merge_files

    out = tmp_path / "out.json"
    assert cli.main(["merge", str(books["w01"]), "-o", str(out)]) == 0
    before = out.read_bytes()
    capsys.readouterr()
    newer = tmp_path / "in" / "w01.json"
    newer.parent.mkdir()
    shutil.copy(books["w01"], newer)
    assert cli.main(["log", "add", "巡查", "--data", str(newer)]) == 0

    def full(*args, **kwargs):  # noqa: ANN002, ANN003
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(merge_files, "atomic_write", full)
    capsys.readouterr()
    assert cli.main(["merge", str(newer), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.strip() == f"Could not write {out}: the disk is full. The file was not changed."
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out.json"]


def test_a_lock_file_of_another_user_is_named(books, tmp_path: Path, monkeypatch,
                                              capsys) -> None:
    import filelock

    out = tmp_path / "out.json"
    (tmp_path / "out.json.lock").write_text("")

    def refuse(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(filelock.FileLock, "acquire", refuse)
    assert cli.main(["merge", str(books["w01"]), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.strip() == (f"Could not write {out}.lock: permission denied. "
                           "No file was changed.")
    assert not out.exists()


def test_a_broken_pipe_is_one_sentence(books, monkeypatch, capsys) -> None:
    """`gridbook report BOOK | head -1`: the reader went away; one sentence, exit 1."""

    class Gone:
        def write(self, text: str) -> int:
            raise BrokenPipeError(errno.EPIPE, "Broken pipe")

        def flush(self) -> None:
            raise BrokenPipeError(errno.EPIPE, "Broken pipe")

        def fileno(self) -> int:
            return os.open(os.devnull, os.O_WRONLY)

        @property
        def buffer(self) -> Gone:
            return self

    monkeypatch.setattr(sys, "stdout", Gone())
    status = cli.main(["report", str(books["w01"]), "--format", "json"])
    err = capsys.readouterr().err
    assert status == 1
    assert err.strip() == "The output was closed before the report was fully written (a pipe " \
        "whose reader stopped); no file was changed."
