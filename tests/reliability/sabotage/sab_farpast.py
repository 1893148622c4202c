"""Sabotage: a write keeps in `past` every value it replaces, even one stamped after it
(a far stamp then hides the write from the history of every later day).

PYTHONPATH=tests/reliability/sabotage uv run pytest -p sab_farpast -n0 tests/reliability/test_stamps_ahead.py
"""
import store.book.crdt as c

c.stamped_before = lambda entry, stamp: True
