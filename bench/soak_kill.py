"""Soak: thousands of writer processes killed with SIGKILL at random moments.

    uv run python -m bench.soak_kill                 2,000 rounds x 2 writers (about 4,000 kills)
    uv run python -m bench.soak_kill --rounds 200 --cli-rounds 40

Runs the harness of the killed-writer test (tests/reliability/harness_kill.py) with many
more rounds: forked writers using store.actions, two at a time on one book, then real
`gridbook log add` command lines. Prints the figures (kills survived, edits acknowledged
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2000)
    parser.add_argument("--cli-rounds", type=int, default=100)
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
    for run in runs:
        for key in total:
            total[key] += run.get(key, 0)
    cli = [r for r in runs if r["mode"] == "cli"]
    summary = total | {
        "forked_rounds": args.rounds, "cli_rounds": args.cli_rounds,
        "cli_kills": sum(r["kills"] for r in cli), "cli_acked": sum(r["acked"] for r in cli),
        "cli_exit_codes": cli[0]["exit_codes"] if cli else {},
        "seconds": round(time.monotonic() - started, 1),
        "date": time.strftime("%Y-%m-%d"),
        "lost_examples": [e for r in runs for e in r.get("lost_examples", [])][:10],
    }
    print(json.dumps(summary, ensure_ascii=False))
    print(f"kills survived: {summary['kills']} ({summary['cli_kills']} of real gridbook "
          f"commands), kills mid-save: {summary['mid_save_kills']}, edits acknowledged and "
          f"checked: {summary['acked']} (checked {summary['verifications']} times), lost: "
          f"{summary['lost']}, books that failed to open: {summary['failed_open']}, "
          f"writer errors: {summary['writer_errors']}, {summary['seconds']} s")
    return 0 if summary["lost"] == 0 and summary["failed_open"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
