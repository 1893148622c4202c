"""Records kept as the bytes they were stored as, parsed again only when read.

A year's book holds 23,600 records; as Python dicts in their merge-ready shape (every field
a list of `[value, stamp, replica, worker]`) they take about 75 MB, six times the file. The
book reads each record once when it opens (to check, validate and index it) and afterwards
needs only the few a screen shows or an edit changes. So a book opened from a canonical file
keeps each record as its own slice of the file (`bytes`, "packed"):

- written back verbatim (an orjson Fragment: `encodable`), so an unchanged record costs a
  copy, not a serialization, at every save;
- compared as bytes when another session's copy of the book is joined in (`join_tables`);
- parsed again (`unpack`) when something reads it; a record that changes is stored as a dict.

The slices come from cutting a table's bytes at its records' `"id":{"fields":` markers
(`split_records`). Inside a JSON string every quote is escaped, so such a marker is always
structure: either a record of the table, or a key nested inside some value whose object
starts with "fields". In the second case the cut falls inside an unclosed object, and that
slice cannot parse alone. So a cut is right exactly when every slice parses alone, and by
the grammar the table is then the same as parsing it whole. The cut is not checked here:
whoever takes packed data must parse every slice once (the book does, as it builds its
records) and start again from an ordinary parse when one fails (`BadSlice`).
"""

from __future__ import annotations

from typing import Any

import orjson

MARKER = b'":{"fields":'


class BadSlice(Exception):
    """A packed record did not parse alone: the cut was wrong, or the file is damaged."""


def unpack(raw: Any) -> Any:
    """The stored record as a dict (a packed one is parsed; a dict is returned as it is)."""
    if type(raw) is bytes:
        try:
            return orjson.loads(raw)
        except orjson.JSONDecodeError:
            raise BadSlice from None
    return raw


def unpacked_table(table: dict[str, Any]) -> dict[str, Any]:
    """A table with every record as a dict (the same object when none is packed)."""
    if not any(type(raw) is bytes for raw in table.values()):
        return table
    return {rid: unpack(raw) for rid, raw in table.items()}


def encodable(table: dict[str, Any]) -> dict[str, Any]:
    """The table as orjson can write it: packed records as Fragments of their bytes."""
    return {rid: orjson.Fragment(raw) if type(raw) is bytes else raw
            for rid, raw in table.items()}


def may_conflict(raw: Any) -> bool:
    """False when a record certainly has no field with two values, without parsing it.

    A second entry in a field follows the first's worker string: `"],[`. A record without
    those bytes among its fields has one entry per field; one with them is parsed and
    looked at. (Its past values, which follow the fields, end with a day: `"],[` there
    says nothing.)
    """
    if type(raw) is not bytes:
        return True
    end = raw.find(b'},"past":{')
    return raw.find(b'"],[', 0, end if end >= 0 else len(raw)) >= 0


def split_records(blob: bytes, begin: int, end: int) -> dict[str, bytes] | None:
    """The records of the table `blob[begin:end]` as `{id: slice}`, or None when the bytes
    are not laid out as a canonical table (the caller then parses the table whole).

    Each slice is a copy, so `blob` can be dropped; none has been parsed yet (see the
    module docstring for why every one must be).
    """
    if end - begin < 2 or blob[begin] != 0x7B or blob[end - 1] != 0x7D:  # { ... }
        return None
    if end - begin == 2:
        return {}
    out: dict[str, bytes] = {}
    value_start = -1  # where the previous record's value begins
    previous_id = ""
    at = blob.find(MARKER, begin, end)
    while at != -1:
        quote = blob.rfind(b'"', begin, at)
        separator = quote - 1
        if value_start < 0:  # the first record follows the table's `{`
            if separator != begin:
                return None
        elif separator <= value_start or blob[separator] != 0x2C:  # the others a `,`
            return None
        key = blob[quote + 1:at]
        if b"\\" in key:
            return None
        try:
            record_id = key.decode("utf-8")
        except UnicodeDecodeError:
            return None
        if value_start >= 0:
            out[previous_id] = blob[value_start:separator]
        previous_id, value_start = record_id, at + 2  # past `":`, at the record's `{`
        at = blob.find(MARKER, at + len(MARKER), end)
    if value_start < 0:
        return None
    out[previous_id] = blob[value_start:end - 1]
    return out


def join_tables(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Join two tables of records keyed by record id (records may be packed).

    Equal records (equal bytes, or equal dicts) are kept as they are; a record only one
    side has is kept as it is, parsed once if it came packed from `b` (to check it, see the
    module docstring); the others are parsed and joined. BadSlice when one does not parse.
    """
    from store.crdt import join_records

    if a is b:
        return a
    out = dict(a)
    for rid, theirs in b.items():
        mine = out.get(rid)
        if mine is None:
            unpack(theirs)  # checked, kept packed
            out[rid] = theirs
        elif mine is theirs or (type(mine) is type(theirs) and mine == theirs):
            continue
        else:
            out[rid] = join_records(unpack(mine), unpack(theirs))
    return out
