"""Guarantee 5: a broken or foreign file gets a plain sentence, never a traceback, and is
left byte for byte as it was, by every entry point: opening the book (read-only and not,
and the first things the TUI shows), an edit on a copy, `gridbook check`, `merge` and
`report`. The corpus (tests/reliability/badfiles.py) is hand-written; hypothesis adds random
mutations of a real book. `bench/soak_badfiles.py` runs 10,000 of them.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from badfiles import SPECIAL_PLACES, corpus, mutate, place_special, try_everything
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_kit import small_book


@pytest.fixture(scope="module")
def real_book(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return small_book(tmp_path_factory.mktemp("real") / "w01.json").path.read_bytes()


def _write(folder: Path, blob: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "book.json"
    path.write_bytes(blob)
    os.chmod(path, 0o600)
    return path


def test_the_corpus_of_broken_books(real_book: bytes, tmp_path: Path) -> None:
    files = corpus(real_book)
    assert len(files) >= 90
    problems = {}
    for name, blob in files.items():
        found = try_everything(_write(tmp_path / name, blob), tmp_path / "scratch")
        if found:
            problems[name] = found
    assert not problems, problems


@pytest.mark.parametrize("kind", SPECIAL_PLACES)
def test_links_folders_and_devices(real_book: bytes, tmp_path: Path, kind: str) -> None:
    folder = tmp_path / kind
    folder.mkdir()
    path = folder / "book.json"
    place_special(kind, path, real_book)
    assert try_everything(path, tmp_path / "scratch") == []


def test_a_symlinked_book_is_never_written_through(real_book: bytes, tmp_path: Path) -> None:
    from store.book.book import Book
    from store.errors import BookError

    folder = tmp_path / "linked"
    folder.mkdir()
    path = folder / "book.json"
    place_special("symlink_to_valid_book", path, real_book)
    with pytest.raises(BookError) as raised:
        Book.open(path)
    assert raised.value.key == "symlink"
    assert Book.open(path, readonly=True).readonly  # reading through it is fine


@settings(max_examples=200, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_random_mutations_of_a_real_book(real_book: bytes, tmp_path: Path, seed: int) -> None:
    blob = mutate(real_book, random.Random(seed))
    path = _write(tmp_path / f"m{seed}", blob)
    assert try_everything(path, tmp_path / "scratch") == [], f"seed {seed}"


def test_the_check_notices_a_traceback_and_a_changed_file(real_book: bytes, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The fuzz check itself fails when an entry point breaks the promise."""
    import store.book.fileformat

    path = _write(tmp_path / "ok", real_book)
    assert try_everything(path, tmp_path / "scratch") == []
    real_parse = store.book.fileformat.parse

    def crashing_parse(blob: bytes, where: Path, **_options: bool):
        raise KeyError("boom")
    monkeypatch.setattr("store.book.loading.parse", crashing_parse)
    found = try_everything(path, tmp_path / "scratch", commands=("check",))
    assert any("KeyError" in p for p in found) and any("exit 3" in p for p in found)
    monkeypatch.setattr("store.book.loading.parse", real_parse)

    def scribbling_parse(blob: bytes, where: Path, **options: bool):
        where.write_bytes(blob + b" ")
        return real_parse(blob, where, **options)
    monkeypatch.setattr("store.book.loading.parse", scribbling_parse)
    assert "the file changed" in try_everything(path, tmp_path / "scratch", commands=())
