"""Sabotage: free text is shown as typed, and `--full` leaves no record (item 6, issue 17).

PYTHONPATH=tests/reliability/sabotage uv run pytest -p sab_nomask -n0 tests/reliability/test_masking.py
-> the masking and audit tests fail. Never imported by the test run itself.
"""
import store.office.privacy as p

p.mask_text = lambda text: text
p.record_full_use = lambda output, file: None
