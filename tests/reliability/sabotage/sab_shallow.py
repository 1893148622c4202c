"""Sabotage: every packed record is taken as too shallow to matter to the nesting check.

PYTHONPATH=tests/reliability/sabotage uv run pytest -p sab_shallow -n0 tests/reliability/test_bad_files.py
-> the packed too-deep test fails (such a book would open writable, and its next save fail).
Never imported by the test run itself.
"""
import store.book.tables as t

t.RECORD_DEPTH = 10**9
