"""Sabotage: the join keeps every value (a union), so stale copies bring purged data back.

PYTHONPATH=tests/reliability/sabotage uv run pytest -p sab_union -n0 tests/reliability/test_privacy.py
-> the purge tests fail. Never imported by the test run itself.
"""
import store.book.crdt as c


def union(mine, theirs, my_vv, their_vv):
    keys = {c._key(e) for e in mine}
    out = list(mine) + [e for e in theirs if c._key(e) not in keys]
    out.sort(key=c._key)
    return out
c._join_field = union
