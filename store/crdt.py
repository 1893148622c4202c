"""The merge-ready shape of a record, and the join of two versions of it.

A stored record is `{"fields": {name: [entry, ...]}, "vv": {replica: stamp}}`. Each field
is a multi-value register: a list of entries `[value, stamp, replica, worker]`, normally one,
more than one when books wrote concurrently (a conflict). `vv` is the record's version
vector: for each replica, the highest stamp of its writes that this copy has seen. Writes on
one replica get increasing stamps and copies travel whole, so what a copy has seen of a
replica is always a prefix; an entry missing from a copy whose vv covers its stamp was seen
and replaced there, so the join drops it. Everything else is kept. That makes the join
idempotent, commutative and associative, and a stale copy can never bring back a value (or
a record) that a later write replaced or deleted.

Deletion is the field `_deleted`; a record is deleted when any of its current values is
true (delete wins over a concurrent edit, which stays visible as a conflict).

Entries are kept sorted by (stamp, replica) so that equal states serialize to equal bytes.
"""

from __future__ import annotations

from typing import Any

from store.clock import MAX_STAMP, sane_stamp

Entry = list[Any]  # [value, stamp, replica, worker]
RawRecord = dict[str, Any]

DELETED = "_deleted"


def _key(entry: Entry) -> tuple[int, str]:
    return (entry[1], entry[2])


def new_record() -> RawRecord:
    """An empty record: no fields written yet."""
    return {"fields": {}, "vv": {}}


def write_fields(raw: RawRecord, values: dict[str, Any], stamp: int, replica: str,
                 worker: str) -> RawRecord:
    """Return a copy of `raw` with each of `values` written at `stamp` by `replica`.

    A local write has seen every current value of the field, so it replaces them all: this
    is also how a conflict is resolved.
    """
    fields = dict(raw["fields"])
    for name, value in values.items():
        fields[name] = [[value, stamp, replica, worker]]
    vv = dict(raw["vv"])
    vv[replica] = max(vv.get(replica, 0), stamp)
    return {"fields": fields, "vv": vv}


def _join_field(mine: list[Entry], theirs: list[Entry], my_vv: dict[str, int],
                their_vv: dict[str, int]) -> list[Entry]:
    if mine == theirs:
        return mine
    mine_keys = {_key(e) for e in mine}
    their_keys = {_key(e) for e in theirs}
    kept = [e for e in mine if _key(e) in their_keys or e[1] > their_vv.get(e[2], 0)]
    kept += [e for e in theirs
             if _key(e) not in mine_keys and e[1] > my_vv.get(e[2], 0)]
    kept.sort(key=_key)
    return kept


def join_records(a: RawRecord, b: RawRecord) -> RawRecord:
    """The least record that both `a` and `b` lead to: the merge of two copies."""
    if a is b or a == b:
        return a
    a_vv, b_vv = a["vv"], b["vv"]
    fields: dict[str, list[Entry]] = {}
    for name in a["fields"].keys() | b["fields"].keys():
        joined = _join_field(a["fields"].get(name, []), b["fields"].get(name, []), a_vv, b_vv)
        if joined:
            fields[name] = joined
    vv = dict(a_vv)
    for replica, stamp in b_vv.items():
        if stamp > vv.get(replica, 0):
            vv[replica] = stamp
    return {"fields": fields, "vv": vv}


def current(raw: RawRecord) -> dict[str, Any]:
    """The value shown for each field: the newest entry by (stamp, replica)."""
    return {name: entries[-1][0] for name, entries in raw["fields"].items() if entries}


# The step histories written beside a status or an amount (store.history): two books that
# took a step concurrently differ in the field the step changed, and that is the conflict
# shown; their histories (which differ in the time of day at least) are not listed too.
HISTORY_FIELDS = frozenset({"steps", "status_changes", "assignments"})


