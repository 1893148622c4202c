"""Find a household or an errand from what a person typed at a prompt.

A household by its id, its address as residents write it (3栋2单元501, or 3-2-501), or a
unique name of one of its people; an errand by its id or a unique start of it. Anything
ambiguous or unknown is a BookError sentence, never a guess.
"""

from __future__ import annotations

import re

from store import views
from store.book.book import Book
from store.book.models import Errand, Household
from store.errors import BookError

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
    """The one errand `query` names: its id, a unique start of it, the short id the app shows
    (#k3f9 or k3f9), or a household (address or name) followed by words of the items
    (`3栋2单元501 大米`); with several matches, open errands come first."""
    from store.errand_rules import SHORT_ID, short_id

    text = query.strip().lower().lstrip("#")
    if not text:
        raise BookError("no_errand", query=query)
    exact = book.get(Errand, text)
    if exact is not None:
        return exact
    errands = book.all(Errand)
    matches = [e for e in errands if e.id.lower().startswith(text)]
    if not matches and len(text) <= SHORT_ID:
        matches = [e for e in errands if short_id(e.id) == text]
    if not matches:
        matches = _errands_by_words(book, errands, query.strip())
    if not matches:
        raise BookError("no_errand", query=query)
    if len(matches) > 1:
        open_ones = [e for e in matches if e.open]
        if len(open_ones) == 1:
            return open_ones[0]
        if len(text) > SHORT_ID and all(e.id.lower().startswith(text) for e in matches):
            raise BookError("many_errands", query=query)
        shown = "、".join(f"#{short_id(e.id)} {e.items[:12]}" for e in (open_ones or matches)[:5])
        raise BookError("many_errands_listed", query=query, choices=shown)
    return matches[0]


def find_own_household(book: Book, query: str) -> Household:
    """Like `find_household`, for recording something: a household the office has given to
    another worker is refused with a sentence naming who has it now (in this book it is no
    longer on the worker's screens, so what was recorded would not be seen)."""
    household = find_household(book, query)
    if not views.looks_after(book, household):
        from store.book.models import Worker

        worker = book.get(Worker, household.worker)
        who = f"{household.worker}（{worker.name}）" if worker else household.worker
        raise BookError("moved_household", address=household.address, name=household.head,
                        worker=who)
    return household


def _errands_by_words(book: Book, errands: list[Errand], query: str) -> list[Errand]:
    """Errands of the household named by the first word(s), whose items hold the rest."""
    words = query.split()
    for cut in range(len(words), 0, -1):
        try:
            household = find_household(book, " ".join(words[:cut]))
        except BookError:
            continue
        rest = [w.lower() for w in words[cut:]]
        return [e for e in errands if e.household == household.id
                and all(w in e.items.lower() for w in rest)]
    return []
