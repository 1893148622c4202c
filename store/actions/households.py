"""Households and their quarantines: register, remove, assign, start, extend, move to
monitoring, release."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from store.actions.journal import auto_log, who_of
from store.book.book import Book
from store.book.ids import new_id
from store.book.models import (
    Assignment,
    Category,
    ChecklistItem,
    Household,
    ItemKind,
    Person,
    Quarantine,
    QuarantineChange,
    Status,
    StatusChange,
    TestResult,
)
from store.book.policy import LONGEST_EVER_DAYS, check_length, item_id, schedule
from store.errors import BookError
from store.history import LONG_AGO, clock_parts
from store.messages import word
from store.views import money_outstanding


def add_household(book: Book, *, building: str, room: str, unit: str = "",
                  people: tuple[Person, ...] = (), phone: str = "", note: str = "",
                  worker: str | None = None, **extra: Any) -> Household:
    """Register a household of the grid, looked after by this book's worker by default."""
    return book.new(Household, {
        "id": new_id(), "building": building, "unit": unit, "room": room, "people": people,
        "phone": phone, "note": note, "worker": worker or book.worker_id,
        "added_on": book.clock.today(), **extra})


def register_household(book: Book, *, on: date | None = None, **fields: Any) -> Household:
    """A worker registers a household at the door (排查): `add_household` and a line in the
    day's journal. (An import of a roster adds households without a line each.)"""
    with book.batch():
        household = add_household(book, **fields)
        auto_log(book, f"hadd/{household.id}", Category.SCREENING, "household_added",
                  on=on or book.clock.today(), household=household.id, **who_of(household))
    return household


def remove_household(book: Book, household_id: str, reason: str,
                     on: date | None = None) -> None:
    """Remove a household entered by mistake: a deletion with its reason (kept in the
    record and the journal) that merges like any other write."""
    reason = reason.strip()
    if not reason:
        raise BookError("invalid_input", sentence=word("action.reason_needed"))
    household = book.require(Household, household_id)
    with book.batch():
        book.update(Household, household_id, removed_reason=reason)
        book.delete(Household, household_id)
        auto_log(book, f"hremove/{household_id}", Category.SCREENING, "household_removed",
                  on=on or book.clock.today(), household=None, reason=reason, **who_of(household))


def note_status(book: Book, household: Household, status: Status, on: date) -> None:
    """Keep the household's status history (a past day's report reads it). A household
    without one first records the status it had, from its registration on."""
    changes = household.status_changes
    if not changes:
        changes = (StatusChange(on=household.added_on or LONG_AGO, status=household.status),)
    at = book.clock.now().strftime("%H:%M:%S")
    book.update(Household, household.id, status=status, status_changes=changes + (
        StatusChange(on=on, at=at, status=status, worker=book.worker_id),))


def assign(book: Book, household_ids: list[str], worker: str,
           when: datetime | None = None) -> list[Household]:
    """Give households to another worker from this day on (the office's reassignment);
    the ones that already are theirs are left as they are. Returns those changed."""
    on, at = clock_parts(when or book.clock.now())
    changed = []
    with book.batch():
        for household_id in household_ids:
            household = book.require(Household, household_id)
            if household.worker == worker:
                continue
            history = household.assignments or (
                Assignment(on=household.added_on or LONG_AGO, worker=household.worker),)
            changed.append(book.update(Household, household_id, worker=worker,
                                       assignments=history + (Assignment(
                                           on=on, at=at, worker=worker, by=book.worker_id),)))
    return changed


def start_quarantine(book: Book, household_id: str, start: date,
                     days: int | None = None, *, origin: str = "", reason: str = "",
                     arrived: date | None = None) -> Quarantine:
    """Start home quarantine: the record (where from, why, arrived when), its schedule from
    the policy, status and log."""
    household = book.require(Household, household_id)
    length = days if days is not None else book.policy.days
    check_length(start, start + timedelta(days=min(length, LONGEST_EVER_DAYS + 1)), book.policy)
    with book.batch():
        # the batch's first write: when the values are refused, nothing is written
        quarantine = book.new(Quarantine, {
            "id": new_id(), "household": household_id, "start": start,
            "end": start + timedelta(days=length), "origin": origin, "reason": reason,
            "arrived": arrived})
        for item in schedule(quarantine, book.policy):
            existing = book.get(ChecklistItem, item.id)
            if existing is None:
                book.add(item)
            elif existing.quarantine != quarantine.id:
                # the same day's item of an earlier quarantine (restarted on a day it
                # covered): it now belongs to this one, keeping whether it was done
                fresh = {"done": False, "done_at": None} if item.kind == ItemKind.RELEASE else {}
                book.update(ChecklistItem, item.id, quarantine=quarantine.id, **fresh)
        note_status(book, household, Status.QUARANTINE, start)
        auto_log(book, f"qstart/{quarantine.id}", Category.CONTROL, "quarantine_started",
                  on=start, household=household_id, end=quarantine.end.isoformat(),
                  **who_of(household))
    return book.require(Quarantine, quarantine.id)


