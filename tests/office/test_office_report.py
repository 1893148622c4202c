"""`gridbook report` on a small hand-built book: figures checked by hand, every format.

The book (built through store.actions, on today's date so that "delivered today" holds):
  h1 3栋2单元501 王伟   quarantine started today (day 1 of 14): test, garbage, needs, letter due
  h2 3栋2单元502 李娜   quarantine started 13 days ago, release tomorrow; day-1 test done,
                        day-4 and day-7 tests missed; today's test done; today's needs asked
  h3 3栋2单元601 赵强   normal
  h4 3栋2单元602 孙丽   quarantine of 14 days released today
  errands: h1 大米 35.50 open (due tomorrow), h2 牛奶 20.00 open and overdue (due
  yesterday), h1 药 10.00 delivered today and repaid
  journal today: 3 control (quarantine h1 started, h2 tested, h4 released), 1 service
  (errand delivered), 1 publicity (written by hand)
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, time, timedelta
from pathlib import Path

import orjson
import pytest
from office_helpers import gridbook

from store import actions
from store.book.book import Book
from store.book.models import Category, Errand, ErrandStatus, Household, ItemKind, Person, Worker
from store.book.policy import item_id
from store.idnumber import check_character

ID_NUMBER = "22080219900101123" + check_character("22080219900101123")


@pytest.fixture
def hand_built(tmp_path: Path) -> Path:
    today = date.today()
    path = tmp_path / "book.json"
    book = Book.create(path, Worker(id="w1", name="张丽", community="瑞明社区", grid="第3网格"))

    def home(room: str, name: str, **person: str) -> Household:
        return actions.add_household(book, building="3", unit="2", room=room,
                                     people=(Person(name=name, **person),))

    h1 = home("501", "王伟", phone="13812345678", id_number=ID_NUMBER)
    h2 = home("502", "李娜", phone="13987654321")
    home("601", "赵强")
    h4 = home("602", "孙丽")
    actions.start_quarantine(book, h1.id, today)
    actions.start_quarantine(book, h2.id, today - timedelta(days=13))
    actions.start_quarantine(book, h4.id, today - timedelta(days=14))
    actions.record_test(book, h2.id, today - timedelta(days=13))
    actions.record_test(book, h2.id, today)
    actions.tick(book, item_id(h2.id, ItemKind.NEEDS, today))
    actions.release(book, h4.id, today)
    actions.add_errand(book, h1.id, "大米", datetime.combine(today + timedelta(days=1), time(10)),
                       advanced=3550)
    actions.add_errand(book, h2.id, "牛奶", datetime.combine(today - timedelta(days=1), time(10)),
                       advanced=2000)
    medicine = actions.add_errand(book, h1.id, "药", datetime.combine(today, time(23, 59)),
                                  advanced=1000)
    actions.set_errand_status(book, medicine.id, ErrandStatus.DELIVERED, today)
    book.update(Errand, medicine.id, repaid=1000)
    actions.add_log(book, "张贴通知", Category.PUBLICITY, on=today)
    return path


EXPECTED = {
    "households": 4, "status_normal": 1, "status_quarantine": 2, "status_monitoring": 0,
    "status_released": 1, "new_quarantines": 1, "released_today": 1, "due_tomorrow": 1,
    "tests_due": 2, "tests_done": 1, "tests_missed": 2, "errands_open": 2,
    "errands_overdue": 1, "errands_delivered": 1, "money_advanced": "65.50",
    "money_outstanding": "55.50", "log_control": 3, "log_service": 2, "log_publicity": 1,
    # the needs tick is one grouped journal line (service)
    "log_screening": 0, "log_protection": 0, "open_needs": 1,
}


def test_json_report_matches_hand_computed_figures(hand_built: Path) -> None:
    before = hand_built.read_bytes()
    done = gridbook("report", str(hand_built), "--format", "json")
    assert done.returncode == 0, done.stderr.decode()
    report = orjson.loads(done.stdout)
    worker_row, total = report["summary"]
    assert (worker_row["worker"], worker_row["worker_name"], worker_row["grid"]) == \
        ("w1", "张丽", "第3网格")
    assert {k: worker_row[k] for k in EXPECTED} == EXPECTED
    assert {k: total[k] for k in EXPECTED} == EXPECTED
    lines = report["line_list"]
    assert [(r["address"], r["name"]) for r in lines] == [("3栋2单元501", "王伟"),
                                                          ("3栋2单元502", "李娜")]
    assert lines[0]["id_number"] == ID_NUMBER[:6] + "*" * 10 + ID_NUMBER[-2:]
    assert lines[0]["phone"] == "138****5678"
    assert (lines[0]["day"], lines[1]["day"], lines[1]["tests"]) == ("1/14", "14/14", 2)
    assert hand_built.read_bytes() == before  # the report never changes the book


def test_full_shows_numbers_unmasked(hand_built: Path) -> None:
    report = orjson.loads(gridbook("report", str(hand_built), "--format", "json", "--full").stdout)
    assert report["line_list"][0]["id_number"] == ID_NUMBER
    assert report["line_list"][0]["phone"] == "13812345678"


def test_csv_has_a_bom_and_chinese_headers(hand_built: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.csv"
    done = gridbook("report", str(hand_built), "--format", "csv", "-o", str(out), "--lang", "zh")
    assert done.returncode == 0, done.stderr.decode()
    blob = out.read_bytes()
    assert blob.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(blob.decode("utf-8-sig"))))
    assert rows[1][:4] == ["网格员编号", "网格员", "网格", "住户总数"]
    assert rows[2][:4] == ["w1", "张丽", "第3网格", "4"]
    assert "138****5678" in blob.decode("utf-8-sig") and ID_NUMBER not in blob.decode("utf-8-sig")


def test_xlsx_opens_with_headers_and_rows(hand_built: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "report.xlsx"
    done = gridbook("report", str(hand_built), "--format", "xlsx", "-o", str(out), "--lang", "zh")
    assert done.returncode == 0, done.stderr.decode()
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["汇总", "台账"]
    summary = workbook["汇总"]
    assert summary.freeze_panes == "A3"  # row 1 the title, row 2 the header
    headers = [c.value for c in summary[2]]
    assert headers[:5] == ["网格员编号", "网格员", "网格", "住户总数", "正常"]
    rows = list(summary.iter_rows(min_row=3, values_only=True))
    assert rows[0][:4] == ("w1", "张丽", "第3网格", 4)
    assert rows[1][1] == "合计"
    assert rows[0][headers.index("未还金额(元)")] == 55.5
    line_list = workbook["台账"]
    assert [c.value for c in line_list[2]][:4] == ["网格员", "网格", "地址", "姓名"]
    assert [r[3] for r in line_list.iter_rows(min_row=3, values_only=True)] == ["王伟", "李娜"]
    assert summary.column_dimensions["B"].width >= 6


def test_table_output_is_aligned_in_terminal_cells(hand_built: Path) -> None:
    from store.cells import cell_width

    done = gridbook("report", str(hand_built), "--lang", "zh")
    assert done.returncode == 0, done.stderr.decode()
    lines = done.stdout.decode().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("网格员  "))
    header, rule, *rows = lines[start:start + 4]
    columns = [len(part) for part in rule.split("  ")]
    assert cell_width(header.split("  ")[0]) <= columns[0]
    for row in rows:  # the address column starts at the same cell on every row
        assert cell_width(row[: row.index("3栋")]) == cell_width(header[: header.index("地址")])


def test_conflicts_listed_as_table_and_csv(hand_built: Path, tmp_path: Path) -> None:
    book = Book.open(hand_built)
    household = next(h for h in book.all(Household) if h.room == "601")
    copy = tmp_path / "copy.json"
    copy.write_bytes(hand_built.read_bytes())
    book.update(Household, household.id, note="甲", phone="13811112222")
    other = Book.open(copy)
    other.update(Household, household.id, note="乙", phone="13933334444")
    merged = tmp_path / "merged.json"
    done = gridbook("merge", str(hand_built), str(copy), "-o", str(merged))
    assert done.returncode == 0, done.stderr.decode()
    summary = done.stdout.decode()
    assert "2 conflicts" in summary and "3栋2单元601 赵强" in summary and "<- shown" in summary
    assert "138****2222" in summary and "13811112222" not in summary  # numbers masked
    assert "book.json" in summary and "copy.json" in summary  # the book each value came from
    done = gridbook("report", str(merged), "--conflicts")
    text = done.stdout.decode()
    assert done.returncode == 0 and "3栋2单元601 赵强" in text and "甲" in text and "乙" in text
    csv_text = gridbook("report", str(merged), "--conflicts", "--format", "csv").stdout
    rows = list(csv.reader(io.StringIO(csv_text.decode("utf-8-sig"))))
    assert rows[0] == ["Kind", "Record", "Field", "Value", "Written by", "Written at", "Copy",
                       "Shown"]
    notes = [r for r in rows[1:] if r[2] == "entry text" or r[3] in ("甲", "乙")]
    assert sorted(r[3] for r in notes) == ["乙", "甲"]
    assert [r[7] for r in notes].count("yes") == 1


def test_possible_duplicates_listed_after_a_merge(tmp_path: Path) -> None:
    paths = []
    for worker in ("w1", "w2"):
        path = tmp_path / f"{worker}.json"
        book = Book.create(path, Worker(id=worker, name=f"网格员{worker}"))
        actions.add_household(book, building="3", unit="2", room="501",
                              people=(Person(name="王伟"),))
        paths.append(str(path))
    merged = tmp_path / "community.json"
    done = gridbook("merge", *paths, "-o", str(merged))
    assert done.returncode == 0 and "possible duplicate" in done.stdout.decode()
    report = orjson.loads(gridbook("report", str(merged), "--duplicates", "--format",
                                   "json").stdout)
    rows = report["duplicates"]
    assert [(r["group"], r["address"], r["name"]) for r in rows] == [(1, "3栋2单元501", "王伟")] * 2
    assert sorted(r["worker_name"] for r in rows) == ["网格员w1", "网格员w2"]


def test_conflicts_readable_in_chinese_with_paths_names_and_seconds(hand_built: Path,
                                                                    tmp_path: Path) -> None:
    """Issue 12 #7: address and errand items, the worker's name, the full path of each
    book (two w01.json from different places), seconds, translated fields and values; two
    books that wrote the same value did not conflict."""
    one, two = tmp_path / "a" / "w01.json", tmp_path / "b" / "w01.json"
    for path in (one, two):
        path.parent.mkdir()
        path.write_bytes(hand_built.read_bytes())
    first, second = Book.open(one), Book.open(two)
    errand = next(e for e in first.all(Errand) if e.items == "大米")
    actions.set_errand_status(first, errand.id, ErrandStatus.ACCEPTED)
    actions.set_errand_status(second, errand.id, ErrandStatus.CANCELLED)
    household = next(h for h in first.all(Household) if h.room == "601")
    first.update(Household, household.id, note="同一句")
    second.update(Household, household.id, note="同一句")  # the same value: no conflict
    merged = tmp_path / "merged.json"
    done = gridbook("--lang", "zh", "merge", str(one), str(two), "-o", str(merged))
    assert done.returncode == 0, done.stderr.decode()
    summary = done.stdout.decode()
    lines = [line for line in summary.splitlines() if "大米" in line]
    assert len(lines) == 1, summary
    line = lines[0]
    assert "3栋2单元501 王伟 代买代送：大米 状态" in line
    assert "“已接单”" in line and "“已取消”" in line and "accepted" not in line
    assert "张丽（w1）" in line and str(one) in line and str(two) in line
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", line)
    assert "同一句" not in summary and "备注" not in summary
    rows = orjson.loads(gridbook("report", str(merged), "--conflicts", "--format", "json",
                                 "--lang", "zh").stdout)["conflicts"]
    assert {(r["record"], r["field"], r["value"], r["written_by"]) for r in rows} == {
        ("3栋2单元501 王伟 代买代送：大米", "状态", "已接单", "张丽（w1）"),
        ("3栋2单元501 王伟 代买代送：大米", "状态", "已取消", "张丽（w1）")}
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", r["written_at"]) for r in rows)
