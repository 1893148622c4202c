"""The bytes of a book on disk: parsing with plain-sentence errors, canonical dumping.

A book is a TinyDB JSON document `{table: {record_id: record}}` with a `_meta` table. It is
UTF-8 with Chinese kept as Chinese, keys sorted and no insignificant whitespace, so equal
books are equal bytes (the office merge relies on that).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

FORMAT = "gridbook"
SCHEMA_VERSION = 2  # 2: records keep the day of each value (store.crdt: when, past)
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
    from store.packed import encodable

    if isinstance(data, dict):  # packed records are written as they were read
        data = {name: encodable(table) if isinstance(table, dict) else table
                for name, table in data.items()}
    try:
        return orjson.dumps(data, option=orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE)
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
        from store.packed import encodable

        kept: dict[str, tuple[dict[str, Any], orjson.Fragment]] = {}
        try:
            for name, table in data.items():
                hit = self._tables.get(name)
                if hit is None or hit[0] is not table:
                    blob = orjson.dumps(encodable(table), option=orjson.OPT_SORT_KEYS)
                    hit = (table, orjson.Fragment(blob))
                kept[name] = hit
        except orjson.JSONEncodeError as error:
            raise _unwritable(error) from None
        self._tables = kept
        return orjson.dumps({name: hit[1] for name, hit in kept.items()},
                            option=orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE)


def parse(blob: bytes, path: Path, *, packed: bool = False) -> Data:
    """Parse a book's bytes, raising BookError with the plain reason when they are not one.

    `packed=True` (the book opening, see `store.packed`): a canonical file's records come
    as their unparsed slices, which the caller must each parse once; BadSlice from that
    means: parse again without `packed`, for the right sentence or the right records.
    """
    from store.errors import BookError

    if not blob.strip():
        raise BookError("empty", path=path)
    if blob.startswith(b"\xef\xbb\xbf"):
        raise BookError("bom", path=path)
    try:
        data = _loads_by_table(blob, packed)
        if data is None:
            data = orjson.loads(blob)
        elif len(blob) >= TRIM_AFTER_BYTES:
            from store.memtrim import give_back

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
            return parse(blob, path)
        raise
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


def _loads_by_table(blob: bytes, packed: bool = False) -> dict[str, Any] | None:
    """Parse a book written in the canonical layout one table at a time, or None.

    orjson builds its own copy of a whole document before making Python objects: on a
    year's book that is 30 MB more at the peak than the result. A canonical book is
    `{"name":{...},"name":{...}}` plus a newline; when the known tables' `,"name":{`
    markers split the bytes into pieces that each parse alone as one JSON object and
    together are the whole file exactly, the result is by the grammar the same as
    parsing the whole, with a peak of one table. Anything else (unknown tables, a marker
    found inside a value, other whitespace, broken JSON) gives None and the caller
    parses the whole file, with its errors. With `packed`, each record table is cut
    into its records' slices instead when it can be (`store.packed.split_records`).
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
            from store.packed import split_records

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
        out[name] = table
    return out


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


def join_books(a: Data, b: Data) -> Data:
    """Join two copies of one book: every table record by record (see store.crdt), packed
    records included (store.packed; BadSlice when one of `b`'s does not parse)."""
    from store.packed import join_tables

    out: Data = {}
    for name in a.keys() | b.keys():
        if name == META_TABLE:
            out[name] = {META_ID: join_meta(meta_of(a), meta_of(b))} if name in b and name in a \
                else (a.get(name) or b[name])
        else:
            out[name] = join_tables(a.get(name, {}), b.get(name, {}))
    return out
