"""Sabotage: a refresh waits for this process's turn (for a save to end) instead of
leaving the joining to the save.

PYTHONPATH=tests/reliability/sabotage uv run pytest -p sab_refreshwaits -n0 \
  tests/reliability/test_saves_while_reading.py
-> the refresh test fails. Never imported by the test run itself.
"""
from contextlib import contextmanager

import store.book.storage as s


@contextmanager
def turn_if_free(self):
    with self._turn:
        yield True


s.BookStorage.turn_if_free = turn_if_free
