"""Possible duplicate households: different ids, same address and same head of household.

Two workers (or two copies of one book) may register the same household independently;
the merge cannot know they are one, so it lists them for the office to decide.
"""

from __future__ import annotations

from collections import defaultdict

from store.book import Book
from store.models import Household


def household_key(household: Household) -> tuple[str, str, str, str]:
    """What makes two registrations look like one household."""
    return (household.building, household.unit, household.room, household.head)


def possible_duplicates(book: Book) -> list[list[Household]]:
    """Groups of two or more visible households sharing address and head, by address."""
    groups: dict[tuple[str, str, str, str], list[Household]] = defaultdict(list)
    for household in book.all(Household):
        groups[household_key(household)].append(household)
    found = [sorted(group, key=lambda h: h.id) for group in groups.values() if len(group) > 1]
    return sorted(found, key=lambda group: household_key(group[0]))


def merge_into(book: Book, survivor_id: str, other_ids: list[str]) -> int:
    """Settle possible duplicates: the other households become `survivor_id`. Their
    quarantines, checklist items, tests, errands and journal entries move to it (a write of
    each record's household field), people it lacks are added, and the others are deleted
    (a deletion merges like any write, so every copy converges after the next merges).
    One durable save; returns how many records moved."""
    from store.models import ChecklistItem, Errand, LogEntry, Quarantine, TestRecord

    survivor = book.require(Household, survivor_id)
    others = [book.require(Household, rid) for rid in other_ids if rid != survivor_id]
    moved = 0
    with book.batch():
        people = list(survivor.people)
        for other in others:
            for person in other.people:
                if all((p.name, p.id_number) != (person.name, person.id_number)
                       for p in people):
                    people.append(person)
        if tuple(people) != survivor.people:
            book.update(Household, survivor_id, people=tuple(people))
        for model in (Quarantine, ChecklistItem, TestRecord, Errand, LogEntry):
            for record in book.all(model):
                if getattr(record, "household", None) in {o.id for o in others}:
                    book.update(model, record.id, household=survivor_id)
                    moved += 1
        for other in others:
            book.delete(Household, other.id)
    return moved
