"""A report for day D shows the grid as it stood at the end of D (DESIGN.md "Truth over time").

The property: for random books and random later edits, written by workers whose clocks
are in any time zone, the report of every earlier day is byte-identical before and after
the edits, and does not depend on the time zone of the machine that makes the report.
The book is opened with a `FixedClock` (store.book.clock) that the test sets to an instant in
the writer's time zone: the actions' days and times, the stamps and the day each write
records all follow it. Later edits include every kind the issue names: an untick of an
item ticked earlier, people edited (names, ID and phone numbers), a journal entry dated
into the past, a quarantine entered with a back-dated start, and other fields changed
later (an errand's due time, a back-dated test, a household removed).
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
from store.book.book import Book
from store.book.clock import FixedClock
from store.book.models import (
    ChecklistItem,
    Errand,
    ErrandStatus,
    Household,
    ItemKind,
    Person,
    Quarantine,
    Worker,
)
from store.history import end_of, errand_steps
from store.idnumber import check_character
from store.office.report import daily_report
from store.office.report_export import to_json

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
            [s for s in errand_steps(book, errand) if s.undone_on is None]) > 1:
        actions.undo_errand_step(book, errand.id)
    elif kind == "assign":
        actions.assign(book, [household.id], "w2" if household.worker == "w1" else "w1")
    elif kind == "log":
        actions.add_log(book, "巡查", on=day)
    # later changes of what was recorded earlier (issue 12 item 2, a-d and others)
    elif kind == "untick":
        done = sorted((i for i in book.all(ChecklistItem) if i.done), key=lambda i: i.id)
        if done:
            actions.tick(book, done[rng_pick % len(done)].id, done=False)
    elif kind == "person":
        book.update(Household, household.id, people=person_edit(rng_pick),
                    phone=f"139{rng_pick:08d}")
    elif kind == "backlog":
        actions.add_log(book, "补记", on=day - timedelta(days=rng_pick % 6 + 1),
                        household=household.id)
    elif kind == "backq":
        if book.current_quarantine(household.id) is None:
            actions.start_quarantine(book, household.id, day - timedelta(days=rng_pick % 6 + 1))
    elif kind == "backtest":
        actions.record_test(book, household.id, day - timedelta(days=rng_pick % 6 + 1))
    elif kind == "due" and errand is not None:
        actions.edit_errand(book, errand.id, due=errand.due + timedelta(days=rng_pick % 5 - 2))
    elif kind == "remove":
        actions.remove_household(book, household.id, "录错了", on=day)


def person_edit(pick: int) -> tuple[Person, ...]:
    """New people for a household: other names, a valid ID number, another phone."""
    first17 = f"2208021980{pick % 12 + 1:02d}{pick % 28 + 1:02d}{pick % 1000:03d}"
    return (Person(name=("王伟伟", "李秀英", "赵强")[pick % 3], id_number=first17 +
                   check_character(first17), phone=f"138{pick:08d}"),)


LATER = ("untick", "person", "backlog", "backq", "backtest", "due", "remove")
OPS = st.one_of(
    st.tuples(st.sampled_from(("household", "quarantine", "test", "tick", "release", "extend",
                               "advance", "cancel", "repay", "undo", "assign", "log",
                               *LATER))),
    st.tuples(st.sampled_from(("errand", "amount")), st.integers(0, 20_000)),
)
STEP = st.tuples(OPS, st.integers(0, 1000), st.sampled_from(OFFSETS), st.integers(1, 600))
LATER_STEP = st.tuples(st.tuples(st.sampled_from(LATER)), st.integers(0, 1000),
                       st.sampled_from(OFFSETS), st.integers(1, 600))


def run_steps(book: Book, writer: Writer, steps: list[Any], instant: datetime) -> datetime:
    for op, pick, offset, minutes in steps:
        instant += timedelta(minutes=minutes * 7)
        day = writer.at(instant, offset)
        apply(book, op, day, pick)
    return instant


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(before=st.lists(STEP, min_size=5, max_size=30),
       after=st.lists(st.one_of(STEP, LATER_STEP), min_size=1, max_size=25),
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

    # the same book saved and opened again (records read from the file's bytes, as
    # `gridbook report` reads them)
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "book.json"
        book.save_copy(copy)
        reopened = Book.open(copy, readonly=True)
        with machine_zone(zone):
            for day in days:
                assert report_bytes(reopened, day) == reports[day], (day, "reopened")

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


# each later change the issue names, worked by hand, in several time zones ----------------------
D1, D2, D3 = date(2022, 3, 1), date(2022, 3, 2), date(2022, 3, 3)


def _grid(monkeypatch: pytest.MonkeyPatch) -> tuple[Writer, Book, Household, Household]:
    """Day 1: two households, one in quarantine from day 1 with its day-1 test done."""
    writer = Writer()
    book = Book.in_memory(Worker(id="w1", name="张丽", grid="第1网格"), clock=writer.clock)
    writer.local = datetime.combine(D1, time(9))
    first17 = "22080219800101123"
    home = actions.add_household(book, building="3", room="501", phone="13800000001",
                                 people=(Person(name="王伟", phone="13800000001",
                                                id_number=first17 + check_character(first17)),))
    other = actions.add_household(book, building="3", room="502", people=(Person(name="李强"),))
    actions.start_quarantine(book, home.id, D1)
    actions.record_test(book, home.id, D1)
    return writer, book, home, other


def _summary(book: Book, on: date) -> dict[str, Any]:
    return daily_report(book, on)[0].rows[0]


def _reports(book: Book, zones: tuple[str, ...]) -> dict[tuple[str, date], bytes]:
    out = {}
    for zone in zones:
        with machine_zone(zone):
            for day in (D1, D2):
                out[(zone, day)] = report_bytes(book, day)
    return out


@pytest.mark.parametrize("zone", ZONES)
def test_an_untick_later_leaves_the_earlier_day(monkeypatch: pytest.MonkeyPatch,
                                                zone: str) -> None:
    """(a) The day-1 test item ticked on day 1, unticked on day 3: day 1 keeps it done."""
    writer, book, home, _other = _grid(monkeypatch)
    writer.local = datetime.combine(D2, time(8))
    actions.tick(book, next(i.id for i in book.items_on(D2) if i.kind == ItemKind.GARBAGE))
    before = _reports(book, (zone, "UTC"))
    assert _summary(book, D1)["tests_done"] == 1
    writer.local = datetime.combine(D3, time(1))
    for item in book.items_of(home.id):
        if item.done and item.on <= D2:
            actions.tick(book, item.id, done=False)
    assert _reports(book, (zone, "UTC")) == before
    assert _summary(book, D1)["tests_done"] == 1
    assert daily_report(book, D1)[1].rows[0]["tests"] == 1
    # today's report shows today's untick: day 3's own test item, ticked and unticked today
    test_item = next(i for i in book.items_on(D3) if i.kind == ItemKind.TEST) \
        if any(i.kind == ItemKind.TEST for i in book.items_on(D3)) else None
    if test_item is not None:
        actions.tick(book, test_item.id)
        assert _summary(book, D3)["tests_done"] == 1
        actions.tick(book, test_item.id, done=False)
        assert _summary(book, D3)["tests_done"] == 0


@pytest.mark.parametrize("zone", ZONES)
def test_people_edited_later_leave_the_earlier_line_list(monkeypatch: pytest.MonkeyPatch,
                                                         zone: str) -> None:
    """(b) Names, ID and phone numbers changed on day 3: day 1's line list is as it was."""
    writer, book, home, _other = _grid(monkeypatch)
    before = _reports(book, (zone, "Asia/Shanghai"))
    line = daily_report(book, D1, full=True)[1].rows
    assert [(r["name"], r["phone"]) for r in line] == [("王伟", "13800000001")]
    writer.local = datetime.combine(D3, time(0, 30))
    book.update(Household, home.id, people=person_edit(7), phone="13900000009")
    assert _reports(book, (zone, "Asia/Shanghai")) == before
    assert [r["name"] for r in daily_report(book, D1, full=True)[1].rows] == ["王伟"]
    # the report of the day of the edit shows it
    assert [r["name"] for r in daily_report(book, D3, full=True)[1].rows] == [
        person_edit(7)[0].name]


