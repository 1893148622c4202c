"""Sabotage: the Log lists the whole day on one page (item 13 of issue 17).

PYTHONPATH=tests/reliability/sabotage uv run pytest -p sab_wholeday -n0 tests/reliability/test_big_day.py
-> the 200,000-entry test fails. Never imported by the test run itself.
"""
import screens.log

screens.log.PAGE = 10**9
