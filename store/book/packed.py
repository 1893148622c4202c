"""Records kept as the bytes they were stored as, parsed again only when read.

A year's book holds 23,600 records; as Python dicts in their merge-ready shape (every field
a list of `[value, stamp, replica, worker]`) they take about 75 MB, six times the file. The
book reads each record once when it opens (to check, validate and index it) and afterwards
needs only the few a screen shows or an edit changes. So a book opened from a canonical file
keeps each record as its own slice of the file (`bytes`, "packed"):

- written back verbatim (an orjson Fragment: `write_packed`), so an unchanged record costs
  a copy, not a serialization, at every save;
- compared as bytes when another session's copy of the book is joined in (`join_tables`);
- parsed again (`record`) when something reads it; a record that changes is stored as a dict.

Everything about it is here, behind one type (`Packed`): no other module looks at a
record's bytes.

The slices come from cutting a table's bytes at its records' `"id":{"fields":` markers
(`split_records`). Inside a JSON string every quote is escaped, so such a marker is always
structure: either a record of the table, or a key nested inside some value whose object
starts with "fields". In the second case the cut falls inside an unclosed object, and that
slice cannot parse alone. So a cut is right exactly when every slice parses alone, and by
the grammar the table is then the same as parsing it whole. The cut is checked by the
loaders, in the one parse of each record they make anyway (`first_read`: the book's
opening, which builds every record; the join of another session's save, which parses
every record it takes), and they start again from an ordinary parse when one fails
(`BadSlice`); nothing else ever holds a record that was not parsed once.
"""

from __future__ import annotations

import re
from typing import Any

import orjson

MARKER = b'":{"fields":'


class BadSlice(Exception):
    """A packed record did not parse alone: the cut was wrong, or the file is damaged.

    Only the loaders see it (`Book`'s opening, `fileformat.join_file`), because a packed
    record reaches nothing else before it has been parsed once."""


class Packed:
    """One stored record kept as its slice of the file's bytes; other modules see only
    this type, through `record`, `dicts`, `may_conflict` and the writers' `write_packed`.

    A `Packed` is parsed once by whoever loads it (`first_read`: a wrong cut raises
    BadSlice there, and the loader parses the file whole instead), so afterwards its
    bytes are known to be one record and `read` cannot fail."""

    __slots__ = ("blob",)

    def __init__(self, blob: bytes) -> None:
        self.blob = blob

    def read(self) -> dict[str, Any]:
        """The record as a new dict."""
        found: dict[str, Any] = orjson.loads(self.blob)
        return found

    def __eq__(self, other: object) -> bool:
        return type(other) is Packed and other.blob == self.blob

    def __hash__(self) -> int:
        return hash(self.blob)

    def __repr__(self) -> str:
        return f"Packed({self.blob!r})"


def record(stored: Any) -> Any:
    """A stored record as a dict (a packed one is parsed again; a dict is returned as it
    is, not to be changed)."""
    return stored.read() if type(stored) is Packed else stored


def first_read(stored: Any) -> Any:
    """`record` for a loader's first look at what it loaded: BadSlice when a packed record
    does not parse alone (the loader then parses the file whole)."""
    if type(stored) is Packed:
        try:
            return orjson.loads(stored.blob)
        except orjson.JSONDecodeError:
            raise BadSlice from None
    return stored


def dicts(table: dict[str, Any]) -> dict[str, Any]:
    """A table with every record as a dict (the same object when none is packed)."""
    if not any(type(raw) is Packed for raw in table.values()):
        return table
    return {rid: record(raw) for rid, raw in table.items()}


def write_packed(value: Any) -> orjson.Fragment:
    """orjson's `default` for data holding packed records: each written as its bytes."""
    if type(value) is Packed:
        return orjson.Fragment(value.blob)
    raise TypeError(f"{type(value).__name__} is not JSON")


def may_conflict(stored: Any) -> bool:
    """False when a record certainly has no field with two values, without parsing it.

    A second entry in a field follows the first's worker string: `"],[`. A record without
    those bytes among its fields has one entry per field; one with them is parsed and
    looked at.
    """
    if type(stored) is not Packed:
        return True
    blob = stored.blob  # past values (after the fields) end with a day: there, `"],[` is no sign
    end = blob.find(b'},"past":{')
    return blob.find(b'"],[', 0, end if end >= 0 else len(blob)) >= 0


_VV = b'"vv":{'


