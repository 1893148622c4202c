"""One worker's share of a community file, to carry back to their own book.

`slice_for(data, worker)` keeps the worker's record, the households whose shown `worker`
is theirs and everything that belongs to those households (quarantines, checklist items,
tests, errands, journal entries), plus the worker's own journal entries without a
household. Records travel whole (every field, every candidate, the version vector), so the
slice is a valid CRDT state: merged into the worker's book it brings what the office knows
and drops nothing the book holds. Deleted records travel too, so deletions reach the book.

A household reassigned away from the worker is a special case: their book still holds it
with themselves as its worker. The slice carries the household record alone (which they
already held), so after the merge their book shows it as someone else's; its quarantines,
tests, errands and journal since then stay with the new worker. A household they never had
never appears. No record ever comes back to life: the merge is a join of whole records.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from store.book import crdt
from store.book.clock import sane_clock
from store.book.fileformat import META_ID, META_TABLE, Data, meta_of, new_meta
from store.book.models import MODELS, Household, LogEntry, Worker

BELONGING_TABLES = ("quarantines", "checklist", "tests", "errands")


def _shown(raw: Any, name: str) -> Any:
    """The shown id in field `name` (household, worker) of a well-formed record; None
    unless it is a string, as in a damaged record (an id that is a list could not even be
    looked up)."""
    entries = raw["fields"].get(name)
    value = entries[-1][0] if entries else None
    return value if isinstance(value, str) else None


def slice_for(data: Data, worker: str, held: Iterable[str] = ()) -> Data:
    """The worker's share of `data` as a worker book (kind "worker", their id).

    `held`: households the worker's book is known to hold (`gridbook collect` reads them
    from the book handed in). One the worker received but never wrote in is otherwise not
    known to be theirs once reassigned, and would stay on their screens as theirs.
    """
    return slices_for(data, {worker: held})[worker]


def slices_for(data: Data, workers: Mapping[str, Iterable[str]]) -> dict[str, Data]:
    """`slice_for` of several workers ({worker: held}) in one pass over `data`: the
    office writes every worker's slice at each collect, and a pass per worker over a
    community's records cost 20 times one pass for 20 workers."""
    households = data.get(Household.TABLE, {})
    log = data.get(LogEntry.TABLE, {})
    wanted = set(workers)
    good = {rid for rid, raw in households.items() if crdt.is_well_formed(raw)}
    mine: dict[str, set[str]] = defaultdict(set)
    touched: dict[str, set[str]] = defaultdict(set)
    for rid in good:
        raw = households[rid]
        mine[_shown(raw, "worker")].add(rid)
        for entries in raw["fields"].values():
            for entry in entries:
                if entry[3] in wanted:
                    touched[entry[3]].add(rid)
    written_here: dict[str | None, set[str | None]] = defaultdict(set)
    log_of: dict[str | None, list[str]] = defaultdict(list)
    own_log: dict[str | None, list[str]] = defaultdict(list)
    for rid, raw in log.items():
        if not crdt.is_well_formed(raw):
            continue
        household, writer = _shown(raw, "household"), _shown(raw, "worker")
        written_here[writer].add(household)
        log_of[household].append(rid)
        if not household:
            own_log[writer].append(rid)
    belonging: dict[str, dict[str | None, list[str]]] = {}
    for table in BELONGING_TABLES:
        grouped: dict[str | None, list[str]] = defaultdict(list)
        for rid, raw in data.get(table, {}).items():
            if crdt.is_well_formed(raw):
                grouped[_shown(raw, "household")].append(rid)
        belonging[table] = grouped
    # places and rounds (issue 15): the worker's places, their inspections, their rounds
    places_of: dict[str | None, set[str]] = defaultdict(set)
    for rid, raw in data.get("places", {}).items():
        if crdt.is_well_formed(raw):
            places_of[_shown(raw, "worker")].add(rid)
    inspections_of: dict[str | None, list[str]] = defaultdict(list)
    for rid, raw in data.get("inspections", {}).items():
        if crdt.is_well_formed(raw):
            inspections_of[_shown(raw, "place")].append(rid)
    rounds_of: dict[str | None, list[str]] = defaultdict(list)
    for rid, raw in data.get("rounds", {}).items():
        if crdt.is_well_formed(raw):
            rounds_of[_shown(raw, "worker")].append(rid)
    clock = meta_of(data).get("clock", 0)
    clock = sane_clock(clock)
    out_all: dict[str, Data] = {}
    for worker, held in workers.items():
        own = mine.get(worker, set())
        held_ids = set(held)
        former = {rid for rid in good - own
                  if rid in written_here.get(worker, ()) or rid in held_ids
                  or rid in touched.get(worker, ())}
        out: Data = {name: {} for name in MODELS}
        worker_raw = data.get(Worker.TABLE, {}).get(worker)
        if worker_raw is not None and crdt.is_well_formed(worker_raw):
            out[Worker.TABLE][worker] = worker_raw
        for rid in own | former:
            out[Household.TABLE][rid] = households[rid]
        for table in BELONGING_TABLES:
            records, grouped = data.get(table, {}), belonging[table]
            out[table] = {rid: records[rid] for household in own
                          for rid in grouped.get(household, ())}
        out[LogEntry.TABLE] = {rid: log[rid] for household in own
                               for rid in log_of.get(household, ())}
        out[LogEntry.TABLE].update((rid, log[rid]) for rid in own_log.get(worker, ()))
        places = places_of.get(worker, set())
        out["places"] = {rid: data["places"][rid] for rid in places}
        out["inspections"] = {rid: data["inspections"][rid] for place in places
                              for rid in inspections_of.get(place, ())}
        out["rounds"] = {rid: data["rounds"][rid] for rid in rounds_of.get(worker, ())}
        top = max((crdt.max_stamp(r) for t in out.values() for r in t.values()), default=0)
        out[META_TABLE] = {META_ID: new_meta("worker", worker, max(top, clock))}
        out_all[worker] = out
    return out_all


def households_in(data: Data) -> int:
    """How many visible households a dataset holds."""
    return sum(1 for raw in data.get(Household.TABLE, {}).values()
               if crdt.is_well_formed(raw) and not crdt.is_deleted(raw))
