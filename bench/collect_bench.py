"""The encrypted stick for 20 workers: `gridbook sync` and `gridbook collect` against
`gridbook merge` of the same books in clear.

    uv run python -m bench.collect_bench [--workers 20] [--households 30] [--days 60]
                                         [--runs 3] [--folder /tmp/gridbook-collect-bench]

Seeds one book per worker (`gridbook seed`), makes the office's key, has every worker
sync once into a stick folder (hands in its key), then times, as fresh processes:
  collect   `gridbook collect STICK -o COMMUNITY --key KEY` into a fresh community file
            (decrypt 20 books, merge, write, write 20 encrypted slices);
  again     the same collect once more (nothing new; the slices written again);
  merge     `gridbook merge` of the 20 books in clear into a fresh file (the baseline:
            what collect costs beyond it is decryption, slicing and encryption);
  sync      one worker's `gridbook sync STICK` (take in the slice, hand in the book).
Prints the medians. Not part of the test run.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-11-28"


CPU: dict[str, list[float]] = {}


def gridbook(*argv: str, name: str = "") -> float:
    """Run one gridbook command in a fresh process; its wall time in seconds (its CPU
    time, user + system, goes to CPU[name]: on a shared machine the steadier figure)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tui.cli", "--lang", "en", *argv], check=True,
                   cwd=ROOT, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.setdefault(name, []).append(after.ru_utime - before.ru_utime
                                    + after.ru_stime - before.ru_stime)
    return wall


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=20)
    parser.add_argument("--households", type=int, default=30)
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--folder", default="/tmp/gridbook-collect-bench")
    args = parser.parse_args()
    folder = Path(args.folder)
    shutil.rmtree(folder, ignore_errors=True)
    stick, office, books = folder / "stick", folder / "office", folder / "books"
    for each in (stick, office, books):
        each.mkdir(parents=True)
    key = office / "office.key"
    public = subprocess.run([sys.executable, "-m", "tui.cli", "key", "new", str(key)],
                            cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()
    paths = []
    for index in range(1, args.workers + 1):
        path = books / f"w{index:02d}" / "book.json"
        path.parent.mkdir()
        subprocess.run([sys.executable, "-m", "tui.cli", "seed", str(path), "--worker",
                        f"w{index:02d}", "--households", str(args.households), "--days",
                        str(args.days), "--seed", str(index), "--today", TODAY],
                       check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        paths.append(path)
    first_sync = [gridbook("sync", str(stick), "--data", str(p), "--office-key", public)
                  for p in paths]
    size = sum(p.stat().st_size for p in paths)
    times: dict[str, list[float]] = {"collect": [], "again": [], "merge": [], "sync": []}
    for run in range(args.runs):
        community = office / f"community{run}.json"
        times["collect"].append(gridbook("collect", str(stick), "-o", str(community),
                                         "--key", str(key), name="collect"))
        times["again"].append(gridbook("collect", str(stick), "-o", str(community),
                                       "--key", str(key), name="again"))
        times["merge"].append(gridbook("merge", *map(str, paths), "-o",
                                       str(office / f"plain{run}.json"), name="merge"))
        times["sync"].append(gridbook("sync", str(stick), "--data", str(paths[run]),
                                      name="sync"))
    print(f"{args.workers} books of {args.households} households x {args.days} days, "
          f"{size / 1e6:.1f} MB in clear; stick {sum(p.stat().st_size for p in stick.iterdir()) / 1e6:.1f} MB")
    print(f"first sync of a worker (key made, book handed in): median {statistics.median(first_sync):.2f} s")
    for name, values in times.items():
        print(f"{name:8s} wall median {statistics.median(values):.2f} s  "
              f"({', '.join(f'{v:.2f}' for v in values)}); "
              f"CPU median {statistics.median(CPU[name]):.2f} s")


if __name__ == "__main__":
    main()
