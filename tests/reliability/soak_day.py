"""A worker's day played against the real gridbook in tmux (the memory soak's driver).

Every action is one thing a worker does, sent as keys, and waited for until the screen
shows it done, so the keys never run ahead of the app (a busy machine only makes the day
slower): switching screens, walking a list, searching the households for an address and
opening its record, ticking the record's first item, recording a test (its result
alternating pending and negative), adding an errand from the record, moving the oldest
open errand a step on, turning the Log's days, and typing a journal entry. What the app
showed as saved is noted, so the test can find all of it in the reopened book.
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tmux_driver import TuiInTmux

from store.book.book import Book
from store.book.models import ChecklistItem, Errand, ErrandStatus, Household, ItemKind, TestResult
from store.book.policy import item_id
from store.errand_rules import short_id

PLAIN = (ItemKind.GARBAGE, ItemKind.LETTER)  # ticked by space (others open a form)
RESULTS = [TestResult.PENDING, TestResult.NEGATIVE]  # Right pressed 0 or 1 times
NEXT_STATUS = {ErrandStatus.REQUESTED: ErrandStatus.ACCEPTED,
               ErrandStatus.ACCEPTED: ErrandStatus.BOUGHT,
               ErrandStatus.BOUGHT: ErrandStatus.DELIVERED}
ITEM_ROW = re.compile(r"^ \[( |x)\]  (\S+)", re.M)
ERRAND_ROW = re.compile(r"^ (\w{4})  +(requested|accepted|bought) ", re.M)


def prepare_targets(book_path: Path, today: date, wanted: int = 4) -> list[Household]:
    """Households whose record's first item today is ticked by space (a garbage or letter
    item); when the seeded day has too few, a garbage item is added to a few others."""
    book = Book.open(book_path)
    order = list(ItemKind)
    targets: list[Household] = []
    spare: list[Household] = []
    for household in sorted(book.all(Household), key=lambda h: h.address):
        items = sorted((i for i in book.items_on(today) if i.household == household.id),
                       key=lambda i: order.index(i.kind))
        if items and items[0].kind in PLAIN:
            targets.append(household)
        elif not items:
            spare.append(household)
    for household in spare[:max(0, wanted - len(targets))]:
        book.add(ChecklistItem(id=item_id(household.id, ItemKind.GARBAGE, today),
                               household=household.id, on=today, kind=ItemKind.GARBAGE))
        targets.append(household)
    return targets[:wanted]


@dataclass
class Day:
    """The day as the worker saw it: what was shown saved, and how long keys took."""

    tui: TuiInTmux
    targets: list[Household]
    today: date
    actions: int = 0
    visits: int = 0
    entries: list[str] = field(default_factory=list)  # journal entries shown saved
    ticks: dict[tuple[str, ItemKind], bool] = field(default_factory=dict)
    tests: dict[str, TestResult] = field(default_factory=dict)
    errands_added: list[str] = field(default_factory=list)  # their items text
    errand_steps: dict[str, ErrandStatus] = field(default_factory=dict)  # short id -> shown
    # seconds from the key to the screen showing its effect, by kind of action
    took: dict[str, list[float]] = field(default_factory=dict)
    after_each: Callable[[int], None] | None = None  # called with the action's number

    # one action ----------------------------------------------------------------------------
    def _done(self, kind: str, began: float) -> None:
        self.took.setdefault(kind, []).append(time.monotonic() - began)
        self.actions += 1
        if self.after_each is not None:
            self.after_each(self.actions)

    def _wait(self, test: Callable[[str], bool], what: str, timeout: float = 60.0) -> str:
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.tui.screen()
            if test(shown):
                return shown
            time.sleep(0.02)
        raise AssertionError(f"{what}: not shown; the screen shows:\n{shown}")

    def switch(self, key: str, tab: str) -> None:
        began = time.monotonic()
        self.tui.keys(key)
        self._wait(lambda s: f"[{key}{tab}]" in s.splitlines()[0] and "esc Back" not in s,
                   f"the {tab} screen")
        self._done("switch", began)

    def walk(self) -> None:
        began = time.monotonic()
        self.tui.keys("Down")
        time.sleep(0.03)
        self._done("walk", began)

    def search(self, household: Household) -> None:
        began = time.monotonic()
        self.tui.keys("/")
        self.tui.keys("C-u")  # the search field may still hold the last address
        self.tui.type(household.address)
        self._wait(lambda s: " 1/1" in s.splitlines()[1] and household.address in s
                   and s.count(household.address) >= 2, f"the search for {household.address}")
        self._done("search", began)

    def open_record(self, household: Household) -> None:
        began = time.monotonic()
        self.tui.keys("Enter")  # from the search field to the list
        time.sleep(0.05)
        self.tui.keys("Enter")
        self._wait(lambda s: "Household record" in s.splitlines()[0]
                   and household.address in s.splitlines()[1] and ITEM_ROW.search(s) is not None,
                   f"the record of {household.address}")
        self._done("open", began)

    def tick(self, household: Household) -> None:
        shown = self.tui.screen()
        mark, label = ITEM_ROW.findall(shown)[0]
        kind = next(k for k in PLAIN if label.startswith(k.value))
        began = time.monotonic()
        self.tui.keys("space")
        want = " " if mark == "x" else "x"
        self._wait(lambda s: (ITEM_ROW.findall(s) or [("", "")])[0] == (want, label)
                   and "✓ saved" in s, f"the tick of {label} at {household.address}")
        self.ticks[household.id, kind] = want == "x"
        self._done("tick", began)

    def test(self, household: Household) -> None:
        result = RESULTS[self.visits % len(RESULTS)]
        began = time.monotonic()
        self.tui.keys("t")
        self._wait(lambda s: "Record a test" in s, "the test form")
        self.tui.keys("Tab")  # from who was tested (everyone) to the result
        for _ in range(RESULTS.index(result)):
            self.tui.keys("Right")
        self._wait(lambda s: f"< {result.value} >" in s, f"the result {result.value}")
        self.tui.keys("Enter")
        self._wait(lambda s: "Record a test" not in s and "Test recorded" in s
                   and "✓ saved" in s, "the test saved")
        self.tests[household.id] = result
        self._done("test", began)

    def errand(self, household: Household) -> None:
        items = f"soak errand {self.visits}"
        began = time.monotonic()
        self.tui.keys("o")
        self._wait(lambda s: "New errand" in s, "the errand form")
        time.sleep(0.1)
        self.tui.type(items)
        self._wait(lambda s: items in s, "the errand's items typed")
        self.tui.keys("Enter")
        self._wait(lambda s: "New errand" not in s and "Errand added" in s and "✓ saved" in s,
                   "the errand saved")
        self.errands_added.append(items)
        self._done("errand", began)

    def back(self) -> None:
        began = time.monotonic()
        self.tui.keys("Escape")
        self._wait(lambda s: "Household record" not in s.splitlines()[0], "the record closed")
        self._done("back", began)

    def advance_errand(self) -> None:
        shown = self.tui.screen()
        rows = ERRAND_ROW.findall(shown)
        began = time.monotonic()
        if not rows:  # every errand done: a look at the list
            self._done("walk", began)
            return
        short, status = rows[0]
        following = NEXT_STATUS[ErrandStatus(status)]
        self.tui.keys("n")
        self._wait(lambda s: (ERRAND_ROW.findall(s) or [("", "")])[0] != (short, status)
                   and "✓ saved" in s, f"errand {short} moved on from {status}")
        self.errand_steps[short] = following
        self._done("errand", began)

    def turn_day(self, key: str) -> None:
        began = time.monotonic()
        before = self.tui.screen().splitlines()[1]
        self.tui.keys(key)
        self._wait(lambda s: s.splitlines()[1] != before, "the Log's day turned")
        self._done("day", began)

    def log_entry(self) -> None:
        text = f"soak {self.visits}"
        began = time.monotonic()
        self.tui.keys("a")
        self._wait(lambda s: "New log entry" in s, "the log entry form")
        self.took.setdefault("form", []).append(time.monotonic() - began)
        time.sleep(0.1)
        self.tui.type(text)
        self._wait(lambda s: f" {text} " in s, "the entry typed")
        began = time.monotonic()
        self.tui.keys("Enter")
        self.tui.wait_for_entry(text, timeout=60)
        self.took.setdefault("save", []).append(time.monotonic() - began)
        self.entries.append(text)
        self._done("entry", began)

    # a visit: sixteen actions ----------------------------------------------------------------
    def visit(self) -> None:
        household = self.targets[self.visits % len(self.targets)]
        self.switch("1", "Today")
        self.walk()
        self.switch("5", "Places")
        self.switch("3", "Households")
        self.search(household)
        self.open_record(household)
        self.tick(household)
        self.test(household)
        if self.visits % 3 == 0:
            self.errand(household)
        self.back()
        self.switch("4", "Errands")
        self.advance_errand()
        self.switch("2", "Log")
        self.log_entry()
        self.turn_day("[")
        self.turn_day("]")
        self.visits += 1

    # the book at the end -------------------------------------------------------------------
    def check_book(self, book_path: Path) -> None:
        """Everything the app showed saved is in the reopened book."""
        book = Book.open(book_path, readonly=True)
        texts = {e.text for e in book.log_on(self.today)}
        missing = [e for e in self.entries if e not in texts]
        assert not missing, f"journal entries shown saved are not in the book: {missing[:5]}"
        items = {(i.household, i.kind): i.done for i in book.items_on(self.today)}
        for key, done in self.ticks.items():
            assert items.get(key) is done, f"the last tick of {key} is not in the book"
        for household, result in self.tests.items():
            found = {t.result for t in book.tests_of(household) if t.on == self.today}
            assert found == {result}, f"the last test of {household}: {found} != {result}"
        errands = book.all(Errand)
        items_text = {e.items for e in errands}
        lost = [i for i in self.errands_added if i not in items_text]
        assert not lost, f"errands shown added are not in the book: {lost[:5]}"
        statuses: dict[str, set[ErrandStatus]] = {}
        for errand in errands:
            statuses.setdefault(short_id(errand.id), set()).add(errand.status)
        for short, status in self.errand_steps.items():
            assert status in statuses.get(short, set()), f"errand {short}'s step to {status}"


def median_of(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0