@pytest.mark.parametrize("zone", ZONES)
def test_a_journal_entry_dated_into_the_past_leaves_that_days_report(
        monkeypatch: pytest.MonkeyPatch, zone: str) -> None:
    """(c) Written on day 3, dated day 1: day 1's report does not count it; one written and
    dated day 3 counts on day 3."""
    writer, book, home, _other = _grid(monkeypatch)
    before = _reports(book, (zone, "America/Los_Angeles"))
    counted = _summary(book, D1)["log_service"]
    writer.local = datetime.combine(D3, time(23, 50))
    actions.add_log(book, "补记：昨天送药上门", on=D1, household=home.id)
    actions.add_log(book, "送药上门", on=D3, household=home.id)
    assert _reports(book, (zone, "America/Los_Angeles")) == before
    assert _summary(book, D1)["log_service"] == counted
    assert _summary(book, D3)["log_service"] == 1
    assert len(book.log_on(D1)) == len([e for e in book.log_on(D1)])  # the journal keeps it
    assert any(e.text == "补记：昨天送药上门" for e in book.log_on(D1))


@pytest.mark.parametrize("zone", ZONES)
def test_a_back_dated_quarantine_leaves_the_earlier_status_counts(
        monkeypatch: pytest.MonkeyPatch, zone: str) -> None:
    """(d) A quarantine entered on day 3 that started on day 1: day 1 and day 2 count the
    household as it stood then (normal); day 3 counts it in quarantine."""
    writer, book, _home, other = _grid(monkeypatch)
    before = _reports(book, (zone, "Pacific/Kiritimati"))
    assert _summary(book, D2)["status_quarantine"] == 1
    writer.local = datetime.combine(D3, time(7))
    actions.start_quarantine(book, other.id, D1)
    assert _reports(book, (zone, "Pacific/Kiritimati")) == before
    assert (_summary(book, D1)["status_quarantine"], _summary(book, D1)["status_normal"]) == (1, 1)
    assert _summary(book, D3)["status_quarantine"] == 2
    assert {r["name"] for r in daily_report(book, D3)[1].rows} == {"王伟", "李强"}