def change_quarantine_end(book: Book, quarantine_id: str, new_end: date, reason: str,
                          on: date | None = None) -> Quarantine:
    """Extend or shorten a quarantine, keeping why; the schedule follows the new end."""
    quarantine = book.require(Quarantine, quarantine_id)
    household = book.require(Household, quarantine.household)
    on = on or book.clock.today()
    if new_end <= quarantine.start:
        raise BookError("invalid_input", sentence=word("action.end_before_start"))
    if new_end < on:
        raise BookError("invalid_input", sentence=word("action.end_in_past"))
    check_length(quarantine.start, new_end, book.policy)
    change = QuarantineChange(on=on, old_end=quarantine.end, new_end=new_end, reason=reason)
    with book.batch():
        updated = book.update(Quarantine, quarantine_id, end=new_end,
                              changes=quarantine.changes + (change,))
        wanted = {item.id: item for item in schedule(updated, book.policy)}
        for item in book.items_of(quarantine.household):
            if item.quarantine == quarantine_id and item.id not in wanted and not item.done:
                book.delete(ChecklistItem, item.id)
        for item in wanted.values():
            if book.get(ChecklistItem, item.id) is None:
                book.add(item)
        auto_log(book, f"qchange/{quarantine_id}/{len(updated.changes)}", Category.CONTROL,
                  "quarantine_changed", on=on, household=household.id,
                  end=new_end.isoformat(), reason=reason, **who_of(household))
    return book.require(Quarantine, quarantine_id)


def _end_quarantine(book: Book, household_id: str, status: Status, log_key: str,
                    on: date | None, reason: str = "") -> Household:
    """Close the household's open quarantine, set its new status and log why.

    What the schedule still had from that day on is no longer to be done, so it goes (an
    undo brings it back); a release before the quarantine's end needs a reason, which is
    kept on the quarantine and in the journal.
    """
    on = on or book.clock.today()
    reason = reason.strip()
    household = book.require(Household, household_id)
    quarantine = book.current_quarantine(household_id)
    if quarantine is not None and on < quarantine.end and not reason:
        raise BookError("invalid_input", sentence=word("action.early_needs_reason"))
    with book.batch():
        if quarantine is not None:
            book.update(Quarantine, quarantine.id, released_on=on,
                        **({"release_reason": reason} if reason else {}))
            release_item = item_id(household_id, ItemKind.RELEASE, quarantine.end)
            for item in book.items_of(household_id):
                if item.quarantine == quarantine.id and item.on >= on and not item.done \
                        and item.id != release_item:
                    book.delete(ChecklistItem, item.id)
            release = book.get(ChecklistItem, release_item)
            if release is not None and not release.done:
                book.update(ChecklistItem, release.id, done=True, done_at=book.clock.now())
        note_status(book, book.require(Household, household_id), status, on)
        auto_log(book, f"{log_key}/{household_id}/{on}", Category.CONTROL, log_key,
                  on=on, household=household_id, reason=reason, **who_of(household))
    return book.require(Household, household_id)


def move_to_monitoring(book: Book, household_id: str, on: date | None = None,
                       reason: str = "") -> Household:
    """Quarantine over, health monitoring begins."""
    return _end_quarantine(book, household_id, Status.MONITORING, "monitoring", on, reason)


def release(book: Book, household_id: str, on: date | None = None,
            reason: str = "") -> Household:
    """Release a household (解除隔离) "according to the rules"; early only with a reason."""
    return _end_quarantine(book, household_id, Status.RELEASED, "released", on, reason)


def release_problems(book: Book, household_id: str, on: date) -> list[str]:
    """What stands against releasing a household on `on`, one sentence each (empty when
    nothing does): days still to go, tests fewer than the policy asks (per person), results
    pending or positive, errands still open, money not yet repaid."""
    household = book.require(Household, household_id)
    quarantine = book.current_quarantine(household_id)
    found: list[str] = []
    if quarantine is not None:
        if on < quarantine.end:
            found.append(word("action.release_early", day=quarantine.day_number(on),
                              days=quarantine.length, end=quarantine.end.isoformat()))
        tests = [t for t in book.tests_of(household_id)
                 if quarantine.start <= t.on <= max(on, quarantine.end)]
        names = [p.name for p in household.people] or [""]
        short = []
        for name in names:
            count = sum(1 for t in tests if t.person in (name, ""))
            if count < book.policy.min_tests:
                short.append(f"{name or household.address} {count}")
        if short:
            found.append(word("action.release_tests", need=book.policy.min_tests,
                              who="、".join(short)))
        pending = [t for t in tests if t.result == TestResult.PENDING]
        if pending:
            found.append(word("action.release_pending", count=len(pending)))
        if any(t.result == TestResult.POSITIVE for t in tests):
            found.append(word("action.release_positive"))
    errands = book.errands_of(household_id)
    still_open = [e for e in errands if e.open]
    if still_open:
        found.append(word("action.release_errands", count=len(still_open)))
    owed = money_outstanding(errands)[1]
    if owed:
        found.append(word("action.release_owed", yuan=f"{owed / 100:.2f}"))
    return found
