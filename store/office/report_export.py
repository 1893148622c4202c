"""The report's sections as a terminal table, CSV (UTF-8 with BOM), XLSX or JSON.

CSV starts with a byte-order mark so that Excel and WPS open Chinese right; XLSX (openpyxl)
has one sheet per section with the headers in the current language, the header row frozen
and columns as wide as their contents; JSON uses the column keys, for machines. The
terminal table aligns by terminal cells (`store.cells`), and shows the by-worker summary
turned on its side (one column per worker) so that it fits a narrow terminal.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from store.cells import cell_width, pad
from store.office.report import MONEY_KEYS, Table
from store.office.report_labels import label
from store.office.sheet_cells import (
    DATE_KEYS,
    DATETIME_KEYS,
    TEXT_KEYS,
    csv_text,
    formula_like,
    visible,
    xlsx_date,
)

BOM = "\ufeff"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return label("yes") if value else ""
    return str(value)


def aligned(headers: Sequence[str], rows: Sequence[Sequence[Any]],
            numeric: Sequence[bool] | None = None) -> str:
    """Rows aligned in terminal cells under their headers, numbers to the right."""
    cells = [[_text(v) for v in row] for row in rows]
    widths = [max([cell_width(h)] + [cell_width(r[i]) for r in cells])
              for i, h in enumerate(headers)]
    numeric = numeric or [False] * len(headers)
    lines = ["  ".join(pad(h, w, right=n) for h, w, n in zip(headers, widths, numeric,
                                                             strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        lines.append("  ".join(pad(v, w, right=n) for v, w, n in zip(row, widths, numeric,
                                                                    strict=True)).rstrip())
    return "\n".join(lines)


def _is_number(value: Any) -> bool:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return True
    return isinstance(value, str) and value.replace(".", "", 1).isdigit()


def to_text(tables: Sequence[Table]) -> str:
    """All sections as aligned text for a terminal."""
    parts: list[str] = []
    for table in tables:
        parts.append(table.title)
        if not table.rows:
            parts.append(label("none"))
        elif table.name == "summary":
            names = [f"{r['worker_name']}" + (f" {r['grid']}" if r["grid"] else "")
                     for r in table.rows]
            rows = [[label(k)] + [r[k] for r in table.rows] for k in table.keys[3:]]
            parts.append(aligned([label("item"), *names], rows,
                                 [False] + [True] * len(names)))
        else:
            values = table.values()
            numeric = [all(_is_number(v[i]) for v in values) for i in range(len(table.keys))]
            parts.append(aligned(table.headers, values, numeric))
        parts.append("")
    return "\n".join(parts)


def _csv_value(key: str, value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if key in MONEY_KEYS and _is_number(value):
        return str(value)  # a number, kept a number
    return csv_text(key, _text(value))


def to_csv(tables: Sequence[Table]) -> bytes:
    """All sections as one CSV (UTF-8 with BOM), a title line and a blank line between.

    Every text cell goes through `store.office.sheet_cells.csv_text`: ID and phone numbers and day
    counts stay text in Excel, WPS and LibreOffice, and nothing from a person runs as a
    formula.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for index, table in enumerate(tables):
        if len(tables) > 1:
            if index:
                writer.writerow([])
            writer.writerow([csv_text("", table.title)])
        writer.writerow(table.headers)
        writer.writerows([_csv_value(key, v) for key, v in zip(table.keys, row, strict=True)]
                         for row in table.values())
    return (BOM + buffer.getvalue()).encode("utf-8")


def to_json(tables: Sequence[Table], **context: Any) -> bytes:
    """All sections keyed by name, rows keyed by column key."""
    import orjson

    document = dict(context) | {t.name: t.rows for t in tables}
    return orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


def _put(sheet: Any, row: int, column: int, key: str, value: Any) -> Any:
    """Write one value into a cell as what it is: number, money, date, or text (never a
    formula, never an illegal character)."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, int | float) and not isinstance(value, bool):
        cell.value = value
        if key in MONEY_KEYS:
            cell.number_format = "0.00"
        return cell
    if key in MONEY_KEYS and _is_number(value):
        cell.value = float(value)
        cell.number_format = "0.00"
        return cell
    text = visible(_text(value))
    when = xlsx_date(key, text)
    if when is not None:
        cell.value = when
        cell.number_format = "yyyy-mm-dd hh:mm" if key in DATETIME_KEYS else "yyyy-mm-dd"
        return cell
    cell.value = text
    cell.data_type = "s"  # openpyxl would store "=..." as a formula
    if key in TEXT_KEYS:
        cell.number_format = "@"
    if formula_like(text):
        cell.quotePrefix = True  # Excel keeps it text even when the cell is edited
    return cell


def write_xlsx(tables: Sequence[Table], target: Path, heading: str = "") -> None:
    """One sheet per section, ready to print and to hand on.

    Row 1 is the title (section, day, and `heading`: community, street, who made it),
    row 2 the bold header, frozen below; A4 landscape fitted to the page width, the title
    and header repeated on every page, page numbers in the footer; money as 0.00, dates as
    dates, ID and phone numbers as text.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    from store.book.atomic import atomic_write

    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        sheet = workbook.create_sheet(label(f"sheet_{table.name}"))
        columns = len(table.keys)
        title = sheet.cell(row=1, column=1, value=visible("　".join(
            part for part in (table.title, heading) if part)))
        title.font = Font(bold=True, size=13)
        title.data_type = "s"
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
        sheet.row_dimensions[1].height = 22
        wrap = table.name == "summary"  # 25 narrow columns: headers wrap
        for column, header in enumerate(table.headers, start=1):
            cell = sheet.cell(row=2, column=column, value=header)
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=wrap, vertical="center")
        values = table.values()
        for row_index, row in enumerate(values, start=3):
            for column, (key, value) in enumerate(zip(table.keys, row, strict=True), start=1):
                _put(sheet, row_index, column, key, value)
        sheet.freeze_panes = "A3"
        for column, (key, header) in enumerate(zip(table.keys, table.headers, strict=True),
                                               start=1):
            longest = max([0] + [cell_width(visible(_text(r[column - 1]))) for r in values])
            head = min(cell_width(header), 8) if wrap else cell_width(header)
            if key in DATE_KEYS:
                longest = max(longest, 10)
            sheet.column_dimensions[get_column_letter(column)].width = \
                min(60, max(head, longest) + 2)
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        sheet.print_title_rows = "1:2"
        sheet.print_options.horizontalCentered = True
        sheet.page_margins.left = sheet.page_margins.right = 0.4
        sheet.oddFooter.center.text = "&P / &N"
    buffer = io.BytesIO()
    workbook.save(buffer)
    atomic_write(target, buffer.getvalue())
