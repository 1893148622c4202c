"""Pausing Python's cyclic garbage collector while a book's data is built or joined.

Parsing a year-scale book makes about a million small dicts and lists at once. Each batch
of new containers wakes the collector, which then walks every container made so far: on a
12 MB book that repeated walking costs more than the parsing itself (0.7 s of 0.8 s here).
None of these containers can be garbage yet, so the collector is paused while they are
made and resumes afterwards. `settle()` is for an app that keeps one big book open for
hours: it moves what exists now out of the collector's view for good (`gc.freeze`), so
later collections walk only what is new and a keystroke never waits for a walk over the
whole year.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Run the block with the cyclic collector off (reference counting still frees)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def settle() -> None:
    """Take every object alive now out of future collections (for a long-running app).

    Objects that are freed later by reference counting are still freed; only cycles made
    before this call are never collected, so call it once, after start-up.
    """
    gc.freeze()


@contextmanager
def short_command() -> Iterator[None]:
    """Run a short command (`gridbook check`, `report`) whose objects all live until it ends.

    The collector would only walk pydantic's, the models' and the book's objects in vain:
    it is paused throughout, and what exists at the end is frozen, so that neither turning
    it back on nor the interpreter's exit walks it all again (about 20 ms of a 150 ms check
    of a small book).
    """
    with paused():
        try:
            yield
        finally:
            settle()
