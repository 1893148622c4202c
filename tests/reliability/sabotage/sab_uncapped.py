"""Sabotage: every candidate of a conflict is listed (item 13 of issue 17).

PYTHONPATH=tests/reliability/sabotage uv run pytest -p sab_uncapped -n0 tests/reliability/test_sizes.py
-> the ten-thousand-values test fails. Never imported by the test run itself.
"""
import store.office.conflict_text as c

c.listed = lambda candidates, limit=5: (list(candidates), 0)
