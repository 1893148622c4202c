"""Sabotage: the TUI leaves glibc's mmap threshold dynamic (tui/mallocpolicy.py).

PYTHONPATH=tests/reliability/sabotage uv run pytest -p sab_bigbuffers -n0 tests/reliability/test_big_buffers.py
-> the whole-book buffer comes from a heap. Never imported by the test run itself.
"""
import tui.mallocpolicy

tui.mallocpolicy.settle_big_buffers = lambda: True
