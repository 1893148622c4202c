"""Sabotage: entries written while a day's index is read outside the lock are not noted
(item 13 of issue 17): the index kept misses them.

PYTHONPATH=tests/reliability/sabotage uv run pytest -p sab_meanwhile -n0 tests/reliability/test_big_day.py
"""
import store.book.tables as t

_start = t.Tables.log_day_start


def start(self, on):
    making = _start(self, on)
    self._log_making.pop(on, None)
    return making


t.Tables.log_day_start = start
