"""Item 6 of issue 17: residents' numbers in free text, and the audit of `--full`.

A short phone number (8456123), a landline with its area code, a mobile number and an
ID number typed into a note, a journal entry, an errand's items or a person's origin are
masked in every output made without `--full`: the report in every format, `--conflicts`,
`--duplicates`, the merge summary, the printed round sheet and record booklet, `check`.
Every use of `--full` adds one line to the audit file in the user's state folder (0600 in
a 0700 folder): who, when, which file, which output.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from reliability_kit import small_book

from store import actions
from store.book.book import Book
from store.book.models import Errand, Household, LogEntry, Person
from store.office.merge_files import merge_files
from store.office.privacy import mask_text
from tui.cli import main

SHORT, LANDLINE, MOBILE, ID_IN_TEXT = "8456123", "0431-8456124", "13955556666", "22080219970912123X"
SECRETS = (SHORT, "8456124", MOBILE, ID_IN_TEXT, "19970912")
DAY = "2022-03-12"


def test_mask_text_finds_every_kind_of_number() -> None:
    text = f"电话{SHORT}，座机{LANDLINE}，手机 {MOBILE}，身份证{ID_IN_TEXT}。3栋2单元501，邮编130000，¥12.50"
    masked = mask_text(text)
    assert not any(secret in masked for secret in SECRETS), masked
    assert "3栋2单元501" in masked and "130000" in masked and "¥12.50" in masked
    assert mask_text("2022-03-12 10:00") == "2022-03-12 10:00"


def _numbers_everywhere(tmp_path: Path) -> tuple[Path, Path]:
    """A worker's book and a copy edited concurrently, so the merge has conflicts on a
    note, a journal text and an errand's items, each holding residents' numbers."""
    path = tmp_path / "w01.json"
    book = small_book(path)
    household = book.all(Household)[0]
    book.update(Household, household.id, phone=SHORT, note="call 7 digits",
                people=(Person(name="李明", phone=SHORT, origin=f"上海 {MOBILE}",
                               id_number="110101199003074514"),))
    actions.add_household(book, building="3", unit="2", room="501", phone="1",
                          people=(Person(name="李明"),))  # a possible duplicate
    entry = actions.add_log(book, "first text", on=date(2022, 3, 12), at="10:00",
                            household=household.id)
    errand = actions.add_errand(book, household.id, "milk", due=datetime(2022, 3, 12, 18))
    copy = tmp_path / "copy.json"
    shutil.copyfile(path, copy)
    Book.open(path).update(Household, household.id, note=f"身份证{ID_IN_TEXT} 电话{SHORT}")
    other = Book.open(copy)
    other.update(Household, household.id, note=f"座机{LANDLINE}")
    other.update(LogEntry, entry.id, text=f"回电 {MOBILE}，身份证{ID_IN_TEXT}")
    Book.open(path).update(LogEntry, entry.id, text=f"回电 {SHORT}")
    other.update(Errand, errand.id, items=f"药，找{SHORT}")
    Book.open(path).update(Errand, errand.id, items=f"药，找 {LANDLINE}")
    community = tmp_path / "community.json"
    merge_files([path, copy], community)
    return path, community


def _run(capfd: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(["--lang", "en", *argv])
    said = capfd.readouterr()
    assert code in (0, 1), said.err
    return said.out + said.err


@pytest.fixture
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's state folder (where the audit goes), in the test's own folder."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state" / "gridbook"


def test_no_output_without_full_shows_a_number(tmp_path: Path, state: Path,
                                               capfd: pytest.CaptureFixture[str]) -> None:
    from openpyxl import load_workbook

    book, community = _numbers_everywhere(tmp_path)
    shown: dict[str, str] = {}
    for name, source in (("book", book), ("community", community)):
        shown[f"{name} report"] = _run(capfd, "report", str(source), "--date", DAY)
        shown[f"{name} conflicts"] = _run(capfd, "report", str(source), "--conflicts")
        shown[f"{name} duplicates"] = _run(capfd, "report", str(source), "--duplicates")
        shown[f"{name} check"] = _run(capfd, "check", str(source))
        for fmt in ("csv", "json"):
            shown[f"{name} {fmt}"] = _run(capfd, "report", str(source), "--date", DAY,
                                          "--format", fmt)
            shown[f"{name} conflicts {fmt}"] = _run(capfd, "report", str(source),
                                                    "--conflicts", "--format", fmt)
        xlsx = tmp_path / f"{name}.xlsx"
        _run(capfd, "report", str(source), "--conflicts", "--format", "xlsx", "-o", str(xlsx))
        shown[f"{name} xlsx"] = " ".join(str(c.value) for ws in load_workbook(xlsx)
                                         for row in ws.iter_rows() for c in row)
    shown["merge summary"] = _run(capfd, "merge", str(book), str(tmp_path / "copy.json"),
                                  "-o", str(tmp_path / "again.json"))
    assert "conflict" in shown["merge summary"] and "回电" in shown["community conflicts"]
    if shutil.which("pdftotext"):
        for what in ("round", "record"):
            pdf = tmp_path / f"{what}.pdf"
            argv = ["print", what, str(community), "-o", str(pdf)]
            _run(capfd, *(argv + (["--date", DAY] if what == "round" else [])))
            shown[f"print {what}"] = subprocess.run(["pdftotext", str(pdf), "-"],
                                                    capture_output=True, check=True).stdout.decode()
        assert "药" in shown["print round"]
    leaks = {where: [s for s in SECRETS if s in text] for where, text in shown.items()}
    assert not any(leaks.values()), {k: v for k, v in leaks.items() if v}
    assert not state.exists() or not (state / "audit.log").exists()  # no --full, no audit

    whole = _run(capfd, "report", str(community), "--conflicts", "--full")
    assert SHORT in whole and MOBILE in whole and ID_IN_TEXT in whole


def test_every_use_of_full_is_recorded_privately(tmp_path: Path, state: Path,
                                                 capfd: pytest.CaptureFixture[str]) -> None:
    book, community = _numbers_everywhere(tmp_path)
    old = os.umask(0)  # a careless umask changes nothing
    try:
        _run(capfd, "report", str(community), "--conflicts", "--full")
        out = tmp_path / "full.csv"
        _run(capfd, "report", str(book), "--date", DAY, "--format", "csv", "-o", str(out), "--full")
    finally:
        os.umask(old)
    audit = state / "audit.log"
    assert stat.S_IMODE(os.stat(audit).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(state).st_mode) == 0o700
    lines = [json.loads(line) for line in audit.read_text().splitlines()]
    assert len(lines) == 2
    first, second = lines
    assert first["file"] == str(community.resolve()) and "--conflicts" in first["output"]
    assert second["file"] == str(book.resolve()) and str(out) in second["output"]
    assert first["who"] and first["uid"] == os.geteuid()
    assert datetime.fromisoformat(first["when"]).tzinfo is not None
    if shutil.which("pdftotext"):
        pdf = tmp_path / "round.pdf"
        _run(capfd, "print", "round", str(community), "--date", DAY, "-o", str(pdf), "--full")
        assert len(audit.read_text().splitlines()) == 3


def test_full_shows_nothing_when_its_use_cannot_be_recorded(
        tmp_path: Path, state: Path, capfd: pytest.CaptureFixture[str]) -> None:
    _, community = _numbers_everywhere(tmp_path)
    state.parent.mkdir(parents=True)
    state.mkdir(mode=0o777)
    os.chmod(state, 0o777)  # a folder another user could swap files in: never written
    said = _run(capfd, "report", str(community), "--conflicts", "--full")
    assert SHORT not in said and MOBILE not in said and "could not be written" in said
    assert not (state / "audit.log").exists()
