"""A save serializes only the records that changed, and still writes the canonical bytes.

`fileformat.TableCache` keeps each table's records' bytes from the last save and reuses
those of records that are the very same objects (the store never changes one in place).
Whatever sequence of edits, joins, new and emptied tables comes, its pieces joined must be
byte for byte `dumps(data)`, the plain serialization of the whole book; segments are made
tiny here so that every boundary (a segment filling, emptying, the last one moving) is met.
"""

from __future__ import annotations

import random
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.book import fileformat
from store.book.fileformat import TableCache, dumps
from store.book.packed import Packed

TABLES = ("log", "checklist", "errands", "_meta")


def _record(rng: random.Random, n: int) -> dict[str, Any]:
    text = rng.choice(["巡查", "a\"b", "x", "门口消杀 \\ ok", ""]) * rng.randint(0, 3)
    return {"fields": {"text": [[text, n, "r", "w01"]], "n": [[n, n, "r", "w01"]]},
            "vv": {"r": n}, "when": "2026-12-02"}


def _packed(record: dict[str, Any]) -> Packed:
    return Packed(orjson.dumps(record, option=orjson.OPT_SORT_KEYS))


def _step(rng: random.Random, data: dict[str, Any], n: int) -> dict[str, Any]:
    """One change as the store makes it: a new dict for the book and the changed table."""
    data = dict(data)
    name = rng.choice(TABLES)
    table = dict(data.get(name, {}))
    what = rng.random()
    if what < 0.05:
        data.pop(name, None)
        return data
    if what < 0.1:
        data[name] = {}
        return data
    for _ in range(rng.choice([1, 1, 1, 2, 5, 40])):
        kind = rng.random()
        rid = rng.choice(["", "0", "a", "b", "m", "z", "zz", "é", "中", "\u2028", "id\"q"]) \
            + str(rng.randint(0, 60))
        if kind < 0.3 and table:
            table.pop(rng.choice(sorted(table)))
        elif kind < 0.5 and table:  # the same record as a new object
            old = rng.choice(sorted(table))
            value = table[old]
            table[old] = Packed(value.blob) if type(value) is Packed else dict(value)
        else:
            record = _record(rng, n)
            table[rid] = _packed(record) if rng.random() < 0.5 else record
    data[name] = table
    return data


@settings(max_examples=60, deadline=None, derandomize=True)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1), segment=st.sampled_from([1, 2, 3, 7]))
def test_the_cache_writes_what_the_whole_dump_writes(seed: int, segment: int) -> None:
    rng = random.Random(seed)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fileformat, "_SEGMENT", segment)
        patch.setattr(fileformat, "_MANY_CHANGES", rng.choice([0, 3, 64]))
        cache = TableCache()
        data: dict[str, Any] = {}
        for n in range(40):
            data = _step(rng, data, n)
            assert b"".join(cache.chunks(data)) == dumps(data), n


def test_a_record_changed_in_its_table_is_written_again() -> None:
    """Only records that are new objects are serialized again: a new record in place of
    an old one (what every write does) is in the next save, and so is a record moved
    from one table to another."""
    cache = TableCache()
    first = {"_meta": {"book": {"format": "gridbook"}},
             "log": {f"e{i:03}": _record(random.Random(i), i) for i in range(700)}}
    cache.chunks(first)
    log = dict(first["log"])
    log["e350"] = _record(random.Random(9), 999)
    second = first | {"log": log}
    assert b"".join(cache.chunks(second)) == dumps(second)
    assert b"999" in b"".join(cache.chunks(second))
