"""The report's sections on places and rounds (issue 15), as of the end of the report day.

Places by state (each place's state on that day, from its recorded state changes), the
checks failed and not yet passed by a follow-up (from inspections recorded on or before the
day), and the day's rounds per building, gate and garbage point (units disinfected, doors
where an issued notice is not yet posted). Every figure comes from the days the worker
recorded, never from merge stamps, so the report for a day reads the same next week.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from store.book.book import Book
from store.book.models import Place, PlaceKind, PlaceState, Worker
from store.office.report import Table
from store.office.report_labels import label
from store.place_words import place_word

PLACE_STATE_KEYS: tuple[str, ...] = ("kind", *(f"place_{s.value}" for s in PlaceState),
                                     "places_total")
FAILURE_KEYS: tuple[str, ...] = ("worker_name", "place", "kind", "address", "check",
                                 "failed_on", "days_open", "note")
ROUND_KEYS: tuple[str, ...] = ("area", "units", "disinfected", "not_disinfected",
                               "notices_open")


def places_by_state_table(book: Book, on: date) -> Table:
    """How many places of each kind were in each state at the end of `on`, with a total."""
    counts: dict[PlaceKind, dict[str, Any]] = {}
    for place in book.all(Place):
        state = place.state_on(on)
        if state is None:
            continue
        row = counts.setdefault(place.kind, {k: 0 for k in PLACE_STATE_KEYS[1:]})
        row[f"place_{state.value}"] += 1
        row["places_total"] += 1
    rows = [{"kind": place_word(kind.value)} | counts[kind] for kind in PlaceKind
            if kind in counts]
    if rows:
        total: dict[str, Any] = {"kind": label("total")}
        for key in PLACE_STATE_KEYS[1:]:
            total[key] = sum(r[key] for r in rows)
        rows.append(total)
    return Table("places", label("title_places", on=on.isoformat()), PLACE_STATE_KEYS, rows)


def failures_table(book: Book, on: date) -> Table:
    """Every check failed and not yet passed by a follow-up at the end of `on`."""
    from store.places import open_checks

    workers = {w.id: w for w in book.all(Worker)}
    rows: list[dict[str, Any]] = []
    for place in sorted(book.all(Place), key=lambda p: (p.worker, p.name, p.id)):
        if place.state_on(on) is None:
            continue
        worker = workers.get(place.worker)
        for check in open_checks(book, place.id, on):
            rows.append({"worker_name": worker.name if worker else place.worker,
                         "place": place.name, "kind": place_word(place.kind.value),
                         "address": place.address, "check": place_word(check.check),
                         "failed_on": check.failed_on.isoformat(),
                         "days_open": (on - check.failed_on).days, "note": check.note})
    return Table("place_failures", label("title_place_failures", on=on.isoformat()),
                 FAILURE_KEYS, rows)


def rounds_table(book: Book, on: date) -> Table:
    """The day's rounds: each building's units (and each gate, garbage point) disinfected,
    and the doors where an issued notice is not posted yet; a total row last."""
    from store.places import round_groups

    rows: list[dict[str, Any]] = []
    for group in round_groups(book, on):
        name = label("building_n", building=group.name) if group.label_key == "building" \
            else group.name
        rows.append({"area": name, "units": len(group.areas), "disinfected": group.disinfected,
                     "not_disinfected": len(group.areas) - group.disinfected,
                     "notices_open": sum(group.posted_open.values())})
    if rows:
        total: dict[str, Any] = {"area": label("total")}
        for key in ROUND_KEYS[1:]:
            total[key] = sum(r[key] for r in rows)
        rows.append(total)
    return Table("rounds", label("title_rounds", on=on.isoformat()), ROUND_KEYS, rows)


def place_tables(book: Book, on: date) -> list[Table]:
    """The report's sections on places and rounds; none when the book keeps neither (a
    community that does not use them gets the report it always had)."""
    from store.book.models import RoundItem
    from store.book.pastbook import as_of

    book = as_of(book, on)
    if not book.all(Place) and not book.all(RoundItem):
        return []
    return [places_by_state_table(book, on), failures_table(book, on), rounds_table(book, on)]
