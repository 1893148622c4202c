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

from collections.abc import Iterable
from typing import Any

from store import crdt
from store.clock import sane_clock
from store.fileformat import FORMAT, META_ID, META_TABLE, SCHEMA_VERSION, Data, meta_of
from store.models import MODELS, Household, LogEntry, Worker

BELONGING_TABLES = ("quarantines", "checklist", "tests", "errands")


def _shown(raw: Any, name: str) -> Any:
    """The shown id in field `name` (household, worker); None unless it is a string, as in
    a damaged record (an id that is a list could not even be looked up)."""
    entries = raw["fields"].get(name) if crdt.is_well_formed(raw) else None
    value = entries[-1][0] if entries else None
    return value if isinstance(value, str) else None


def _touched_by(raw: Any, worker: str) -> bool:
    """Whether any value of the record, shown or not, was written in `worker`'s book."""
    return any(entry[3] == worker for entries in raw["fields"].values() for entry in entries)


def slice_for(data: Data, worker: str, held: Iterable[str] = ()) -> Data:
    """The worker's share of `data` as a worker book (kind "worker", their id).

    `held`: households the worker's book is known to hold (`gridbook collect` reads them
    from the book handed in). One the worker received but never wrote in is otherwise not
    known to be theirs once reassigned, and would stay on their screens as theirs.
    """
    households = data.get(Household.TABLE, {})
    held_ids = set(held)
    log = data.get(LogEntry.TABLE, {})
    mine = {rid for rid, raw in households.items()
            if crdt.is_well_formed(raw) and _shown(raw, "worker") == worker}
    written_here = {_shown(raw, "household") for raw in log.values()
                    if crdt.is_well_formed(raw) and _shown(raw, "worker") == worker}
    former = {rid for rid, raw in households.items()
              if rid not in mine and crdt.is_well_formed(raw)
              and (rid in written_here or rid in held_ids or _touched_by(raw, worker))}
    out: Data = {name: {} for name in MODELS}
    worker_raw = data.get(Worker.TABLE, {}).get(worker)
    if worker_raw is not None and crdt.is_well_formed(worker_raw):
        out[Worker.TABLE][worker] = worker_raw
    for rid in mine | former:
        out[Household.TABLE][rid] = households[rid]
    for table in BELONGING_TABLES:
        out[table] = {rid: raw for rid, raw in data.get(table, {}).items()
                      if crdt.is_well_formed(raw) and _shown(raw, "household") in mine}
    out[LogEntry.TABLE] = {
        rid: raw for rid, raw in log.items() if crdt.is_well_formed(raw)
        and (_shown(raw, "household") in mine
             or (not _shown(raw, "household") and _shown(raw, "worker") == worker))}
    top = max((crdt.max_stamp(r) for t in out.values() for r in t.values()), default=0)
    clock = meta_of(data).get("clock", 0)
    out[META_TABLE] = {META_ID: {"format": FORMAT, "schema": SCHEMA_VERSION, "kind": "worker",
                                 "worker": worker,
                                 "clock": max(top, sane_clock(clock))}}
    return out


def households_in(data: Data) -> int:
    """How many visible households a dataset holds."""
    return sum(1 for raw in data.get(Household.TABLE, {}).values()
               if crdt.is_well_formed(raw) and not crdt.is_deleted(raw))
