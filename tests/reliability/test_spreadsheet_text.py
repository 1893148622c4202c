"""Text from a person is never a formula in an export, and a control character never
breaks one (issue 17 items 8 and 9; the LibreOffice round trip is in
tests/office/test_office_sheets.py).

In-process, through the report's own tables and writers, so that the sabotage plug-in
`sab_formula` (which writes text raw) is seen to break these tests on every run.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from store import actions
from store.book.book import Book
from store.book.models import Person, Worker
from store.office.report import daily_report
from store.office.report_export import to_csv, write_xlsx

TODAY = date.today()  # a past day leaves out households registered after it
FORMULAS = ['=HYPERLINK("http://evil.example/","click")', "@SUM(4,5)", "+1+2", "-3+4",
            "\t=1+1", "=cmd|' /C calc'!A0"]


def _book(tmp_path: Path, worker_name: str = "张丽") -> Book:
    book = Book.create(tmp_path / "w.json", Worker(id="w1", name=worker_name,
                                                   community="瑞明社区", grid="第3网格"))
    for index, text in enumerate(FORMULAS):
        household = actions.add_household(book, building="3", room=f"50{index}",
                                          people=(Person(name=text.strip()[:40],
                                                         origin=text[:60]),))
        actions.start_quarantine(book, household.id, TODAY)
    return book


def test_values_from_people_are_text_in_csv_and_xlsx(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    tables = daily_report(_book(tmp_path), TODAY, full=True)
    rows = list(csv.reader(io.StringIO(to_csv(tables).decode("utf-8-sig"))))
    for cell in (c for row in rows for c in row):
        if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
            # only a single string literal may start like a formula
            assert cell.startswith('="') and cell.endswith('"'), cell
            assert '"' not in cell[2:-1].replace('""', ""), cell
    out = tmp_path / "r.xlsx"
    write_xlsx(tables, out)
    for sheet in load_workbook(out):
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.value
    names = {c.value for ws in load_workbook(out) for row in ws.iter_rows() for c in row}
    assert {text.strip()[:40] for text in FORMULAS} <= names  # shown as typed


def test_a_control_character_in_a_workers_name_keeps_the_xlsx_whole(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    book = _book(tmp_path, worker_name="张\x1b[2J丽\x07")
    out = tmp_path / "r.xlsx"
    write_xlsx(daily_report(book, TODAY), out)  # IllegalCharacterError (exit 3) before
    cells = [c.value for ws in load_workbook(out) for row in ws.iter_rows() for c in row
             if isinstance(c.value, str)]
    assert "张␛[2J丽␇" in cells and not any("\x1b" in c or "\x07" in c for c in cells)
    assert "\x1b" not in to_csv(daily_report(book, TODAY)).decode("utf-8-sig")