def test_a_book_from_before_days_were_kept_reads_migrates_and_merges(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    """A schema-1 book (no day on any value) opens after a backup, reports as it always did,
    keeps its earlier days' reports through later edits, and merges with a new book in any
    order to the same bytes."""
    import orjson

    from store.book.fileformat import SCHEMA_VERSION, dumps
    from store.office.merge_files import merge_files

    writer, book, home, other = _grid(monkeypatch)
    old = orjson.loads(dumps(book.raw()))
    for table, records in old.items():
        if table != "_meta":
            for raw in records.values():
                raw.pop("when", None)
                raw.pop("past", None)
    old["_meta"]["book"]["schema"] = 1
    old_path = tmp_path / "w1.json"
    old_path.write_bytes(dumps(old))
    old_path.chmod(0o600)
    reports = {day: report_bytes(Book.open(old_path, readonly=True), day) for day in (D1, D2)}
    opened = Book.open(old_path, clock=writer.clock)
    assert (tmp_path / "w1.json.v1.bak").exists()
    assert orjson.loads(old_path.read_bytes())["_meta"]["book"]["schema"] == SCHEMA_VERSION
    assert {day: report_bytes(opened, day) for day in (D1, D2)} == reports
    # later edits with days: the old values count on every earlier day
    writer.local = datetime.combine(D3, time(9))
    for item in opened.items_of(home.id):
        if item.done:
            actions.tick(opened, item.id, done=False)
    opened.update(Household, home.id, people=person_edit(3))
    actions.start_quarantine(opened, other.id, D1)
    assert {day: report_bytes(opened, day) for day in (D1, D2)} == reports
    # an old book and a new one merge in any order to the same bytes
    new_path = tmp_path / "w2.json"
    new = Book.create(new_path, Worker(id="w2", name="李娜", grid="第2网格"), clock=writer.clock)
    actions.add_household(new, building="7", room="101", people=(Person(name="赵强"),))
    backup = tmp_path / "w1-old.json"
    backup.write_bytes((tmp_path / "w1.json.v1.bak").read_bytes())
    one, two = tmp_path / "c1.json", tmp_path / "c2.json"
    merge_files([backup, old_path, new_path], one)
    merge_files([new_path, old_path, backup], two)
    assert one.read_bytes() == two.read_bytes()
    assert report_bytes(Book.open(one, readonly=True), D1) == report_bytes(opened, D1)
