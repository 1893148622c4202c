"""The grid as it stood at the end of a day (DESIGN.md "Truth over time").

A report for day D reads what each record says happened on or before D, in the worker's
local day written on the step itself: a household's registration day, whom it was assigned
to since when, its status changes, a quarantine's end as it stood (its changes), a test's
day, a checklist item's done time, an errand's steps (accepted, bought, delivered,
cancelled, money advanced and repaid, with who did it). Merge stamps order writes; they are
never read here as the time something happened, except to derive what an old record (made
before steps were kept) can tell: its errand status and repayment days and who wrote them.

Work recorded later never changes what these functions say about an earlier day, as long
as it is recorded as it happens (a step undone later stays, marked with the day it was
undone; a quarantine changed later keeps its old end in its changes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from store.book.clock import day_of
from store.book.models import (
    ERRAND_OPEN,
    ChecklistItem,
    Errand,
    ErrandStatus,
    ErrandStep,
    Household,
    Quarantine,
    Status,
)

if TYPE_CHECKING:
    from store.book.book import Book

LONG_AGO = date(1970, 1, 1)


def clock_parts(when: datetime) -> tuple[date, str]:
    """(local day, "HH:MM:SS") of a moment on the worker's clock."""
    return when.date(), when.strftime("%H:%M:%S")


# households ------------------------------------------------------------------------------------
def exists_on(household: Household, on: date) -> bool:
    """Registered by the end of `on` (an old record without its day: always)."""
    return household.added_on is None or household.added_on <= on


def worker_on(household: Household, on: date) -> str:
    """Who looked after the household at the end of `on`."""
    shown = ""
    for assignment in household.assignments:
        if assignment.on <= on:
            shown = assignment.worker
    if shown:
        return shown
    if household.assignments:  # before its first recorded assignment: the first one's worker
        return household.assignments[0].worker
    return household.worker


def status_on(household: Household, quarantines: list[Quarantine], on: date) -> Status:
    """The household's status at the end of `on`: in quarantine while a quarantine that had
    started by then was not yet released; otherwise its last status change by then."""
    started = sorted((q for q in quarantines if q.start <= on), key=lambda q: (q.start, q.id))
    if started and (started[-1].released_on is None or started[-1].released_on > on):
        return Status.QUARANTINE
    changes = [c for c in household.status_changes if c.on <= on]
    if changes and changes[-1].status != Status.QUARANTINE:
        return changes[-1].status
    if started:  # released, from a record without its status history
        return (household.status if household.status in (Status.MONITORING, Status.RELEASED)
                else Status.MONITORING)
    if household.status_changes or quarantines:
        return household.status_changes[0].status if household.status_changes and \
            household.status_changes[0].on <= on else Status.NORMAL
    return household.status


def end_on(quarantine: Quarantine, on: date) -> date:
    """A quarantine's planned end as it stood at the end of `on`."""
    for change in quarantine.changes:
        if change.on > on:
            return change.old_end
    return quarantine.end


def released_on(quarantine: Quarantine, on: date) -> date | None:
    released = quarantine.released_on
    return released if released is not None and released <= on else None


def active_on(quarantine: Quarantine, on: date) -> bool:
    """In quarantine at the end of `on` (started, not released; an overdue release counts)."""
    return quarantine.start <= on and released_on(quarantine, on) is None


def done_on(item: ChecklistItem, on: date) -> bool:
    """Ticked by the end of `on` (an old tick without its time counts as it stands)."""
    if not item.done:
        return False
    return item.done_at is None or item.done_at.date() <= on


# errands ---------------------------------------------------------------------------------------
def _raw_entry(raw: dict | None, name: str) -> list | None:
    entries = (raw or {}).get("fields", {}).get(name) if isinstance(raw, dict) else None
    return entries[-1] if entries else None


def errand_steps(book: Book, errand: Errand) -> tuple[ErrandStep, ...]:
    """The errand's steps; for one written before steps were kept, what can be derived."""
    household = book.get(Household, errand.household)
    return derived_steps(errand, book.raw_record(Errand.TABLE, errand.id),
                         household.worker if household is not None else "")


