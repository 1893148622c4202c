"""Sabotage: the worker is never told the clock is behind.

PYTHONPATH=tests/reliability/sabotage uv run pytest -p sab_nowarn -n0 tests/reliability/test_clocks.py
"""
import store.book.clock as c

c.HybridClock.days_behind = lambda self: 0
