"""`gridbook import`: people and households from a roster into a book, as one batch.

`plan_import` reads the source (`store.office.roster`), checks every row and works out what the
book would gain: new households (people sharing an address are one household), new
people, and changes to people already there (matched by ID number, or by name at the same
address). Nothing is written by planning; `apply_import` writes the plan in one batch
(one durable save), so an import is all or nothing. A row that cannot be used is a
`RowProblem` (its row number and one sentence); the command refuses to write when there
is any, unless told to skip them. Planning twice against the result changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from store.book.book import Book
from store.book.ids import new_id
from store.book.models import Household, Person, Worker
from store.errors import BookError
from store.idnumber import is_valid_id_number, mask_id_number
from store.messages import word
from store.office.roster import FIELDS, find_table, parse_mapping, read_source

_CN_ADDRESS = re.compile(
    r"(?P<b>[0-9A-Za-z]{1,6})\s*(?:号楼|栋|幢|号|座|楼)\s*"
    r"(?:(?P<u>[0-9A-Za-z]{1,4})\s*单元\s*)?"
    r"(?P<r>[0-9A-Za-z]{1,8})\s*(?:室|号|户)?\s*$")
_DASH_ADDRESS = re.compile(
    r"(?P<b>[0-9A-Za-z]{1,6})\s*[-－—–]\s*(?:(?P<u>[0-9A-Za-z]{1,4})\s*[-－—–]\s*)?"
    r"(?P<r>[0-9A-Za-z]{1,8})\s*$")
_ROOM_ONLY = re.compile(r"^\s*(?P<r>[0-9A-Za-z]{1,8})\s*(?:室|号|户)?\s*$")
_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
_FULLWIDTH = str.maketrans("０１２３４５６７８９－／．ｘＸ", "0123456789-/.xX")


def split_address(text: str) -> tuple[str, str, str] | None:
    """(building, unit, room) of 3栋2单元501, 3号楼2单元501室, 3-2-501 or 3-501; None when
    it is none of these. Text before the building (the estate's name) is left aside."""
    text = text.translate(_FULLWIDTH).strip()
    for pattern in (_CN_ADDRESS, _DASH_ADDRESS):
        found = pattern.search(text)
        if found:
            return found["b"], found["u"] or "", found["r"]
    return None


def _clean_part(value: str, suffixes: tuple[str, ...]) -> str:
    value = value.translate(_FULLWIDTH).strip()
    for suffix in suffixes:
        if value.endswith(suffix) and len(value) > len(suffix):
            return value[: -len(suffix)].strip()
    return value


def parse_day(text: str) -> date | None:
    """2022-03-14, 2022/3/14, 2022.3.14 or 2022年3月14日."""
    found = _DATE.match(text.translate(_FULLWIDTH))
    if not found:
        return None
    try:
        return date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return None


@dataclass(frozen=True)
class RowProblem:
    """A row that cannot be imported: its number and why, as one sentence."""

    row: int
    key: str
    params: dict[str, Any]

    def sentence(self) -> str:
        params = dict(self.params)
        if "what" in params:
            params["what"] = word("field." + params["what"])
        return word("row." + self.key, row=self.row, **params)


@dataclass(frozen=True)
class Change:
    """What an import would change in a household already in the book."""

    household: str  # its address
    who: str
    field: str
    old: str
    new: str


@dataclass
class ImportPlan:
    """What an import would do; `apply_import` writes it."""

    rows_read: int = 0
    header_row: int = 0
    unplaced: list[str] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    new_households: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)
    # household id -> (new people tuple, changed fields of the household)
    updates: dict[str, dict[str, Any]] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)
    new_people: int = 0
    matched_people: int = 0
    matched_households: int = 0
    # workers named by the import who have no record in the book yet: their own book
    # brings it at their first `gridbook sync` (writing one here would conflict with it)
    new_workers: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.new_households or self.updates)


@dataclass
class _Row:
    number: int
    name: str
    id_number: str
    phone: str
    address: tuple[str, str, str]
    returned: date | None
    origin: str
    note: str
    worker: str


def _address_key(building: str, unit: str, room: str) -> tuple[str, str, str]:
    return (building.strip().upper(), unit.strip().upper(), room.strip().upper())


