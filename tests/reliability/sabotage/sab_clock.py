"""Sabotage: stamps are plain wall-clock time (no hybrid clock), so a set-back clock loses.

PYTHONPATH=tests/reliability/sabotage uv run pytest -p sab_clock -n0 tests/reliability/test_clocks.py
"""
import store.book.clock as c


def now(self):
    self.last = self._wall() * c.TICKS_PER_MS
    return self.last
c.HybridClock.now = now
