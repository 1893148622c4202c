"""What a grid worker does, as operations on a book; each is one durable save.

Screens and quick-capture commands call these instead of composing raw writes, so the
rules live in one place: a quarantine's schedule comes from the policy, a household's
status follows its quarantine, and the worker's own actions write themselves into the
daily log (marked `auto`, with ids derived from the action so that a repeated action or
the same action merged from two machines is one entry).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from store.book import Book
from store.errors import BookError
from store.history import LONG_AGO, clock_parts, derived_steps
from store.ids import derived_id, new_id
from store.lang import pick
from store.logtext import render_event
from store.models import (
    ERRAND_NEXT,
    Assignment,
    Category,
    ChecklistItem,
    Errand,
    ErrandStatus,
    ErrandStep,
    Household,
    ItemKind,
    LogEntry,
    Person,
    Quarantine,
    QuarantineChange,
    Status,
    StatusChange,
    TestKind,
    TestRecord,
    TestResult,
)
from store.policy import LONGEST_EVER_DAYS, check_length, item_id, schedule


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _auto_log(book: Book, source: str, category: Category, key: str, *, on: date,
              household: str | None = None, **params: Any) -> None:
    """Write the log entry an action makes: its event and details, shown in the reader's
    language, and its text in today's language for anything that reads text only."""
    details = {name: str(value) for name, value in params.items()}
    book.add(LogEntry(id=derived_id("auto", source), on=on, at=_now().strftime("%H:%M"),
                      category=category, text=render_event(key, details), household=household,
                      worker=book.worker_id, auto=True, event=key, params=details))


def _who(household: Household) -> dict[str, str]:
    return {"address": household.address, "name": household.head}


# households --------------------------------------------------------------------------------
def add_household(book: Book, *, building: str, room: str, unit: str = "",
                  people: tuple[Person, ...] = (), phone: str = "", note: str = "",
                  worker: str | None = None, **extra: Any) -> Household:
    """Register a household of the grid, looked after by this book's worker by default."""
    household = book._validate(Household, {  # noqa: SLF001 - one validation path
        "id": new_id(), "building": building, "unit": unit, "room": room, "people": people,
        "phone": phone, "note": note, "worker": worker or book.worker_id,
        "added_on": _now().date(), **extra})
    return book.add(household)


def _note_status(book: Book, household: Household, status: Status, on: date) -> None:
    """Keep the household's status history (a past day's report reads it). A household
    without one first records the status it had, from its registration on."""
    changes = household.status_changes
    if not changes:
        changes = (StatusChange(on=household.added_on or LONG_AGO, status=household.status),)
    at = _now().strftime("%H:%M:%S")
    book.update(Household, household.id, status=status, status_changes=changes + (
        StatusChange(on=on, at=at, status=status, worker=book.worker_id),))


def assign(book: Book, household_ids: list[str], worker: str,
           when: datetime | None = None) -> list[Household]:
    """Give households to another worker from this day on (the office's reassignment);
    the ones that already are theirs are left as they are. Returns those changed."""
    on, at = clock_parts(when or _now())
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
                     days: int | None = None) -> Quarantine:
    """Start home quarantine: the record, its schedule from the policy, status and log."""
    household = book.require(Household, household_id)
    length = days if days is not None else book.policy.days
    check_length(start, start + timedelta(days=min(length, LONGEST_EVER_DAYS + 1)), book.policy)
    quarantine = Quarantine(id=new_id(), household=household_id, start=start,
                            end=start + timedelta(days=length))
    with book.batch():
        book.add(quarantine)
        for item in schedule(quarantine, book.policy):
            existing = book.get(ChecklistItem, item.id)
            if existing is None:
                book.add(item)
            elif existing.quarantine != quarantine.id:
                # the same day's item of an earlier quarantine (restarted on a day it
                # covered): it now belongs to this one, keeping whether it was done
                fresh = {"done": False, "done_at": None} if item.kind == ItemKind.RELEASE else {}
                book.update(ChecklistItem, item.id, quarantine=quarantine.id, **fresh)
        _note_status(book, household, Status.QUARANTINE, start)
        _auto_log(book, f"qstart/{quarantine.id}", Category.CONTROL, "quarantine_started",
                  on=start, household=household_id, end=quarantine.end.isoformat(),
                  **_who(household))
    return book.require(Quarantine, quarantine.id)