def newest_stamp(stored: Any) -> int:
    """The highest stamp of a stored record's version vector (`crdt.max_stamp`), read from
    a packed record's bytes without parsing it when its `"vv":{` is found once (a value
    nested with a key "vv" sends it to the parse); 0 when it has none of the right shape."""
    if type(stored) is Packed:
        blob = stored.blob
        at = blob.find(_VV)
        if at >= 0 and blob.find(_VV, at + 1) < 0:
            end = blob.find(b"}", at)
            try:
                vv = orjson.loads(blob[at + len(_VV) - 1:end + 1])
            except orjson.JSONDecodeError:
                vv = None
        else:
            vv = record(stored).get("vv") if at >= 0 else None
    else:
        vv = stored.get("vv") if isinstance(stored, dict) else None
    if not isinstance(vv, dict):
        return 0
    return max((s for s in vv.values() if type(s) is int), default=0)


_DAY_TEXT = re.compile(rb'"(\d{4}-\d\d-\d\d)"')
_WHEN = b',"when":'  # a record's last key (store.book.crdt: the days its values were written)


def latest_day(stored: Any) -> str | None:
    """`crdt.latest_day` of a stored record; a packed one is read from the end of its
    bytes, not parsed (a value kept in `past` is always older than a day in `when`, the
    day of the write that replaced it)."""
    from store.book.crdt import latest_day as of_dict

    if type(stored) is not Packed:
        return of_dict(stored)
    blob = stored.blob
    if blob[-21:-13] == _WHEN and blob[-13:-12] == b'"':  # ...,"when":"YYYY-MM-DD"}
        return blob[-12:-2].decode("ascii", "replace")
    at = blob.rfind(_WHEN)
    if at < 0:
        return None
    if blob[at + 8:at + 9] == b"{":
        found = _DAY_TEXT.findall(blob, at)
        return max(found).decode("ascii") if found else None
    return of_dict(stored.read())


def written_after(stored: Any, day: str) -> bool:
    """True when a packed record says, without being parsed, that all of it was written
    after `day` (one day for all its values, none kept from earlier days): as of `day` it
    did not exist yet."""
    if type(stored) is not Packed:
        return False
    blob = stored.blob
    return blob[-21:-13] == _WHEN and blob[-13:-12] == b'"' \
        and blob[-12:-2].decode("ascii", "replace") > day and b'"past":' not in blob


def split_records(blob: bytes, begin: int, end: int) -> dict[str, Packed] | None:
    """The records of the table `blob[begin:end]` as `{id: Packed}`, or None when the bytes
    are not laid out as a canonical table (the caller then parses the table whole).

    Each slice is a copy, so `blob` can be dropped; none has been parsed yet (see the
    module docstring for why every one must be).
    """
    if end - begin < 2 or blob[begin] != 0x7B or blob[end - 1] != 0x7D:  # { ... }
        return None
    if end - begin == 2:
        return {}
    out: dict[str, Packed] = {}
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
            if previous_id in out:  # an id twice: the ordinary parse joins the copies
                return None
            out[previous_id] = Packed(blob[value_start:separator])
        previous_id, value_start = record_id, at + 2  # past `":`, at the record's `{`
        at = blob.find(MARKER, at + len(MARKER), end)
    if value_start < 0 or previous_id in out:
        return None
    out[previous_id] = Packed(blob[value_start:end - 1])
    return out


def join_tables(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Join two tables of records keyed by record id (records may be packed).

    Equal records (equal bytes, or equal dicts) are kept as they are; a record only one
    side has is kept as it is, parsed once if it came packed from `b` (to check it, see the
    module docstring); the others are parsed and joined. BadSlice when one does not parse.
    """
    from store.book.crdt import join_records

    if a is b:
        return a
    out = dict(a)
    for rid, theirs in b.items():
        mine = out.get(rid)
        if mine is None:
            first_read(theirs)  # checked, kept packed
            out[rid] = theirs
        elif mine is theirs or (type(mine) is type(theirs) and mine == theirs):
            continue
        else:
            out[rid] = join_records(record(mine), first_read(theirs))
    return out


_AT = b'{"fields":{"at":[["'
_CATEGORY = b'"category":[["'


def entry_time_and_category(stored: Any) -> tuple[str, str] | None:
    """A journal entry's time (HH:MM) and category straight from its packed bytes, without
    parsing it: the canonical layout puts `at` first (keys are sorted) and, with one value
    a field, `"category":[["` is met once (inside a string every quote is escaped). None
    when the record is not packed so (the caller reads it): `Book.log_index_on`."""
    if type(stored) is not Packed:
        return None
    blob = stored.blob
    begin = len(_AT)
    if not blob.startswith(_AT) or blob[begin + 5:begin + 6] != b'"' or b'"],[' in blob:
        return None
    start = blob.find(_CATEGORY, begin)
    end = blob.find(b'"', start + len(_CATEGORY)) if start > 0 else -1
    if end < 0:
        return None
    try:
        return blob[begin:begin + 5].decode(), blob[start + len(_CATEGORY):end].decode()
    except UnicodeDecodeError:
        return None
