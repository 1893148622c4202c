"""`gridbook seed` makes realistic, deterministic books of any size."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from store.book.book import Book
from store.book.models import Household, Quarantine, Status


def _seed(path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui.cli", "seed", str(path), "--worker", "w07",
                           "--today", "2022-03-21", *extra], capture_output=True, text=True,
                          timeout=120)


def test_same_arguments_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    for path in (first, second):
        assert _seed(path, "--households", "12", "--days", "40", "--seed", "5").returncode == 0
    assert first.read_bytes() == second.read_bytes()
    other = tmp_path / "c.json"
    _seed(other, "--households", "12", "--days", "40", "--seed", "6")
    assert other.read_bytes() != first.read_bytes()


def test_year_scale_book(tmp_path: Path) -> None:
    path = tmp_path / "year.json"
    result = _seed(path, "--households", "60", "--days", "365")
    assert result.returncode == 0, result.stderr
    book = Book.open(path, readonly=True)
    records = sum(len(t) for name, t in book.raw().items() if name != "_meta")
    assert records >= 20_000
    assert book.set_aside == []
    households = book.all(Household)
    assert len(households) == 60
    assert all("栋" in h.address for h in households)
    statuses = {h.status for h in households}
    assert Status.QUARANTINE in statuses and Status.RELEASED in statuses
    starts = {q.start for q in book.all(Quarantine)}
    assert min(starts) < date(2021, 6, 1) and max(starts) > date(2022, 3, 1)


def test_seed_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text("mine")
    result = _seed(path)
    assert result.returncode == 1 and "already exists" in result.stderr
    assert path.read_text() == "mine"


def test_bad_numbers_get_a_sentence(tmp_path: Path) -> None:
    result = _seed(tmp_path / "a.json", "--households", "0")
    assert result.returncode == 2 and "--households must be" in result.stderr
    assert not (tmp_path / "a.json").exists()


def test_no_stamp_is_later_than_the_periods_last_day() -> None:
    from datetime import datetime

    from store.book import crdt
    from store.book.clock import stamp_ms
    from store.seed import build_seed_data

    end_of_today = datetime(2022, 3, 22).timestamp() * 1000
    for seed in range(1, 6):
        data = build_seed_data("w07", households=60, days=30, seed=seed, today=date(2022, 3, 21))
        newest = max(crdt.max_stamp(r) for name, t in data.items() if name != "_meta"
                     for r in t.values())
        assert stamp_ms(newest) <= end_of_today, f"seed {seed}"


def test_seed_is_the_same_in_every_time_zone_with_own_grids(tmp_path) -> None:
    """The same arguments give the same bytes whatever the machine's time zone; grids are
    numbered from the worker's id and each grid has its own buildings (issue 12 #9)."""
    import os
    import subprocess
    import sys


    blobs = []
    for zone in ("UTC", "Asia/Shanghai", "America/Los_Angeles"):
        path = tmp_path / f"{zone.replace('/', '_')}.json"
        done = subprocess.run([sys.executable, "-m", "tui.cli", "seed", str(path), "--worker",
                               "w03", "--households", "6", "--days", "10", "--today",
                               "2022-03-14"], capture_output=True, timeout=60,
                              env=os.environ | {"TZ": zone})
        assert done.returncode == 0, done.stderr
        blobs.append(path.read_bytes())
    assert blobs[0] == blobs[1] == blobs[2]
    buildings = {}
    for worker in ("w03", "w04"):
        from store.seed import build_seed_data

        data = build_seed_data(worker, households=24, days=5, seed=1, today=date(2022, 3, 14))
        grid = data["workers"][worker]["fields"]["grid"][-1][0]
        buildings[grid] = {raw["fields"]["building"][-1][0] for raw in data["households"].values()}
    assert buildings == {"第3网格": {"5", "6"}, "第4网格": {"7", "8"}}
