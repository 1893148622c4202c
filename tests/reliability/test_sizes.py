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
