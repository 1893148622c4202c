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
from typing import TYPE_CHECKING

from store import views
from store.models import (
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
    from store.book import Book

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
    from store.actions import _auto_log as auto_log
    from store.actions import _note_status as note_status
    from store.errors import BookError
    from store.logtext import render_event
    from store.messages import word
    from store.policy import item_id

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
        for quarantine in book.quarantines_of(goes):
            book.update(Quarantine, quarantine.id, household=stays)
        for item in book.items_of(goes):
            moved = item_id(stays, item.kind, item.on)
            mine = book.get(ChecklistItem, moved)
            if mine is None:
                book.add(item.model_copy(update={"id": moved, "household": stays}))
            elif item.done and not mine.done:
                book.update(ChecklistItem, moved, done=True, done_at=item.done_at,
                            note=item.note or mine.note)
            book.delete(ChecklistItem, item.id)
        for test in book.tests_of(goes):
            book.update(TestRecord, test.id, household=stays)
        for errand in book.errands_of(goes):
            book.update(Errand, errand.id, household=stays)
        for entry in book.log_of(goes):
            book.update(LogEntry, entry.id, household=stays)
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
