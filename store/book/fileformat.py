"""The bytes of a book on disk: parsing with plain-sentence errors, canonical dumping.

A book is a TinyDB JSON document `{table: {record_id: record}}` with a `_meta` table. It is
UTF-8 with Chinese kept as Chinese, keys sorted and no insignificant whitespace, so equal
books are equal bytes (the office merge relies on that).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

FORMAT = "gridbook"
SCHEMA_VERSION = 2  # 2: records keep the day of each value (store.book.crdt: when, past)
META_TABLE = "_meta"
META_ID = "book"
MAX_BOOK_BYTES = 512 * 1024 * 1024
TRIM_AFTER_BYTES = 4 * 1024 * 1024  # a book this big leaves freed parse buffers to return

Data = dict[str, dict[str, Any]]


def dumps(data: Data) -> bytes:
    """Canonical bytes of a book: sorted keys, UTF-8, one trailing newline.

    BookError when the data cannot be written: nested too deeply for orjson, which only a
    damaged input file can cause (a slice, a merge or a report must say so, not crash).
    """
    from store.book.packed import write_packed

    try:  # packed records are written as they were read
        return orjson.dumps(data, default=write_packed,
                            option=orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE)
    except orjson.JSONEncodeError as error:
        raise _unwritable(error) from None


def _unwritable(error: orjson.JSONEncodeError) -> Exception:
    """The sentence for data orjson cannot write: a number too big for a stamp (only an
    absurd stamp that got past the checks at entry) or nesting too deep (a damaged file)."""
    from store.errors import BookError

    if "integer" in str(error).lower():
        return BookError("too_big_number_data")
    return BookError("too_deep_data")


class TableCache:
    """Canonical dumps of a book saved again and again, re-serializing only changed tables.

    A save changes one or two tables; the others are the very same dict objects as at the
    last save (the store replaces a table on every change, never edits one in place), so
    their bytes are reused as orjson Fragments. The result is byte for byte `dumps(data)`.
    """

    def __init__(self) -> None:
        self._tables: dict[str, tuple[dict[str, Any], orjson.Fragment]] = {}

    def dumps(self, data: Data) -> bytes:
        """Like `dumps(data)`, BookError included."""
        from store.book.packed import write_packed

        kept: dict[str, tuple[dict[str, Any], orjson.Fragment]] = {}
        try:
            for name, table in data.items():
                hit = self._tables.get(name)
                if hit is None or hit[0] is not table:
                    blob = orjson.dumps(table, default=write_packed,
                                        option=orjson.OPT_SORT_KEYS)
                    hit = (table, orjson.Fragment(blob))
                kept[name] = hit
        except orjson.JSONEncodeError as error:
            raise _unwritable(error) from None
        self._tables = kept
        return orjson.dumps({name: hit[1] for name, hit in kept.items()},
                            option=orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE)


@dataclass(frozen=True)
class Duplicate:
    """A record id found more than once in one table of a file (`record_id` empty: the
    table itself named more than once); its copies were joined (see `parse`)."""

    table: str
    record_id: str
    copies: int


def parse(blob: bytes, path: Path, *, packed: bool = False,
          duplicates: list[Duplicate] | None = None) -> Data:
    """Parse a book's bytes, raising BookError with the plain reason when they are not one.

    `packed=True` (the book opening, see `store.book.packed`): a canonical file's records come
    as their unparsed slices, which the caller must each parse once; BadSlice from that
    means: parse again without `packed`, for the right sentence or the right records.

    A record id written twice in one table (which JSON parsers settle by keeping the last
    copy, silently) is never dropped: the copies are joined as the merge joins two copies
    of a record (`store.book.crdt.join_records`: each field's newest value shown, concurrent
    ones kept as conflicts), and each is added to `duplicates`. Copies that cannot be
    joined (one is damaged), and a key twice inside a record, are a BookError. Finding
    them costs a count of record markers per table; the slow parse that sees every key
    (`_parse_seeing_twice`) runs only when the count says there may be one.
    """
    from store.errors import BookError

    if not blob.strip():
        raise BookError("empty", path=path)
    if blob.startswith(b"\xef\xbb\xbf"):
        raise BookError("bom", path=path)
    found: list[Duplicate] = []
    try:
        data = _loads_by_table(blob, packed, found, path)
        if data is None:
            data = orjson.loads(blob)
            if _may_hold_twice(blob, data):
                data = _parse_seeing_twice(blob, path, found)
        elif len(blob) >= TRIM_AFTER_BYTES:
            from store.book.memtrim import give_back

            give_back()
    except orjson.JSONDecodeError:
        try:  # orjson refuses bad UTF-8 too; say which problem it is
            blob.decode("utf-8")
        except UnicodeDecodeError:
            raise BookError("not_utf8", path=path) from None
        raise BookError("not_json", path=path) from None
    try:
        _check_book(data, path)
    except BookError:
        if packed:  # records not parsed yet may hide a worse problem: the whole parse says
            return parse(blob, path, duplicates=duplicates)
        raise
    if duplicates is not None:
        duplicates.extend(found)
    return data


def _check_book(data: Any, path: Path) -> None:
    """BookError unless parsed JSON `data` is a gridbook book this version can read."""
    from store.errors import BookError

    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise BookError("not_gridbook", path=path)
    meta = data.get(META_TABLE, {}).get(META_ID)
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise BookError("not_gridbook", path=path)
    schema = meta.get("schema")
    if type(schema) is not int or schema < 1:
        raise BookError("not_gridbook", path=path)
    if schema > SCHEMA_VERSION:
        raise BookError("newer_schema", path=path, found=schema, supported=SCHEMA_VERSION)
    if type(meta.get("clock", 0)) is not int:
        raise BookError("not_gridbook", path=path)


KNOWN_TABLES = (META_TABLE, "checklist", "errands", "households", "log", "quarantines",
                "tests", "workers", "places", "inspections", "rounds")


def _loads_by_table(blob: bytes, packed: bool = False, found: list[Duplicate] | None = None,
                    path: Path | None = None) -> dict[str, Any] | None:
    """Parse a book written in the canonical layout one table at a time, or None.

    orjson builds its own copy of a whole document before making Python objects: on a
    year's book that is 30 MB more at the peak than the result. A canonical book is
    `{"name":{...},"name":{...}}` plus a newline; when the known tables' `,"name":{`
    markers split the bytes into pieces that each parse alone as one JSON object and
    together are the whole file exactly, the result is by the grammar the same as
    parsing the whole, with a peak of one table. Anything else (unknown tables, a marker
    found inside a value, other whitespace, broken JSON) gives None and the caller
    parses the whole file, with its errors. With `packed`, each record table is cut
    into its records' slices instead when it can be (`store.book.packed.split_records`).
    """
    if not blob.endswith(b"}\n") or not blob.startswith(b'{"'):
        return None
    starts: list[tuple[int, str]] = []
    for name in KNOWN_TABLES:
        key = name.encode()
        at = 1 if blob.startswith(b'"' + key + b'":{', 1) else blob.find(b',"' + key + b'":{')
        if at > 0:
            starts.append((at, name))
    starts.sort()
    if not starts or starts[0][0] != 1:
        return None
    view = memoryview(blob)
    spans: list[tuple[str, int, int]] = []
    for index, (at, name) in enumerate(starts):
        begin = at + len(name) + (3 if at == 1 else 4)  # past ["name": or [,"name":
        end = starts[index + 1][0] if index + 1 < len(starts) else len(blob) - 2
        if end <= begin:
            return None
        spans.append((name, begin, end))
    # each table is parsed inside a list, so it has the depth it has in the whole file
    # (orjson stops at 1024); one buffer, reused, holds "[" table "]"
    buffer = bytearray()
    out: dict[str, Any] = {}
    for name, begin, end in spans:
        if packed and name != META_TABLE:
            from store.book.packed import split_records

            records = split_records(blob, begin, end)
            if records is not None:
                out[name] = records
                continue
        size = end - begin
        if not buffer:
            buffer = bytearray(max(end - begin for _, begin, end in spans) + 2)
        buffer[0] = ord("[")
        buffer[1:size + 1] = view[begin:end]
        buffer[size + 1] = ord("]")
        try:
            with memoryview(buffer) as whole, whole[:size + 2] as piece:
                table = orjson.loads(piece)[0]
        except orjson.JSONDecodeError:
            return None
        if not isinstance(table, dict):
            return None
        if name != META_TABLE and blob.count(RECORD_MARKER, begin, end) > len(table):
            # maybe an id written twice (or a value holding a "fields" key): look closer
            table = _table_seeing_twice(bytes(view[begin:end]), name, path, found)
        out[name] = table
    return out


# Duplicate keys ---------------------------------------------------------------------------
RECORD_MARKER = b'":{"fields":'  # before each record of a canonical table (store.book.packed)
_SPACED_FIELDS = b'"fields"'


def _may_hold_twice(blob: bytes, data: Any) -> bool:
    """Whether a file parsed whole may name a table or a record twice: more `"fields"`
    keys than records, or a table's name more than once as a key (cheap, from bytes)."""
    if not isinstance(data, dict):
        return False
    records = sum(len(t) for n, t in data.items() if n != META_TABLE and isinstance(t, dict))
    if blob.count(_SPACED_FIELDS) > records:
        return True
    return any(len(re.findall(b'"' + re.escape(name.encode()) + rb'"\s*:', blob)) > 1
               for name in data)