def derived_steps(errand: Errand, raw: dict | None, owner: str = "") -> tuple[ErrandStep, ...]:
    """The errand's steps. For an errand written before steps were kept, or changed since by
    a version that did not keep them, what its fields can tell: its creation (with the money
    advanced, by the book that wrote it), then its status, amount and repayment as they
    stand, on the days the writer's clock gave them."""
    steps = list(errand.steps)
    if not steps:
        created_on, created_at = clock_parts(errand.created)
        advanced_by = _raw_entry(raw, "advanced")
        steps.append(ErrandStep(kind=ErrandStatus.REQUESTED.value, on=created_on,
                                at=created_at, worker=_writer(advanced_by, owner),
                                status=ErrandStatus.REQUESTED, advanced=errand.advanced))
    live = [s for s in steps if s.undone_on is None]
    last_day = max(s.on for s in steps)
    status = ErrandStatus.REQUESTED
    for step in live:
        if step.status is not None:
            status = step.status
    if status != errand.status:
        entry = _raw_entry(raw, "status")
        steps.append(ErrandStep(kind=errand.status.value, on=_stamp_day(entry, last_day),
                                worker=_writer(entry, owner), status=errand.status))
    advanced = sum(s.advanced for s in live)
    if advanced != errand.advanced:
        entry = _raw_entry(raw, "advanced")
        steps.append(ErrandStep(kind="edited", on=_stamp_day(entry, last_day),
                                worker=_writer(entry, owner), advanced=errand.advanced - advanced))
    repaid = sum(s.repaid for s in live)
    if repaid != errand.repaid:
        entry = _raw_entry(raw, "repaid")
        steps.append(ErrandStep(kind="repaid", on=_stamp_day(entry, last_day),
                                worker=_writer(entry, owner), repaid=errand.repaid - repaid))
    return tuple(steps)


def _stamp_day(entry: list | None, fallback: date) -> date:
    if entry and type(entry[1]) is int and entry[1] > 0:
        try:
            return max(day_of(entry[1]), fallback)
        except (OverflowError, OSError, ValueError):
            return fallback
    return fallback


def _writer(entry: list | None, fallback: str) -> str:
    return entry[3] if entry and isinstance(entry[3], str) else fallback


def live_steps(steps: tuple[ErrandStep, ...], on: date) -> list[ErrandStep]:
    """The steps taken by the end of `on` and not undone by then."""
    return [s for s in steps if s.on <= on and (s.undone_on is None or s.undone_on > on)]


@dataclass
class ErrandOn:
    """An errand as it stood at the end of a day."""

    status: ErrandStatus
    delivered_on: date | None
    advanced: dict[str, int] = field(default_factory=dict)  # by the worker who advanced it
    outstanding: dict[str, int] = field(default_factory=dict)

    @property
    def open(self) -> bool:
        return self.status in ERRAND_OPEN


def errand_on(steps: tuple[ErrandStep, ...], on: date) -> ErrandOn | None:
    """The errand at the end of `on`, or None when it had not been asked for yet. Money
    belongs to whoever advanced it; repayments pay back the earliest advances first."""
    live = live_steps(steps, on)
    if not live:
        return None
    status = ErrandStatus.REQUESTED
    delivered: date | None = None
    for step in live:
        if step.status is not None:
            status = step.status
            delivered = step.on if step.status == ErrandStatus.DELIVERED else None
    result = ErrandOn(status, delivered)
    if status == ErrandStatus.CANCELLED:
        return result
    owed: list[list] = []  # [worker, amount], in the order advanced
    for step in live:
        if step.advanced > 0:
            owed.append([step.worker, step.advanced])
        elif step.advanced < 0:  # an amount corrected down: the last advances first
            cut = -step.advanced
            for entry in reversed(owed):
                taken = min(cut, entry[1])
                entry[1] -= taken
                cut -= taken
    for worker, amount in owed:
        result.advanced[worker] = result.advanced.get(worker, 0) + amount
    paid = max(0, sum(step.repaid for step in live))
    for entry in owed:  # repayments pay back the earliest advances first
        taken = min(paid, entry[1])
        entry[1] -= taken
        paid -= taken
    for worker, amount in owed:
        result.outstanding[worker] = result.outstanding.get(worker, 0) + max(0, amount)
    return result


def end_of(on: date) -> datetime:
    return datetime.combine(on, time.max)
