"""First screen on a year-scale book against a minimal Textual app, both in tmux at 80x24.

    uv run python -m bench.first_screen [RUNS]

Seeds the year-scale book (60 households, 365 days, ending today) in a private temporary
folder, then starts `gridbook --data BOOK --lang en` and `bench.minimal_app` (Header, Static,
Footer) alternately in the same tmux server (bench.terminal: the clock runs from asking tmux
to start the program until `capture-pane` shows today's content). It prints each start, the
medians and their ratio, and, for the breakdown, how long `Book.open` takes in-process.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.books import gridbook_command
from bench.terminal import available, measure_first_screen


def main(runs: int = 5) -> int:
    if not available():
        print("tmux is not installed: first screen not measured")
        return 1
    with tempfile.TemporaryDirectory(prefix="gridbook-first-") as folder:
        book = Path(folder) / "year.json"
        subprocess.run([*gridbook_command(), "seed", str(book), "--worker", "w01",
                        "--households", "60", "--days", "365"], check=True,
                       stdout=subprocess.DEVNULL)
        subject, baseline = measure_first_screen(book, runs)
        from store.book.book import Book

        opens = []
        for _ in range(3):
            started = time.perf_counter()
            Book.open(book, readonly=True)
            opens.append(time.perf_counter() - started)
    for index, (mine, base) in enumerate(zip(subject, baseline), 1):
        print(f"run {index}: gridbook {mine.seconds:.3f} s   minimal app {base.seconds:.3f} s")
    mine_median = statistics.median(s.seconds for s in subject)
    base_median = statistics.median(s.seconds for s in baseline)
    print(f"median first screen: gridbook (year book) {mine_median:.3f} s, "
          f"minimal Textual app {base_median:.3f} s, ratio {mine_median / base_median:.2f}x")
    print(f"Book.open of the year book in-process: median {statistics.median(opens):.3f} s")
    print(f"peak RSS: gridbook {max(s.peak_bytes for s in subject) / 2**20:.0f} MiB, "
          f"minimal {max(s.peak_bytes for s in baseline) / 2**20:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 5))
