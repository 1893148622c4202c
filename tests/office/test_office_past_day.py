"""A report for day D shows the grid as it stood at the end of D (DESIGN.md "Truth over time").

The property: for random books and random later edits, written by workers whose clocks
are in any time zone, the report of every earlier day is byte-identical before and after
the edits, and does not depend on the time zone of the machine that makes the report.
The book is opened with a `FixedClock` (store.clock) that the test sets to an instant in
the writer's time zone: the actions' days and times and the stamps all follow it.
"""

from __future__ import annotations

import os
import time as systime
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store import actions
from store.book import Book
from store.clock import FixedClock
from store.history import end_of
from store.models import Errand, ErrandStatus, Household, Person, Quarantine, Worker
from store.report import daily_report
from store.report_export import to_json

ZONES = ("UTC", "Asia/Shanghai", "America/Los_Angeles", "Pacific/Kiritimati", "Pacific/Niue")
OFFSETS = (-11, -8, 0, 8, 14)  # the writers' clocks, hours from UTC
START = date(2022, 3, 1)


@contextmanager
def machine_zone(zone: str) -> Iterator[None]:
    """The process's time zone set to `zone` for the duration (as TZ=... would)."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = zone
    systime.tzset()
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        systime.tzset()


class Writer:
    """The clock a book is opened with, set by the test: a UTC instant seen in a zone."""

    def __init__(self) -> None:
        self.clock = FixedClock(datetime.combine(START, time(8)))

    @property
    def local(self) -> datetime:
        return self.clock.now()

    @local.setter
    def local(self, value: datetime) -> None:
        self.clock.set(value)

    def at(self, instant: datetime, offset_hours: int) -> date:
        self.clock.set(instant.replace(tzinfo=UTC)
                       .astimezone(timezone(timedelta(hours=offset_hours))))
        return self.local.date()


def report_bytes(book: Book, on: date) -> bytes:
    # the office reports each day once it is over (the book's clock is the writer's, which
    # may still be on that day: a report of today shows it as of now)
    return to_json(daily_report(book, on, now=end_of(on)), date=on.isoformat())


def apply(book: Book, op: tuple[Any, ...], day: date, rng_pick: int) -> None:
    """One worker's action on the local day `day`; `rng_pick` chooses its target."""
    kind = op[0]
    households = sorted(book.all(Household), key=lambda h: h.id)
    errands = sorted(book.all(Errand), key=lambda e: e.id)
    household = households[rng_pick % len(households)] if households else None
    errand = errands[rng_pick % len(errands)] if errands else None
    if kind == "household" or household is None:
        actions.add_household(book, building=str(rng_pick % 3 + 1), room=f"{rng_pick % 9 + 1}01",
                              people=(Person(name="王伟"),))
    elif kind == "quarantine":
        if book.current_quarantine(household.id) is None:
            actions.start_quarantine(book, household.id, day)
    elif kind == "test":
        actions.record_test(book, household.id, day)
    elif kind == "tick":
        items = sorted(book.items_on(day), key=lambda i: i.id)
        if items:
            actions.tick(book, items[rng_pick % len(items)].id, done=True)
    elif kind == "release":
        if book.current_quarantine(household.id) is not None:
            (actions.release if rng_pick % 2 else actions.move_to_monitoring)(
                book, household.id, day, reason="提前")  # an early one needs a reason
    elif kind == "extend":
        quarantine = book.current_quarantine(household.id)
        if quarantine is not None and quarantine.end > day:
            actions.change_quarantine_end(book, quarantine.id,
                                          quarantine.end + timedelta(days=3), "延长", on=day)
    elif kind == "errand":
        actions.add_errand(book, household.id, "大米", datetime.combine(day, time(18)),
                           advanced=op[1])
    elif kind == "advance" and errand is not None:
        actions.advance_errand(book, errand.id)
    elif kind == "cancel" and errand is not None and errand.open:
        actions.set_errand_status(book, errand.id, ErrandStatus.CANCELLED)
    elif kind == "repay" and errand is not None:
        actions.set_errand_repaid(book, errand.id, errand.advanced)
    elif kind == "amount" and errand is not None:
        actions.edit_errand(book, errand.id, advanced=op[1])
    elif kind == "undo" and errand is not None and len(
            [s for s in actions.errand_steps(book, errand) if s.undone_on is None]) > 1:
        actions.undo_errand_step(book, errand.id)
    elif kind == "assign":
        actions.assign(book, [household.id], "w2" if household.worker == "w1" else "w1")
    elif kind == "log":
        actions.add_log(book, "巡查", on=day)


OPS = st.one_of(
    st.tuples(st.sampled_from(("household", "quarantine", "test", "tick", "release", "extend",
                               "advance", "cancel", "repay", "undo", "assign", "log"))),
    st.tuples(st.sampled_from(("errand", "amount")), st.integers(0, 20_000)),
)
STEP = st.tuples(OPS, st.integers(0, 1000), st.sampled_from(OFFSETS), st.integers(1, 600))


