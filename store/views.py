"""What a screen or report needs to show, computed from a book without touching the disk.

These functions read the book's in-memory records and indexes, so the Today screen on a
year of data costs what today has, not what the year has.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from store.book.book import Book
from store.book.models import (
    Category,
    ChecklistItem,
    Errand,
    Household,
    ItemKind,
    LogEntry,
    Quarantine,
    Status,
)


# what a worker sees of a book -------------------------------------------------------------
def looks_after(book: Book, household: Household | None) -> bool:
    """Whether the book's worker looks after `household` (an office file: every one).

    A household reassigned to another worker stays in the old worker's book (so a merge
    cannot bring it back), but it is no longer on their screens.
    """
    if household is None:
        return False
    return book.kind != "worker" or household.worker in ("", book.worker_id)


def households(book: Book) -> list[Household]:
    """The visible households the book's worker looks after."""
    return [h for h in book.all(Household) if looks_after(book, h)]


def errands(book: Book) -> list[Errand]:
    """The errands of the households the book's worker looks after."""
    households = {h.id: h for h in book.all(Household)}  # one read each, not one per errand
    return [e for e in book.all(Errand) if looks_after(book, households.get(e.household))]


@dataclass(frozen=True)
class Progress:
    """Today's checklist of one household: done of total."""

    done: int
    total: int

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.done == self.total


@dataclass(frozen=True)
class Today:
    """Everything due on one day across the grid."""

    on: date
    tests_due: list[tuple[Household, ChecklistItem]] = field(default_factory=list)
    releases_due: list[tuple[Household, ChecklistItem]] = field(default_factory=list)
    households_pending: list[tuple[Household, Progress]] = field(default_factory=list)
    errands_overdue: list[tuple[Household | None, Errand]] = field(default_factory=list)
    errands_due_today: list[tuple[Household | None, Errand]] = field(default_factory=list)


def _address_key(household: Household) -> tuple[str, str, str]:
    return (household.building.zfill(4), household.unit.zfill(4), household.room.zfill(6))


def progress_by_household(book: Book, on: date) -> dict[str, Progress]:
    """Each household's checklist progress on a day (only households with items)."""
    done: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for item in book.items_on(on):
        if item.kind == ItemKind.RELEASE or _ended(book, item):
            continue
        total[item.household] += 1
        done[item.household] += item.done
    return {hid: Progress(done[hid], total[hid]) for hid in total}


def _ended(book: Book, item: ChecklistItem) -> bool:
    """Whether an item's quarantine was released (or moved to monitoring) on or before its
    day: it is no longer to be done (a book from before releases dropped such items)."""
    if not item.quarantine:
        return False
    quarantine = book.get(Quarantine, item.quarantine)
    return quarantine is not None and quarantine.released_on is not None \
        and quarantine.released_on <= item.on and item.kind != ItemKind.RELEASE


def plan(book: Book, start: date, days: int) -> list[tuple[date, ItemKind, Household]]:
    """Tests and releases due from `start` for `days` days, by day then address: what
    Today shows when the worker looks at tomorrow or the week ahead."""
    found: list[tuple[date, ItemKind, Household]] = []
    for offset in range(days):
        on = start + timedelta(days=offset)
        rows = []
        for item in book.items_on(on):
            if item.done or item.kind not in (ItemKind.TEST, ItemKind.RELEASE) \
                    or _ended(book, item):
                continue
            household = book.get(Household, item.household)
            if household is not None and looks_after(book, household):
                rows.append((on, item.kind, household))
        rows.sort(key=lambda row: (row[1] != ItemKind.TEST, _address_key(row[2])))
        found.extend(rows)
    return found


