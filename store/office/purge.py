"""Purge: reduce households released long ago to a minimal record (id, address, status).

Personal data must not outlive its use. A household released more than
`Policy.purge_after_days` days ago keeps its id, address, status and worker; its people
(names, phones, ID numbers), phone, responsible parties and note are emptied, and so are
the personal details of its other records: the text of its journal entries and of entries
that name its people, its errands' items, who was tested, the reasons for quarantine changes.

The purge is an ordinary write of those fields (and `purged = True`), not a removal. That
is what makes it survive merges: each field is a multi-value register, and the purging
book's version vector covers every value it replaced, so when a stale copy (a USB stick, an
older community file) is merged in later, the join sees that its personal values were
already seen and replaced, and drops them (store.book.crdt). The values it replaces are not kept
for the reports of earlier days either (`Book.forgetting`): a report of a day when the
household was in quarantine, made after the purge, shows its address without its people.
A value written concurrently on a
copy the purging book had never seen is not covered; it comes back as a conflict, and
`purge_candidates` lists the household again (purged but holding personal data), so the
next purge run removes it too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from store.book import crdt
from store.book.book import Book
from store.book.models import (
    Errand,
    Household,
    LogEntry,
    Quarantine,
    QuarantineChange,
    Status,
    TestRecord,
)
from store.messages import word

KEPT_HOUSEHOLD_FIELDS = frozenset({"building", "unit", "room", "status", "worker", "purged",
                                   crdt.DELETED})


@dataclass(frozen=True)
class PurgeResult:
    """What a purge did: the households reduced and how many of their records were blanked."""

    households: tuple[Household, ...]
    records: int


def _released_on(book: Book, household: Household) -> date | None:
    quarantines = book.quarantines_of(household.id)
    if not quarantines:
        return None
    last = quarantines[-1]
    return last.released_on or last.end


def _raw_record(book: Book, table: str, record_id: str) -> dict[str, Any]:
    return book.raw_record(table, record_id) or crdt.new_record()


def _still_personal(book: Book, household: Household) -> bool:
    """A purged household whose personal data came back (a concurrent write merged in)."""
    raw = _raw_record(book, Household.TABLE, household.id)
    kept_then = raw.get(crdt.PAST) or {}  # values kept for the reports of earlier days
    for name in raw["fields"].keys() | kept_then.keys():
        if name in KEPT_HOUSEHOLD_FIELDS:
            continue
        entries = [*raw["fields"].get(name, ()), *kept_then.get(name, ())]
        if any(entry[0] not in (None, "", [], {}, (), False) for entry in entries):
            return True
    return False


def purge_candidates(book: Book, on: date, days: int | None = None) -> list[Household]:
    """Households released more than `days` (default: the policy's) days before `on`,
    and purged households whose personal data a merge brought back."""
    days = book.policy.purge_after_days if days is None else days
    cutoff = on - timedelta(days=days)
    found = []
    for household in book.all(Household):
        if household.purged:
            if _still_personal(book, household):
                found.append(household)
            continue
        if household.status != Status.RELEASED:
            continue
        released = _released_on(book, household)
        if released is not None and released < cutoff:
            found.append(household)
    return sorted(found, key=lambda h: (h.building, h.unit, h.room, h.id))


def _personal_words(household: Household, raw: dict[str, Any] | None = None) -> list[str]:
    """The names, phone and ID numbers of a household, as they are and (from its stored
    record `raw`) as they were on earlier days."""
    words = [household.phone]
    for person in household.people:
        words += [person.name, person.phone, person.id_number]
    kept_then = (raw or {}).get(crdt.PAST) or {}
    words += [e[0] for e in kept_then.get("phone", ()) if isinstance(e[0], str)]
    for entry in kept_then.get("people", ()):
        for person in entry[0] if isinstance(entry[0], list) else ():
            if isinstance(person, dict):
                words += [v for k, v in person.items()
                          if k in ("name", "phone", "id_number") and isinstance(v, str)]
    return [w for w in words if len(w) >= 2]


def _blank_household(book: Book, household: Household) -> None:
    model_fields = Household.model_fields
    raw = _raw_record(book, Household.TABLE, household.id)
    values: dict[str, Any] = {}
    for name in set(raw["fields"]) | set(model_fields):
        if name in KEPT_HOUSEHOLD_FIELDS or name == "id":
            continue
        field = model_fields.get(name)
        values[name] = field.get_default(call_default_factory=True) if field else None
    values["purged"] = True
    book.update(Household, household.id, **values)


def purge(book: Book, households: list[Household]) -> PurgeResult:
    """Reduce `households` to minimal records, and blank their personal details elsewhere;
    one durable save."""
    blank = word("purge.purged")
    records = 0
    # the values it replaces are not kept for the reports of earlier days either
    with book.batch(), book.forgetting():
        for household in households:
            words = _personal_words(household, _raw_record(book, Household.TABLE,
                                                           household.id))
            _blank_household(book, household)
            records += 1
            for entry in book.all(LogEntry):
                if entry.text != blank and (entry.household == household.id
                                            or any(w in entry.text for w in words)):
                    book.update(LogEntry, entry.id, text=blank, event="", params={})
                    records += 1
            for errand in book.errands_of(household.id):
                if errand.items != blank:
                    book.update(Errand, errand.id, items=blank)
                    records += 1
            for test in book.tests_of(household.id):
                if test.person:
                    book.update(TestRecord, test.id, person="")
                    records += 1
            for quarantine in book.quarantines_of(household.id):
                if any(change.reason != blank for change in quarantine.changes):
                    changes = tuple(QuarantineChange(on=c.on, old_end=c.old_end,
                                                     new_end=c.new_end, reason=blank)
                                    for c in quarantine.changes)
                    book.update(Quarantine, quarantine.id, changes=changes)
                    records += 1
    purged = tuple(book.require(Household, h.id) for h in households)
    return PurgeResult(purged, records)