def run_steps(book: Book, writer: Writer, steps: list[Any], instant: datetime) -> datetime:
    for op, pick, offset, minutes in steps:
        instant += timedelta(minutes=minutes * 7)
        day = writer.at(instant, offset)
        apply(book, op, day, pick)
    return instant


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(before=st.lists(STEP, min_size=5, max_size=30), after=st.lists(STEP, min_size=1,
                                                                       max_size=25),
       zone=st.sampled_from(ZONES))
def test_later_edits_never_change_an_earlier_days_report(
        monkeypatch: pytest.MonkeyPatch, before: list[Any], after: list[Any], zone: str) -> None:
    writer = Writer()
    book = Book.in_memory(Worker(id="w1", name="张丽", grid="第1网格"), clock=writer.clock)
    book.add(Worker(id="w2", name="李娜", grid="第2网格"))
    instant = run_steps(book, writer, before, datetime.combine(START, time(0)))
    # every later edit happens on a local day after the last one so far, in any zone
    last_day = max(writer.local.date(), (instant + timedelta(hours=14)).date())
    days = [START - timedelta(days=1) + timedelta(days=n)
            for n in range((last_day - START).days + 2)]
    with machine_zone(zone):
        reports = {day: report_bytes(book, day) for day in days}
    next_midnight = datetime.combine(last_day + timedelta(days=1), time(0)) + timedelta(hours=12)
    run_steps(book, writer, after, next_midnight)
    assert writer.local.date() > last_day
    for other_zone in (zone, "UTC", "Asia/Shanghai"):
        with machine_zone(other_zone):
            for day in days:
                assert report_bytes(book, day) == reports[day], (day, other_zone)


def test_past_day_counts_by_hand(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worked example, each figure counted by hand from what happened on which day."""
    writer = Writer()
    book = Book.in_memory(Worker(id="w1", name="张丽", grid="第1网格"), clock=writer.clock)
    book.add(Worker(id="w2", name="李娜", grid="第2网格"))
    d1, d2, d3 = date(2022, 3, 1), date(2022, 3, 2), date(2022, 3, 3)
    writer.local = datetime.combine(d1, time(9))
    home = actions.add_household(book, building="3", room="501", people=(Person(name="王伟"),))
    other = actions.add_household(book, building="3", room="502", people=(Person(name="李强"),))
    quarantine = actions.start_quarantine(book, home.id, d1)
    errand = actions.add_errand(book, home.id, "大米", datetime.combine(d2, time(18)),
                                advanced=3550)
    writer.local = datetime.combine(d2, time(10))
    actions.advance_errand(book, errand.id)  # accepted on d2
    actions.record_test(book, home.id, d2)
    writer.local = datetime.combine(d3, time(11))
    actions.set_errand_status(book, errand.id, ErrandStatus.DELIVERED)
    actions.set_errand_repaid(book, errand.id, 3550)
    actions.change_quarantine_end(book, quarantine.id, quarantine.end + timedelta(days=7),
                                  "同住人员返白", on=d3)
    actions.assign(book, [home.id], "w2")
    actions.move_to_monitoring(book, other.id, d3, reason="转院")
    actions.start_quarantine(book, other.id, d3)

    def summary(on: date) -> dict[str, dict[str, Any]]:
        table = daily_report(book, on)[0]
        return {row["worker"] or "total": row for row in table.rows}

    day2 = summary(d2)
    # on d2 both households were w1's; w2 had none
    assert (day2["w1"]["households"], day2["w2"]["households"]) == (2, 0)
    assert (day2["w1"]["status_quarantine"], day2["w1"]["status_normal"]) == (1, 1)
    assert (day2["w1"]["errands_open"], day2["w1"]["errands_overdue"]) == (1, 1)
    assert (day2["w1"]["money_advanced"], day2["w1"]["money_outstanding"]) == ("35.50", "35.50")
    line = daily_report(book, d2)[1].rows
    assert [(r["name"], r["end"], r["tests"]) for r in line] == [
        ("王伟", (d1 + timedelta(days=14)).isoformat(), 1)]
    day3 = summary(d3)
    # on d3: the household moved to w2, the money stays with w1 who advanced it, repaid
    assert (day3["w1"]["households"], day3["w2"]["households"]) == (1, 1)
    assert day3["w1"]["money_advanced"] == "35.50" and day3["w2"]["money_advanced"] == "0.00"
    assert day3["w1"]["money_outstanding"] == "0.00"
    assert day3["w2"]["errands_delivered"] == 1 and day3["w2"]["errands_open"] == 0
    assert day3["w1"]["new_quarantines"] == 1 and day3["w1"]["status_quarantine"] == 1
    line3 = daily_report(book, d3)[1].rows
    assert {r["name"]: r["end"] for r in line3}["王伟"] == (d1 + timedelta(days=21)).isoformat()
    assert book.require(Quarantine, quarantine.id).end == d1 + timedelta(days=21)