def duplicate_notices(twice: list[Duplicate], path: Path) -> list[Any]:
    """The sentences for record ids a file held more than once (store.book.fileformat.parse
    joined their copies): one naming the first table and id, with how many more."""
    from store.errors import BookError

    if not twice:
        return []
    first = twice[0]
    more = BookError("duplicate_records_more", count=len(twice) - 1) if len(twice) > 1 else ""
    if not first.record_id:
        return [BookError("duplicate_table", path=path, table=first.table, copies=first.copies)]
    return [BookError("duplicate_records", path=path, table=first.table, rid=first.record_id,
                      copies=first.copies, more=more)]


class _Twice(dict[str, Any]):
    """A JSON object in which some key came more than once: every copy, in order."""

    copies: dict[str, list[Any]]


def _pairs_keeping_twice(count: list[int]) -> Any:
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        twice: dict[str, list[Any]] | None = None
        for key, value in pairs:
            if key in out:
                if twice is None:
                    twice = {}
                twice.setdefault(key, [out[key]]).append(value)
            out[key] = value  # as every parser does: the last copy (until joined)
        if twice is None:
            return out
        count[0] += 1
        marked = _Twice(out)
        marked.copies = twice
        return marked
    return hook


def _json_seeing_twice(text: bytes, path: Path | None, count: list[int]) -> Any:
    import json

    from store.errors import BookError

    try:
        return json.loads(text, object_pairs_hook=_pairs_keeping_twice(count))
    except RecursionError:
        raise BookError("too_deep_data") from None
    except ValueError:  # orjson read it; this cannot happen, but say it plainly if it does
        raise BookError("not_json", path=path) from None


