"""Sabotage: a key's marker passes the widgets and the app once (as before the fix), so
`Enter y` hands the y on before the pick the Enter made has opened its question.

PYTHONPATH=tests/reliability/sabotage uv run pytest -p sab_oneround -n0 tests/reliability/test_key_bursts.py
"""
from tui.serial_keys import SerialKeys

_walk = SerialKeys._walk


def walk_once(self, chain, turn):
    if chain.count(self) == 2:  # the first step of a key's walk: cut the second round
        chain = chain[:chain.index(self) + 1]
    return _walk(self, chain, turn)


SerialKeys._walk = walk_once
