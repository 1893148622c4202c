"""The office's daily report, computed from a (read-only) book: figures, line list, conflicts.

One row per worker and grid (plus a total): households by status; new quarantines,
releases today and due tomorrow; tests due, done and missed; errands open, overdue and
delivered today; money advanced and not repaid; journal entries by five-in-place
category; open needs. The line list (台账) has one row per person of every household in
home quarantine, with ID and phone numbers masked unless asked for in full. Every section
is a `Table` (column keys, headers in the current language, rows of plain values), which
`store.report_export` turns into text, CSV, XLSX or JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from store.book import Book
from store.clock import day_of
from store.idnumber import mask_id_number, mask_phone
from store.models import (
    Category,
    Errand,
    ErrandStatus,
    Household,
    ItemKind,
    Quarantine,
    Status,
    Worker,
)
from store.report_labels import label

SUMMARY_KEYS: tuple[str, ...] = (
    "worker", "worker_name", "grid", "households",
    *(f"status_{s.value}" for s in Status),
    "new_quarantines", "released_today", "due_tomorrow",
    "tests_due", "tests_done", "tests_missed",
    "errands_open", "errands_overdue", "errands_delivered",
    "money_advanced", "money_outstanding",
    *(f"log_{c.value}" for c in Category),
    "open_needs",
)
LINE_LIST_KEYS: tuple[str, ...] = ("worker_name", "grid", "address", "name", "id_number",
                                   "phone", "origin", "start", "end", "day", "tests")
CONFLICT_KEYS: tuple[str, ...] = ("table", "record", "field", "value", "written_by",
                                  "written_at", "replica", "shown")
MONEY_KEYS = frozenset({"money_advanced", "money_outstanding"})


@dataclass
class Table:
    """One section of a report: a title, column keys and headers, and rows of values."""

    name: str  # "summary", "line_list" or "conflicts"
    title: str
    keys: tuple[str, ...]
    rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def headers(self) -> list[str]:
        return [label(k) for k in self.keys]

    def values(self) -> list[list[Any]]:
        return [[row.get(k, "") for k in self.keys] for row in self.rows]


def yuan(fen: int) -> str:
    """Fen as yuan with two decimals: 1250 -> "12.50"."""
    return f"{fen // 100}.{fen % 100:02d}"


def _blank_row(worker: str, name: str, grid: str) -> dict[str, Any]:
    row: dict[str, Any] = {k: 0 for k in SUMMARY_KEYS}
    row.update(worker=worker, worker_name=name, grid=grid)
    return row


def summary_table(book: Book, on: date, now: datetime | None = None) -> Table:
    """The figures of day `on` by worker and grid, with a total row last."""
    now = now or (datetime.now() if on == date.today() else datetime.combine(on, time.max))
    workers = {w.id: w for w in book.all(Worker)}
    households = {h.id: h for h in book.all(Household)}
    rows: dict[str, dict[str, Any]] = {}

    def row_of(worker_id: str) -> dict[str, Any]:
        if worker_id not in rows:
            worker = workers.get(worker_id)
            rows[worker_id] = _blank_row(worker_id, worker.name if worker else
                                         (worker_id or label("unassigned")),
                                         worker.grid if worker else "")
        return rows[worker_id]

    def owner(household_id: str | None) -> str | None:
        household = households.get(household_id or "")
        return household.worker if household is not None else None

    for worker_id in workers:
        row_of(worker_id)
    for household in households.values():
        row = row_of(household.worker)
        row["households"] += 1
        row[f"status_{household.status.value}"] += 1
    for quarantine in book.all(Quarantine):
        owner_id = owner(quarantine.household)
        if owner_id is None:
            continue
        row = row_of(owner_id)
        row["new_quarantines"] += quarantine.start == on
        row["released_today"] += quarantine.released_on == on
        row["due_tomorrow"] += (quarantine.released_on is None
                                and quarantine.end == on + timedelta(days=1))
    for item in book.items_on(on):
        owner_id = owner(item.household)
        if owner_id is None:
            continue
        row = row_of(owner_id)
        if item.kind == ItemKind.TEST:
            row["tests_due"] += 1
            row["tests_done"] += item.done
        elif item.kind == ItemKind.NEEDS:
            row["open_needs"] += not item.done
    for household in households.values():
        if household.status != Status.QUARANTINE:
            continue
        current = book.current_quarantine(household.id)
        if current is None:
            continue
        row_of(household.worker)["tests_missed"] += sum(
            1 for item in book.items_of(household.id)
            if item.kind == ItemKind.TEST and not item.done and current.start <= item.on < on)
    for errand in book.all(Errand):
        owner_id = owner(errand.household)
        if owner_id is None:
            continue
        row = row_of(owner_id)
        row["errands_open"] += errand.open
        row["errands_overdue"] += errand.overdue(now)
        if errand.status == ErrandStatus.DELIVERED:
            raw = book.raw_record(Errand.TABLE, errand.id) or {}
            entries: list[Any] = raw.get("fields", {}).get("status") or []
            row["errands_delivered"] += bool(entries) and day_of(entries[-1][1]) == on
        if errand.status != ErrandStatus.CANCELLED:
            row["money_advanced"] += errand.advanced
            row["money_outstanding"] += max(0, errand.advanced - errand.repaid)
    for entry in book.log_on(on):
        worker_id = entry.worker or owner(entry.household) or ""
        row_of(worker_id)[f"log_{entry.category.value}"] += 1
    ordered = [rows[k] for k in sorted(rows, key=lambda k: (rows[k]["grid"], k))]
    total = _blank_row("", label("total"), "")
    for row in ordered:
        for key in SUMMARY_KEYS[3:]:
            total[key] += row[key]
    ordered.append(total)
    for row in ordered:
        for key in MONEY_KEYS:
            row[key] = yuan(row[key])
    return Table("summary", label("title_summary", on=on.isoformat()), SUMMARY_KEYS, ordered)


def _day_of(quarantine: Quarantine | None, on: date) -> str:
    """'N/M' within the quarantine; 'M/M +K' when its release is K days overdue."""
    if quarantine is None or on < quarantine.start:
        return ""
    length = quarantine.length
    if on <= quarantine.end:
        return f"{min(quarantine.day_number(on), length)}/{length}"
    return f"{length}/{length} +{(on - quarantine.end).days}"


def line_list_table(book: Book, on: date, *, full: bool = False) -> Table:
    """One row per person of each household in home quarantine (台账), masked unless full."""
    workers = {w.id: w for w in book.all(Worker)}
    from store.views import sorted_households

    rows: list[dict[str, Any]] = []
    quarantined = [h for h in book.all(Household) if h.status == Status.QUARANTINE]
    for household in sorted(sorted_households(quarantined), key=lambda h: h.worker):
        quarantine = book.current_quarantine(household.id)
        worker = workers.get(household.worker)
        base: dict[str, Any] = {
            "worker_name": worker.name if worker else household.worker,
            "grid": worker.grid if worker else "", "address": household.address,
            "start": quarantine.start.isoformat() if quarantine else "",
            "end": quarantine.end.isoformat() if quarantine else "",
            "day": _day_of(quarantine, on),
            "tests": sum(1 for t in book.tests_of(household.id)
                         if quarantine and quarantine.start <= t.on <= quarantine.end),
        }
        people = household.people or ()
        if not people:
            rows.append(base | {"name": "", "id_number": "", "origin": "",
                                "phone": household.phone if full else mask_phone(household.phone)})
        for person in people:
            phone = person.phone or household.phone
            rows.append(base | {
                "name": person.name,
                "id_number": person.id_number if full else mask_id_number(person.id_number),
                "phone": phone if full else mask_phone(phone),
                "origin": person.origin,
            })
    return Table("line_list", label("title_line_list", on=on.isoformat()), LINE_LIST_KEYS, rows)


def _shown_value(value: Any) -> Any:
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    import orjson

    return orjson.dumps(value).decode()


def _masked(value: Any) -> Any:
    """A conflicting value with phone and ID numbers masked, wherever they sit in it."""
    if isinstance(value, dict):
        return {k: (mask_phone(v) if k == "phone" and isinstance(v, str)
                    else mask_id_number(v) if k == "id_number" and isinstance(v, str)
                    else _masked(v)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_masked(v) for v in value]
    return value


def _private_value(field_name: str, value: Any, full: bool) -> Any:
    if full:
        return value
    if field_name == "phone" and isinstance(value, str):
        return mask_phone(value)
    if field_name == "id_number" and isinstance(value, str):
        return mask_id_number(value)
    return _masked(value)


private_value = _private_value  # for the merge summary, which masks the same way


def conflicts_table(book: Book, *, full: bool = False) -> Table:
    """Every candidate of every conflicting field, the shown one marked; phone and ID
    numbers masked unless `full`."""
    from store.clock import stamp_datetime
    from store.validation import field_label

    rows: list[dict[str, Any]] = []
    for conflict in sorted(book.conflicts(), key=lambda c: (c.table, c.record_id, c.field)):
        what = conflict.record_id
        if conflict.table == Household.TABLE:
            household = book.get(Household, conflict.record_id)
            if household is not None:
                what = f"{household.address} {household.head}"
        for index, (value, stamp, replica, worker) in enumerate(conflict.candidates):
            rows.append({
                "table": label(f"tbl_{conflict.table}"), "record": what,
                "field": field_label(conflict.field),
                "value": _shown_value(_private_value(conflict.field, value, full)),
                "written_by": worker,
                "written_at": stamp_datetime(stamp).strftime("%Y-%m-%d %H:%M"),
                "replica": replica,
                "shown": label("yes") if index == len(conflict.candidates) - 1 else label("no"),
            })
    return Table("conflicts", label("title_conflicts"), CONFLICT_KEYS, rows)


DUPLICATE_KEYS: tuple[str, ...] = ("group", "address", "name", "record", "worker_name",
                                   "status")


def duplicates_table(book: Book) -> Table:
    """Possible duplicate households (different ids, same address and head), by group."""
    from store.duplicates import possible_duplicates

    workers = {w.id: w for w in book.all(Worker)}
    rows: list[dict[str, Any]] = []
    for number, group in enumerate(possible_duplicates(book), start=1):
        for household in group:
            worker = workers.get(household.worker)
            rows.append({"group": number, "address": household.address, "name": household.head,
                         "record": household.id,
                         "worker_name": worker.name if worker else household.worker,
                         "status": label(f"status_{household.status.value}")})
    return Table("duplicates", label("title_duplicates"), DUPLICATE_KEYS, rows)


def daily_report(book: Book, on: date, *, full: bool = False,
                 now: datetime | None = None) -> list[Table]:
    """The report's sections: the summary by worker and grid, then the line list."""
    return [summary_table(book, on, now), line_list_table(book, on, full=full)]
