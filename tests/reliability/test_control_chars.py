"""Item 7 of issue 17 (part): control characters never reach a terminal from the shell,
and are refused at entry in names.

- a name (resident, worker, responsible party) holding ESC is refused with a sentence;
- a journal text holding an escape sequence (which a book from elsewhere may carry) is
  printed by `report --conflicts` and the merge summary with ESC made visible (␛).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from reliability_kit import small_book

from store import actions
from store.book import Book
from store.errors import BookError
from store.models import Person, Worker
from tui.cli import main

TITLE = "\x1b]0;pwned\x07\x1b[2J"


@pytest.mark.parametrize("make", [
    lambda: Person(name="李" + TITLE),
    lambda: Worker(id="w9", name="王" + TITLE),
])
def test_names_with_control_characters_are_refused(make) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError):
        make()


def test_a_name_with_esc_is_refused_by_the_book(book_path: Path) -> None:
    book = Book.open(book_path)
    with pytest.raises(BookError):
        actions.add_household(book, building="1", room="101",
                              people=(Person.model_construct(name="x" + TITLE),))


def test_shell_outputs_show_control_characters(tmp_path: Path,
                                               capfd: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "w01.json"
    small_book(path)
    data = json.loads(path.read_text())
    raw = next(iter(data["households"].values()))
    good = raw["fields"]["note"][0] if "note" in raw["fields"] else ["", 1, "r0", "w01"]
    raw["fields"]["note"] = [good, ["note" + TITLE, good[1] + 5, "zz", "w01"]]
    raw["vv"]["zz"] = good[1] + 5
    path.write_text(json.dumps(data, ensure_ascii=False))
    main(["--lang", "en", "report", str(path), "--conflicts"])
    main(["--lang", "en", "merge", str(path), "-o", str(tmp_path / "c.json")])
    said = capfd.readouterr()
    assert "\x1b" not in said.out + said.err and "\x07" not in said.out + said.err
    assert "␛" in said.out
