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

Truth over time (DESIGN.md): a record also keeps the worker's local day on which each of
its values was written, so that `as_of` can give the record as it stood at the end of any
day, whatever was written later (store.history, a past day's report):

- `when`: the day of each write that still has a current entry, `"YYYY-MM-DD"` when every
  current entry was written on that one day, else `{"stamp/replica": "YYYY-MM-DD"}`;
- `past`: values replaced on a later day than they were written, each field a list of
  entries `[value, stamp, replica, worker, "YYYY-MM-DD"]`; only what some day's end still
  needs is kept (a value replaced on the day it was written is not).

Both join with the record. `past` joins like the fields do: an entry is kept when both
copies hold it (in `past`, or one still as a current value), or when the other copy has
not seen it yet; an entry the other copy saw and no longer holds was dropped there (a
purge, or a value that no day needs) and stays dropped. A value written before days were
kept (an older book) counts as known on every day.
"""

from __future__ import annotations

from typing import Any

from store.book.clock import MAX_STAMP, sane_stamp

Entry = list[Any]  # [value, stamp, replica, worker]
RawRecord = dict[str, Any]

DELETED = "_deleted"
WHEN = "when"
PAST = "past"
LONG_AGO = "1970-01-01"  # the day of a value written before days were kept
STORED_KEYS = frozenset({"fields", "vv", WHEN, PAST})


def _key(entry: Entry) -> tuple[int, str]:
    return (entry[1], entry[2])


def new_record() -> RawRecord:
    """An empty record: no fields written yet."""
    return {"fields": {}, "vv": {}}


def write_fields(raw: RawRecord, values: dict[str, Any], stamp: int, replica: str,
                 worker: str, day: str | None = None, *, keep_past: bool = True) -> RawRecord:
    """Return a copy of `raw` with each of `values` written at `stamp` by `replica`.

    A local write has seen every current value of the field, so it replaces them all: this
    is also how a conflict is resolved. `day` is the writer's local day ("YYYY-MM-DD"): a
    value it replaces that was written on an earlier day (and stamped before `stamp`)
    moves to `past`, for the ends of the days it stood. With `keep_past=False` (a purge)
    the written fields keep no earlier value at all.
    """
    fields = dict(raw["fields"])
    days = written_days(raw)
    past = dict(raw.get(PAST) or {})
    for name, value in values.items():
        if not keep_past:
            past.pop(name, None)
        elif day is not None:
            replaced = [[*e, days.get(_key(e), LONG_AGO)] for e in fields.get(name, ())
                        if stamped_before(e, stamp)]
            kept = [e for e in [*past.get(name, ()), *replaced] if e[4] < day]
            if kept:
                past[name] = _needed(kept)
            else:
                past.pop(name, None)
        fields[name] = [[value, stamp, replica, worker]]
    vv = dict(raw["vv"])
    vv[replica] = max(vv.get(replica, 0), stamp)
    if day is not None:
        days[(stamp, replica)] = day
    return _with_days({"fields": fields, "vv": vv}, days, past)


def stamped_before(entry: Entry, stamp: int) -> bool:
    """Whether a value a write replaces may stand in `past`: a value stamped after the
    write (more than a day ahead, which no book's clock follows: store.book.clock) would hide
    the write from the history of every later day, since a day's end shows its newest
    stamp; it is not kept."""
    return bool(entry[1] < stamp)


def _needed(entries: list[Entry]) -> list[Entry]:
    """The replaced values that the end of some day still shows: on each day the last
    written that day, and only if written after every value of an earlier day."""
    last: dict[str, Entry] = {}
    for entry in entries:
        if entry[4] not in last or _key(entry) > _key(last[entry[4]]):
            last[entry[4]] = entry
    out: list[Entry] = []
    for day in sorted(last):
        if not out or _key(last[day]) > _key(out[-1]):
            out.append(last[day])
    return out


def written_days(raw: RawRecord) -> dict[tuple[int, str], str]:
    """The local day on which each current entry was written, by (stamp, replica); an
    entry written before days were kept is not in it."""
    when = raw.get(WHEN)
    if when is None:
        return {}
    keys = {_key(e) for entries in raw["fields"].values() for e in entries}
    if isinstance(when, str):
        return dict.fromkeys(keys, when)
    out = {}
    for key in keys:
        found = when.get(f"{key[0]}/{key[1]}")
        if found is not None:
            out[key] = found
    return out


def _with_days(out: RawRecord, days: dict[tuple[int, str], str],
               past: dict[str, list[Entry]]) -> RawRecord:
    """`out` (fields and vv) with the days of its current entries and its past values."""
    if days:
        keys = {_key(e) for entries in out["fields"].values() for e in entries}
        known = {key: days[key] for key in keys if key in days}
        if known:
            distinct = set(known.values())
            if len(distinct) == 1 and len(known) == len(keys):
                out[WHEN] = distinct.pop()
            else:
                out[WHEN] = {f"{s}/{r}": d for (s, r), d in sorted(known.items())}
    if past:
        out[PAST] = past
    return out


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


def _join_past(mine: list[Entry], theirs: list[Entry], my_now: list[Entry],
               their_now: list[Entry], my_vv: dict[str, int],
               their_vv: dict[str, int]) -> list[Entry]:
    """One field's past values: each kept when the other copy holds it too (in its past,
    or still current) or has not seen it; else the other copy dropped it, and so do we."""
    if mine == theirs:
        return mine
    my_keys = {_key(e) for e in mine}
    held_by_me = my_keys | {_key(e) for e in my_now}
    held_by_them = {_key(e) for e in theirs} | {_key(e) for e in their_now}
    kept = [e for e in mine if _key(e) in held_by_them or e[1] > their_vv.get(e[2], 0)]
    kept += [e for e in theirs if _key(e) not in my_keys
             and (_key(e) in held_by_me or e[1] > my_vv.get(e[2], 0))]
    kept.sort(key=_key)
    return kept


def join_records(a: RawRecord, b: RawRecord) -> RawRecord:
    """The least record that both `a` and `b` lead to: the merge of two copies."""
    if a is b or a == b:
        return a
    a_vv, b_vv = a["vv"], b["vv"]
    a_fields, b_fields = a["fields"], b["fields"]
    fields: dict[str, list[Entry]] = {}
    for name in a_fields.keys() | b_fields.keys():
        joined = _join_field(a_fields.get(name, []), b_fields.get(name, []), a_vv, b_vv)
        if joined:
            fields[name] = joined
    vv = dict(a_vv)
    for replica, stamp in b_vv.items():
        if stamp > vv.get(replica, 0):
            vv[replica] = stamp
    out = {"fields": fields, "vv": vv}
    if WHEN not in a and WHEN not in b and PAST not in a and PAST not in b:
        return out  # records of a book that kept no days (and their joins) stay as they were
    days = written_days(b)
    for key, day in written_days(a).items():
        if day < days.get(key, "\uffff"):  # the same write, told two ways: the earlier
            days[key] = day
    a_past, b_past = a.get(PAST) or {}, b.get(PAST) or {}
    past: dict[str, list[Entry]] = {}
    for name in a_past.keys() | b_past.keys():
        kept = _join_past(a_past.get(name, []), b_past.get(name, []), a_fields.get(name, []),
                          b_fields.get(name, []), a_vv, b_vv)
        if kept:
            past[name] = kept
    return _with_days(out, days, past)


def current(raw: RawRecord) -> dict[str, Any]:
    """The value shown for each field: the newest entry by (stamp, replica)."""
    return {name: entries[-1][0] for name, entries in raw["fields"].items() if entries}


def as_of(raw: RawRecord, day: str) -> RawRecord | None:
    """The record as it stood at the end of `day` ("YYYY-MM-DD"): each field's newest
    value among those written on or before that day (one entry a field), or None when
    nothing of it had been written by then. A value written before days were kept counts
    on every day; `vv` is the record's own (what the copy has seen, not when)."""
    days = written_days(raw)
    past = raw.get(PAST) or {}
    fields: dict[str, list[Entry]] = {}
    for name in raw["fields"].keys() | past.keys():
        best: Entry | None = None
        for entry in raw["fields"].get(name, ()):
            if days.get(_key(entry), LONG_AGO) <= day and (best is None
                                                          or _key(entry) > _key(best)):
                best = entry
        for entry in past.get(name, ()):
            if entry[4] <= day and (best is None or _key(entry) > _key(best)):
                best = entry[:4]
        if best is not None:
            fields[name] = [best]
    return {"fields": fields, "vv": raw["vv"]} if fields else None


def latest_day(raw: Any) -> str | None:
    """The last local day on which anything of a stored record (as a dict) was written;
    None when it keeps no days (an older book's record, or one not of the stored shape).
    A packed record: `store.book.packed.latest_day`."""
    if not isinstance(raw, dict):
        return None
    when = raw.get(WHEN)
    days = [when] if isinstance(when, str) else \
        [d for d in when.values() if isinstance(d, str)] if isinstance(when, dict) else []
    past = raw.get(PAST)
    if isinstance(past, dict):
        days += [e[4] for entries in past.values() if isinstance(entries, list)
                 for e in entries if isinstance(e, list) and len(e) == 5
                 and isinstance(e[4], str)]
    return max(days) if days else None


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


def _is_day(value: Any) -> bool:
    return type(value) is str and len(value) == 10 and value[4] == "-" and value[7] == "-"


def days_well_formed(raw: dict[str, Any]) -> bool:
    """Whether a record's `when` and `past` (if any) have their stored shape."""
    when = raw.get(WHEN)
    if when is not None and not _is_day(when):
        if not isinstance(when, dict) or not when:
            return False
        for key, day in when.items():
            if not (isinstance(key, str) and "/" in key and _is_day(day)):
                return False
    past = raw.get(PAST)
    if past is not None:
        if not isinstance(past, dict) or not past:
            return False
        for entries in past.values():
            if not isinstance(entries, list) or not entries:
                return False
            for e in entries:
                if not (isinstance(e, list) and len(e) == 5 and sane_stamp(e[1])
                        and isinstance(e[2], str) and isinstance(e[3], str) and _is_day(e[4])):
                    return False
    return True


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
    if len(raw) > 2 and not days_well_formed(raw):
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
    gives (see store.book.clock.MAX_STAMP): its set-aside reason is then "stamp"."""
    try:
        stamps = list(raw["vv"].values())
        stamps += [e[1] for entries in raw["fields"].values() for e in entries]
        stamps += [e[1] for entries in (raw.get(PAST) or {}).values() for e in entries]
    except (TypeError, KeyError, AttributeError, IndexError):
        return False
    return any(type(s) is int and not sane_stamp(s) for s in stamps)


def set_aside_reason(raw: Any) -> str:
    """Why a record that is not well formed is set aside: "stamp" or "shape"."""
    return "stamp" if has_absurd_stamp(raw) else "shape"
