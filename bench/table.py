"""A figure of the suite and the table they are printed in (also pasted in the README)."""

from __future__ import annotations

from dataclasses import dataclass

from bench.timing import Pair


@dataclass(frozen=True)
class Figure:
    """One line of the table: what was measured, its goal, and the ratio found."""

    name: str
    goal: float | None  # the highest ratio allowed; None for figures that only show growth
    pair: Pair | None  # None when the figure could not be measured (see `note`)
    unit: str = "ms"  # how `pair` values print: "ms" (seconds) or "MB" (bytes)
    note: str = ""

    @property
    def verdict(self) -> str:
        if self.pair is None:
            return "not measured"
        if self.goal is None:
            return "-"
        return "met" if self.pair.ratio <= self.goal else "NOT met"

    def cells(self, day: str) -> list[str]:
        goal = f"<= {self.goal:g}x" if self.goal is not None else "(growth)"
        if self.pair is None:
            return [self.name, goal, "-", "-", self.verdict, day, self.note]
        scale, unit = (1000.0, "ms") if self.unit == "ms" else (1 / 2**20, "MB")
        detail = (f"{self.pair.subject * scale:.1f} {unit} vs {self.pair.baseline * scale:.1f}"
                  f" {unit}, {self.pair.runs} runs")
        return [self.name, goal, f"{self.pair.ratio:.2f}x", detail, self.verdict, day,
                self.note]


HEADERS = ["Figure", "Goal", "Measured", "Median (gridbook vs baseline)", "Goal met", "Date",
           "Note"]


def markdown(figures: list[Figure], day: str) -> str:
    """The figures as a Markdown table (readable as plain text too)."""
    rows = [HEADERS] + [f.cells(day) for f in figures]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADERS))]
    lines = []
    for index, row in enumerate(rows):
        lines.append("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths)) + " |")
        if index == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)
