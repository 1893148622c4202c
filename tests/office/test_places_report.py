"""The report's places and rounds against hand counts on a small book (issue 15).

The book, built through store.places on fixed days (D = 2022-03-21):
  households 3栋1单元101, 3栋2单元201, 5栋1单元101: building 3 has 2 units, building 5 has 1
  万家超市 supermarket, registered D-2 open, limited from D; inspected D-1: limit failed
           ("排队太密"), masks failed, the rest passed; followed up on D: limit passed,
           masks failed again ("仍有人未戴")
  康乐养老院 old people's home, registered D-1 under closed management; inspected D:
           closed management failed ("家属探视"); followed up D+1: passed
  小明辅导班 tutoring class, registered D closed
  东门     gate, registered D-2 open
  新药店   pharmacy, registered D+1 (not there yet on D)
  rounds on D: building 3 and the east gate disinfected, building 5 not (it is on D+1);
  notice "紧急排查通知" issued on D for 3 unit doors and the gate; building 3 posted on D,
  the gate on D+1.
By hand, on D: places open 1 (gate), limited 1, closed management 1, closed 1, total 4;
failed and not passed: 超市 masks since D-1 (1 day), 养老院 closed management since D (0);
rounds: building 3 2/2, building 5 0/1 with 1 door to post, gate 1/1 with 1 door to post.
On D-1: open 2 (supermarket, gate), closed management 1, total 3; failed: limit and masks.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import orjson
import pytest
from office_helpers import gridbook

from store import actions, places
from store.book.book import Book
from store.book.clock import FixedClock
from store.book.models import Person, PlaceKind, PlaceState, Worker

D = date(2022, 3, 21)


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour))


@pytest.fixture(scope="module")
def small_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("places") / "book.json"
    clock = FixedClock(at(D - timedelta(2)))
    book = Book.create(path, Worker(id="w1", name="张丽", grid="第3网格"), clock=clock)

    def on(day: date) -> Book:
        """The book, writing on `day` (each write records the worker's local day)."""
        clock.set(at(day))
        return book

    on(D - timedelta(2))
    for building, unit, room in (("3", "1", "101"), ("3", "2", "201"), ("5", "1", "101")):
        actions.add_household(book, building=building, unit=unit, room=room,
                              people=(Person(name="住户"),))
    shop = places.add_place(on(D - timedelta(2)), name="万家超市", kind=PlaceKind.SUPERMARKET,
                            on=D - timedelta(2))
    home = places.add_place(on(D - timedelta(1)), name="康乐养老院", kind=PlaceKind.ELDERLY_HOME,
                            on=D - timedelta(1), state=PlaceState.CLOSED_MANAGEMENT)
    places.add_place(on(D), name="小明辅导班", kind=PlaceKind.TUTORING, on=D,
                     state=PlaceState.CLOSED)
    gate = places.add_place(on(D - timedelta(2)), name="东门", kind=PlaceKind.GATE,
                            on=D - timedelta(2))
    places.add_place(on(D + timedelta(1)), name="新药店", kind=PlaceKind.PHARMACY,
                     on=D + timedelta(1))
    places.set_place_state(on(D), shop.id, PlaceState.LIMITED, D)
    places.inspect_place(on(D - timedelta(1)), shop.id, {
        "scan_station": (True, ""), "limit": (False, "排队太密"), "temperature": (True, ""),
        "code_check": (True, ""), "masks": (False, "")}, D - timedelta(1), "09:00")
    places.inspect_place(on(D), shop.id, {"limit": (True, ""), "masks": (False, "仍有人未戴")},
                         D, "15:00")
    places.inspect_place(on(D), home.id, {"closed_management": (False, "家属探视"),
                                          "temperature": (True, ""), "masks": (True, "")},
                         D, "10:00")
    places.inspect_place(on(D + timedelta(1)), home.id, {"closed_management": (True, "")},
                         D + timedelta(1), "10:00")
    places.tick_round(on(D), "b:3", D, now=at(D))
    places.tick_round(on(D), f"p:{gate.id}", D, now=at(D))
    places.tick_round(on(D + timedelta(1)), "b:5", D + timedelta(1), now=at(D + timedelta(1)))
    places.issue_notice(on(D), "紧急排查通知", D)
    places.tick_posted(on(D), "b:3", D, now=at(D, 16))
    places.tick_posted(on(D + timedelta(1)), f"p:{gate.id}", D + timedelta(1),
                       now=at(D + timedelta(1), 9))
    return path


def report(path: Path, day: date, tz: str = "") -> dict:
    import os

    env_tz = {"TZ": tz} if tz else {}
    old = {k: os.environ.get(k) for k in env_tz}
    os.environ.update(env_tz)
    try:
        done = gridbook("report", str(path), "--date", day.isoformat(), "--format", "json",
                        "--lang", "en")
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    assert done.returncode == 0, done.stderr.decode()
    return orjson.loads(done.stdout)


def test_places_by_state_failed_checks_and_rounds_match_hand_counts(small_book: Path) -> None:
    before = small_book.read_bytes()
    got = report(small_book, D)
    by_kind = {r["kind"]: r for r in got["places"]}
    assert by_kind["supermarket"]["place_limited"] == 1
    assert by_kind["old people's home"]["place_closed_management"] == 1
    assert by_kind["tutoring class"]["place_closed"] == 1
    assert by_kind["gate"]["place_open"] == 1
    assert "pharmacy" not in by_kind  # registered the day after
    assert {k: v for k, v in got["places"][-1].items() if k != "kind"} == {
        "place_open": 1, "place_limited": 1, "place_closed_management": 1, "place_closed": 1,
        "places_total": 4}
    failures = sorted((r["place"], r["check"], r["failed_on"], r["days_open"], r["note"])
                      for r in got["place_failures"])
    assert failures == [("万家超市", "masks", "2022-03-20", 1, "仍有人未戴"),
                        ("康乐养老院", "closed management", "2022-03-21", 0, "家属探视")]
    rounds = {r["area"]: (r["units"], r["disinfected"], r["not_disinfected"], r["notices_open"])
              for r in got["rounds"]}
    assert rounds == {"Building 3": (2, 2, 0, 0), "Building 5": (1, 0, 1, 1),
                      "东门": (1, 1, 0, 1), "Total": (4, 3, 1, 2)}
    assert small_book.read_bytes() == before


def test_a_past_day_reads_as_it_stood_after_later_work(small_book: Path) -> None:
    got = report(small_book, D - timedelta(1))
    assert {k: v for k, v in got["places"][-1].items() if k != "kind"} == {
        "place_open": 2, "place_limited": 0, "place_closed_management": 1, "place_closed": 0,
        "places_total": 3}
    assert sorted(r["check"] for r in got["place_failures"]) == ["limit", "masks"]
    assert got["rounds"][-1]["disinfected"] == 0 and got["rounds"][-1]["notices_open"] == 0
    after = report(small_book, D + timedelta(1))
    assert [(r["place"], r["check"]) for r in after["place_failures"]] == [("万家超市", "masks")]
    assert {r["area"]: r["disinfected"] for r in after["rounds"]}["Building 5"] == 1


def test_the_same_figures_in_another_time_zone(small_book: Path) -> None:
    here = report(small_book, D, "Asia/Shanghai")
    there = report(small_book, D, "America/New_York")
    assert {k: here[k] for k in ("places", "place_failures", "rounds")} == \
        {k: there[k] for k in ("places", "place_failures", "rounds")}


def test_every_export_carries_the_new_sections(small_book: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "r.xlsx"
    done = gridbook("report", str(small_book), "--date", D.isoformat(), "--format", "xlsx",
                    "-o", str(out), "--lang", "zh")
    assert done.returncode == 0, done.stderr.decode()
    workbook = load_workbook(out)
    assert workbook.sheetnames[-3:] == ["场所", "未整改", "消杀张贴"]
    rounds = list(workbook["消杀张贴"].iter_rows(values_only=True))
    rounds = rounds[next(i for i, row in enumerate(rounds) if row[0] == "区域"):]  # after the title
    assert rounds[0] == ("区域", "单元/处", "已消杀", "未消杀", "待张贴")
    assert rounds[-1] == ("合计", 4, 3, 1, 2)
    csv_out = gridbook("report", str(small_book), "--date", D.isoformat(), "--format", "csv",
                       "--lang", "zh").stdout.decode("utf-8-sig")
    assert "排查未通过、尚未整改 2022-03-21" in csv_out and "家属探视" in csv_out
    text = gridbook("report", str(small_book), "--date", D.isoformat(), "--lang", "zh")
    assert "消杀与张贴 2022-03-21" in text.stdout.decode()


def test_a_workers_slice_carries_their_places_and_rounds(small_book: Path) -> None:
    from store.office.slice import slice_for

    data = Book.open(small_book, readonly=True).raw()
    mine = slice_for(data, "w1")
    for table in ("places", "inspections", "rounds"):
        assert mine[table] == data[table] and mine[table]
    other = slice_for(data, "w2")
    assert not other["places"] and not other["inspections"] and not other["rounds"]
