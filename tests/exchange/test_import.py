"""`gridbook import`: a realistic roster (XLSX with a title row, merged cells, blank rows,
header variants, bad ID numbers; a GBK CSV from Chinese Excel) gives the expected
households, people and row errors; a second import changes nothing."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from store.book.book import Book
from store.book.models import Household, Worker
from store.idnumber import check_character
from store.office.importer import split_address
from tui.cli import main


def valid_id(birth: str, serial: str = "123") -> str:
    first = "220802" + birth + serial
    return first + check_character(first)


ID_A, ID_B, ID_C, ID_D, ID_E = (valid_id("19800101"), valid_id("19820315"),
                                valid_id("20100607"), valid_id("19551230"),
                                valid_id("19911111", "456"))
BAD_CHECK = ID_A[:-1] + ("0" if ID_A[-1] != "0" else "1")


def roster_xlsx(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append(["幸福社区居民花名册（2022年3月）"])
    ws.merge_cells("A1:J1")
    ws.append(["序号", "楼 栋", "单元", "门牌号", "姓名", "身份证号码", "手机号", "返回日期",
               "从何地返回", "备注", "包保网格员"])
    rows = [
        [1, "3栋", "2", "501", "张伟", ID_A, "13812345678", None, None, None, "w1"],
        [2, None, "2", "501", "李娜", ID_B, "13912345678", None, None, "行动不便", "w1"],
        [3, None, "2", "501", "张小明", ID_C, None, None, None, None, "w1"],
        [None] * 11,  # a blank row between blocks
        [4, None, "1", "302", "王芳", ID_D, "0436-1234567", "2022-03-10", "长春", None, "w1"],
        [5, "5号楼", None, "101室", "赵强", BAD_CHECK, "13700000000", None, None, None, "w2"],
        [6, None, None, "102", "孙丽", None, "1370000abc", None, None, None, "w2"],
        [7, None, None, "103", None, ID_E, None, None, None, None, "w2"],
        [8, None, None, "104", "周杰", None, None, "下周", None, None, "w2"],
    ]
    for row in rows:
        ws.append(row)
    ws.merge_cells("B3:B7")  # building 3 merged down its rows (blank row included)
    ws.merge_cells("B8:B11")  # building 5
    ws.cell(row=12, column=2, value="7")
    ws.cell(row=12, column=4, value="201")
    ws.cell(row=12, column=5, value="吴敏")
    ws.cell(row=12, column=6, value=220802199001011234)  # typed as a number: digits lost
    ws.cell(row=12, column=11, value="w2")
    ws.append([])
    ws.append([])
    second = wb.create_sheet("返回人员")
    second.append(["姓名", "证件号码", "联系电话", "住址", "抵达日期", "来源地"])
    second.append(["陈静", ID_E, "13600000000", "幸福小区3号楼2单元501室", "2022/3/12", "北京"])
    second.append(["张伟", ID_A, "", "3-2-501", "", ""])
    wb.save(path)
    return path


def run(*argv: str) -> int:
    return main(["--lang", "en", *argv])


def households(path: Path) -> dict[str, Household]:
    book = Book.open(path, readonly=True)
    return {h.address: h for h in book.all(Household)}


def test_address_split() -> None:
    assert split_address("3栋2单元501") == ("3", "2", "501")
    assert split_address("3号楼2单元501室") == ("3", "2", "501")
    assert split_address("3-2-501") == ("3", "2", "501")
    assert split_address("幸福小区 12幢1单元1102") == ("12", "1", "1102")
    assert split_address("5-101") == ("5", "", "101")
    assert split_address("３－２－５０１") == ("3", "2", "501")
    assert split_address("东门口") is None


def test_roster_xlsx_row_errors_then_skip_bad(tmp_path: Path, capsys) -> None:
    source = roster_xlsx(tmp_path / "roster.xlsx")
    book = tmp_path / "community.json"
    assert run("import", str(book), str(source)) == 1
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith("Row ")]
    assert [line.split(":")[0] for line in lines] == [
        "Row 8", "Row 9", "Row 10", "Row 11", "Row 12"]
    assert "ID number 220802" in lines[0] and "not valid" in lines[0]
    assert ID_A[6:14] not in err  # the ID numbers are masked in the sentences
    assert "phone" in lines[1] and "no name" in lines[2] and "return date" in lines[3]
    assert "as a number" in lines[4]
    assert "5 rows have problems, so nothing was written" in err
    assert not book.exists()  # all or nothing: not even a new file

    assert run("import", str(book), str(source), "--skip-bad") == 0
    out = capsys.readouterr().out
    assert "Columns not used: 序号" in out
    assert "New: 2 households, 4 people" in out
    found = households(book)
    assert sorted(found) == ["3栋1单元302", "3栋2单元501"]
    family = found["3栋2单元501"]
    assert [p.name for p in family.people] == ["张伟", "李娜", "张小明"]
    assert [p.id_number for p in family.people] == [ID_A, ID_B, ID_C]
    assert family.worker == "w1" and family.note == "行动不便"
    returnee = found["3栋1单元302"].people[0]
    assert returnee.returnee and returnee.origin == "长春" and returnee.phone == "0436-1234567"
    assert "返回日期 2022-03-10" in found["3栋1单元302"].note
    assert "Assigned to workers who have not synced yet: w1" in out  # w2's rows were all bad

    before = book.read_bytes()
    assert run("import", str(book), str(source), "--skip-bad") == 0
    assert "already holds all of it" in capsys.readouterr().out
    assert book.read_bytes() == before  # a second import changes nothing


def test_second_sheet_matches_by_id_and_address_forms(tmp_path: Path, capsys) -> None:
    source = roster_xlsx(tmp_path / "roster.xlsx")
    book = tmp_path / "community.json"
    assert run("import", str(book), str(source), "--skip-bad") == 0
    capsys.readouterr()
    assert run("import", str(book), str(source), "--sheet", "返回人员", "--dry-run") == 0
    out = capsys.readouterr().out
    assert "New: 0 households, 1 person; already there: 1 household, 1 person" in out
    assert "Dry run" in out
    assert len(households(book)["3栋2单元501"].people) == 3  # dry run wrote nothing
    assert run("import", str(book), str(source), "--sheet", "返回人员", "--worker", "w9") == 0
    capsys.readouterr()
    family = households(book)["3栋2单元501"]
    assert [p.name for p in family.people] == ["张伟", "李娜", "张小明", "陈静"]
    assert family.people[3].returnee and family.people[3].origin == "北京"
    assert family.people[0].phone == "13812345678"  # an empty cell takes nothing away
    assert family.worker == "w9"
    before = book.read_bytes()
    assert run("import", str(book), str(source), "--sheet", "返回人员", "--worker", "w9") == 0
    assert book.read_bytes() == before
    assert run("import", str(book), str(source), "--sheet", "nope") == 1
    assert "has no sheet named" in capsys.readouterr().err


def gbk_csv(path: Path, rows: list[list[str]]) -> Path:
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    path.write_bytes(text.getvalue().encode("gbk"))
    return path


def test_gbk_csv_into_a_worker_book(tmp_path: Path, capsys) -> None:
    book_path = tmp_path / "w1.json"
    Book.create(book_path, Worker(id="w1", name="刘洋"))
    source = gbk_csv(tmp_path / "list.csv", [
        ["姓名", "证件号码", "联系电话", "地址", "抵达日期", "来源地", "单位"],
        ["王芳", ID_D, "13500000000", "8栋1单元101", "2022年3月9日", "吉林市", "白城一中"],
        ["", "", "", "", "", "", ""],
        ["刘备", ID_B, "", "8-1-101", "2022-03-09", "吉林市", ""],
        ["关羽", ID_B, "", "9-1-101", "2022-03-09", "", ""],
        ["张飞", "", "", "东门口", "", "", ""],
    ])
    with pytest.raises(UnicodeDecodeError):  # really GBK, not UTF-8
        source.read_bytes().decode("utf-8")
    assert run("import", str(book_path), str(source)) == 1
    err = capsys.readouterr().err
    assert "Row 5: the ID number 220802**********" in err and "row 4" in err
    assert "Row 6: the address \u201c东门口\u201d cannot be split" in err
    assert run("import", str(book_path), str(source), "--skip-bad") == 0
    out = capsys.readouterr().out
    assert "Columns not used: 单位" in out
    found = households(book_path)
    assert list(found) == ["8栋1单元101"]
    assert [p.name for p in found["8栋1单元101"].people] == ["王芳", "刘备"]
    assert found["8栋1单元101"].worker == "w1"
    before = book_path.read_bytes()
    assert run("import", str(book_path), str(source), "--skip-bad") == 0
    assert book_path.read_bytes() == before


def test_changed_phone_is_shown_and_written(tmp_path: Path, capsys) -> None:
    book = tmp_path / "c.json"
    first = gbk_csv(tmp_path / "a.csv", [["name", "ID number", "mobile", "address"],
                                          ["Li Lei", ID_A, "13800000000", "2-1-101"]])
    second = gbk_csv(tmp_path / "b.csv", [["name", "ID number", "mobile", "address"],
                                           ["Li Lei", ID_A, "13911112222", "2栋1单元101"]])
    assert run("import", str(book), str(first)) == 0
    capsys.readouterr()
    assert run("import", str(book), str(second), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "1 change." in out and "phone 138****0000 -> 139****2222" in out
    assert run("import", str(book), str(second)) == 0
    assert households(book)["2栋1单元101"].people[0].phone == "13911112222"


def test_map_and_no_header(tmp_path: Path, capsys) -> None:
    book = tmp_path / "c.json"
    source = gbk_csv(tmp_path / "a.csv", [["户主", "位置"], ["王五", "4栋1单元101"]])
    assert run("import", str(book), str(source)) == 1
    assert "No header row" in capsys.readouterr().err
    assert run("import", str(book), str(source), "--map", "户主=name", "--map",
               "位置=address") == 0
    assert list(households(book)) == ["4栋1单元101"]
    assert run("import", str(book), str(source), "--map", "户主=nobody") == 1
    assert "HEADER=FIELD" in capsys.readouterr().err


@pytest.mark.parametrize("content", [b"PK\x03\x04broken", b""])
def test_broken_xlsx_is_a_sentence(tmp_path: Path, capsys, content: bytes) -> None:
    source = tmp_path / "r.xlsx"
    source.write_bytes(content)
    assert run("import", str(tmp_path / "c.json"), str(source)) == 1
    assert "damaged or not an Excel .xlsx file" in capsys.readouterr().err


def test_control_characters_are_removed_at_entry(tmp_path: Path, capsys) -> None:
    book = tmp_path / "c.json"
    source = tmp_path / "a.csv"
    source.write_text("姓名,住址,备注\n王\x1b[31m五,4栋1单元101,=1+2\u202e\n", "utf-8")
    assert run("import", str(book), str(source)) == 0
    household = households(book)["4栋1单元101"]
    assert household.people[0].name == "王[31m五"  # no ESC reaches the book
    assert household.note == "=1+2"  # kept as typed text; exports neutralise formulas


def test_office_commands_do_not_import_textual(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = ("import sys; from tui.cli import main\n"
            "for argv in (['import', 'x.json', 'y.csv'], ['sync', '.'], "
            "['collect', '.', '-o', 'c.json', '--key', 'k'], ['key', 'new', '/nonexistent/k']):\n"
            "    main(['--lang', 'en', *argv])\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
            "print(bad)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False,
                          cwd=tmp_path, env={**__import__("os").environ,
                                             "PYTHONPATH": str(Path(__file__).parents[2])})
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stderr
    assert "Traceback" not in done.stderr


def test_too_many_rows_is_a_sentence(tmp_path: Path, capsys, monkeypatch) -> None:
    import store.office.roster

    monkeypatch.setattr(store.office.roster, "MAX_ROWS", 3)
    source = gbk_csv(tmp_path / "a.csv", [["姓名", "住址"]] + [[f"人{i}", f"1-1-{i}"]
                                                               for i in range(5)])
    assert run("import", str(tmp_path / "c.json"), str(source)) == 1
    assert "more than 3 rows" in capsys.readouterr().err
