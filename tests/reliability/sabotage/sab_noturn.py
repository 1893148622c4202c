"""Sabotage: writers take no turn (neither this process's nor the sidecar lock), so a
second write goes ahead while the first save is still writing the file.

PYTHONPATH=tests/reliability/sabotage uv run pytest -p sab_noturn -n0 \
  tests/reliability/test_saves_while_reading.py
-> the ordering test fails. Never imported by the test run itself.
"""
from contextlib import contextmanager

import store.book.storage as s


class _NoLock:
    def acquire(self, blocking=True, timeout=-1):
        return self

    def release(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


@contextmanager
def _nothing(self):
    yield


_init = s.BookStorage.__init__


def init(self, *args, **kwargs):
    _init(self, *args, **kwargs)
    self._turn = _NoLock()
    self._file_lock = _NoLock()


s.BookStorage.__init__ = init
s.BookStorage._sidecar_lock = _nothing
