"""Duplicate households: finding them, and settling a pair by merging one into the other.

The one place that says when two registrations look like one household (`household_key`:
the same address and head of household) and the one way two households become one
(`merge_households`). The office merge's summary, `report --duplicates`, F6 and the
household record's `j` all use these; the household form's "already in the book" check
(`already_in_book`) looks at the address alone and the ID numbers, as a worker types.

Two workers (or two copies of one book) may register the same household independently;
the merge cannot know they are one, so it lists them for the office to decide.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from store import views
from store.book.models import (
    Category,
    ChecklistItem,
    Errand,
    Household,
    LogEntry,
    Person,
    Quarantine,
    Status,
    TestRecord,
)

if TYPE_CHECKING:
    from store.book.book import Book

REASON_MAX = 200


def household_key(household: Household) -> tuple[str, str, str, str]:
    """What makes two registrations look like one household."""
    return (household.building, household.unit, household.room, household.head)


def group_duplicates(households: Iterable[Household]) -> list[list[Household]]:
    """Groups of two or more households sharing address and head: each group by id, the
    groups by address and head."""
    groups: dict[tuple[str, str, str, str], list[Household]] = defaultdict(list)
    for household in households:
        groups[household_key(household)].append(household)
    return [sorted(group, key=lambda h: h.id)
            for _key, group in sorted(groups.items()) if len(group) > 1]


def possible_duplicates(book: Book) -> list[list[Household]]:
    """The groups of possible duplicates among the book's visible households."""
    return group_duplicates(book.all(Household))


def already_in_book(book: Book, *, building: str, unit: str, room: str,
                    id_numbers: tuple[str, ...] = (), skip: str = "") -> list[Household]:
    """Households already in the book at the same address, or with one of these ID
    numbers (the household being edited, `skip`, left out): what the household form
    warns about before a worker registers the same household twice."""
    wanted = {n.strip().upper() for n in id_numbers if n.strip()}
    address = (building.strip(), unit.strip(), room.strip())
    return [household for household in views.households(book)
            if household.id != skip
            and ((household.building, household.unit, household.room) == address
                 or any(p.id_number and p.id_number in wanted for p in household.people))]


def same_person(one: Person, other: Person) -> bool:
    """The same ID number, or the same name where one of them has no ID number."""
    if one.id_number and other.id_number:
        return one.id_number == other.id_number
    return one.name.strip() == other.name.strip()


def survivor_of(keep_id: str, other_id: str) -> tuple[str, str]:
    """(the record that stays, the record removed) when `other_id` merges into `keep_id`.

    The record that stays is always the one with the smaller id, whichever the person
    chose; the chosen household's details are written onto it. Two copies where two
    people settled the same pair, even choosing opposite households, then keep the same
    record and remove the same one, so their merge shows one household with every
    record (a different choice of details is an ordinary conflict, listed in F6).
    """
    return (keep_id, other_id) if keep_id < other_id else (other_id, keep_id)


def merge_households(book: Book, keep_id: str, other_id: str,
                     on: date | None = None) -> Household:
    """Two households that are one: `other_id` merges into `keep_id` (the one the person
    chose to keep). One durable save; returns the household that stays.

    The household that stays has the kept household's address, worker and history, its
    people followed by the other's people it lacks, the other's phone, note and parties
    where the kept one has none, and the kept one's status unless that is normal. Every
    quarantine, test, errand and journal entry of either household is then its; checklist
    items move to the ids that household's schedule would give them (an item done in
    either copy is done). The other record is removed with `merged_into` and a reason
    (kept in the record and the journal). Every step is an ordinary write, so the office
    merge carries it like any other and every copy converges (see `survivor_of`).
    """
    from store.actions.households import note_status
    from store.actions.journal import auto_log
    from store.errors import BookError
    from store.logtext import render_event
    from store.messages import word

    if keep_id == other_id:
        raise BookError("invalid_input", sentence=word("action.merge_self"))
    keep = book.require(Household, keep_id)
    other = book.require(Household, other_id)
    stays, goes = survivor_of(keep_id, other_id)
    on = on or book.clock.today()
    details = {
        "building": keep.building, "unit": keep.unit, "room": keep.room,
        "people": keep.people + tuple(p for p in other.people
                                      if not any(same_person(p, k) for k in keep.people)),
        "phone": keep.phone or other.phone, "note": keep.note or other.note,
        "parties": dict(other.parties) | dict(keep.parties),
        "worker": keep.worker, "assignments": keep.assignments,
        "added_on": keep.added_on, "status_changes": keep.status_changes,
        "status": keep.status,
    }
    status = keep.status if keep.status != Status.NORMAL else other.status
    if status != keep.status and other.status_changes:
        details["status_changes"], details["status"] = other.status_changes, other.status
    with book.batch():
        target = book.require(Household, stays)
        changed = {name: value for name, value in details.items()
                   if getattr(target, name) != value}
        if changed:
            target = book.update(Household, stays, **changed)
        if target.status != status:
            note_status(book, target, status, on)
        for model, record in _records_of(book, goes):
            _move(book, model, record, stays)
        params = {"other": other.address, "address": keep.address, "name": keep.head}
        book.update(Household, goes, merged_into=stays,
                    removed_reason=render_event("households_merged", params)[:REASON_MAX])
        book.delete(Household, goes)
        auto_log(book, f"hmerge/{goes}", Category.SCREENING, "households_merged", on=on,
                 household=stays, **params)
    return book.require(Household, stays)


