"""The seeded books the benchmarks run on, built once with `gridbook seed` and cached.

Books live in bench/out/ (git-ignored) under names that say how they were made, so a
cached book is reused only when it was made the same way. Every run works on a fresh copy,
never on the cached book itself.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
TODAY = date.today().isoformat()  # books end today, so the Today screen has today's work


@dataclass(frozen=True)
class BookSpec:
    """How to seed one book: households and days of data up to TODAY."""

    households: int
    days: int
    worker: str = "w01"

    @property
    def label(self) -> str:
        """How the table names this book."""
        if (self.households, self.days) == (YEAR.households, YEAR.days):
            return "year book"
        return f"{self.households} households, {self.days} days"

    @property
    def name(self) -> str:
        return f"{self.worker}-h{self.households}-d{self.days}-{TODAY}.json"


YEAR = BookSpec(60, 365)
SMALL = BookSpec(10, 30)  # about 1,300 records (places and rounds since issue 15; was 500)
TINY = BookSpec(6, 12)  # about 140 records, some items due today: the --quick run
MONTHS = {1: BookSpec(60, 30), 3: BookSpec(60, 91), 6: BookSpec(60, 182), 12: YEAR}


def gridbook_command() -> list[str]:
    """How to start `gridbook` the way a user does: the installed script when there is one."""
    script = Path(sys.executable).with_name("gridbook")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "tui.cli"]


def seeded(spec: BookSpec, worker: str | None = None) -> Path:
    """The cached book for `spec` (made now if missing)."""
    if worker is not None:
        spec = BookSpec(spec.households, spec.days, worker)
    OUT.mkdir(exist_ok=True)
    path = OUT / spec.name
    if not path.exists():
        partial = OUT / f".{spec.name}.{os.getpid()}.making"
        partial.unlink(missing_ok=True)
        subprocess.run([*gridbook_command(), "seed", str(partial), "--worker", spec.worker,
                        "--households", str(spec.households), "--days", str(spec.days),
                        "--today", TODAY], check=True, stdout=subprocess.DEVNULL)
        os.replace(partial, path)
    return path


def work_copy(spec: BookSpec, label: str) -> Path:
    """A fresh private copy of the cached book, for one benchmark to change."""
    folder = OUT / "work"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = folder / f"{label}-{os.getpid()}-{spec.name}"
    for leftover in (target, target.with_name(target.name + ".lock")):
        if leftover.exists():
            leftover.unlink()
    shutil.copyfile(seeded(spec), target)
    os.chmod(target, 0o600)
    return target


def remove_work_copies() -> None:
    """Delete the copies this process made (and their lock files)."""
    folder = OUT / "work"
    if folder.exists():
        for leftover in folder.glob(f"*-{os.getpid()}-*"):
            leftover.unlink(missing_ok=True)
