"""`gridbook report` checks only the records it reads (the day's checklist and journal),
not the whole book: its figures must be the ones a fully checked book gives, bad records
left out, whichever day is asked for.

The book is seeded, then damaged the way a hand edit or a foreign program could: checklist
items of the report day and of earlier days (missed tests count those) with a kind or a
done flag no version writes, journal lines of the day with an unknown category. The
expected figures come from `daily_report` on the book opened with every check done.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest
from office_helpers import gridbook

from store.book.book import Book
from store.book.fileformat import dumps
from store.office.report import daily_report
from store.office.report_export import to_json
from store.seed import seed_book

TODAY = date(2026, 3, 20)


def _damage(path: Path, days: list[date]) -> int:
    """Spoil some checklist items and journal lines on each of `days`; how many."""
    data = orjson.loads(path.read_bytes())
    spoiled = 0
    for day in days:
        wanted = day.isoformat()
        items = [r for r in data["checklist"].values() if r["fields"]["on"][-1][0] == wanted]
        for index, record in enumerate(items[:4]):
            field, value = ("kind", "bogus") if index % 2 else ("done", 5)
            record["fields"][field][-1][0] = value
            spoiled += 1
        entries = [r for r in data["log"].values() if r["fields"]["on"][-1][0] == wanted]
        for record in entries[:2]:
            record["fields"]["category"][-1][0] = "bogus"
            spoiled += 1
    path.write_bytes(dumps(data))  # canonical, so the book opens its records packed
    return spoiled


def _fully_checked(path: Path, on: date) -> dict:
    book = Book.open(path, readonly=True)
    assert any(s.table in ("checklist", "log") for s in book.set_aside)
    return orjson.loads(to_json(daily_report(book, on), date=on.isoformat(), file=str(path)))


@pytest.mark.parametrize("back", [0, 1, 6])
def test_report_figures_equal_a_fully_checked_book(tmp_path: Path, back: int) -> None:
    path = tmp_path / "w1.json"
    seed_book(path, "w1", households=8, days=20, today=TODAY)
    on = TODAY - timedelta(days=back)
    clean = orjson.loads(to_json(daily_report(Book.open(path, readonly=True), on),
                                 date=on.isoformat(), file=str(path)))
    assert _damage(path, [on - timedelta(days=k) for k in range(8)]) > 0
    expected = _fully_checked(path, on)
    assert expected != clean  # the damage is in what the report reads
    before = path.read_bytes()

    done = gridbook("report", str(path), "--date", on.isoformat(), "--format", "json")

    assert done.returncode == 0, done.stderr.decode()
    assert orjson.loads(done.stdout) == expected
    assert path.read_bytes() == before
