"""`python -m bench`: measure every figure and print the table.

    uv run python -m bench            the full suite on year-scale books (about 10 minutes)
    uv run python -m bench --quick    every figure once or twice on a tiny book (a minute)
    uv run python -m bench --only save,office --runs 20 --json out.json

Groups: save, office, screen, memory, keystroke, merge, growth. A figure whose part of
gridbook does not exist yet is listed as not measured, with why; a figure that fails is
listed with the error and makes the exit status 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench import books
from bench.suite import GROUPS, Plan, run
from bench.table import markdown


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="a tiny book and few runs: proves the suite works, not the speed")
    parser.add_argument("--runs", type=int, help="interleaved runs per figure")
    parser.add_argument("--only", help="comma-separated groups: " + ",".join(GROUPS))
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    groups = set(args.only.split(",")) if args.only else set(GROUPS)
    unknown = groups - set(GROUPS)
    if unknown:
        parser.error(f"unknown groups: {', '.join(sorted(unknown))}")
    plan = run(Plan(groups, args.quick, args.runs))
    print(markdown(plan.figures, books.TODAY))
    if args.json:
        args.json.write_text(json.dumps(
            [{"figure": f.name, "goal": f.goal, "ratio": f.pair.ratio if f.pair else None,
              "subject": f.pair.subject if f.pair else None,
              "baseline": f.pair.baseline if f.pair else None, "unit": f.unit,
              "verdict": f.verdict, "note": f.note} for f in plan.figures],
            ensure_ascii=False, indent=1))
    for error in plan.errors:
        print(error, file=sys.stderr)
    return 1 if plan.errors else 0


if __name__ == "__main__":
    sys.exit(main())