def conflicts(raw: RawRecord) -> dict[str, list[Entry]]:
    """Fields holding concurrent values that differ, each with every candidate (newest
    last). Two books that wrote the same value did not disagree: that is no conflict."""
    return {name: entries for name, entries in raw["fields"].items()
            if len(entries) > 1 and name not in HISTORY_FIELDS
            and any(e[0] != entries[0][0] for e in entries[1:])}


def is_deleted(raw: RawRecord) -> bool:
    """True when any current value of the deletion field says deleted (delete wins)."""
    return any(entry[0] for entry in raw["fields"].get(DELETED, ()))


def max_stamp(raw: RawRecord) -> int:
    """The newest stamp this copy of the record has seen."""
    return max(raw["vv"].values(), default=0)


SHAPE_BAD, SHAPE_OK, SHAPE_MULTI = 0, 1, 2


def _read(raw: Any, nested: list[Any] | None) -> tuple[int, dict[str, Any] | None]:
    """The one check of the stored shape: (SHAPE_BAD, None) when `raw` is not well formed,
    else (SHAPE_OK, or SHAPE_MULTI when some field holds more than one value, and the
    current values as a new dict). Values are checked later, by the models."""
    if not isinstance(raw, dict):
        return SHAPE_BAD, None
    fields = raw.get("fields")
    vv = raw.get("vv")
    if not isinstance(fields, dict) or not isinstance(vv, dict):
        return SHAPE_BAD, None
    for r, s in vv.items():
        if not isinstance(r, str) or type(s) is not int or not 0 <= s <= MAX_STAMP:
            return SHAPE_BAD, None
    shape = SHAPE_OK
    out: dict[str, Any] = {}
    for name, entries in fields.items():
        if not isinstance(entries, list) or not entries:
            return SHAPE_BAD, None
        if len(entries) > 1:
            shape = SHAPE_MULTI
        for e in entries:
            if not (isinstance(e, list) and len(e) == 4 and type(e[1]) is int
                    and 0 <= e[1] <= MAX_STAMP and isinstance(e[2], str)
                    and isinstance(e[3], str)):
                return SHAPE_BAD, None
            if nested is not None and isinstance(e[0], (list, dict)):
                nested.append(e[0])
        out[name] = entries[-1][0]
    return shape, out


def read_current(raw: Any, nested: list[Any] | None = None) -> dict[str, Any] | bool:
    """`is_well_formed`, `is_deleted` and `current` in one pass (opening a year's book
    calls this 23,600 times): False when `raw` is not well formed, True when it is
    deleted, else its current values (a new dict). With `nested`, every entry value that
    is a list or a dict is appended to it (for the book's nesting check at open)."""
    out = _read(raw, nested)[1]
    if out is None:
        return False
    deleted = raw["fields"].get(DELETED)
    if deleted is not None and any(entry[0] for entry in deleted):
        return True
    return out


def shape_of(raw: Any) -> int:
    """Whether `raw` has the stored shape (SHAPE_BAD if not), and whether some field holds
    more than one value (SHAPE_MULTI: a conflict): the same check as `read_current`."""
    return _read(raw, None)[0]


def is_well_formed(raw: Any) -> bool:
    """Whether `raw` has the stored shape (values are checked later by the models)."""
    return shape_of(raw) != SHAPE_BAD

def has_absurd_stamp(raw: Any) -> bool:
    """Whether a record that is not well formed is so (only) for a stamp no real clock
    gives (see store.clock.MAX_STAMP): its set-aside reason is then "stamp"."""
    try:
        stamps = list(raw["vv"].values())
        stamps += [e[1] for entries in raw["fields"].values() for e in entries]
    except (TypeError, KeyError, AttributeError, IndexError):
        return False
    return any(type(s) is int and not sane_stamp(s) for s in stamps)


def set_aside_reason(raw: Any) -> str:
    """Why a record that is not well formed is set aside: "stamp" or "shape"."""
    return "stamp" if has_absurd_stamp(raw) else "shape"
