"""The benchmark suite still runs: a quick pass on a tiny book prints the whole table.

The figures themselves are not checked here (timing on a shared CI machine proves
nothing); what is checked is that `python -m bench --quick` runs every figure without
failing, so the suite cannot rot while the code it measures changes.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_quick_bench_prints_every_figure() -> None:
    done = subprocess.run([sys.executable, "-m", "bench", "--quick"], cwd=ROOT,
                          capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    table = done.stdout
    assert "| Figure" in table and "| Goal" in table and "Measured" in table
    for figure in ("Save: add a journal entry", "Save: tick a checklist item",
                   "Office: gridbook check", "Office: gridbook report", "Growth: save",
                   "First useful screen", "Memory: peak RSS", "Keystroke: tick",
                   "Keystroke: move an errand", "Merge:", "Growth: first screen",
                   "Growth: keystroke"):
        assert figure in table
    rows = [line for line in table.splitlines() if line.startswith("| Save")]
    assert rows and all(re.search(r"\| \d+\.\d\dx ", row) for row in rows), table
