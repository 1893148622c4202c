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
from store.report import MONEY_KEYS, Table
from store.report_labels import label

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


def to_csv(tables: Sequence[Table]) -> bytes:
    """All sections as one CSV (UTF-8 with BOM), a title line and a blank line between."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for index, table in enumerate(tables):
        if len(tables) > 1:
            if index:
                writer.writerow([])
            writer.writerow([table.title])
        writer.writerow(table.headers)
        writer.writerows([_text(v) for v in row] for row in table.values())
    return (BOM + buffer.getvalue()).encode("utf-8")


def to_json(tables: Sequence[Table], **context: Any) -> bytes:
    """All sections keyed by name, rows keyed by column key."""
    import orjson

    document = dict(context) | {t.name: t.rows for t in tables}
    return orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


def _xlsx_value(key: str, value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    if key in MONEY_KEYS and _is_number(value):
        return float(value)
    return _text(value)


def write_xlsx(tables: Sequence[Table], target: Path) -> None:
    """One sheet per section: bold frozen header row, sensible column widths."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from store.atomic import atomic_write

    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        sheet = workbook.create_sheet(label(f"sheet_{table.name}"))
        sheet.append(table.headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.values():
            sheet.append([_xlsx_value(key, v) for key, v in zip(table.keys, row, strict=True)])
        sheet.freeze_panes = "A2"
        for index, header in enumerate(table.headers, start=1):
            longest = max([cell_width(header)] + [cell_width(_text(r[index - 1]))
                                                  for r in table.values()])
            sheet.column_dimensions[get_column_letter(index)].width = min(60, longest + 2)
    buffer = io.BytesIO()
    workbook.save(buffer)
    atomic_write(target, buffer.getvalue())
