"""Sabotage: missing parent folders made with mkdir(parents=True) (the umask decides).

PYTHONPATH=tests/reliability/sabotage uv run pytest -p sab_mkdir -n0 tests/reliability/test_privacy.py
"""
import os

import store.book.atomic as a


def old(folder):
    if not folder.exists():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True); os.chmod(folder, 0o700)
a.make_private_dir = old
import store.book.book; store.book.book.make_private_dir = old