def change_quarantine_end(book: Book, quarantine_id: str, new_end: date, reason: str,
                          on: date | None = None) -> Quarantine:
    """Extend or shorten a quarantine, keeping why; the schedule follows the new end."""
    quarantine = book.require(Quarantine, quarantine_id)
    household = book.require(Household, quarantine.household)
    on = on or date.today()
    if new_end <= quarantine.start:
        raise BookError("invalid_input", sentence=pick(ACTION_PROBLEMS, "end_before_start"))
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
        _auto_log(book, f"qchange/{quarantine_id}/{len(updated.changes)}", Category.CONTROL,
                  "quarantine_changed", on=on, household=household.id,
                  end=new_end.isoformat(), reason=reason, **_who(household))
    return book.require(Quarantine, quarantine_id)


def _end_quarantine(book: Book, household_id: str, status: Status, log_key: str,
                    on: date | None) -> Household:
    """Close the household's open quarantine, set its new status and log why."""
    on = on or date.today()
    household = book.require(Household, household_id)
    with book.batch():
        quarantine = book.current_quarantine(household_id)
        if quarantine is not None:
            book.update(Quarantine, quarantine.id, released_on=on)
            item = book.get(ChecklistItem, item_id(household_id, ItemKind.RELEASE, quarantine.end))
            if item is not None and not item.done:
                book.update(ChecklistItem, item.id, done=True, done_at=_now())
        _note_status(book, book.require(Household, household_id), status, on)
        _auto_log(book, f"{log_key}/{household_id}/{on}", Category.CONTROL, log_key,
                  on=on, household=household_id, **_who(household))
    return book.require(Household, household_id)


def move_to_monitoring(book: Book, household_id: str, on: date | None = None) -> Household:
    """Quarantine over, health monitoring begins."""
    return _end_quarantine(book, household_id, Status.MONITORING, "monitoring", on)


def release(book: Book, household_id: str, on: date | None = None) -> Household:
    """Release a household (解除隔离) "according to the rules"."""
    return _end_quarantine(book, household_id, Status.RELEASED, "released", on)


# the checklist -------------------------------------------------------------------------------
def _log_if_day_done(book: Book, household_id: str, on: date) -> None:
    items = [i for i in book.items_on(on) if i.household == household_id]
    if items and all(i.done for i in items):
        household = book.require(Household, household_id)
        _auto_log(book, f"daydone/{household_id}/{on}", Category.CONTROL, "day_done",
                  on=on, household=household_id, **_who(household))


def tick(book: Book, item_id_: str, done: bool = True) -> ChecklistItem:
    """Tick (or untick) one checklist item."""
    item = book.require(ChecklistItem, item_id_)
    with book.batch():
        updated = book.update(ChecklistItem, item_id_, done=done,
                              done_at=_now() if done else None)
        if done:
            _log_if_day_done(book, item.household, item.on)
    return updated


def tick_building(book: Book, building: str, kind: ItemKind, on: date) -> int:
    """Tick one kind of item for every household of a building on a day; how many."""
    households = {h.id for h in book.households() if h.building == building}
    items = [i for i in book.items_on(on)
             if i.household in households and i.kind == kind and not i.done]
    if not items:
        return 0
    with book.batch():
        for item in items:
            book.update(ChecklistItem, item.id, done=True, done_at=_now())
        _auto_log(book, f"building/{building}/{kind.value}/{on}", Category.SERVICE,
                  "building_done", on=on, building=building,
                  kind=kind.value, count=len(items))
        for household_id in {i.household for i in items}:
            _log_if_day_done(book, household_id, on)
    return len(items)


