"""Sabotage: a save holds the lock the screens read under for the whole save (as before
the save was moved out of it), so a reader waits while the file is written.

PYTHONPATH=tests/reliability/sabotage uv run pytest -p sab_lockedsave -n0 \
  tests/reliability/test_saves_while_reading.py
-> the reader test fails. Never imported by the test run itself.
"""
from contextlib import nullcontext

import store.book.storage as s

_save = s.BookStorage.save


def save(self, readers=None):
    with readers or nullcontext():
        return _save(self, None)


s.BookStorage.save = save
