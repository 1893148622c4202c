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

from store import views
from store.book.book import Book
from store.book.ids import derived_id, new_id
from store.book.models import (
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
from store.book.policy import LONGEST_EVER_DAYS, check_length, item_id, schedule
from store.errors import BookError
from store.history import LONG_AGO, clock_parts, errand_steps
from store.logtext import render_event
from store.messages import word
from store.views import money_outstanding


def _auto_log(book: Book, source: str, category: Category, key: str, *, on: date,
              household: str | None = None, **params: Any) -> None:
    """Write the log entry an action makes: its event and details, shown in the reader's
    language, and its text in today's language for anything that reads text only."""
    details = {name: str(value) for name, value in params.items()}
    book.new(LogEntry, {"id": derived_id("auto", source), "on": on,
                        "at": book.clock.now().strftime("%H:%M"), "category": category,
                        "text": render_event(key, details), "household": household,
                        "worker": book.worker_id, "auto": True, "event": key,
                        "params": details})


def _who(household: Household) -> dict[str, str]:
    return {"address": household.address, "name": household.head}


# households --------------------------------------------------------------------------------
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
        _auto_log(book, f"hadd/{household.id}", Category.SCREENING, "household_added",
                  on=on or book.clock.today(), household=household.id, **_who(household))
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
        _auto_log(book, f"hremove/{household_id}", Category.SCREENING, "household_removed",
                  on=on or book.clock.today(), household=None, reason=reason, **_who(household))


def _note_status(book: Book, household: Household, status: Status, on: date) -> None:
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
        _auto_log(book, f"qchange/{quarantine_id}/{len(updated.changes)}", Category.CONTROL,
                  "quarantine_changed", on=on, household=household.id,
                  end=new_end.isoformat(), reason=reason, **_who(household))
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
        _note_status(book, book.require(Household, household_id), status, on)
        _auto_log(book, f"{log_key}/{household_id}/{on}", Category.CONTROL, log_key,
                  on=on, household=household_id, reason=reason, **_who(household))
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


# the checklist -------------------------------------------------------------------------------
GROUPED_KINDS = {ItemKind.GARBAGE: Category.PROTECTION, ItemKind.NEEDS: Category.SERVICE,
                 ItemKind.LETTER: Category.PUBLICITY}
GROUP_ADDRESSES = 8  # the journal names this many households of a grouped entry, then "..."


def _day_done_id(household_id: str, on: date) -> str:
    return derived_id("auto", f"daydone/{household_id}/{on}")


def _log_if_day_done(book: Book, household_id: str, on: date) -> None:
    """Write "all of today's checklist done" when it is, and take it back when it is not."""
    items = [i for i in book.items_on(on) if i.household == household_id]
    if items and all(i.done for i in items):
        household = book.require(Household, household_id)
        _auto_log(book, f"daydone/{household_id}/{on}", Category.CONTROL, "day_done",
                  on=on, household=household_id, **_who(household))
    elif book.get(LogEntry, _day_done_id(household_id, on)) is not None:
        book.delete(LogEntry, _day_done_id(household_id, on))


def _log_group(book: Book, kind: ItemKind, on: date) -> None:
    """The day's one journal entry for a kind of routine tick (garbage, needs, letter):
    how many households and which, with what each said it needs; rewritten on every tick
    and untick, so the journal has one line per kind a day, not one per tick."""
    category = GROUPED_KINDS.get(kind)
    if category is None:
        return
    source = f"ticks/{kind.value}/{on}"
    done = []
    for item in book.items_on(on):
        household = book.get(Household, item.household)
        if item.kind == kind and item.done and household is not None \
                and views.looks_after(book, household):
            done.append((household, item))
    done.sort(key=lambda pair: (pair[0].building.zfill(4), pair[0].unit.zfill(4),
                                pair[0].room.zfill(6)))
    if not done:
        if book.get(LogEntry, derived_id("auto", source)) is not None:
            book.delete(LogEntry, derived_id("auto", source))
        return
    names = [h.address + (f"（{i.note}）" if i.note else "") for h, i in done]
    shown = "、".join(names[:GROUP_ADDRESSES]) + ("…" if len(names) > GROUP_ADDRESSES else "")
    _auto_log(book, source, category, "ticks_grouped", on=on, kind=kind.value,
              count=len(done), addresses=shown)


def tick(book: Book, item_id_: str, done: bool = True, note: str | None = None) -> ChecklistItem:
    """Tick (or untick) one checklist item; `note` is what the household said it needs.

    Unticking a test item takes back what the tick implied: that day's tests of the
    household and their journal entries (a test recorded by mistake is removed this way),
    and the "all done today" entry.
    """
    item = book.require(ChecklistItem, item_id_)
    changes: dict[str, Any] = {"done": done, "done_at": book.clock.now() if done else None}
    if note is not None:
        changes["note"] = note.strip()
    with book.batch():
        updated = book.update(ChecklistItem, item_id_, **changes)
        if not done and item.kind == ItemKind.TEST:
            for test in book.tests_of(item.household):
                if test.on == item.on:
                    book.delete(TestRecord, test.id)
                    entry = derived_id("auto", f"test/{test.id}")
                    if book.get(LogEntry, entry) is not None:
                        book.delete(LogEntry, entry)
        _log_if_day_done(book, item.household, item.on)
        _log_group(book, item.kind, item.on)
    return updated


BUILDING_KINDS = (ItemKind.GARBAGE, ItemKind.NEEDS, ItemKind.LETTER)


def tick_building(book: Book, building: str, kind: ItemKind, on: date) -> int:
    """Tick one kind of item for every household of a building on a day; how many.

    Only the items a building round suits: a test is recorded per person, never ticked
    in bulk (see `record_tests` for a round of tests)."""
    if kind not in BUILDING_KINDS:
        raise BookError("invalid_input", sentence=word("action.no_bulk_tests"))
    households = {h.id for h in views.households(book) if h.building == building}
    items = [i for i in book.items_on(on)
             if i.household in households and i.kind == kind and not i.done]
    if not items:
        return 0
    with book.batch():
        for item in items:
            book.update(ChecklistItem, item.id, done=True, done_at=book.clock.now())
        _auto_log(book, f"building/{building}/{kind.value}/{on}", Category.SERVICE,
                  "building_done", on=on, building=building,
                  kind=kind.value, count=len(items))
        for household_id in {i.household for i in items}:
            _log_if_day_done(book, household_id, on)
        _log_group(book, kind, on)
    return len(items)


def test_record_id(household_id: str, on: date, person: str) -> str:
    """One test per person a day: recording it again corrects it (on any machine)."""
    return derived_id("test", household_id, on.isoformat(), person)


def record_test(book: Book, household_id: str, on: date, kind: TestKind = TestKind.NUCLEIC,
                result: TestResult = TestResult.PENDING, person: str = "") -> TestRecord:
    """Record a door-to-door test of one person; it ticks that day's test item and writes
    the log. A second recording of the same person on the same day corrects the first."""
    household = book.require(Household, household_id)
    person = person.strip()
    existing = next((t for t in book.tests_of(household_id)
                     if t.on == on and t.person == person), None)
    test = existing or TestRecord(id=test_record_id(household_id, on, person),
                                  household=household_id, on=on, person=person)
    with book.batch():
        if existing is None:
            book.add(test.model_copy(update={"kind": kind, "result": result}))
        else:
            book.update(TestRecord, test.id, kind=kind, result=result)
        due = book.get(ChecklistItem, item_id(household_id, ItemKind.TEST, on))
        if due is not None and not due.done:
            book.update(ChecklistItem, due.id, done=True, done_at=book.clock.now())
        _log_test(book, book.require(TestRecord, test.id), household)
        if due is not None:
            _log_if_day_done(book, household_id, on)
    return book.require(TestRecord, test.id)


EVERYONE = "\x00everyone"  # `record_tests`' word for every person of the household


def record_tests(book: Book, household_id: str, on: date, kind: TestKind = TestKind.NUCLEIC,
                 result: TestResult = TestResult.PENDING,
                 people: tuple[str, ...] = (EVERYONE,)) -> list[TestRecord]:
    """Record the same test for several people of a household in one save (everyone by
    default: a door-to-door round)."""
    household = book.require(Household, household_id)
    if EVERYONE in people:
        people = tuple(p.name for p in household.people) or ("",)
    with book.batch():
        return [record_test(book, household_id, on, kind, result, name) for name in people]


def _log_test(book: Book, test: TestRecord, household: Household) -> None:
    _auto_log(book, f"test/{test.id}", Category.CONTROL, "test_recorded", on=test.on,
              household=household.id, kind=test.kind.value, result=test.result.value,
              address=household.address, name=test.person or household.head)


def set_test_result(book: Book, test_id_: str, result: TestResult) -> TestRecord:
    """Fill in (or correct) a test's result; its journal entry says the new result."""
    test = book.require(TestRecord, test_id_)
    household = book.require(Household, test.household)
    with book.batch():
        updated = book.update(TestRecord, test_id_, result=result)
        _log_test(book, updated, household)
    return updated


def delete_test(book: Book, test_id_: str) -> None:
    """Remove a test recorded by mistake, its journal entry, and the tick it made when it
    was the day's only test."""
    test = book.require(TestRecord, test_id_)
    with book.batch():
        book.delete(TestRecord, test_id_)
        entry = derived_id("auto", f"test/{test_id_}")
        if book.get(LogEntry, entry) is not None:
            book.delete(LogEntry, entry)
        if not any(t.on == test.on for t in book.tests_of(test.household)):
            due = book.get(ChecklistItem, item_id(test.household, ItemKind.TEST, test.on))
            if due is not None and due.done:
                book.update(ChecklistItem, due.id, done=False, done_at=None)
                _log_if_day_done(book, test.household, test.on)


# errands ---------------------------------------------------------------------------------------
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
            _auto_log(book, f"errand/{errand_id}", Category.SERVICE, "errand_delivered",
                      on=step.on, household=household.id, items=errand.items,
                      **_who(household))
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
    _auto_log(book, source, Category.SERVICE, f"errands_{kind}", on=on, count=len(found),
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


# the daily log ---------------------------------------------------------------------------------
def add_log(book: Book, text: str, category: Category = Category.SERVICE,
            on: date | None = None, at: str | None = None,
            household: str | None = None) -> LogEntry:
    """A hand-written journal entry."""
    return book.new(LogEntry, {
        "id": new_id(), "on": on or book.clock.today(),
        "at": at or book.clock.now().strftime("%H:%M"),
        "category": category, "text": text, "household": household,
        "worker": book.worker_id})


