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
