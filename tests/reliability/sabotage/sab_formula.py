"""Sabotage: exports write text as it came, so formulas run and control characters break
the XLSX.

PYTHONPATH=tests/reliability/sabotage uv run pytest -p sab_formula -n0 tests/reliability/test_spreadsheet_text.py
-> both tests fail. Never imported by the test run itself.
"""
import store.office.report_export as e


def raw(key, text):
    return text


def unchanged(text):
    return text


e.csv_text = raw
e.visible = unchanged
