"""Item 13 of issue 17 (part): `seed --households 100000000` is refused with a sentence
at once instead of running until memory is gone."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main


@pytest.mark.parametrize("option,value", [("--households", "100000000"), ("--days", "99999")])
def test_seed_sizes_are_bounded(tmp_path: Path, option: str, value: str,
                                capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "big.json"
    with pytest.raises(SystemExit) as raised:
        main(["--lang", "en", "seed", str(out), "--worker", "w01", option, value])
    assert raised.value.code == 2
    assert "at most" in capsys.readouterr().err
    assert not out.exists()


def _register_of(path: Path, values: int = 10_000) -> str:
    """A small book whose first household's note holds `values` concurrent values (a
    hostile or broken file), "value number 00000" oldest; the household's id."""
    import json

    from reliability_kit import small_book

    small_book(path)
    data = json.loads(path.read_text())
    rid, record = next(iter(data["households"].items()))
    base = max(record["vv"].values())
    record["fields"]["note"] = [[f"value number {i:05d} {'x' * 40}", base + i + 1, f"r{i:05d}", "w01"]
                                for i in range(values)]
    record["vv"].update({f"r{i:05d}": base + i + 1 for i in range(values)})
    path.write_text(json.dumps(data, ensure_ascii=False))
    return str(rid)


def test_a_register_of_ten_thousand_values_is_listed_in_short(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A field holding 10,000 concurrent values (a hostile or broken file) once printed a
    600,000-character summary line: each conflict lists its newest few and how many more."""
    path = tmp_path / "w01.json"
    _register_of(path)
    out = tmp_path / "community.json"
    assert main(["--lang", "en", "merge", str(path), "-o", str(out)]) == 0
    summary = capsys.readouterr().out
    assert max(len(line) for line in summary.splitlines()) < 2_000
    assert "9995 older values not listed" in summary and "value number 09999" in summary
    for source in (path, out):
        assert main(["--lang", "en", "report", str(source), "--conflicts"]) == 0
        listing = capsys.readouterr().out
        rows = [line for line in listing.splitlines() if "value number" in line]
        assert len(rows) == 5 and "value number 09999" in rows[-1]
        assert "9995 older values not listed" in listing
        assert max(len(line) for line in listing.splitlines()) < 2_000


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_f6_lists_a_register_of_ten_thousand_values_in_short(tmp_path: Path,
                                                                   language: str) -> None:
    """F6 listed every value of the conflict it opens (10,000 lines to build and scroll);
    now its five newest (the shown one among them) and how many older ones are not
    listed, as the report does. Picking one settles the conflict in the reopened book."""
    import sys
    from datetime import date

    from store.book.book import Book
    from store.book.clock import FixedClock
    from store.book.models import Household
    from store.lang import set_lang
    from tui.app import GridbookApp

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tui"))
    from tui_helpers import screen_lines, settle

    path = tmp_path / "w01.json"
    rid = _register_of(path)
    set_lang(language)
    app = GridbookApp(Book.open(path, clock=FixedClock.on(date(2022, 3, 12))),
                      refresh_seconds=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        row = "\n".join(screen_lines(app))
        assert "+9995" in row  # the table row: how many older, then the newest
        await pilot.press("enter")
        await pilot.pause()
        listing = app.screen.query_one("#candidates-list")
        assert listing.option_count == 6
        text = "\n".join(screen_lines(app))
        older = {"en": "9995 older values not listed", "zh": "另有 9995 个较早的值未列出"}[language]
        assert older in text
        prompts = [str(listing.get_option_at_index(i).prompt) for i in range(6)]
        assert [p[:18] for p in prompts[1:]] == [f"value number {i:05d}" for i in range(9995, 10_000)]
        assert ("(shown now)" if language == "en" else "（当前显示）") in prompts[-1]
        while listing.highlighted is None or "09997" not in prompts[listing.highlighted]:
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
    reopened = Book.open(path)
    assert reopened.require(Household, rid).note.startswith("value number 09997")
    assert not [c for c in reopened.conflicts() if c.field == "note"]
