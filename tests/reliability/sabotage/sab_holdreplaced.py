"""Sabotage: a save never lets go of the file it replaced (its space is never given back
while the app runs).

PYTHONPATH=tests/reliability/sabotage uv run pytest -p sab_holdreplaced -n0 \
  tests/reliability/test_saves_while_reading.py
-> the let-go test fails. Never imported by the test run itself.
"""
import store.book.atomic as a

a._let_go = lambda fd: None
