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
import statistics
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


def has_tui() -> bool:
    import importlib.util

    return importlib.util.find_spec("tui.app") is not None


def seconds_pair(subject: list, baseline: list) -> Pair:  # type: ignore[type-arg]
    return Pair(statistics.median(s.seconds for s in subject),
                statistics.median(s.seconds for s in baseline), len(subject))


def memory_pair(subject: list, baseline: list) -> Pair:  # type: ignore[type-arg]
    return Pair(statistics.median(s.peak_bytes for s in subject),
                statistics.median(s.peak_bytes for s in baseline), len(subject))


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
    if groups & {"screen", "memory"}:
        first_runs = runs or (2 if quick else 7)
        screen_months = {12: year} if quick else books.MONTHS
        starts = {}
        for month, spec in screen_months.items():
            if spec is not year and "growth" not in groups:
                continue

            def first(spec: books.BookSpec = spec, month: int = month) -> Pair:
                from bench import terminal
                if not terminal.available():
                    raise Skip("tmux is not installed")
                if not has_tui():
                    raise Skip("the TUI has not landed yet")
                starts[month] = terminal.measure_first_screen(books.work_copy(spec, "first"),
                                                              first_runs)
                return seconds_pair(*starts[month])
            name = (f"First useful screen ({spec.label})" if spec is year
                    else f"Growth: first screen at {month} month(s) ({spec.label})")
            if "screen" in groups or spec is not year:
                add(name, 2.0 if spec is year else None, first)
        if "memory" in groups:
            def memory() -> Pair:
                if 12 not in starts:
                    raise Skip("needs the first-screen runs (group 'screen')")
                return memory_pair(*starts[12])
            add(f"Memory: peak RSS of the TUI ({year.label})", 2.5, memory, unit="MB")
    if "keystroke" in groups or "growth" in groups:
        rounds, presses = (1, 2) if quick else (runs or 4, 6)
        key_months = {12: year} if quick else books.MONTHS
        for kind, words in (("tick", "tick a checklist item"), ("errand", "move an errand")):
            for month, spec in key_months.items():
                if spec is not year and (kind != "tick" or "growth" not in groups):
                    continue
                if spec is year and "keystroke" not in groups:
                    continue

                def keystroke(spec: books.BookSpec = spec, kind: str = kind) -> Pair:
                    from bench import keystroke as ks
                    if not has_tui():
                        raise Skip("the TUI has not landed yet")
                    big, little = ks.measure(books.work_copy(spec, "keys"),
                                             books.work_copy(small, "keys"), kind, rounds,
                                             presses)
                    return Pair(statistics.median(big), statistics.median(little), len(big))
                name = (f"Keystroke: {words} ({spec.label} vs {small.label})" if spec is year
                        else f"Growth: keystroke at {month} month(s) ({spec.label})")
                add(name, 1.2 if spec is year else None, keystroke)
    if "merge" in groups:
        merged: dict[str, Pair] = {}

        def merge_time() -> Pair:
            import importlib.util

            from bench import merge
            if importlib.util.find_spec("bench.merge_bench") is None:
                raise Skip("bench/merge_bench.py (the office's merge benchmark) has not landed")
            merged["time"], merged["memory"] = merge.measure(
                merge.books_for(year, 2 if quick else 10), runs or (2 if quick else 5))
            return merged["time"]

        def merge_memory() -> Pair:
            if "memory" not in merged:
                raise Skip("needs the merge runs above")
            return merged["memory"]
        count = 2 if quick else 10
        add(f"Merge: gridbook merge of {count} books ({year.label}), time", 3.0, merge_time)
        add(f"Merge: gridbook merge of {count} books ({year.label}), peak memory", 2.0,
            merge_memory, unit="MB")
    if "growth" in groups:
        for month, spec in months.items():
            add(f"Growth: save at {month} month(s) ({spec.label})", None, lambda spec=spec: save.measure(spec, "log", save_runs))
    figures.sort(key=lambda figure: figure.name.startswith("Growth"))  # the goals first
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
