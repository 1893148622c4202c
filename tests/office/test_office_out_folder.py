"""An output in a folder that does not exist: `merge -o` and `slice -o` name the file that
could not be written and the missing folder (they said "The file nodir does not exist",
as if an input were missing), and change nothing. Found running the office's day."""

from __future__ import annotations

from pathlib import Path

import pytest
from office_helpers import gridbook

from store.book.book import Book
from store.book.models import Worker


@pytest.mark.parametrize("lang,words", [("en", "Could not write {out}: the folder {folder} "
                                               "does not exist."),
                                        ("zh", "无法写入 {out}：文件夹 {folder} 不存在。")])
def test_merge_and_slice_into_a_missing_folder(tmp_path: Path, lang: str, words: str) -> None:
    book = tmp_path / "w01.json"
    Book.create(book, Worker(id="w01", name="张丽", community="瑞明社区"))
    community = tmp_path / "community.json"
    assert gridbook("merge", str(book), "-o", str(community)).returncode == 0
    folder = tmp_path / "nodir"
    for args in (("merge", str(book)), ("slice", str(community), "--worker", "w01")):
        out = folder / "out.json"
        done = gridbook(*args, "-o", str(out), env_lang=lang)
        assert done.returncode == 1
        assert done.stderr.decode().strip().startswith(words.format(out=out, folder=folder))
        assert not folder.exists()


def test_one_book_is_one_book(tmp_path: Path) -> None:
    """"Read 1 books" (issue 12 #9): the summary of a merge of one book, and of a folder
    merge that missed one, speaks of one book."""
    book = tmp_path / "w01.json"
    Book.create(book, Worker(id="w01", name="张丽", community="瑞明社区"))
    done = gridbook("merge", str(book), "-o", str(tmp_path / "c.json"))
    out = done.stdout.decode()
    assert done.returncode == 0 and "Read 1 book:" in out and "1 books" not in out
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / "w01.json").write_bytes(book.read_bytes())
    (stick / "w02.json").write_bytes(book.read_bytes()[:40])
    done = gridbook("merge", str(stick), "-o", str(tmp_path / "c.json"))
    lines = done.stdout.decode().splitlines()
    assert done.returncode == 1
    assert "Read 1 book:" in lines and lines[-1].startswith("Missing: 1 book was not merged")
