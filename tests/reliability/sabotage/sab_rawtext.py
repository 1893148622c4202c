"""Sabotage: text from a person or a file reaches the terminal as it is (item 7, issue 17).

PYTHONPATH=tests/reliability/sabotage uv run pytest -p sab_rawtext -n0 tests/reliability/test_screen_controls.py
-> every test there fails. Never imported by the test run itself.
"""
import store.visible

store.visible.visible = lambda text, one_line=False: text