def record_test(book: Book, household_id: str, on: date, kind: TestKind = TestKind.NUCLEIC,
                result: TestResult = TestResult.PENDING, person: str = "") -> TestRecord:
    """Record a door-to-door test; it ticks that day's test item and writes the log."""
    household = book.require(Household, household_id)
    test = TestRecord(id=new_id(), household=household_id, on=on, kind=kind, result=result,
                      person=person)
    with book.batch():
        book.add(test)
        due = book.get(ChecklistItem, item_id(household_id, ItemKind.TEST, on))
        if due is not None and not due.done:
            book.update(ChecklistItem, due.id, done=True, done_at=_now())
        _auto_log(book, f"test/{test.id}", Category.CONTROL, "test_recorded", on=on,
                  household=household_id, kind=kind.value, result=result.value,
                  **_who(household))
        if due is not None:
            _log_if_day_done(book, household_id, on)
    return book.require(TestRecord, test.id)


def set_test_result(book: Book, test_id: str, result: TestResult) -> TestRecord:
    """Fill in a test's result when it comes back."""
    return book.update(TestRecord, test_id, result=result)


# errands ---------------------------------------------------------------------------------------
# Every step records the worker's local day and time and who took it (store.history reads
# them for a past day's report); the errand's status, advanced and repaid fields stay the
# sums of its steps, for everything that shows an errand as it stands.
def _step(book: Book, kind: str, when: datetime | None, **values: Any) -> ErrandStep:
    on, at = clock_parts(when or _now())
    return ErrandStep(kind=kind, on=on, at=at, worker=book.worker_id, **values)


def errand_steps(book: Book, errand: Errand) -> tuple[ErrandStep, ...]:
    """The errand's steps; for one written before steps were kept, what can be derived."""
    household = book.get(Household, errand.household)
    return derived_steps(errand, book.raw_record(Errand.TABLE, errand.id),
                         household.worker if household is not None else "")


def add_errand(book: Book, household_id: str, items: str, due: datetime,
               advanced: int = 0, when: datetime | None = None) -> Errand:
    """A household asks for something to be bought and delivered (代买代送)."""
    book.require(Household, household_id)
    when = when or _now()
    first = _step(book, ErrandStatus.REQUESTED.value, when, status=ErrandStatus.REQUESTED,
                  advanced=advanced)
    errand = book._validate(Errand, {  # noqa: SLF001
        "id": new_id(), "household": household_id, "items": items, "advanced": advanced,
        "due": due, "created": when.replace(microsecond=0), "steps": (first,)})
    return book.add(errand)


def set_errand_status(book: Book, errand_id: str, status: ErrandStatus,
                      on: date | None = None, when: datetime | None = None) -> Errand:
    """Move an errand to `status` (a step with its day, time and worker); delivering it
    writes the log."""
    errand = book.require(Errand, errand_id)
    if when is None and on is not None and on != date.today():
        when = datetime.combine(on, _now().time())
    step = _step(book, status.value, when, status=status)
    with book.batch():
        updated = book.update(Errand, errand_id, status=status,
                              steps=errand_steps(book, errand) + (step,))
        if status == ErrandStatus.DELIVERED and errand.status != ErrandStatus.DELIVERED:
            household = book.require(Household, errand.household)
            _auto_log(book, f"errand/{errand_id}", Category.SERVICE, "errand_delivered",
                      on=step.on, household=household.id, items=errand.items,
                      **_who(household))
    return updated


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
    return book.update(Errand, errand_id, repaid=repaid,
                       steps=errand_steps(book, errand) + (step,))


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
        raise BookError("invalid_input", sentence=pick(ACTION_PROBLEMS, "nothing_to_undo"))
    index = live[-1]
    undone_day, _ = clock_parts(when or _now())
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
    return step


# the daily log ---------------------------------------------------------------------------------
def add_log(book: Book, text: str, category: Category = Category.SERVICE,
            on: date | None = None, at: str | None = None,
            household: str | None = None) -> LogEntry:
    """A hand-written journal entry."""
    entry = book._validate(LogEntry, {  # noqa: SLF001
        "id": new_id(), "on": on or date.today(), "at": at or _now().strftime("%H:%M"),
        "category": category, "text": text, "household": household,
        "worker": book.worker_id})
    return book.add(entry)


ACTION_PROBLEMS: dict[str, dict[str, str]] = {
    "end_before_start": {"zh": "解除日期必须晚于隔离开始日期。",
                         "en": "The release date must come after the quarantine's start."},
    "nothing_to_undo": {"zh": "这件代买没有可以撤销的步骤。",
                        "en": "This errand has no step to undo."},
}
