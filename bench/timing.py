"""Interleaved runs and their medians: how every figure of the suite is measured.

Running the subject and its baseline alternately (and in alternating order) spreads the
machine's noise, warm-up and drift evenly over both, so their ratio is steadier than
either time on its own.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Pair:
    """The medians of a subject and its baseline, in seconds (or bytes for memory)."""

    subject: float
    baseline: float
    runs: int

    @property
    def ratio(self) -> float:
        return self.subject / self.baseline if self.baseline else float("inf")


def timed(action: Callable[[], object]) -> float:
    """Seconds one call of `action` takes."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def interleave(subject: Callable[[], float], baseline: Callable[[], float], runs: int,
               warmup: int = 1) -> Pair:
    """Call each measurement `runs` times, alternating which goes first; medians of both.

    Each callable returns its own measurement (seconds, or bytes of memory), so a run
    can leave out its own set-up.
    """
    for _ in range(warmup):
        subject()
        baseline()
    subjects: list[float] = []
    baselines: list[float] = []
    for index in range(runs):
        if index % 2:
            baselines.append(baseline())
            subjects.append(subject())
        else:
            subjects.append(subject())
            baselines.append(baseline())
    return Pair(statistics.median(subjects), statistics.median(baselines), runs)