def _join_copies(table: str, rid: str, copies: list[Any], path: Path | None) -> Any:
    """The join of copies of one record, or BookError when one is not a record."""
    from store.book import crdt
    from store.errors import BookError

    if not all(crdt.is_well_formed(c) and not _holds_twice(c) for c in copies):
        raise BookError("duplicate_unjoinable", path=path, table=table, rid=rid)
    joined = copies[0]
    for other in copies[1:]:
        joined = crdt.join_records(joined, other)
    return joined


def _holds_twice(value: Any) -> bool:
    if isinstance(value, _Twice):
        return True
    if isinstance(value, dict):
        return any(_holds_twice(v) for v in value.values())
    if isinstance(value, list):
        return any(_holds_twice(v) for v in value)
    return False


def _settle_table(name: str, table: dict[str, Any], path: Path | None,
                  found: list[Duplicate] | None) -> dict[str, Any]:
    """A table with every record id written twice joined into one record."""
    from store.errors import BookError

    out = dict(table)
    if isinstance(table, _Twice):
        for rid, copies in table.copies.items():
            out[rid] = _join_copies(name, rid, copies, path)
            if found is not None:
                found.append(Duplicate(name, rid, len(copies)))
    for rid, raw in out.items():
        if _holds_twice(raw):
            raise BookError("duplicate_key", path=path, table=name, rid=rid)
    return out


