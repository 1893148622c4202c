"""Time for the store: one `Clock` passed in, and a hybrid logical clock on top of it.

Every reading of the time in the store goes through the `Clock` a book was opened with
(`Book.open(..., clock=...)`, the system clock by default at the entry points): the local day
and time an action writes (`now`, `today`, in the worker's zone) and the wall clock the
hybrid clock's stamps follow (`wall_ms`). Tests pass a `FixedClock` instead of patching.

A stamp is an int, wall-clock milliseconds times 1000 plus a counter, so it sorts like
time, fits in JSON, and still increases when the laptop's clock is set back or two edits
fall in the same millisecond. Seeing a stamp from another book moves this clock past it,
unless the stamp is more than a day ahead of this computer's clock (see `HybridClock`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from datetime import time as dt_time
from typing import Protocol

TICKS_PER_MS = 1000
DAY_MS = 86_400_000
# No real clock gives a stamp after 2100-01-01 (UTC) or before the epoch. A stamp outside
# that (a damaged or hostile file: 2**64-1 overflows every later save, 9e18 is a year no
# date can hold) is set aside where a file enters and never moves a book's clock. A fixed
# bound, so a merge gives the same bytes whenever it runs.
MAX_STAMP_MS = 4_102_444_800_000
MAX_STAMP = MAX_STAMP_MS * TICKS_PER_MS + TICKS_PER_MS - 1
# A stamp inside that bound but more than AHEAD_MS past this computer's clock (a laptop
# that ran fast, or a file stamped 2099 on purpose) is kept with its record, so nothing
# written is lost and merges stay the same whenever they run, but a book's clock never
# follows it: the book's later edits keep this computer's time instead of losing every
# concurrent conflict to that far stamp for ever (see `HybridClock`).
AHEAD_MS = DAY_MS


def sane_stamp(stamp: object) -> bool:
    """Whether `stamp` is a stamp a real clock could have given (an int in the bound)."""
    return type(stamp) is int and 0 <= stamp <= MAX_STAMP


def sane_clock(value: object) -> int:
    """A book's stored clock as the book may adopt it: 0 when it is absurd or not an int."""
    return value if sane_stamp(value) else 0  # type: ignore[return-value]


def wall_ms() -> int:
    """The computer's clock in milliseconds since the epoch."""
    return time.time_ns() // 1_000_000


class Clock(Protocol):
    """Where the store reads the time: one object, passed in at the entry points."""

    def now(self) -> datetime:
        """The local date and time in the worker's zone (naive, whole seconds)."""
        ...

    def today(self) -> date:
        """The local day in the worker's zone (`now().date()`)."""
        ...

    def wall_ms(self) -> int:
        """Milliseconds since the epoch (what the hybrid clock's stamps follow)."""
        ...


class SystemClock:
    """The computer's clock in the machine's time zone: the default of every entry point."""

    def now(self) -> datetime:
        return datetime.now().replace(microsecond=0)

    def today(self) -> date:
        return date.today()

    def wall_ms(self) -> int:
        return wall_ms()


class FixedClock:
    """A clock that shows what it is set to (tests, snapshots, a report's day).

    `at` is the instant: an aware datetime is read in its own zone (the worker's zone),
    a naive one is a local time of this machine. It moves only when told (`set`, `advance`).
    """

    def __init__(self, at: datetime) -> None:
        self.at = at

    @classmethod
    def on(cls, day: date, at: dt_time = dt_time(10, 0)) -> FixedClock:
        """A clock showing `day` at `at` (10:00 unless said), local time of this machine."""
        return cls(datetime.combine(day, at))

    def set(self, at: datetime) -> None:
        self.at = at

    def advance(self, by: timedelta) -> None:
        self.at += by

    def now(self) -> datetime:
        return self.at.replace(tzinfo=None, microsecond=0)

    def today(self) -> date:
        return self.now().date()

    def wall_ms(self) -> int:
        return int(self.at.timestamp() * 1000)


class OffsetClock:
    """The computer's clock set `offset` away from the true time (a laptop whose clock is
    days behind or ahead): both the local time and the stamps follow it."""

    def __init__(self, offset: timedelta) -> None:
        self.offset = offset

    def now(self) -> datetime:
        return (datetime.now() + self.offset).replace(microsecond=0)

    def today(self) -> date:
        return self.now().date()

    def wall_ms(self) -> int:
        return wall_ms() + int(self.offset.total_seconds() * 1000)


SYSTEM_CLOCK = SystemClock()


class HybridClock:
    """Hands out increasing stamps; `observe` keeps it ahead of every stamp it has seen,
    except one more than a day ahead of the wall clock, which it only notes (`ahead`).

    Why not follow a far stamp: once followed, every stamp this book gives is as far
    ahead, every book that merges it follows too, and a concurrent edit made on a right
    clock loses to each of them until the real time catches up (for a file stamped 2099,
    never). Not following it loses nothing: a write replaces the values it has seen
    whatever their stamps (a merge keeps or drops a value by the version vectors, not by
    how stamps compare), and a concurrent value is still kept as a conflict.
    """

    def __init__(self, last: int = 0, wall: Callable[[], int] = wall_ms) -> None:
        self._wall = wall
        self.last = 0
        self.ahead = 0  # the newest stamp seen too far ahead to follow (0: none)
        self.observe(last)

    def now(self) -> int:
        """A fresh stamp above every stamp this clock has given or followed."""
        self.last = max(self._wall() * TICKS_PER_MS, self.last + 1)
        return self.last

    def observe(self, stamp: int) -> None:
        """Remember a stamp seen elsewhere so later stamps sort after it; an absurd one
        (see MAX_STAMP) is never adopted, and one more than AHEAD_MS past the wall clock
        is only noted in `ahead`."""
        if not sane_stamp(stamp) or stamp <= self.last:
            return
        if stamp_ms(stamp) - self._wall() > AHEAD_MS:
            self.ahead = max(self.ahead, stamp)
            return
        self.last = stamp

    def days_behind(self) -> int:
        """How many whole days the wall clock is behind the newest stamp seen, followed or
        not (0 if not)."""
        lag_ms = max(self.last, self.ahead) // TICKS_PER_MS - self._wall()
        return max(0, lag_ms // DAY_MS)


def stamp_ms(stamp: int) -> int:
    """The wall-clock milliseconds part of a stamp."""
    return stamp // TICKS_PER_MS


def day_of(stamp: int) -> date:
    """The local calendar day of a stamp (when a write happened on the writer's clock)."""
    return datetime.fromtimestamp(stamp_ms(stamp) / 1000).date()


def stamp_datetime(stamp: int) -> datetime:
    """A stamp as a local-time datetime, for showing when a value was written."""
    return datetime.fromtimestamp(stamp_ms(stamp) / 1000, tz=UTC).astimezone()