def needs_said(book: Book, on: date) -> list[tuple[Household, ChecklistItem]]:
    """What households said they need when asked on `on` (需求询问), open ones (not yet
    an errand) first, then by address."""
    found = []
    for item in book.items_on(on):
        if item.kind != ItemKind.NEEDS or not item.note:
            continue
        household = book.get(Household, item.household)
        if household is not None and looks_after(book, household):
            found.append((household, item))
    found.sort(key=lambda pair: (bool(pair[1].errand), _address_key(pair[0])))
    return found


def today(book: Book, on: date, now: datetime | None = None) -> Today:
    """What is due on `on`: tests, releases, unfinished checklists, errands."""
    now = now or book.clock.now()
    view = Today(on=on)
    items = book.items_on(on)
    for item in sorted(items, key=lambda i: i.household):
        household = book.get(Household, item.household)
        if household is None or not looks_after(book, household) or item.done \
                or _ended(book, item):
            continue
        if item.kind == ItemKind.TEST:
            view.tests_due.append((household, item))
        elif item.kind == ItemKind.RELEASE:
            view.releases_due.append((household, item))
    for household, item in overdue_releases(book, on):
        view.releases_due.append((household, item))
    for hid, progress in progress_by_household(book, on).items():
        household = book.get(Household, hid)
        if household is not None and looks_after(book, household) and not progress.complete:
            view.households_pending.append((household, progress))
    view.households_pending.sort(key=lambda pair: _address_key(pair[0]))
    view.tests_due.sort(key=lambda pair: _address_key(pair[0]))
    view.releases_due.sort(key=lambda pair: _address_key(pair[0]))
    for errand in errands(book):
        if not errand.open:
            continue
        pair = (book.get(Household, errand.household), errand)
        if errand.due < now:
            view.errands_overdue.append(pair)
        elif errand.due.date() == on:
            view.errands_due_today.append(pair)
    view.errands_overdue.sort(key=lambda pair: pair[1].due)
    view.errands_due_today.sort(key=lambda pair: pair[1].due)
    return view


def overdue_releases(book: Book, on: date) -> list[tuple[Household, ChecklistItem]]:
    """Releases whose day has passed while the household is still in quarantine."""
    from store.book.policy import item_id

    found = []
    for quarantine in book.all(Quarantine):
        if quarantine.released_on is not None or quarantine.end >= on:
            continue
        household = book.get(Household, quarantine.household)
        if household is None or household.status != Status.QUARANTINE \
                or not looks_after(book, household):
            continue
        item = book.get(ChecklistItem, item_id(household.id, ItemKind.RELEASE, quarantine.end))
        if item is not None and not item.done:
            found.append((household, item))
    return found


def sorted_households(households: list[Household]) -> list[Household]:
    """Households in address order (building, unit, room)."""
    return sorted(households, key=_address_key)


def log_counts(entries: list[LogEntry]) -> dict[Category, int]:
    """How many journal entries fall in each of the five-in-place categories."""
    counts = Counter(entry.category for entry in entries)
    return {category: counts.get(category, 0) for category in Category}


def quarantine_day(quarantine: Quarantine | None, on: date) -> tuple[int, int] | None:
    """(N, M): day N of an M-day quarantine on `on` (M on the release day and after, when
    an overdue release is listed on Today instead), or None before it starts."""
    if quarantine is None or not quarantine.start <= on:
        return None
    return (min(quarantine.day_number(on), quarantine.length), quarantine.length)


def errand_queue(errands: list[Errand], now: datetime) -> list[Errand]:
    """Overdue first, then by due time; done and cancelled last."""
    return sorted(errands, key=lambda e: (not e.overdue(now), not e.open, e.due))


def money_outstanding(errands: list[Errand]) -> tuple[int, int]:
    """(advanced, not yet repaid) in fen over the given errands (cancelled ones excluded)."""
    from store.book.models import ErrandStatus

    live = [e for e in errands if e.status != ErrandStatus.CANCELLED]
    advanced = sum(e.advanced for e in live)
    return advanced, sum(max(0, e.advanced - e.repaid) for e in live)
