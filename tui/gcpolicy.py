"""The garbage-collector policy of gridbook's entry points (the store never touches it).

Parsing a year-scale book makes about a million small dicts and lists at once. Each batch
of new containers wakes Python's cyclic collector, which then walks every container made
so far: on a 12 MB book that repeated walking costs more than the parsing itself (0.7 s of
0.8 s). None of them can be garbage yet, so the entry points pause the collector while a
book is loaded or joined:

- the office and quick-capture commands (`tui/cli.py`): paused for the whole command, and
  what exists at its end frozen, so neither turning it back on nor the interpreter's exit
  walks it all again (`short_command`);
- the TUI (`tui/launch.py`, `tui/app.py`): held off from before the book opens until the
  first screen is up and the deferred checks have run (`hold_until_frozen`), then what
  exists is frozen once and the collector resumes (`freeze_once`), so neither the first
  screen nor a keystroke waits for a walk over the year; afterwards it is paused while
  another session's writes are read in. Later refreshes are not frozen: what they replace
  can still be collected.
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
_held = False  # off since start-up, until freeze_once


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


def hold_until_frozen() -> None:
    """Switch the collector off until `freeze_once` (the TUI's start-up: the year's objects
    made while the book opens would otherwise all be walked by the first collections)."""
    global _held, _was_enabled
    with _lock:
        if not _frozen and not _held and gc.isenabled():
            _held = True
            gc.disable()


def release() -> None:
    """End `hold_until_frozen` without freezing (the book could not be opened)."""
    global _held
    with _lock:
        if _held:
            _held = False
            gc.enable()


def freeze_once() -> None:
    """Take every object alive now out of future collections, the first time only, and
    end `hold_until_frozen`.

    Objects freed later by reference counting are still freed; only cycles made before
    this call are never collected, which is why it happens once, after start-up."""
    global _frozen, _held, _was_enabled
    with _lock:
        if not _frozen:
            _frozen = True
            gc.freeze()
        if _held:
            _held = False
            if _depth == 0:
                gc.enable()
            else:  # a pause is running: the collector comes back when it ends
                _was_enabled = True


@contextmanager
def short_command() -> Iterator[None]:
    """Run a short command whose objects all live until it ends: paused throughout, and
    what exists at the end frozen (about 20 ms of a 150 ms check of a small book)."""
    with paused():
        try:
            yield
        finally:
            gc.freeze()
