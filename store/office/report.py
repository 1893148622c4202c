"""The office's daily report, computed from a (read-only) book: figures, line list, conflicts.

One row per worker and grid (plus a total): households by status; new quarantines,
releases today and due tomorrow; tests due, done and missed; errands open, overdue and
delivered today; money advanced and not repaid; journal entries by five-in-place
category; open needs. The line list (台账) has one row per person of every household in
home quarantine, with ID and phone numbers masked unless asked for in full. Every section
is a `Table` (column keys, headers in the current language, rows of plain values), which
`store.office.report_export` turns into text, CSV, XLSX or JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from store import history
from store.book.book import Book
from store.book.models import (
    Category,
    Errand,
    Household,
    ItemKind,
    Quarantine,
    Status,
    Worker,
)
from store.idnumber import mask_id_number, mask_phone
from store.office.report_labels import label

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
    """The figures of day `on` by worker and grid, with a total row last: the grid as it
    stood at the end of `on` (store.history), whatever was recorded after it. Households
    count under the worker who looked after them then; money under the worker who
    advanced it."""
    from store.book.pastbook import as_of

    book = as_of(book, on)
    now = now or (book.clock.now() if on == book.clock.today() else history.end_of(on))
    workers = {w.id: w for w in book.all(Worker)}
    households = {h.id: h for h in book.all(Household) if history.exists_on(h, on)}
    owners = {h.id: history.worker_on(h, on) for h in households.values()}
    quarantines: dict[str, list[Quarantine]] = {}
    for quarantine in book.all(Quarantine):
        quarantines.setdefault(quarantine.household, []).append(quarantine)
    statuses = {h.id: history.status_on(h, quarantines.get(h.id, []), on)
                for h in households.values()}
    rows: dict[str, dict[str, Any]] = {}

    def row_of(worker_id: str) -> dict[str, Any]:
        if worker_id not in rows:
            worker = workers.get(worker_id)
            rows[worker_id] = _blank_row(worker_id, worker.name if worker else
                                         (worker_id or label("unassigned")),
                                         worker.grid if worker else "")
        return rows[worker_id]

    for worker_id in workers:
        row_of(worker_id)
    for household in households.values():
        row = row_of(owners[household.id])
        row["households"] += 1
        row[f"status_{statuses[household.id].value}"] += 1
    for household_id, periods in quarantines.items():
        owner_id = owners.get(household_id)
        if owner_id is None:
            continue
        row = row_of(owner_id)
        for quarantine in periods:
            if quarantine.start > on:
                continue
            released = history.released_on(quarantine, on)
            row["new_quarantines"] += quarantine.start == on
            row["released_today"] += released == on
            row["due_tomorrow"] += (released is None
                                    and history.end_on(quarantine, on) == on + timedelta(days=1))
    for item in book.items_on(on):
        owner_id = owners.get(item.household)
        if owner_id is None:
            continue
        row = row_of(owner_id)
        if item.kind == ItemKind.TEST:
            row["tests_due"] += 1
            row["tests_done"] += history.done_on(item, on)
        elif item.kind == ItemKind.NEEDS:
            row["open_needs"] += not history.done_on(item, on)
    for household in households.values():
        if statuses[household.id] != Status.QUARANTINE:
            continue
        current = _quarantine_on(quarantines.get(household.id, []), on)
        if current is None:
            continue
        row_of(owners[household.id])["tests_missed"] += sum(
            1 for item in book.items_of(household.id)
            if item.kind == ItemKind.TEST and not history.done_on(item, on)
            and current.start <= item.on < on)
    for errand in book.all(Errand):
        owner_id = owners.get(errand.household)
        if owner_id is None:
            continue
        state = history.errand_on(history.errand_steps(book, errand), on)
        if state is None:
            continue
        row = row_of(owner_id)
        row["errands_open"] += state.open
        row["errands_overdue"] += state.open and errand.due < now
        row["errands_delivered"] += state.delivered_on == on
        for advancer, amount in state.advanced.items():
            money_row = row_of(advancer) if advancer else row
            money_row["money_advanced"] += amount
            money_row["money_outstanding"] += state.outstanding.get(advancer, 0)
    for entry in book.log_on(on):
        worker_id = entry.worker or owners.get(entry.household or "") or ""
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


def _quarantine_on(periods: list[Quarantine], on: date) -> Quarantine | None:
    """The quarantine a household was in at the end of `on` (the latest started then)."""
    active = [q for q in periods if history.active_on(q, on)]
    return max(active, key=lambda q: (q.start, q.id)) if active else None


def _day_of(quarantine: Quarantine | None, on: date) -> str:
    """'N/M' within the quarantine; 'M/M +K' when its release is K days overdue."""
    if quarantine is None or on < quarantine.start:
        return ""
    length = quarantine.length
    if on <= quarantine.end:
        return f"{min(quarantine.day_number(on), length)}/{length}"
    return f"{length}/{length} +{(on - quarantine.end).days}"


def line_list_table(book: Book, on: date, *, full: bool = False) -> Table:
    """One row per person of each household in home quarantine at the end of `on` (台账),
    with the quarantine's end as it stood then and the tests done by then; masked unless
    full."""
    from store.book.pastbook import as_of
    from store.views import sorted_households

    book = as_of(book, on)
    workers = {w.id: w for w in book.all(Worker)}

    quarantines: dict[str, list[Quarantine]] = {}
    for period in book.all(Quarantine):
        quarantines.setdefault(period.household, []).append(period)
    rows: list[dict[str, Any]] = []
    quarantined = [h for h in book.all(Household) if history.exists_on(h, on)
                   and _quarantine_on(quarantines.get(h.id, []), on) is not None]
    owners = {h.id: history.worker_on(h, on) for h in quarantined}
    for household in sorted(sorted_households(quarantined), key=lambda h: owners[h.id]):
        quarantine = _quarantine_on(quarantines.get(household.id, []), on)
        worker = workers.get(owners[household.id])
        end = history.end_on(quarantine, on) if quarantine else None
        base: dict[str, Any] = {
            "worker_name": worker.name if worker else owners[household.id],
            "grid": worker.grid if worker else "", "address": household.address,
            "start": quarantine.start.isoformat() if quarantine else "",
            "end": end.isoformat() if end else "",
            "day": _day_of(quarantine.model_copy(update={"end": end}) if quarantine else None,
                           on),
        }
        # tests per person (每人一册); one recorded without a person counts for everyone
        tests = [t for t in book.tests_of(household.id)
                 if quarantine and end and quarantine.start <= t.on <= min(end, on)]
        base["tests"] = len(tests)
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
                "tests": sum(1 for t in tests if t.person in ("", person.name)),
            })
    return Table("line_list", label("title_line_list", on=on.isoformat()), LINE_LIST_KEYS, rows)


def _shown_value(value: Any) -> Any:
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    import orjson

    return orjson.dumps(value).decode()


def _private_value(field_name: str, value: Any, full: bool) -> Any:
    from store.office.privacy import private

    return private(value, field_name, full)


private_value = _private_value  # for the merge summary, which masks the same way
MAX_VALUE_CHARS = 200


def _clipped(value: Any) -> Any:
    """A value of a conflict as one row shows it: text at most MAX_VALUE_CHARS long."""
    if isinstance(value, str) and len(value) > MAX_VALUE_CHARS:
        return value[:MAX_VALUE_CHARS - 1] + "…"
    return value


def conflicts_table(book: Book, *, full: bool = False) -> Table:
    """Every candidate of every conflicting field, the shown one marked: the record as
    office staff know it (address, errand items), field and values in the reader's
    language, the worker's name and the time to the second; phone and ID numbers masked
    unless `full`."""
    from store.book.clock import stamp_datetime
    from store.office.conflict_text import field_text, listed, record_text, value_text, worker_text

    conflicts = sorted(book.conflicts(), key=lambda c: (c.table, c.record_id, c.field))
    data = records_named(book, conflicts)
    rows: list[dict[str, Any]] = []
    for conflict in conflicts:
        what = record_text(data, conflict.table, conflict.record_id)
        candidates, more = listed(conflict.candidates)  # item 13 of issue 17
        if more:
            rows.append({"table": label(f"tbl_{conflict.table}"), "record": what,
                         "field": field_text(conflict.field),
                         "value": label("older_values", count=more)})
        for index, (value, stamp, replica, worker) in enumerate(candidates):
            rows.append({
                "table": label(f"tbl_{conflict.table}"), "record": what,
                "field": field_text(conflict.field),
                "value": _clipped(_shown_value(value_text(
                    conflict.field, _private_value(conflict.field, value, full)))),
                "written_by": worker_text(data, worker),
                "written_at": stamp_datetime(stamp).strftime("%Y-%m-%d %H:%M:%S"),
                "replica": replica,
                "shown": label("yes") if index == len(candidates) - 1 else label("no"),
            })
    return _shown(Table("conflicts", label("title_conflicts"), CONFLICT_KEYS, rows), full)


def records_named(book: Book, conflicts: list[Any]) -> dict[str, dict[str, Any]]:
    """The stored records that naming the conflicts needs: theirs, their households', the
    workers' (not the whole book: a year's book is large)."""
    data: dict[str, dict[str, Any]] = {"workers": {}, Household.TABLE: {}}
    if not conflicts:
        return data
    for worker in book.all(Worker):
        data["workers"][worker.id] = book.raw_record(Worker.TABLE, worker.id)
    for conflict in conflicts:
        raw = book.raw_record(conflict.table, conflict.record_id)
        data.setdefault(conflict.table, {})[conflict.record_id] = raw
        entries = (raw or {}).get("fields", {}).get("household") if isinstance(raw, dict) else None
        household = entries[-1][0] if entries else None
        if isinstance(household, str):
            data[Household.TABLE][household] = book.raw_record(Household.TABLE, household)
    return data


DUPLICATE_KEYS: tuple[str, ...] = ("group", "address", "name", "record", "worker_name",
                                   "status")


def duplicates_table(book: Book, *, full: bool = False) -> Table:
    """Possible duplicate households (different ids, same address and head), by group;
    numbers in the text masked unless `full`."""
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
    return _shown(Table("duplicates", label("title_duplicates"), DUPLICATE_KEYS, rows), full)


def daily_report(book: Book, on: date, *, full: bool = False,
                 now: datetime | None = None) -> list[Table]:
    """The report's sections: the summary by worker and grid, the line list, then places
    and rounds (store.office.report_places)."""
    from store.book.pastbook import as_of
    from store.office.report_places import place_tables

    book = as_of(book, on)  # the grid as it stood at the end of `on` (store.book.pastbook)
    tables = [summary_table(book, on, now), line_list_table(book, on, full=full),
              *place_tables(book, on)]  # none for a book that keeps no places or rounds
    return [_shown(table, full) for table in tables]


def _shown(table: Table, full: bool) -> Table:
    """A section as an output without `--full` shows it: every resident's number in it
    masked, free text included (store.office.privacy, the one place that masks)."""
    from store.office.privacy import mask_table

    return table if full else mask_table(table)


def _most_common(values: list[str]) -> str:
    from collections import Counter

    counted = Counter(v for v in values if v)
    return counted.most_common(1)[0][0] if counted else ""


def community_of(book: Book) -> str:
    """The community the book belongs to, as its workers record it."""
    return _most_common([w.community for w in book.all(Worker)])


def street_of(book: Book) -> str:
    """The street office, as the households' control records name it (its first word)."""
    from store.book.models import PartyRole

    names = [h.parties[PartyRole.STREET].name.split()[0] for h in book.all(Household)
             if PartyRole.STREET in h.parties and h.parties[PartyRole.STREET].name.strip()]
    return _most_common(names)


def made_by_default() -> str:
    """Who runs the command, as the machine knows them (for "made by" lines)."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this user id (a container, a service)
        return ""


def heading(book: Book, made_by: str, made_at: datetime | None = None) -> str:
    """The line under a printed or exported report: community, street, who made it, when."""
    made_at = made_at or datetime.now()
    parts = [community_of(book), street_of(book),
             label("made_by", by=made_by, at=made_at.strftime("%Y-%m-%d %H:%M"))
             if made_by else label("made_at", at=made_at.strftime("%Y-%m-%d %H:%M"))]
    return "　".join(p for p in parts if p)
