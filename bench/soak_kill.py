"""Soak: thousands of writer processes killed with SIGKILL at random moments.

    uv run python -m bench.soak_kill                 2,000 rounds x 2 writers (about 4,000 kills)
    uv run python -m bench.soak_kill --rounds 200 --cli-rounds 40 --tui-rounds 10

Runs the harness of the killed-writer test (tests/reliability/harness_kill.py) with many
more rounds: forked writers using store.actions, two at a time on one book, then real
`gridbook log add` command lines, then the real TUI in tmux (an entry typed, saved, and the
app killed right after, or in the middle of saving the next one). Prints the figures (kills survived, edits acknowledged
and checked after every round, kills that landed in the middle of a save, edits lost,
books that failed to open); exit status 1 if anything was lost. The book starts fresh
every 500 rounds so each round stays quick.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HARNESS = ROOT / "tests" / "reliability" / "harness_kill.py"
CHUNK = 500


def _harness(folder: Path, *args: str) -> dict:
    done = subprocess.run([sys.executable, str(HARNESS), str(folder), *args],
                          capture_output=True, text=True, cwd=ROOT)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise SystemExit(f"harness failed: {done.stderr[-2000:]}")
    return json.loads(lines[-1])


def _tui_rounds(folder: Path, rounds: int, seed: int) -> dict:
    """The TUI in tmux: type an entry, see it saved, SIGKILL (sometimes mid-save of the next)."""
    import os
    import random
    import signal as signals

    sys.path.insert(0, str(ROOT / "tests" / "reliability"))
    from reliability_kit import small_book
    from tmux_driver import HAVE_TMUX, TuiInTmux

    from store.book.book import Book
    from store.book.models import LogEntry

    figures = {"mode": "tui", "kills": 0, "acked": 0, "verifications": 0, "lost": 0,
               "mid_save_kills": 0, "failed_open": 0, "writer_errors": 0}
    if not HAVE_TMUX:
        return figures
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    saved: set[str] = set()
    lost: set[str] = set()
    for round_no in range(rounds):
        if round_no % 6 == 0:  # a fresh book before the day's log outgrows one 80x24 screen
            path = folder / f"w{round_no}.json"
            small_book(path)
            saved = set()
        tui = TuiInTmux(path, folder)
        try:
            tui.wait_for("[1Today]")
            text = f"tui {round_no}"
            tui.add_log_entry(text)
            saved.add(text)
            pid = tui.app_pid()
            if rng.random() < 0.5:
                tui.keys("a")
                tui.wait_for("New log entry")
                tui.type(f"next {round_no}")
                tui.wait_for(f"next {round_no}")
                tui.keys("Enter")
                time.sleep(rng.uniform(0.0, 0.05))
                figures["mid_save_kills"] += 1
            os.kill(pid, signals.SIGKILL)
            figures["kills"] += 1
        except AssertionError:
            figures["writer_errors"] += 1
        finally:
            tui.close()
        try:
            present = {e.text for e in Book.open(path, readonly=True).all(LogEntry)}
        except Exception:  # noqa: BLE001 - counted
            figures["failed_open"] += 1
            continue
        lost |= saved - present
        figures["lost"] = len(lost)
        figures["acked"] += 1 if f"tui {round_no}" in saved else 0
        figures["verifications"] += len(saved)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2000)
    parser.add_argument("--cli-rounds", type=int, default=100)
    parser.add_argument("--tui-rounds", type=int, default=30)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    started = time.monotonic()
    total = {"kills": 0, "acked": 0, "verifications": 0, "lost": 0, "mid_save_kills": 0,
             "failed_open": 0, "writer_errors": 0}
    runs = []
    with tempfile.TemporaryDirectory(prefix="gridbook-soak-kill-") as scratch:
        done_rounds = 0
        while done_rounds < args.rounds:
            rounds = min(CHUNK, args.rounds - done_rounds)
            runs.append(_harness(Path(scratch) / f"forked{done_rounds}", "--rounds", str(rounds),
                                 "--max-delay", "0.06",
                                 "--seed", str(args.seed + done_rounds)))
            done_rounds += rounds
        if args.cli_rounds:
            command = [sys.executable, "-m", "tui.cli", "log", "add", "{text}", "--data", "{path}"]
            runs.append(_harness(Path(scratch) / "cli", "--rounds", str(args.cli_rounds),
                                 "--max-delay", "0.9", "--seed", str(args.seed), "--cli",
                                 *command))
        if args.tui_rounds:
            runs.append(_tui_rounds(Path(scratch) / "tui", args.tui_rounds, args.seed))
    for run in runs:
        for key in total:
            total[key] += run.get(key, 0)
    cli = [r for r in runs if r["mode"] == "cli"]
    summary = total | {
        "forked_rounds": args.rounds, "cli_rounds": args.cli_rounds,
        "cli_kills": sum(r["kills"] for r in cli), "cli_acked": sum(r["acked"] for r in cli),
        "cli_exit_codes": cli[0]["exit_codes"] if cli else {},
        "tui_kills": sum(r["kills"] for r in runs if r["mode"] == "tui"),
        "tui_acked": sum(r["acked"] for r in runs if r["mode"] == "tui"),
        "seconds": round(time.monotonic() - started, 1),
        "date": time.strftime("%Y-%m-%d"),
        "lost_examples": [e for r in runs for e in r.get("lost_examples", [])][:10],
    }
    print(json.dumps(summary, ensure_ascii=False))
    print(f"kills survived: {summary['kills']} ({summary['cli_kills']} of real gridbook "
          f"commands, {summary['tui_kills']} of the TUI), kills mid-save: {summary['mid_save_kills']}, edits acknowledged and "
          f"checked: {summary['acked']} (checked {summary['verifications']} times), lost: "
          f"{summary['lost']}, books that failed to open: {summary['failed_open']}, "
          f"writer errors: {summary['writer_errors']}, {summary['seconds']} s")
    return 0 if summary["lost"] == 0 and summary["failed_open"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
