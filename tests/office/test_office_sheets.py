"""Spreadsheets that survive Excel, WPS and LibreOffice (issue 13; issue 17 items 8 and 9).

ID and phone numbers and day counts stay text, money and counts stay numbers, dates are
dates, a value typed by a person never runs as a formula, and a control character in a
name neither breaks the XLSX nor reaches the sheet raw. The LibreOffice round trip runs
the real `soffice` (installed by .ci/run) and reads what it saved back with openpyxl.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from office_helpers import gridbook

from store import actions
from store.book.book import Book
from store.book.models import Person, Worker
from store.idnumber import check_character
from store.office.report import Table
from store.office.report_export import to_csv, write_xlsx

ID_NUMBER = "22080219900101123" + check_character("22080219900101123")
HOSTILE = ['=HYPERLINK("http://evil.example/","click")', "@SUM(4,5)", "+1+2", "-3+4",
           "=1+1"]
BAD_NAME = "张\x1b]0;pwned\x07丽"


@pytest.fixture
def hostile_book(tmp_path: Path) -> Path:
    """Four households whose names a spreadsheet would run as formulas, one with an ID
    and a landline with a leading 0, and a worker whose name holds control characters."""
    path = tmp_path / "book.json"
    book = Book.create(path, Worker(id="w1", name="张丽", community="瑞明社区", grid="第3网格"))
    today = date.today()
    for index, name in enumerate(HOSTILE):
        household = actions.add_household(
            book, building="3", unit="2", room=f"50{index}",
            people=(Person(name=name[:40], phone="04361234567" if index == 0 else "13812345678",
                           id_number=ID_NUMBER if index == 0 else "", origin=name[:60]),))
        actions.start_quarantine(book, household.id, today - timedelta(days=index))
    book.update(Worker, "w1", name=BAD_NAME)
    return path


def _csv_rows(blob: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(blob.decode("utf-8-sig"))))


def test_csv_keeps_text_text_and_runs_no_formula(hostile_book: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.csv"
    done = gridbook("report", str(hostile_book), "--format", "csv", "--full", "-o", str(out),
                    "--lang", "zh")
    assert done.returncode == 0, done.stderr.decode()
    rows = _csv_rows(out.read_bytes())
    cells = [cell for row in rows for cell in row]
    for cell in cells:  # nothing that a spreadsheet would run, except text literals ="..."
        if cell.startswith(("=", "+", "-", "@", "\t", "\r")):
            assert cell.startswith('="') and cell.endswith('"'), cell
            assert '"' not in cell[2:-1].replace('""', ""), cell  # one string literal
    names = [row[3] for row in rows if len(row) > 3 and row[2].startswith("3栋2单元")]
    # "-3+4" and "+1+2" look like numbers: text literals; the others get an apostrophe
    assert sorted(names) == sorted(f'="{h}"' if h.startswith(("-", "+")) else "'" + h[:40]
                                   for h in HOSTILE)
    assert f'="{ID_NUMBER}"' in cells and '="04361234567"' in cells
    assert '="1/14"' in cells  # the day count, never a date
    assert "\x1b" not in out.read_text(encoding="utf-8-sig")
    assert "张␛]0;pwned␇丽" in cells


def test_xlsx_has_title_page_setup_formats_and_no_formula(hostile_book: Path,
                                                          tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "r.xlsx"
    done = gridbook("report", str(hostile_book), "--format", "xlsx", "--full", "-o", str(out),
                    "--lang", "zh", "--by", "王主任")
    assert done.returncode == 0, done.stderr.decode()  # a control character broke it before
    workbook = load_workbook(out)
    for sheet in workbook:
        title = sheet["A1"].value
        assert "瑞明社区" in title and "王主任" in title and date.today().isoformat() in title
        assert sheet.freeze_panes == "A3"
        setup = sheet.page_setup
        assert (setup.orientation, int(setup.paperSize)) == ("landscape", int(sheet.PAPERSIZE_A4))
        assert (int(setup.fitToWidth), int(setup.fitToHeight)) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$1:$2"
        assert "&P" in sheet.oddFooter.center.text
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.value  # no formula anywhere
    summary = workbook["汇总"]
    headers = [c.value for c in summary[2]]
    money = summary.cell(row=3, column=headers.index("垫付金额(元)") + 1)
    assert money.number_format == "0.00" and isinstance(money.value, float | int)
    assert summary.cell(row=3, column=2).value == "张␛]0;pwned␇丽"
    line_list = workbook["台账"]
    headers = [c.value for c in line_list[2]]
    rows = list(line_list.iter_rows(min_row=3))
    by_name = {r[headers.index("姓名")].value: r for r in rows}
    assert set(by_name) == {h[:40] for h in HOSTILE}
    for row in by_name.values():
        assert row[headers.index("姓名")].data_type == "s"
        assert row[headers.index("姓名")].quotePrefix  # stays text when edited in Excel
    first = by_name[HOSTILE[0][:40]]
    assert first[headers.index("身份证号")].value == ID_NUMBER
    assert first[headers.index("身份证号")].number_format == "@"
    assert first[headers.index("电话")].value == "04361234567"
    start = first[headers.index("隔离开始")]
    assert start.is_date and start.value.date() == date.today()
    assert first[headers.index("隔离天数")].value == "1/14"


def test_a_control_character_in_any_text_keeps_the_xlsx_whole(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    every = "".join(chr(c) for c in range(32)) + "\x7f"
    table = Table("line_list", "t", ("name", "address"), [{"name": every, "address": "=1"}])
    out = tmp_path / "r.xlsx"
    write_xlsx([table], out, heading="标题\x00")
    cell = load_workbook(out).active.cell(row=3, column=1)
    assert "\x1b" not in cell.value and "␛" in cell.value and "␀" in cell.value
    blob = to_csv([table]).decode("utf-8-sig")
    assert "\x1b" not in blob and "'=1" in blob


def test_ids_keep_18_digits_after_a_libreoffice_round_trip(hostile_book: Path,
                                                           tmp_path: Path) -> None:
    from openpyxl import load_workbook

    # never skipped: .ci/run installs LibreOffice, and a missing tool must fail the run
    assert shutil.which("soffice"), "LibreOffice is missing: apt-get install libreoffice-calc-nogui"

    csv_out, xlsx_out = tmp_path / "from_csv.csv", tmp_path / "from_xlsx.xlsx"
    for out, form in ((csv_out, "csv"), (xlsx_out, "xlsx")):
        done = gridbook("report", str(hostile_book), "--format", form, "--full", "-o", str(out),
                        "--lang", "zh")
        assert done.returncode == 0, done.stderr.decode()
    saved = tmp_path / "saved"
    profile = (tmp_path / "lo-profile").as_uri()
    done = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                           "--convert-to", "xlsx", "--outdir", str(saved), str(csv_out),
                           str(xlsx_out)], capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr.decode()
    for name in ("from_csv.xlsx", "from_xlsx.xlsx"):
        workbook = load_workbook(saved / name, data_only=True)
        texts = [c.value for ws in workbook for row in ws.iter_rows() for c in row
                 if isinstance(c.value, str)]
        assert ID_NUMBER in texts, name  # 18 digits, as text
        assert "04361234567" in texts and "1/14" in texts, name
        assert not any(isinstance(c.value, float) and c.value > 1e15 for ws in workbook
                       for row in ws.iter_rows() for c in row), name
        formulas = load_workbook(saved / name)
        for ws in formulas:
            for row in ws.iter_rows():
                for cell in row:  # only our text literals may come back as formulas
                    if cell.data_type == "f":
                        assert str(cell.value).startswith('="'), (name, cell.value)
                        assert "HYPERLINK" not in str(cell.value) and "SUM" not in \
                            str(cell.value), (name, cell.value)
        texts_all = " ".join(texts)
        assert "HYPERLINK(" in texts_all and "@SUM(4,5)" in texts_all  # shown, as text


def test_any_text_is_one_literal_or_inert_in_csv() -> None:
    """For any text a person can type, the CSV cell is either inert (cannot start a
    formula) or exactly one string literal ="..." that shows the text as typed."""
    from hypothesis import given
    from hypothesis import strategies as st

    from store.office.sheet_cells import csv_text, visible

    @given(st.sampled_from(["name", "id_number", "day", "origin", "value"]),
           st.text(alphabet=st.characters(codec="utf-8"), max_size=60)
           | st.from_regex(r"[=+\-@\t\r]?[0-9 ./:+\-]{0,20}", fullmatch=True))
    def check(key: str, text: str) -> None:
        cell = csv_text(key, text)
        shown = visible(text)
        if cell.startswith('="'):
            assert cell.endswith('"') and cell[2:-1].replace('""', '"') == shown
            assert '"' not in cell[2:-1].replace('""', "")
        elif cell.startswith("'") and cell != shown:  # a typed apostrophe is kept as it is
            assert cell[1:] == shown and shown.startswith(("=", "+", "-", "@", "\t", "\r"))
        else:
            assert cell == shown and not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
        assert not any(ord(c) < 32 and c not in "\t\n\r" for c in cell)

    check()
