"""`python -m bench`: measure every figure and print the table.

    uv run python -m bench            the full suite on year-scale books (several minutes)
    uv run python -m bench --quick    every figure once or twice on a tiny book (seconds)
    uv run python -m bench --only save,office

A figure whose part of gridbook does not exist yet is listed as not measured, with why.
A figure that fails is listed with the error and makes the exit status 1.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from bench import books
from bench.table import Figure, markdown
from bench.timing import Pair

GROUPS = ("save", "office", "screen", "keystroke", "memory", "merge", "growth")


class Skip(Exception):
    """A figure that cannot be measured yet (the part it measures has not landed)."""


def _figure(name: str, goal: float | None, measure: Callable[[], Pair], unit: str = "ms",
            note: str = "", errors: list[str] | None = None) -> Figure:
    try:
        return Figure(name, goal, measure(), unit, note)
    except Skip as why:
        return Figure(name, goal, None, unit, str(why))
    except Exception as error:  # noqa: BLE001 - one failed figure must not hide the rest
        if errors is not None:
            errors.append(f"{name}: {traceback.format_exc()}")
        return Figure(name, goal, None, unit, f"failed: {type(error).__name__}: {error}")


def build_figures(groups: set[str], quick: bool, runs: int | None) -> tuple[list[Figure], list[str]]:
    from bench import office, save

    year = books.TINY if quick else books.YEAR
    small = books.TINY if quick else books.SMALL
    months = {1: books.TINY} if quick else books.MONTHS
    save_runs = runs or (3 if quick else 15)
    process_runs = runs or (3 if quick else 15)
    figures: list[Figure] = []
    errors: list[str] = []

    def add(*args: object, **kwargs: object) -> None:
        figures.append(_figure(*args, errors=errors, **kwargs))  # type: ignore[arg-type]

    if "save" in groups:
        add(f"Save: add a journal entry ({year.label})", 1.5,
            lambda: save.measure(year, "log", save_runs))
        add(f"Save: tick a checklist item ({year.label})", 1.5,
            lambda: save.measure(year, "tick", save_runs))
    if "office" in groups:
        small_book = books.seeded(small)
        add(f"Office: gridbook check ({small.label})", 12.0,
            lambda: office.measure("check", small_book, process_runs))

        def report() -> Pair:
            if not office.has_command("report"):
                raise Skip("gridbook report has not landed yet")
            return office.measure("report", small_book, process_runs,
                                  ("--date", books.TODAY))
        add(f"Office: gridbook report ({small.label})", 12.0, report)
    if "growth" in groups:
        for month, spec in months.items():
            add(f"Growth: save at {month} month(s) ({spec.label})", None, lambda spec=spec: save.measure(spec, "log", save_runs))
    return figures, errors


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
    figures, errors = build_figures(groups, args.quick, args.runs)
    print(markdown(figures, books.TODAY))
    if args.json:
        args.json.write_text(json.dumps(
            [{"figure": f.name, "goal": f.goal, "ratio": f.pair.ratio if f.pair else None,
              "subject": f.pair.subject if f.pair else None,
              "baseline": f.pair.baseline if f.pair else None, "unit": f.unit,
              "verdict": f.verdict, "note": f.note} for f in figures],
            ensure_ascii=False, indent=1))
    for error in errors:
        print(error, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