def _read_row(number: int, cells: list[str], columns: dict[str, int],
              problems: list[RowProblem]) -> _Row | None:
    def get(name: str) -> str:
        index = columns.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    values = {name: get(name) for name in FIELDS}
    if not any(values.values()):
        return None  # a blank row (or one with nothing we read)
    bad = len(problems)
    name = values["name"]
    if not name:
        problems.append(RowProblem(number, "no_name", {}))
    for what, limit in (("name", 40), ("origin", 60), ("note", 500), ("worker", 40)):
        if len(values[what]) > limit:
            problems.append(RowProblem(number, "too_long", {"what": what}))
    id_number = values["id_number"].translate(_FULLWIDTH).replace(" ", "").upper()
    if id_number:
        if re.fullmatch(r"[\d.]+E\+?\d+", id_number) or (
                re.fullmatch(r"\d{15,17}(\.0)?", id_number) and len(id_number) != 18):
            problems.append(RowProblem(number, "id_as_number", {"value": values["id_number"]}))
        elif not is_valid_id_number(id_number):
            problems.append(RowProblem(number, "bad_id", {"value": mask_id_number(id_number)}))
    phone = values["phone"].translate(_FULLWIDTH)
    if phone and (not all(c.isdigit() or c in "+- " for c in phone) or len(phone) > 30):
        problems.append(RowProblem(number, "bad_phone", {"value": phone[:30]}))
    returned = None
    if values["returned"]:
        returned = parse_day(values["returned"])
        if returned is None:
            problems.append(RowProblem(number, "bad_date", {"value": values["returned"][:30]}))
    address: tuple[str, str, str] | None = None
    building, unit = values["building"], values["unit"]
    room = values["room"]
    if building and room:
        split_room = _ROOM_ONLY.match(room.translate(_FULLWIDTH))
        address = (_clean_part(building, ("号楼", "栋", "幢", "号", "楼", "座")),
                   _clean_part(unit, ("单元",)),
                   split_room["r"] if split_room else _clean_part(room, ("室", "号")))
    elif values["address"] or room:
        address = split_address(values["address"] or room)
        if address is None:
            problems.append(RowProblem(number, "bad_address",
                                       {"address": (values["address"] or room)[:60]}))
    else:
        problems.append(RowProblem(number, "no_address", {}))
    if address is not None and any(len(part) > 20 for part in address):
        problems.append(RowProblem(number, "too_long", {"what": "address"}))
    if len(problems) > bad or address is None:
        return None
    return _Row(number, name, id_number, phone.strip(), address, returned, values["origin"],
                values["note"], values["worker"])


def _return_note(day: date) -> str:
    return f"返回日期 {day.isoformat()}"


