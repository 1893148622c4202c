"""Item 7 of issue 17 (part): control characters never reach a terminal from the shell.

- a journal text holding an escape sequence (which a book from elsewhere may carry) is
  printed by `report --conflicts` and the merge summary with ESC made visible (␛).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from reliability_kit import small_book

from tui.cli import main

TITLE = "\x1b]0;pwned\x07\x1b[2J"


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
