"""Reading a roster (花名册) or a street office's list: rows of text out of XLSX or CSV.

The spreadsheet is untrusted input. A cell becomes plain text as it was typed (a number
typed as 501 is "501", a date is its ISO day); merged cells give their value to every cell
they cover (a building merged down its rows); a CSV is read as UTF-8 (with or without a
BOM) or, failing that, GB18030, which is what Chinese Excel's "CSV" is (GBK) and more.
The header row is found among the first rows (a title row above it is common), and each
header is placed by its Chinese or English name or by an explicit mapping.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from store.errors import BookError

MAX_SOURCE_BYTES = 64 * 1024 * 1024
MAX_ROWS = 200_000
HEADER_SEARCH_ROWS = 10

# the fields an import fills, and the headers that name them (compared after `_norm`)
HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "名字", "居民姓名", "人员姓名", "户主姓名", "name", "fullname",
             "residentname"),
    "id_number": ("身份证号", "身份证号码", "证件号码", "证件号", "身份证", "公民身份号码",
                  "idnumber", "idno", "id", "idcard", "idcardnumber"),
    "phone": ("联系电话", "手机号", "手机号码", "电话", "电话号码", "联系方式", "phone",
              "mobile", "tel", "telephone", "phonenumber"),
    "address": ("住址", "地址", "现住址", "家庭住址", "居住地址", "详细地址", "address",
                "homeaddress"),
    "building": ("楼栋", "楼号", "栋", "楼栋号", "幢", "building", "bldg", "block"),
    "unit": ("单元", "单元号", "unit"),
    "room": ("房间", "房间号", "门牌号", "户号", "室", "房号", "room", "roomno", "flat", "apt"),
    "returned": ("返回日期", "抵达日期", "返回时间", "抵达时间", "到达日期", "返白日期",
                 "returned", "arrival", "arrivaldate", "returndate", "dateofreturn"),
    "origin": ("来源地", "从何地返回", "从何地来", "出发地", "来自", "origin", "from",
               "comingfrom"),
    "note": ("备注", "说明", "note", "notes", "remark", "remarks", "comment"),
    "worker": ("网格员", "网格", "所属网格", "负责网格员", "包保网格员", "grid", "worker",
               "gridworker"),
}
FIELDS = tuple(HEADERS)


def _norm(header: str) -> str:
    """A header as compared: no spaces, marks or notes in brackets, English in lower case."""
    text = re.sub(r"[（(【\[].*?[)）】\]]", "", header)
    text = re.sub(r"[\s*＊:：_\-./]", "", text)
    return text.lower()


_LOOKUP = {_norm(variant): name for name, variants in HEADERS.items() for variant in variants}


@dataclass
class Table:
    """The rows of a source: its header row's number, the placed columns and the rest."""

    columns: dict[str, int]  # field -> column index
    unplaced: list[str]  # headers that named no field
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (row number, cells)
    header_row: int = 0


# control characters, bidi overrides and zero-width marks: a name is never a terminal
# control sequence or a reordering trick (DESIGN.md, what enters from outside)
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def cell_text(value: object) -> str:
    """A cell as the text a person typed (None is empty), control characters removed."""
    return _INVISIBLE.sub("", _cell_text(value).replace("\n", " ").replace("\t", " ")).strip()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() \
            else value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)  # an ID number saved as a number shows as 2.2e+17: reported later
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def read_source(path: Path, sheet: str | None = None) -> list[tuple[int, list[str]]]:
    """Every row of the source as (row number as the spreadsheet shows it, cell texts)."""
    try:
        if not path.is_file():
            raise BookError("not_found", path=path)
        if path.stat().st_size > MAX_SOURCE_BYTES:
            raise BookError("import_too_big", path=path)
        suffix = path.suffix.lower()
        if suffix in (".xlsx", ".xlsm"):
            return _read_xlsx(path, sheet)
        if suffix in (".csv", ".txt"):
            if sheet:
                raise BookError("import_sheet_csv", path=path)
            return _read_csv(path.read_bytes())
    except OSError:
        raise BookError("unreadable", path=path) from None
    raise BookError("import_kind", path=path)


def _read_csv(blob: bytes) -> list[tuple[int, list[str]]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = blob.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string the others refuse
        text = blob.decode("utf-8", errors="replace")
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    rows = []
    for number, row in enumerate(csv.reader(io.StringIO(text, newline=""), dialect), start=1):
        if number > MAX_ROWS:
            raise BookError("import_too_many", rows=MAX_ROWS)
        rows.append((number, [cell_text(c) for c in row]))
    return rows


def _read_xlsx(path: Path, sheet: str | None) -> list[tuple[int, list[str]]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        # not read-only: merged ranges are only known to a fully loaded sheet
        book = load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError):
        raise BookError("import_bad_xlsx", path=path) from None
    try:
        if sheet is not None:
            if sheet not in book.sheetnames:
                raise BookError("import_no_sheet", path=path, sheet=sheet,
                                sheets="、".join(book.sheetnames))
            ws = book[sheet]
        else:
            ws = book.worksheets[0]
        if ws.max_row > MAX_ROWS:
            raise BookError("import_too_many", rows=MAX_ROWS)
        grid = [[cell_text(c) for c in row] for row in ws.iter_rows(values_only=True)]
        # a row left blank stays blank even where a merged cell spans it
        blank = {r for r, row in enumerate(grid) if not any(row)}
        for merged in ws.merged_cells.ranges:
            top = grid[merged.min_row - 1][merged.min_col - 1] \
                if merged.min_row - 1 < len(grid) else ""
            for r in range(merged.min_row - 1, min(merged.max_row, len(grid))):
                for c in range(merged.min_col - 1, merged.max_col):
                    if c < len(grid[r]) and r not in blank:
                        grid[r][c] = top
        return [(n, row) for n, row in enumerate(grid, start=1)]
    finally:
        book.close()


def parse_mapping(items: list[str]) -> dict[str, str]:
    """`--map 户主=name` pairs as {normalized header: field}; BookError on a bad one."""
    out: dict[str, str] = {}
    for item in items:
        header, sep, name = item.rpartition("=")
        if not sep or not header.strip() or name.strip() not in FIELDS:
            raise BookError("import_bad_map", item=item, fields=", ".join(FIELDS))
        out[_norm(header)] = name.strip()
    return out


def find_table(rows: list[tuple[int, list[str]]], mapping: dict[str, str]) -> Table:
    """Find the header row (the first that places a name column and an address) and the
    columns; BookError when there is none."""
    for index, (number, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        unplaced: list[str] = []
        for column, header in enumerate(cells):
            if not header:
                continue
            key = _norm(header)
            name = mapping.get(key) or _LOOKUP.get(key)
            if name is None or name in columns:
                unplaced.append(header)
            else:
                columns[name] = column
        if "name" in columns and ("address" in columns or "room" in columns):
            return Table(columns, unplaced, rows[index + 1:], number)
    raise BookError("import_no_header")