def merge_group(book: Book, keep_id: str, other_ids: list[str],
                on: date | None = None) -> Household:
    """`merge_households` of each of `other_ids` into `keep_id`, as one durable save."""
    with book.batch():
        kept = book.require(Household, keep_id)
        for other_id in other_ids:
            if other_id != kept.id:
                kept = merge_households(book, kept.id, other_id, on)
    return kept


MOVED = (Quarantine, ChecklistItem, TestRecord, Errand, LogEntry)


def _records_of(book: Book, household_id: str) -> list[tuple[type[Any], Any]]:
    return [(Quarantine, q) for q in book.quarantines_of(household_id)] \
        + [(ChecklistItem, i) for i in book.items_of(household_id)] \
        + [(TestRecord, t) for t in book.tests_of(household_id)] \
        + [(Errand, e) for e in book.errands_of(household_id)] \
        + [(LogEntry, e) for e in book.log_of(household_id)]


def _move(book: Book, model: type[Any], record: Any, stays: str) -> None:
    """One record to household `stays`: a checklist item to the id that household's
    schedule gives it (done if done in either), anything else by its household field."""
    from store.book.policy import item_id

    if model is not ChecklistItem:
        book.update(model, record.id, household=stays)
        return
    moved = item_id(stays, record.kind, record.on)
    mine = book.get(ChecklistItem, moved)
    if mine is None:
        book.add(record.model_copy(update={"id": moved, "household": stays}))
    elif record.done and not mine.done:
        book.update(ChecklistItem, moved, done=True, done_at=record.done_at,
                    note=record.note or mine.note)
    book.delete(ChecklistItem, record.id)


def merged_home(book: Book, household_id: str) -> str | None:
    """The visible household that a removed one was merged into (through any chain of
    merges), or None for a household that is visible, unknown, damaged or removed
    otherwise."""
    from store.book import crdt

    seen: set[str] = set()
    current = household_id
    while current not in seen:
        seen.add(current)
        if book.get(Household, current) is not None:
            return None if current == household_id else current
        raw = book.raw_record(Household.TABLE, current)
        if raw is None or not crdt.is_well_formed(raw):  # a damaged record leads nowhere
            return None
        target = crdt.current(raw).get("merged_into")
        if not isinstance(target, str) or not target:
            return None
        current = target
    return None


def strays(book: Book) -> list[tuple[type[Any], Any, str]]:
    """Records written to a household after it was merged into another one (a worker's
    book that did not know yet, merged in later): (model, record, the household kept).
    They are not lost, but no screen shows them until they are moved (`rehome_strays`).
    Quick when no household was ever merged (F6 asks on every redraw)."""
    homes = {rid: home for rid in book.hidden_ids(Household)
             if (home := merged_home(book, rid)) is not None}
    if not homes:
        return []
    found: list[tuple[type[Any], Any, str]] = []
    for model in (Quarantine, TestRecord, Errand):
        for record in book.all(model):
            household = getattr(record, "household", "")
            if household in homes:
                found.append((model, record, homes[household]))
    for removed, home in homes.items():  # the big tables, from their indexes
        found += [(ChecklistItem, i, home) for i in book.items_of(removed)]
        found += [(LogEntry, e, home) for e in book.log_of(removed)]
    return found


def rehome_strays(book: Book) -> int:
    """Move every stray record to the household its own was merged into; one durable
    save; returns how many moved. Moving is the same write as the merge's, so copies
    that did it each converge."""
    found = strays(book)
    with book.batch():
        for model, record, home in found:
            _move(book, model, record, home)
    return len(found)
