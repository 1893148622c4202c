"""Sabotage: a key twice in a file is settled as JSON parsers do (the last copy wins,
silently), and a book naming another worker opens without a word (item 5, issue 17).

PYTHONPATH=tests/reliability/sabotage uv run pytest -p sab_twice -n0 tests/reliability/test_duplicate_ids.py
-> every test there fails. Never imported by the test run itself.
"""
import orjson

import store.book.book
import store.book.fileformat as f

f._may_hold_twice = lambda blob, data: False
f._table_seeing_twice = lambda text, name, path, found: orjson.loads(text)
store.book.book.Book.worker_mismatch = lambda self: None
