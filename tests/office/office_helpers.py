"""Helpers of the office tests: in-memory replicas with deterministic clocks, hypothesis profiles.

Profiles: "office-ci" (a few hundred cases, picked when the CI variable is set), the
default "office-dev" (quicker, for a developer's run), and "office-thorough" (thousands of
cases; `GRIDBOOK_HYPOTHESIS=thorough uv run pytest tests/office`, or HYPOTHESIS_PROFILE).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import orjson
from hypothesis import HealthCheck, settings

from store.book.book import Book
from store.book.clock import HybridClock
from store.book.fileformat import Data, dumps
from store.book.policy import DEFAULT_POLICY
from store.book.storage import MemoryBookStorage
from store.office.merge import MergeInput, merge

ROOT = Path(__file__).resolve().parents[2]

_COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                     HealthCheck.data_too_large])
settings.register_profile("office-dev", max_examples=60, stateful_step_count=20, **_COMMON)
settings.register_profile("office-ci", max_examples=250, stateful_step_count=30, **_COMMON)
settings.register_profile("office-thorough", max_examples=3000, stateful_step_count=40,
                          **_COMMON)


def office_settings() -> settings:
    """The profile for this run: thorough when asked, ci on CI, dev otherwise."""
    chosen = os.environ.get("GRIDBOOK_HYPOTHESIS") or os.environ.get("HYPOTHESIS_PROFILE")
    if chosen in ("dev", "ci", "thorough"):
        return settings.get_profile(f"office-{chosen}")
    return settings.get_profile("office-ci" if os.environ.get("CI") else "office-dev")


def snapshot(data: Data) -> Data:
    """A deep, JSON-normal copy: what a copy on a USB stick holds."""
    return orjson.loads(dumps(data))


def replica_book(data: Data, replica: str, wall: Callable[[], int]) -> Book:
    """A book in memory on `data`, writing as `replica` with a deterministic wall clock."""
    book = Book(Path(":memory:"), snapshot(data), readonly=False, policy=DEFAULT_POLICY,
                storage_class=MemoryBookStorage)
    book.replica = replica
    book.stamps = HybridClock(last=book.stamps.last, wall=wall)
    return book


def merged(*states: Data) -> Data:
    """The office merge of some states (pure core)."""
    return merge([MergeInput(s, f"in{i}") for i, s in enumerate(states)], now_ms=0).data


def gridbook(*args: str, cwd: Path | None = None, env_lang: str = "en") -> subprocess.CompletedProcess:
    """Run the real `gridbook` command as a subprocess."""
    env = dict(os.environ, GRIDBOOK_LANG=env_lang)
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True,
                          cwd=cwd or ROOT, env=env | {"PYTHONPATH": str(ROOT)}, timeout=120)
