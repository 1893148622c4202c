"""`gridbook assign`: the office reassigns households; the old worker's book lets them go at
the next slice and merge; money stays with whoever advanced it (issue 12 #1, #3)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import orjson
import pytest
from office_helpers import gridbook

from store import actions, views
from store.book.book import Book
from store.book.clock import FixedClock
from store.book.models import Household, Person, Worker

TODAY = date.today()


def make_books(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, str]:
    """Two workers' books written two days ago; w01 has two households, one with an errand
    w01 paid for."""
    clock = FixedClock(datetime.combine(TODAY - timedelta(days=2), time(9)))
    w01, w02 = tmp_path / "w01.json", tmp_path / "w02.json"
    one = Book.create(w01, Worker(id="w01", name="张丽", community="瑞明社区", grid="第1网格"),
                      clock=clock)
    home = actions.add_household(one, building="3", unit="2", room="501",
                                 people=(Person(name="王伟"),))
    actions.add_household(one, building="3", unit="2", room="502", people=(Person(name="李强"),))
    actions.start_quarantine(one, home.id, TODAY - timedelta(days=2))
    actions.add_errand(one, home.id, "大米", datetime.combine(TODAY, time(18)), advanced=3550)
    two = Book.create(w02, Worker(id="w02", name="李娜", community="瑞明社区", grid="第2网格"),
                      clock=clock)
    actions.add_household(two, building="7", room="101", people=(Person(name="赵强"),))
    return w01, w02, home.id


def summary(path: Path, *extra: str) -> dict[str, dict]:
    done = gridbook("report", str(path), "--format", "json", *extra)
    assert done.returncode == 0, done.stderr.decode()
    return {row["worker"] or "total": row for row in orjson.loads(done.stdout)["summary"]}


def test_assign_moves_a_household_and_the_old_book_lets_it_go(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    w01, w02, home = make_books(tmp_path, monkeypatch)
    community = tmp_path / "community.json"
    assert gridbook("merge", str(w01), str(w02), "-o", str(community)).returncode == 0
    done = gridbook("assign", str(community), "3栋2单元501", "--worker", "w02")
    assert done.returncode == 0, done.stderr.decode()
    assert "Households now worker w02's (李娜): 1; already theirs: 0." in done.stdout.decode()
    office = Book.open(community, readonly=True)
    assert office.require(Household, home).worker == "w02"
    rows = summary(community)
    assert (rows["w01"]["households"], rows["w02"]["households"]) == (1, 2)
    # the money stays with w01, who advanced it, though the household is w02's now
    assert rows["w01"]["money_outstanding"] == "35.50"
    assert rows["w02"]["money_outstanding"] == "0.00"
    # yesterday's report still shows the household as w01's
    yesterday = summary(community, "--date", (TODAY - timedelta(days=1)).isoformat())
    assert (yesterday["w01"]["households"], yesterday["w02"]["households"]) == (2, 1)
    for worker, book in (("w01", w01), ("w02", w02)):
        part = tmp_path / f"slice-{worker}.json"
        assert gridbook("slice", str(community), "--worker", worker, "-o",
                        str(part)).returncode == 0
        done = gridbook("merge", str(book), str(part), "-o", str(book))
        assert done.returncode == 0, done.stderr.decode()
    old = Book.open(w01, readonly=True)
    assert [h.address for h in views.households(old)] == ["3栋2单元502"]
    new = Book.open(w02, readonly=True)
    assert sorted(h.address for h in views.households(new)) == ["3栋2单元501", "7栋101"]
    assert new.current_quarantine(home) is not None and new.errands_of(home)


def test_assign_a_building_and_bad_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    w01, w02, _ = make_books(tmp_path, monkeypatch)
    community = tmp_path / "community.json"
    gridbook("merge", str(w01), str(w02), "-o", str(community))
    before = community.read_bytes()
    for args, words in ((["3栋9单元999"], "No household matches"),
                        (["--building", "99"], "no households in building 99"),
                        ([], "Name the households")):
        done = gridbook("assign", str(community), *args, "--worker", "w02")
        assert done.returncode == 1 and words in done.stderr.decode(), done.stderr.decode()
    done = gridbook("assign", str(community), "3栋2单元501", "--worker", "w09")
    assert done.returncode == 1 and "has no worker w09 (it has: w01 张丽, w02 李娜)" in \
        done.stderr.decode()
    assert community.read_bytes() == before
    done = gridbook("assign", str(community), "--building", "3", "--worker", "w02")
    assert done.returncode == 0 and "Households now worker w02's (李娜): 2;" in done.stdout.decode()
    rows = summary(community)
    assert (rows["w01"]["households"], rows["w02"]["households"]) == (0, 3)
    assert not (tmp_path / "community.json.lock").exists()


def test_quick_capture_to_a_moved_household_says_so(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    w01, w02, home = make_books(tmp_path, monkeypatch)
    community = tmp_path / "community.json"
    gridbook("merge", str(w01), str(w02), "-o", str(community))
    gridbook("assign", str(community), home, "--worker", "w02")
    part = tmp_path / "slice.json"
    gridbook("slice", str(community), "--worker", "w01", "-o", str(part))
    assert gridbook("merge", str(w01), str(part), "-o", str(w01)).returncode == 0
    before = w01.read_bytes()
    errand = Book.open(w01, readonly=True).errands_of(home)[0].id
    for args in (["log", "add", "送药", "--household", "3栋2单元501"],
                 ["errand", "add", "--household", "3栋2单元501", "--items", "牛奶"],
                 ["errand", "set", errand, "accepted"]):
        done = gridbook(*args, "--data", str(w01))
        assert done.returncode == 1, done.stdout.decode()
        assert done.stderr.decode().strip() == ("3栋2单元501 王伟 is now looked after by worker "
                                                "w02, no longer on your list; nothing "
                                                "was recorded.")
    assert w01.read_bytes() == before
    assert gridbook("log", "add", "送药", "--household", "3栋2单元502", "--data",
                    str(w01)).returncode == 0
