"""Office commands: `gridbook check` and `report` started on a small book, as subprocesses.

What an office clerk waits for is the whole process, from start to exit, so both the
command and the baseline (`python -c pass`, the least any Python program costs) run as
fresh processes with the same interpreter (see `bench.processes`).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.books import gridbook_command
from bench.processes import installed_env
from bench.timing import Pair, interleave, timed


def _run(command: list[str]) -> float:
    def go() -> None:
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              env=installed_env())
        if done.returncode != 0:
            raise RuntimeError(f"{command} failed: {done.stderr.decode(errors='replace')}")
    return timed(go)


def measure(name: str, book: Path, runs: int, extra: tuple[str, ...] = ()) -> Pair:
    """Median seconds of `gridbook NAME BOOK` against `python -c pass`."""
    command = [*gridbook_command(), name, str(book), *extra]
    return interleave(lambda: _run(command), lambda: _run([sys.executable, "-c", "pass"]), runs)
