"""A hybrid logical clock: stamps that follow the wall clock but never go backwards.

A stamp is an int, wall-clock milliseconds times 1000 plus a counter, so it sorts like
time, fits in JSON, and still increases when the laptop's clock is set back or two edits
fall in the same millisecond. Seeing a stamp from another book moves this clock past it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, date, datetime

TICKS_PER_MS = 1000
DAY_MS = 86_400_000
# No real clock gives a stamp after 2100-01-01 (UTC) or before the epoch. A stamp outside
# that (a damaged or hostile file: 2**64-1 overflows every later save, 9e18 is a year no
# date can hold) is set aside where a file enters and never moves a book's clock. A fixed
# bound, not "ahead of this machine", so a merge gives the same bytes whenever it runs;
# a laptop days or years fast stays inside it and keeps its edits (reported as far off).
MAX_STAMP_MS = 4_102_444_800_000
MAX_STAMP = MAX_STAMP_MS * TICKS_PER_MS + TICKS_PER_MS - 1


def sane_stamp(stamp: object) -> bool:
    """Whether `stamp` is a stamp a real clock could have given (an int in the bound)."""
    return type(stamp) is int and 0 <= stamp <= MAX_STAMP


def sane_clock(value: object) -> int:
    """A book's stored clock as the book may adopt it: 0 when it is absurd or not an int."""
    return value if sane_stamp(value) else 0  # type: ignore[return-value]


def wall_ms() -> int:
    """The computer's clock in milliseconds since the epoch."""
    return time.time_ns() // 1_000_000


class HybridClock:
    """Hands out increasing stamps; `observe` keeps it ahead of every stamp it has seen."""

    def __init__(self, last: int = 0, wall: Callable[[], int] = wall_ms) -> None:
        self.last = sane_clock(last)
        self._wall = wall

    def now(self) -> int:
        """A fresh stamp above every stamp this clock has given or seen."""
        self.last = max(self._wall() * TICKS_PER_MS, self.last + 1)
        return self.last

    def observe(self, stamp: int) -> None:
        """Remember a stamp seen elsewhere so later stamps sort after it (an absurd one is
        never adopted: see MAX_STAMP)."""
        if sane_stamp(stamp) and stamp > self.last:
            self.last = stamp

    def days_behind(self) -> int:
        """How many whole days the wall clock is behind the newest stamp seen (0 if not)."""
        lag_ms = self.last // TICKS_PER_MS - self._wall()
        return max(0, lag_ms // DAY_MS)


def local_now() -> datetime:
    """The worker's local time: this computer's clock in its own time zone. Each write
    records its day from it (DESIGN.md "Truth over time"), never from a stamp."""
    return datetime.now()


def stamp_ms(stamp: int) -> int:
    """The wall-clock milliseconds part of a stamp."""
    return stamp // TICKS_PER_MS


def day_of(stamp: int) -> date:
    """The local calendar day of a stamp (when a write happened on the writer's clock)."""
    return datetime.fromtimestamp(stamp_ms(stamp) / 1000).date()


def stamp_datetime(stamp: int) -> datetime:
    """A stamp as a local-time datetime, for showing when a value was written."""
    return datetime.fromtimestamp(stamp_ms(stamp) / 1000, tz=UTC).astimezone()
