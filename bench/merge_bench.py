"""Merging ten year-scale books: `gridbook merge` against parsing and dumping with orjson.

    uv run python -m bench.merge_bench [--books 10] [--runs 3] [--folder /tmp/gridbook-merge-bench]

Builds the books once (`gridbook seed --households 60 --days 365`, one per worker) into a
folder under /tmp, then runs, as fresh processes taking turns:
  merge     `gridbook merge BOOKS... -o OUT` (the real command, summary and atomic write);
  baseline  orjson.loads of every file, one merged dict (tables joined with dict.update),
            orjson.dumps with sorted keys, written and fsynced: the least any merge costs;
            run twice, as a plain script and with the garbage collector off (as the merge
            runs), since the collector alone roughly doubles the time on millions of objects.
Each process's wall time and peak memory (ru_maxrss from wait4) are measured; the medians
and the ratios merge/baseline are printed. Not part of the test run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-11-28"

BASELINE = r"""
import os, sys, orjson
paths, out = sys.argv[1:-1], sys.argv[-1]
merged = {}
for path in paths:
    with open(path, "rb") as handle:
        data = orjson.loads(handle.read())
    for table, records in data.items():
        merged.setdefault(table, {}).update(records)
blob = orjson.dumps(merged, option=orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE)
with open(out, "wb") as handle:
    handle.write(blob)
    handle.flush()
    os.fsync(handle.fileno())
"""


def build_books(folder: Path, count: int) -> list[Path]:
    """The year-scale books, seeded once (kept between runs)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(1, count + 1):
        path = folder / f"w{index:02d}.json"
        if not path.exists():
            subprocess.run([sys.executable, "-m", "tui.cli", "seed", str(path), "--worker",
                            f"w{index:02d}", "--households", "60", "--days", "365",
                            "--seed", str(index), "--today", TODAY], check=True, cwd=ROOT,
                           stdout=subprocess.DEVNULL)
        paths.append(path)
    return paths


def run_measured(command: list[str]) -> tuple[float, float]:
    """(seconds, peak MiB) of one fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{command[:4]} failed: {process.stderr.read().decode()}")  # type: ignore[union-attr]
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.merge_bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--books", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--folder", type=Path, default=Path("/tmp/gridbook-merge-bench"))
    args = parser.parse_args(argv)
    books = build_books(args.folder, args.books)
    size = sum(p.stat().st_size for p in books) / 2**20
    out_merge = args.folder / "out" / "community.json"
    out_base = args.folder / "out" / "baseline.json"
    out_merge.parent.mkdir(exist_ok=True)
    merge_cmd = [sys.executable, "-m", "tui.cli", "merge", *map(str, books), "-o", str(out_merge)]
    base_cmd = [sys.executable, "-c", BASELINE, *map(str, books), str(out_base)]
    quiet_cmd = [sys.executable, "-c", "import gc; gc.disable()\n" + BASELINE, *map(str, books),
                 str(out_base)]
    merges, bases, quiets = [], [], []
    for _ in range(args.runs):
        out_merge.unlink(missing_ok=True)  # each run merges into a fresh OUT
        merges.append(run_measured(merge_cmd))
        bases.append(run_measured(base_cmd))
        quiets.append(run_measured(quiet_cmd))
    m_time = statistics.median(t for t, _ in merges)
    b_time = statistics.median(t for t, _ in bases)
    m_mem = statistics.median(m for _, m in merges)
    b_mem = statistics.median(m for _, m in bases)
    q_time = statistics.median(t for t, _ in quiets)
    q_mem = statistics.median(m for _, m in quiets)
    # and again into the OUT the last run left: a re-merge of books it already holds
    again = [run_measured(merge_cmd) for _ in range(args.runs)]
    a_time = statistics.median(t for t, _ in again)
    a_mem = statistics.median(m for _, m in again)
    print(f"{len(books)} year-scale books, {size:.1f} MiB in all; {args.runs} runs each, median")
    print(f"{'':28}{'seconds':>10}{'peak MiB':>11}")
    print(f"{'orjson parse+join+dump':28}{b_time:10.2f}{b_mem:11.0f}")
    print(f"{'  the same, gc off':28}{q_time:10.2f}{q_mem:11.0f}")
    print(f"{'gridbook merge (new OUT)':28}{m_time:10.2f}{m_mem:11.0f}")
    print(f"{'gridbook merge (OUT held)':28}{a_time:10.2f}{a_mem:11.0f}")
    print(f"ratio time   merge/orjson: {m_time / b_time:.2f}x  (re-merge {a_time / b_time:.2f}x)")
    print(f"ratio memory merge/orjson: {m_mem / b_mem:.2f}x  (re-merge {a_mem / b_mem:.2f}x)")
    print(f"ratio time   merge/orjson gc off: {m_time / q_time:.2f}x  (re-merge {a_time / q_time:.2f}x)")
    print(f"ratio memory merge/orjson gc off: {m_mem / q_mem:.2f}x  (re-merge {a_mem / q_mem:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