def plan_import(book: Book, source: Path, *, sheet: str | None = None,
                worker: str | None = None, mapping: list[str] | None = None) -> ImportPlan:
    """Work out what importing `source` into `book` would do (nothing is written)."""
    table = find_table(read_source(source, sheet), parse_mapping(mapping or []))
    plan = ImportPlan(header_row=table.header_row, unplaced=table.unplaced)
    rows: list[_Row] = []
    for number, cells in table.rows:
        row = _read_row(number, cells, table.columns, plan.problems)
        if row is not None:
            rows.append(row)
        if any(c.strip() for c in cells):
            plan.rows_read += 1
    # the book's households and people, by address and by ID number
    by_address: dict[tuple[str, str, str], Household] = {}
    for household in book.all(Household):
        if not household.purged:
            by_address.setdefault(_address_key(household.building, household.unit,
                                               household.room), household)
    by_id: dict[str, tuple[Household, Person]] = {}
    for household in by_address.values():
        for person in household.people:
            if person.id_number:
                by_id.setdefault(person.id_number, (household, person))
    seen_ids: dict[str, tuple[int, tuple[str, str, str]]] = {}
    people_of: dict[tuple[str, str, str], list[Person]] = {}
    draft: dict[tuple[str, str, str], dict[str, Any]] = {}
    known_workers = {w.id for w in book.all(Worker)}
    good_rows: list[_Row] = []
    for row in rows:
        key = _address_key(*row.address)
        if row.id_number:
            earlier = seen_ids.get(row.id_number)
            if earlier is not None and earlier[1] != key:
                plan.problems.append(RowProblem(row.number, "id_twice", {
                    "value": mask_id_number(row.id_number), "other": earlier[0]}))
                continue
            seen_ids.setdefault(row.id_number, (row.number, key))
            held = by_id.get(row.id_number)
            if held is not None and _address_key(held[0].building, held[0].unit,
                                                 held[0].room) != key:
                plan.problems.append(RowProblem(row.number, "id_elsewhere", {
                    "value": mask_id_number(row.id_number), "address": held[0].address,
                    "name": held[1].name}))
                continue
            if held is not None and held[1].name != row.name:
                plan.problems.append(RowProblem(row.number, "name_mismatch", {
                    "value": mask_id_number(row.id_number), "name": held[1].name}))
                continue
        good_rows.append(row)
    for row in good_rows:
        key = _address_key(*row.address)
        existing = by_address.get(key)
        assigned = worker or row.worker
        if key not in draft:
            base = existing
            draft[key] = {"people": list(base.people) if base else [],
                          "note": base.note if base else "",
                          "worker": base.worker if base else (book.worker_id
                                                              if book.kind == "worker" else ""),
                          "address": row.address}
            people_of[key] = draft[key]["people"]
        entry = draft[key]
        if assigned:
            entry["worker"] = assigned
            if assigned not in known_workers:
                known_workers.add(assigned)
                plan.new_workers.append(assigned)
        people = people_of[key]
        index = next((i for i, p in enumerate(people)
                      if (row.id_number and p.id_number == row.id_number)
                      or (p.name == row.name and not (row.id_number and p.id_number))), None)
        wanted: dict[str, Any] = {"name": row.name}
        if row.id_number:
            wanted["id_number"] = row.id_number
        if row.phone:
            wanted["phone"] = row.phone
        if row.origin:
            wanted["origin"] = row.origin
        if row.returned is not None or row.origin:
            wanted["returnee"] = True
        if index is None:
            people.append(Person(**wanted))
            plan.new_people += 1
        else:
            current = people[index]
            if existing is not None and current in existing.people:
                plan.matched_people += 1
            update = {k: v for k, v in wanted.items() if getattr(current, k) != v}
            if update:
                people[index] = current.model_copy(update=update)
        extra = [text for text in (row.note, _return_note(row.returned) if row.returned else "")
                 if text and text not in entry["note"]]
        if extra:
            entry["note"] = "；".join(t for t in [entry["note"], *extra] if t)[:2000]
    for key, entry in draft.items():
        existing = by_address.get(key)
        if existing is None:
            plan.new_households[key] = entry
            continue
        plan.matched_households += 1
        changed: dict[str, Any] = {}
        new_people = tuple(entry["people"])
        if new_people != existing.people:
            changed["people"] = new_people
            for index, person in enumerate(new_people):
                old = existing.people[index] if index < len(existing.people) else None
                if old is None:
                    plan.changes.append(Change(existing.address, person.name, "people", "",
                                               person.name))
                    continue
                for name in ("id_number", "phone", "origin", "returnee"):
                    if getattr(old, name) != getattr(person, name):
                        plan.changes.append(Change(existing.address, person.name, name,
                                                   str(getattr(old, name)),
                                                   str(getattr(person, name))))
        for name in ("note", "worker"):
            if entry[name] != getattr(existing, name):
                changed[name] = entry[name]
                plan.changes.append(Change(existing.address, existing.head, name,
                                           getattr(existing, name), entry[name]))
        if changed:
            plan.updates[existing.id] = changed
    return plan


def apply_import(book: Book, plan: ImportPlan) -> None:
    """Write the plan in one batch: one durable save, or nothing (BookError)."""
    records: list[Household] = []
    try:
        for entry in plan.new_households.values():
            building, unit, room = entry["address"]
            records.append(Household(id=new_id(), building=building, unit=unit, room=room,
                                     people=tuple(entry["people"]), note=entry["note"],
                                     worker=entry["worker"]))
    except ValidationError as error:  # every row was checked; this would be a bug
        from store.book.validation import explain

        raise BookError("invalid_input", sentence=explain(error)) from None
    with book.batch():
        for household in records:
            book.add(household)
        for household_id, changed in plan.updates.items():
            book.update(Household, household_id, **changed)
