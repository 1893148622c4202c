"""Merge: `gridbook merge` of ten year-scale books against orjson parse + join + dump + fsync.

The measuring itself is the office's own benchmark (`bench.merge_bench`: the baseline
script and `run_measured`, wall time and peak RSS of a fresh process); this module runs it
interleaved, as every figure of the suite is, on books cached in bench/out/merge.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from bench.books import OUT, BookSpec, seeded
from bench.timing import Pair


def books_for(spec: BookSpec, count: int) -> list[Path]:
    """`count` books of one size, one per worker (w01..), seeded once and cached."""
    return [seeded(spec, worker=f"w{index:02d}") for index in range(1, count + 1)]


def measure(books: list[Path], runs: int) -> tuple[Pair, Pair]:
    """(seconds, peak bytes) medians of merge against the baseline, alternating, one warm-up.

    The runs are made from a fresh small process: a child's peak RSS (ru_maxrss) starts
    from its parent's high-water mark at fork, and this suite's own process has held big
    books by now, which would hide the smaller of the two peaks.
    """
    done = subprocess.run([sys.executable, "-m", "bench.merge", str(runs), *map(str, books)],
                          capture_output=True, text=True, timeout=3600)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    seconds, peak = json.loads(done.stdout.strip().splitlines()[-1])
    return Pair(*seconds, runs), Pair(*peak, runs)


def _measure_here(books: list[Path], runs: int) -> tuple[Pair, Pair]:
    from bench.merge_bench import BASELINE, run_measured

    folder = OUT / "merge"
    folder.mkdir(exist_ok=True)
    out_merge, out_base = folder / "community.json", folder / "baseline.json"
    merge_cmd = [sys.executable, "-m", "tui.cli", "merge", *map(str, books), "-o", str(out_merge)]
    base_cmd = [sys.executable, "-c", BASELINE, *map(str, books), str(out_base)]

    def merge() -> tuple[float, float]:
        out_merge.unlink(missing_ok=True)  # each run merges into a fresh OUT
        return run_measured(merge_cmd)

    # run_measured starts its processes with this environment: run them as installed
    saved = os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    try:
        return _alternate(merge, lambda: run_measured(base_cmd), runs, (out_merge, out_base))
    finally:
        if saved is not None:
            os.environ["PYTHONDONTWRITEBYTECODE"] = saved


def _alternate(merge, baseline, runs: int, outputs: tuple[Path, ...]) -> tuple[Pair, Pair]:  # type: ignore[no-untyped-def]
    merges: list[tuple[float, float]] = []
    bases: list[tuple[float, float]] = []
    merge(), baseline()
    for index in range(runs):
        steps = [(merge, merges), (baseline, bases)]
        for step, into in (steps if index % 2 == 0 else steps[::-1]):
            into.append(step())
    for leftover in outputs:
        leftover.unlink(missing_ok=True)
    seconds = Pair(statistics.median(t for t, _ in merges), statistics.median(t for t, _ in bases),
                   runs)
    peak = Pair(statistics.median(m for _, m in merges) * 2**20,
                statistics.median(m for _, m in bases) * 2**20, runs)
    return seconds, peak


if __name__ == "__main__":
    count, paths = int(sys.argv[1]), [Path(p) for p in sys.argv[2:]]
    seconds, peak = _measure_here(paths, count)
    print(json.dumps([[seconds.subject, seconds.baseline], [peak.subject, peak.baseline]]))
