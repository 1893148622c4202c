"""Sabotage: the Log makes a day's index on the UI thread, as before (item 13 of issue 17):
the first look at a huge day shows nothing and takes no key until it is made.

PYTHONPATH=tests/reliability/sabotage uv run pytest -p sab_uithread -n0 tests/reliability/test_big_day.py
"""
from store.book.book import Book

Book.log_index_if_made = lambda self, on, small=0: self.log_index_on(on)
