"""What `gridbook check` and `report` load to start fast, and what they leave behind.

They must never load the UI toolkit (textual, rich) nor the spreadsheet library unless a
spreadsheet is asked for; and their pausing of the garbage collector must not outlive
them when they are called from a longer-running program.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from store.seed import seed_book

ROOT = Path(__file__).resolve().parents[2]


def test_check_and_report_load_neither_the_ui_nor_openpyxl_nor_fpdf(tmp_path: Path) -> None:
    book = tmp_path / "w1.json"
    seed_book(book, "w1", households=3, days=5, today=date(2026, 3, 20))
    code = f"""
import gc, sys
from tui.cli import main
assert main(["check", {str(book)!r}]) == 0
assert main(["report", {str(book)!r}, "--date", "2026-03-20"]) == 0
assert main(["report", {str(book)!r}, "--format", "json"]) == 0
assert gc.isenabled()
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich", "openpyxl", "fpdf"))
print("LOADED:" + ",".join(loaded))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT,
                          timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode().strip().splitlines()[-1] == "LOADED:"
