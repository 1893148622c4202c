"""The figures of the suite: which to measure, on which books, and how many runs.

Each group (save, office, screen, memory, keystroke, merge, growth) turns into rows of the
table. A figure whose part of gridbook has not landed is a `Skip` (listed as not measured,
with why); a figure that raises is listed with its error and counted as a failure.
"""

from __future__ import annotations

import importlib.util
import statistics
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

from bench import books
from bench.table import Figure
from bench.timing import Pair

GROUPS = ("save", "office", "screen", "memory", "keystroke", "merge", "growth")
YEAR_MONTH = 12


class Skip(Exception):
    """A figure that cannot be measured yet (the part it measures has not landed)."""


@dataclass
class Plan:
    """What a run of the suite measures: --quick uses a tiny book and few runs everywhere."""

    groups: set[str]
    quick: bool
    runs: int | None = None
    figures: list[Figure] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def year(self) -> books.BookSpec:
        return books.TINY if self.quick else books.YEAR

    @property
    def small(self) -> books.BookSpec:
        return books.TINY if self.quick else books.SMALL

    @property
    def months(self) -> dict[int, books.BookSpec]:
        """The growth series; month 12 is the year book (when quick, all are the tiny book)."""
        return {1: books.TINY, 12: books.TINY} if self.quick else books.MONTHS

    @property
    def growth_months(self) -> dict[int, books.BookSpec]:
        """The growth series without month 12, which the goal's own row shows."""
        if "growth" not in self.groups:
            return {}
        return {month: spec for month, spec in self.months.items() if month != YEAR_MONTH}

    def count(self, quick: int, full: int) -> int:
        return self.runs or (quick if self.quick else full)

    def add(self, name: str, goal: float | None, measure: Callable[[], Pair],
            unit: str = "ms") -> None:
        try:
            self.figures.append(Figure(name, goal, measure(), unit))
        except Skip as why:
            self.figures.append(Figure(name, goal, None, unit, str(why)))
        except Exception as error:  # noqa: BLE001 - one failed figure must not hide the rest
            self.errors.append(f"{name}: {traceback.format_exc()}")
            self.figures.append(Figure(name, goal, None, unit,
                                       f"failed: {type(error).__name__}: {error}"))


def _needs(module: str, what: str) -> None:
    if importlib.util.find_spec(module) is None:
        raise Skip(f"{what} has not landed yet")


def _growth_label(kind: str, month: int, spec: books.BookSpec) -> str:
    return f"Growth: {kind} at {month} month(s) ({spec.label})"


def save_figures(plan: Plan) -> None:
    from bench import save

    runs = plan.count(3, 15)
    if "save" in plan.groups:
        for edit, words in (("log", "add a journal entry"), ("tick", "tick a checklist item")):
            plan.add(f"Save: {words} ({plan.year.label})", 1.5,
                     lambda edit=edit: save.measure(plan.year, edit, runs))
    for month, spec in plan.growth_months.items():
        plan.add(_growth_label("save", month, spec), None,
                 lambda spec=spec: save.measure(spec, "log", runs))


def office_figures(plan: Plan) -> None:
    from bench import office

    book = books.seeded(plan.small)
    runs = plan.count(3, 15)
    plan.add(f"Office: gridbook check ({plan.small.label})", 12.0,
             lambda: office.measure("check", book, runs))

    def report() -> Pair:
        _needs("tui.cmd_report", "gridbook report")
        return office.measure("report", book, runs, ("--date", books.TODAY))
    plan.add(f"Office: gridbook report ({plan.small.label})", 12.0, report)


def screen_figures(plan: Plan) -> None:
    """First useful screen (and its growth), and peak memory from the same starts."""
    from bench import terminal

    runs = plan.count(2, 7)
    starts: dict[int, tuple[list[terminal.Start], list[terminal.Start]]] = {}

    def first(spec: books.BookSpec, month: int) -> Pair:
        if not terminal.available():
            raise Skip("tmux is not installed")
        _needs("tui.app", "the TUI")
        starts[month] = terminal.measure_first_screen(books.work_copy(spec, "first"), runs)
        subject, baseline = starts[month]
        return Pair(statistics.median(s.seconds for s in subject),
                    statistics.median(s.seconds for s in baseline), len(subject))

    def memory() -> Pair:
        if YEAR_MONTH not in starts:
            raise Skip("no first-screen runs to read memory from")
        subject, baseline = starts[YEAR_MONTH]
        return Pair(statistics.median(s.peak_bytes for s in subject),
                    statistics.median(s.peak_bytes for s in baseline), len(subject))
    if plan.groups & {"screen", "memory"}:
        plan.add(f"First useful screen ({plan.year.label})", 2.0,
                 lambda: first(plan.year, YEAR_MONTH))
    if "memory" in plan.groups:
        plan.add(f"Memory: peak RSS of the TUI ({plan.year.label})", 2.5, memory, unit="MB")
    for month, spec in plan.growth_months.items():
        plan.add(_growth_label("first screen", month, spec), None,
                 lambda spec=spec, month=month: first(spec, month))


def keystroke_figures(plan: Plan) -> None:
    """Keystroke (tick, errand) on the year book against the small book, and tick's growth."""
    from bench import keystroke

    rounds, presses = (1, 2) if plan.quick else (plan.runs or 4, 6)

    def measure(spec: books.BookSpec, kind: str) -> Pair:
        _needs("tui.app", "the TUI")
        big, little = keystroke.measure(books.work_copy(spec, "keys"),
                                        books.work_copy(plan.small, "keys"), kind, rounds,
                                        presses)
        return Pair(statistics.median(big), statistics.median(little), len(big))
    if "keystroke" in plan.groups:
        for kind, words in (("tick", "tick a checklist item"), ("errand", "move an errand")):
            plan.add(f"Keystroke: {words} ({plan.year.label} vs {plan.small.label})", 1.2,
                     lambda kind=kind: measure(plan.year, kind))
    for month, spec in plan.growth_months.items():
        plan.add(_growth_label("keystroke (tick)", month, spec), None,
                 lambda spec=spec: measure(spec, "tick"))


def merge_figures(plan: Plan) -> None:
    """Merge of ten year books: time and peak memory from the same runs."""
    from bench import merge

    count = 2 if plan.quick else 10
    found: dict[str, Pair] = {}

    def time() -> Pair:
        _needs("bench.merge_bench", "bench/merge_bench.py")
        found["time"], found["memory"] = merge.measure(merge.books_for(plan.year, count),
                                                       plan.count(2, 5))
        return found["time"]

    def memory() -> Pair:
        if "memory" not in found:
            raise Skip("no merge runs to read memory from")
        return found["memory"]
    plan.add(f"Merge: gridbook merge of {count} books ({plan.year.label}), time", 3.0, time)
    plan.add(f"Merge: gridbook merge of {count} books ({plan.year.label}), peak memory", 2.0,
             memory, unit="MB")


def run(plan: Plan) -> Plan:
    """Measure every figure the plan asks for; goals first, growth rows last."""
    try:
        if plan.groups & {"save", "growth"}:
            save_figures(plan)
        if "office" in plan.groups:
            office_figures(plan)
        if plan.groups & {"screen", "memory", "growth"}:
            screen_figures(plan)
        if plan.groups & {"keystroke", "growth"}:
            keystroke_figures(plan)
        if "merge" in plan.groups:
            merge_figures(plan)
    finally:
        books.remove_work_copies()
    plan.figures.sort(key=lambda figure: figure.name.startswith("Growth"))
    return plan
