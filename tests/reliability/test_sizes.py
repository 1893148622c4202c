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


def test_a_register_of_ten_thousand_values_is_listed_in_short(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A field holding 10,000 concurrent values (a hostile or broken file) once printed a
    600,000-character summary line: each conflict lists its newest few and how many more."""
    import json

    from reliability_kit import small_book

    path = tmp_path / "w01.json"
    small_book(path)
    data = json.loads(path.read_text())
    rid, record = next(iter(data["households"].items()))
    base = max(record["vv"].values())
    record["fields"]["note"] = [[f"value number {i:05d} {'x' * 40}", base + i + 1, f"r{i:05d}", "w01"]
                                for i in range(10_000)]
    record["vv"].update({f"r{i:05d}": base + i + 1 for i in range(10_000)})
    path.write_text(json.dumps(data, ensure_ascii=False))
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
