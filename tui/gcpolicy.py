"""The garbage-collector policy of gridbook's entry points (the store never touches it).

Parsing a year-scale book makes about a million small dicts and lists at once. Each batch
of new containers wakes Python's cyclic collector, which then walks every container made
so far: on a 12 MB book that repeated walking costs more than the parsing itself (0.7 s of
0.8 s). None of them can be garbage yet, so the entry points pause the collector while a
book is loaded or joined:

- the office and quick-capture commands (`tui/cli.py`): paused for the whole command, and
  what exists at its end frozen, so neither turning it back on nor the interpreter's exit
  walks it all again (`short_command`);
- the TUI (`tui/launch.py`, `tui/app.py`): paused while the book opens, while the deferred
  checks run and while another session's writes are read in; frozen once, after the first
  screen and those checks (`freeze_once`), so a keystroke never waits for a walk over the
  year. Later refreshes are not frozen: what they replace can still be collected.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0  # how many `paused()` blocks are running, in any thread
_was_enabled = True
_frozen = False


@contextmanager
def paused() -> Iterator[None]:
    """Run the block with the cyclic collector off (reference counting still frees).

    Blocks may overlap (a write worker and a refresh): the collector comes back on when the
    last one ends, and only if it was on before the first began."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()


def freeze_once() -> None:
    """Take every object alive now out of future collections, the first time only.

    Objects freed later by reference counting are still freed; only cycles made before
    this call are never collected, which is why it happens once, after start-up."""
    global _frozen
    with _lock:
        if not _frozen:
            _frozen = True
            gc.freeze()


@contextmanager
def short_command() -> Iterator[None]:
    """Run a short command whose objects all live until it ends: paused throughout, and
    what exists at the end frozen (about 20 ms of a 150 ms check of a small book)."""
    with paused():
        try:
            yield
        finally:
            gc.freeze()
