"""Errands bought and delivered for a household: added, moved along their steps, paid
back, edited, a step undone."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from store import views
from store.actions.journal import GROUP_ADDRESSES, auto_log, who_of
from store.book.book import Book
from store.book.ids import derived_id, new_id
from store.book.models import (
    ERRAND_NEXT,
    Category,
    Errand,
    ErrandStatus,
    ErrandStep,
    Household,
    LogEntry,
)
from store.errors import BookError
from store.history import clock_parts, errand_steps
from store.messages import word


# Every step records the worker's local day and time and who took it (store.history reads
# them for a past day's report); the errand's status, advanced and repaid fields stay the
# sums of its steps, for everything that shows an errand as it stands.
def _step(book: Book, kind: str, when: datetime | None, **values: Any) -> ErrandStep:
    on, at = clock_parts(when or book.clock.now())
    return ErrandStep(kind=kind, on=on, at=at, worker=book.worker_id, **values)


def add_errand(book: Book, household_id: str, items: str, due: datetime,
               advanced: int = 0, when: datetime | None = None) -> Errand:
    """A household asks for something to be bought and delivered (代买代送)."""
    book.require(Household, household_id)
    when = when or book.clock.now()
    first = _step(book, ErrandStatus.REQUESTED.value, when, status=ErrandStatus.REQUESTED,
                  advanced=advanced)
    return book.new(Errand, {
        "id": new_id(), "household": household_id, "items": items, "advanced": advanced,
        "due": due, "created": when.replace(microsecond=0), "steps": (first,)})


def set_errand_status(book: Book, errand_id: str, status: ErrandStatus,
                      on: date | None = None, when: datetime | None = None) -> Errand:
    """Move an errand to `status` (a step with its day, time and worker); delivering it
    writes the log."""
    errand = book.require(Errand, errand_id)
    if when is None and on is not None and on != book.clock.today():
        when = datetime.combine(on, book.clock.now().time())
    step = _step(book, status.value, when, status=status)
    with book.batch():
        updated = book.update(Errand, errand_id, status=status,
                              steps=errand_steps(book, errand) + (step,))
        if status == ErrandStatus.DELIVERED and errand.status != ErrandStatus.DELIVERED:
            household = book.require(Household, errand.household)
            auto_log(book, f"errand/{errand_id}", Category.SERVICE, "errand_delivered",
                      on=step.on, household=household.id, items=errand.items,
                      **who_of(household))
        if status == ErrandStatus.ACCEPTED:
            _log_errand_group(book, "accepted", step.on)
    return updated


def _log_errand_group(book: Book, kind: str, on: date) -> None:
    """The day's one journal entry for errands taken (accepted) or money repaid: how many
    and which, rewritten at each step, so the journal has a line a day, not one a step."""
    source = f"errands/{kind}/{on}"
    found = []
    for errand in views.errands(book):
        # every key that moves an errand comes here: on a year's book that is 1,800 errands
        # and 5,000 steps, so the day is compared first and a list made only on a match
        if not any(s.on == on for s in errand.steps):
            continue
        steps = [s for s in errand.steps if s.kind == kind and s.on == on and s.undone_on is None]
        if steps:
            household = book.get(Household, errand.household)
            label = f"{household.address if household else '-'} {errand.items}"
            if kind == "repaid":
                label += f" {sum(s.repaid for s in steps) / 100:.2f}"
            found.append(label)
    if not found:
        if book.get(LogEntry, derived_id("auto", source)) is not None:
            book.delete(LogEntry, derived_id("auto", source))
        return
    shown = "；".join(sorted(found)[:GROUP_ADDRESSES]) + ("…" if len(found) > GROUP_ADDRESSES
                                                         else "")
    auto_log(book, source, Category.SERVICE, f"errands_{kind}", on=on, count=len(found),
              errands=shown)


def advance_errand(book: Book, errand_id: str, on: date | None = None,
                   when: datetime | None = None) -> Errand:
    """Move an errand one step along requested -> accepted -> bought -> delivered."""
    errand = book.require(Errand, errand_id)
    following = ERRAND_NEXT.get(errand.status)
    if following is None:
        return errand
    return set_errand_status(book, errand_id, following, on, when)


def set_errand_repaid(book: Book, errand_id: str, repaid: int,
                      when: datetime | None = None) -> Errand:
    """The household has paid back `repaid` fen in all (a step records the difference)."""
    errand = book.require(Errand, errand_id)
    if repaid == errand.repaid:
        return errand
    step = _step(book, "repaid", when, repaid=repaid - errand.repaid)
    with book.batch():
        updated = book.update(Errand, errand_id, repaid=repaid,
                              steps=errand_steps(book, errand) + (step,))
        _log_errand_group(book, "repaid", step.on)
    return updated


def edit_errand(book: Book, errand_id: str, *, items: str | None = None,
                advanced: int | None = None, due: datetime | None = None,
                when: datetime | None = None) -> Errand:
    """Correct what an errand is: its items, the money advanced, when it is due. A new
    amount is a step of its own (the difference, by this worker, on this day)."""
    errand = book.require(Errand, errand_id)
    changes: dict[str, Any] = {}
    if items is not None and items.strip() != errand.items:
        changes["items"] = items.strip()
    if due is not None and due != errand.due:
        changes["due"] = due
    if advanced is not None and advanced != errand.advanced:
        changes["advanced"] = advanced
        changes["steps"] = errand_steps(book, errand) + (
            _step(book, "edited", when, advanced=advanced - errand.advanced),)
    if not changes:
        return errand
    return book.update(Errand, errand_id, **changes)


def undo_errand_step(book: Book, errand_id: str, when: datetime | None = None) -> ErrandStep:
    """Take back the errand's last step (a status, a repayment or a new amount), a
    cancellation included; its first step (the request) cannot be. The step stays, marked
    undone on this day, so an earlier day's report is unchanged. Returns the step undone."""
    errand = book.require(Errand, errand_id)
    steps = list(errand_steps(book, errand))
    live = [i for i, s in enumerate(steps) if s.undone_on is None]
    if len(live) < 2:
        raise BookError("invalid_input", sentence=word("action.nothing_to_undo"))
    index = live[-1]
    undone_day, _ = clock_parts(when or book.clock.now())
    step = steps[index]
    steps[index] = step.model_copy(update={"undone_on": undone_day})
    kept = [s for s in steps if s.undone_on is None]
    status = ErrandStatus.REQUESTED
    for s in kept:
        if s.status is not None:
            status = s.status
    with book.batch():
        book.update(Errand, errand_id, steps=tuple(steps), status=status,
                    advanced=max(0, sum(s.advanced for s in kept)),
                    repaid=max(0, sum(s.repaid for s in kept)))
        if step.status == ErrandStatus.DELIVERED and status != ErrandStatus.DELIVERED:
            entry = derived_id("auto", f"errand/{errand_id}")
            if book.get(LogEntry, entry) is not None:
                book.delete(LogEntry, entry)
        if step.kind in ("accepted", "repaid"):
            _log_errand_group(book, step.kind, step.on)
    return step