def _table_seeing_twice(text: bytes, name: str, path: Path | None,
                        found: list[Duplicate] | None) -> dict[str, Any]:
    count = [0]
    table = _json_seeing_twice(text, path, count)
    return _settle_table(name, table, path, found) if count[0] else table


def _parse_seeing_twice(blob: bytes, path: Path, found: list[Duplicate]) -> Any:
    """Parse the whole file again seeing every key, and settle what came twice: a table
    named twice is one table (its records joined), a record twice one record."""
    from store.errors import BookError

    count = [0]
    data = _json_seeing_twice(blob, path, count)
    if not count[0] or not isinstance(data, dict):
        return data
    tables: dict[str, Any] = {}
    for name, table in data.items():
        copies = data.copies.get(name, [table]) if isinstance(data, _Twice) else [table]
        if len(copies) > 1:
            if name == META_TABLE or not all(isinstance(c, dict) for c in copies):
                raise BookError("duplicate_key", path=path, table=name, rid="")
            found.append(Duplicate(name, "", len(copies)))
            merged: dict[str, list[Any]] = {}
            for copy in copies:
                for rid, raw in copy.items():
                    merged.setdefault(rid, []).extend(
                        copy.copies[rid] if isinstance(copy, _Twice) and rid in copy.copies
                        else [raw])
            table = _Twice({rid: raws[-1] for rid, raws in merged.items()})
            table.copies = {rid: raws for rid, raws in merged.items() if len(raws) > 1}
        if name == META_TABLE:
            if _holds_twice(table):
                raise BookError("duplicate_key", path=path, table=name, rid=META_ID)
            tables[name] = table
        elif isinstance(table, dict):
            tables[name] = _settle_table(name, table, path, found)
        else:
            tables[name] = table
    return tables


def new_meta(kind: str, worker: str, clock: int = 0) -> dict[str, Any]:
    """The `_meta` record of a book ('worker' or 'community'): the one place it is made
    (a new book, a merge's output, a slice, a seeded book)."""
    return {"format": FORMAT, "schema": SCHEMA_VERSION, "kind": kind, "worker": worker,
            "clock": clock}


def meta_of(data: Data) -> dict[str, Any]:
    """The `_meta` record of parsed data."""
    return data[META_TABLE][META_ID]


def join_meta(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Two copies of one book's `_meta`: keep the first's identity and the higher clock."""
    if a == b:
        return a
    out = dict(a)
    out["clock"] = max(a.get("clock", 0), b.get("clock", 0))
    return out


def join_file(mine: Data, theirs: Data, blob: bytes, path: Path) -> Data:
    """Join the book read from `blob` (`theirs`: its `parse(packed=True)`) into `mine`.
    A packed record of theirs that does not parse alone (store.book.packed) sends the join to
    the whole file's parse instead, so no such record ever reaches `mine`."""
    from store.book.packed import BadSlice

    try:
        return join_books(mine, theirs)
    except BadSlice:
        return join_books(mine, parse(blob, path))


def join_books(a: Data, b: Data) -> Data:
    """Join two copies of one book: every table record by record (see store.book.crdt), packed
    records included (store.book.packed; BadSlice when one of `b`'s does not parse: see
    `join_file`)."""
    from store.book.packed import join_tables

    out: Data = {}
    for name in a.keys() | b.keys():
        if name == META_TABLE:
            out[name] = {META_ID: join_meta(meta_of(a), meta_of(b))} if name in b and name in a \
                else (a.get(name) or b[name])
        else:
            out[name] = join_tables(a.get(name, {}), b.get(name, {}))
    return out
