"""Sabotage: a book's clock follows every stamp below 2100, however far ahead (item 1 of
issue 17, as it was): a file stamped 2099 moves the clock of every book that sees it.

PYTHONPATH=tests/reliability/sabotage uv run pytest -p sab_follow -n0 tests/reliability/test_stamps_ahead.py
"""
import store.book.clock as c


def observe(self, stamp):
    if c.sane_stamp(stamp) and stamp > self.last:
        self.last = stamp


c.HybridClock.observe = observe
