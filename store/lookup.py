"""Find a household or an errand from what a person typed at a prompt.

A household by its id, its address as residents write it (3栋2单元501, or 3-2-501), or a
unique name of one of its people; an errand by its id or a unique start of it. Anything
ambiguous or unknown is a BookError sentence, never a guess.
"""

from __future__ import annotations

import re

from store.book import Book
from store.errors import BookError
from store.models import Errand, Household

_SEPARATORS = re.compile(r"[\s\-－—/#号室]+")


def _address_forms(household: Household) -> set[str]:
    unit = household.unit
    forms = {household.address, f"{household.building}-{unit}-{household.room}" if unit
             else f"{household.building}-{household.room}"}
    if unit:
        forms.add(f"{household.building}栋{unit}单元{household.room}室")
    return {_normal(f) for f in forms}


def _normal(text: str) -> str:
    return _SEPARATORS.sub("-", text.strip()).strip("-").lower()


def find_household(book: Book, query: str) -> Household:
    """The one household `query` names (id, address or a person's name)."""
    text = query.strip()
    if not text:
        raise BookError("no_household", query=query)
    exact = book.get(Household, text)
    if exact is not None:
        return exact
    households = book.all(Household)
    wanted = _normal(text)
    matches = [h for h in households if wanted in _address_forms(h)]
    if not matches:
        matches = [h for h in households if any(p.name == text for p in h.people)]
    if not matches:
        raise BookError("no_household", query=query)
    if len(matches) > 1:
        shown = "、".join(f"{h.address} {h.head}" for h in matches[:5])
        raise BookError("many_households", query=query, matches=shown)
    return matches[0]


def find_errand(book: Book, query: str) -> Errand:
    """The one errand whose id is `query` or starts with it."""
    text = query.strip().lower()
    if not text:
        raise BookError("no_errand", query=query)
    exact = book.get(Errand, text)
    if exact is not None:
        return exact
    matches = [e for e in book.all(Errand) if e.id.lower().startswith(text)]
    if not matches:
        raise BookError("no_errand", query=query)
    if len(matches) > 1:
        raise BookError("many_errands", query=query)
    return matches[0]


def find_own_household(book: Book, query: str) -> Household:
    """Like `find_household`, for recording something: a household the office has given to
    another worker is refused with a sentence naming who has it now (in this book it is no
    longer on the worker's screens, so what was recorded would not be seen)."""
    household = find_household(book, query)
    if not book.looks_after(household):
        from store.models import Worker

        worker = book.get(Worker, household.worker)
        who = f"{household.worker}（{worker.name}）" if worker else household.worker
        raise BookError("moved_household", address=household.address, name=household.head,
                        worker=who)
    return household
