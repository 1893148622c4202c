"""Places (场所排查) and rounds (消杀与张贴): what a worker does, and what a day shows.

A place is registered once and inspected by the checks its kind gets under the policy
(`store.book.policy.place_rule`); an inspection keeps each check passed or failed with a note. A
failed check stays open until a later inspection of the place (a follow-up) passes it: a
check's state on a day is its latest result recorded on or before that day, so a report for
a past day reads the same next week.

Rounds cover the grid's common areas: every unit of every building that has households,
and the gates and garbage points registered as places. The day's disinfection of an area
is a `RoundItem` whose id is derived from (area, unit, kind, day), so two machines that tick
the same stairway make one item; a notice issued by the office adds a "posted" item per
unit door and gate, open until it is ticked. Ticking a building's round is one action (one
save, one journal entry). Every action writes its journal entry under its five-in-place
category: screening for places, protection for disinfection, publicity for notices.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from store import views
from store.actions.journal import auto_log
from store.book.book import Book
from store.book.ids import derived_id, new_id
from store.book.models import (
    COMMON_AREAS,
    Category,
    CheckResult,
    Inspection,
    Place,
    PlaceKind,
    PlaceState,
    PlaceStateChange,
    RoundItem,
    RoundKind,
)
from store.book.policy import place_rule
from store.errors import BookError
from store.messages import word


# places --------------------------------------------------------------------------------------
def add_place(book: Book, *, name: str, kind: PlaceKind, on: date, address: str = "",
              keeper: str = "", phone: str = "", state: PlaceState = PlaceState.OPEN,
              note: str = "") -> Place:
    """Register a place of the grid; the journal says so under screening."""
    with book.batch():
        # the batch's first write: when the values are refused, nothing is written
        place = book.new(Place, {
            "id": new_id(), "name": name, "kind": kind, "address": address, "keeper": keeper,
            "phone": phone, "state": state, "since": on, "worker": book.worker_id,
            "note": note, "changes": (PlaceStateChange(on=on, state=state),)})
        auto_log(book, f"place/{place.id}", Category.SCREENING, "place_registered", on=on,
                  place=place.name, kind=place.kind.value, state=place.state.value)
    return book.require(Place, place.id)


def set_place_state(book: Book, place_id: str, state: PlaceState, on: date) -> Place:
    """Change how a place runs from day `on` (open, limited, closed management, closed)."""
    place = book.require(Place, place_id)
    if place.state == state:
        return place
    with book.batch():
        updated = book.update(Place, place_id, state=state,
                              changes=place.changes + (PlaceStateChange(on=on, state=state),))
        auto_log(book, f"placestate/{place_id}/{len(updated.changes)}", Category.SCREENING,
                  "place_state", on=on, place=place.name, state=state.value)
    return updated


def edit_place(book: Book, place_id: str, **changes: Any) -> Place:
    """Put right what was typed wrong (name, kind, address, keeper, phone, note); the state
    changes through `set_place_state`, from a day."""
    allowed = {"name", "kind", "address", "keeper", "phone", "note"}
    return book.update(Place, place_id, **{k: v for k, v in changes.items() if k in allowed})


def checks_of(book: Book, place: Place) -> tuple[str, ...]:
    """The checks the policy gives this place's kind."""
    return place_rule(book.policy, place.kind).checks


def inspections_of(book: Book, place_id: str, until: date | None = None) -> list[Inspection]:
    """The place's inspections, oldest first (only those recorded on or before `until`)."""
    found = [i for i in book.all(Inspection) if i.place == place_id
             and (until is None or i.on <= until)]
    return sorted(found, key=lambda i: (i.on, i.at, i.id))


@dataclass(frozen=True)
class OpenCheck:
    """A check whose latest result is a failure: since when, and what was noted."""

    check: str
    failed_on: date
    note: str
    inspection: str  # the latest inspection that failed it


def open_checks(book: Book, place_id: str, on: date) -> list[OpenCheck]:
    """The place's checks failed and not yet passed by a follow-up, as of the end of `on`."""
    latest: dict[str, tuple[Inspection, CheckResult]] = {}
    first_failed: dict[str, date] = {}
    for inspection in inspections_of(book, place_id, until=on):
        for check, result in inspection.checks.items():
            latest[check] = (inspection, result)
            if result.passed:
                first_failed.pop(check, None)
            else:
                first_failed.setdefault(check, inspection.on)
    return [OpenCheck(check, first_failed[check], result.note, inspection.id)
            for check, (inspection, result) in latest.items() if not result.passed]


def inspect_place(book: Book, place_id: str, results: dict[str, tuple[bool, str]], on: date,
                  at: str | None = None) -> Inspection:
    """Record an inspection: each check passed or not, with a note. When every check it
    names was open (failed before), it is the follow-up of those failures."""
    place = book.require(Place, place_id)
    if not results:
        raise BookError("invalid_input", sentence=word("place.no_checks"))
    before = {c.check: c for c in open_checks(book, place_id, on)}
    follows = ""
    if before and set(results) <= set(before):
        follows = max((before[c] for c in results), key=lambda c: c.failed_on).inspection
    failed = [name for name, (passed, _note) in results.items() if not passed]
    passed_now = [name for name, (passed, _note) in results.items() if passed and name in before]
    with book.batch():
        # the batch's first write: when the values are refused, nothing is written
        inspection = book.new(Inspection, {
            "id": new_id(), "place": place_id, "on": on,
            "at": at or book.clock.now().strftime("%H:%M"),
            "checks": {name: {"passed": passed, "note": note.strip()}
                       for name, (passed, note) in results.items()},
            "follows": follows, "worker": book.worker_id})
        if follows:
            event = "place_followed_up" if failed else "place_put_right"
            auto_log(book, f"inspect/{inspection.id}", Category.SCREENING, event,
                      on=on, place=place.name, checks=",".join(passed_now),
                      failed=",".join(failed))
        else:
            auto_log(book, f"inspect/{inspection.id}", Category.SCREENING, "place_inspected",
                      on=on, place=place.name, count=len(results), failed=",".join(failed))
    return book.require(Inspection, inspection.id)


@dataclass(frozen=True)
class PlaceToday:
    """A place as a day sees it: its state, whether it is due, what is open."""

    place: Place
    state: PlaceState
    due: bool  # the policy wants an inspection by this day and none was made
    inspected: bool  # inspected on this very day
    last: Inspection | None
    open: list[OpenCheck] = field(default_factory=list)


def place_today(book: Book, place: Place, on: date) -> PlaceToday:
    """Where one place stands on day `on`."""
    state = place.state_on(on) or place.state
    rule = place_rule(book.policy, place.kind)
    history = inspections_of(book, place.id, until=on)
    last = history[-1] if history else None
    wanted = bool(rule.checks) and rule.every > 0 and (
        state != PlaceState.CLOSED or "stays_closed" in rule.checks)
    due = wanted and (last is None or (on - last.on).days >= rule.every)
    return PlaceToday(place, state, due, last is not None and last.on == on, last,
                      open_checks(book, place.id, on))


def places_of(book: Book) -> list[Place]:
    """The places this book's worker looks after (an office file: every one), by kind then
    name; common areas last."""
    places = [p for p in book.all(Place) if book.kind != "worker"
              or p.worker in ("", book.worker_id)]
    order = list(PlaceKind)
    return sorted(places, key=lambda p: (p.kind in COMMON_AREAS, order.index(p.kind), p.name,
                                         p.id))


# rounds ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Area:
    """One spot a round covers: a unit of a building, or a gate or garbage point."""

    group: str  # "b:<building>" or "p:<place id>": what one tick covers
    area: str  # the building, or the place's id
    unit: str
    label: str


def _natural(text: str) -> tuple[int, str]:
    return (int(text), "") if text.isdigit() else (1 << 30, text)


def round_areas(book: Book, on: date | None = None) -> list[Area]:
    """Every unit of every building with households, then the gates and garbage points."""
    units = {(h.building, h.unit) for h in views.households(book)}
    areas = [Area(f"b:{b}", b, u, "") for b, u in
             sorted(units, key=lambda bu: (_natural(bu[0]), _natural(bu[1])))]
    for place in places_of(book):
        if place.kind in COMMON_AREAS and (on is None or place.state_on(on) is not None):
            areas.append(Area(f"p:{place.id}", place.id, "", place.name))
    return areas


def round_id(area: str, unit: str, kind: RoundKind, on: date, notice: str = "") -> str:
    """The derived id of an area's round item of `kind` on day `on` (and notice)."""
    return derived_id("round", area, unit, kind.value, on.isoformat(), notice)


@dataclass(frozen=True)
class RoundGroup:
    """A building (or a gate, a garbage point) on one day: its units disinfected, and the
    doors of each open notice not posted yet."""

    group: str
    label_key: str  # "building" or "place"
    name: str  # the building number or the place's name
    areas: list[Area]
    disinfected: int
    posted_open: dict[str, int] = field(default_factory=dict)  # notice -> doors left

    @property
    def done(self) -> bool:
        return self.disinfected >= len(self.areas)


def _done_by(item: RoundItem | None, on: date) -> bool:
    """Done, as recorded by the end of day `on` (its local time, never a merge stamp)."""
    return item is not None and item.done and (item.done_at is None or item.done_at.date() <= on)


def _disinfected(item: RoundItem | None) -> bool:
    """A day's disinfection item says itself which day it was done (its `on`)."""
    return item is not None and item.done


def round_groups(book: Book, on: date) -> list[RoundGroup]:
    """The day's rounds by building, then gates and garbage points."""
    items = {i.id: i for i in book.all(RoundItem)}
    notices = sorted({(i.on, i.notice) for i in items.values()
                      if i.kind == RoundKind.POSTED and i.on <= on})
    grouped: dict[str, list[Area]] = {}
    for area in round_areas(book, on):
        grouped.setdefault(area.group, []).append(area)
    out: list[RoundGroup] = []
    for group, areas in grouped.items():
        done = sum(_disinfected(items.get(round_id(a.area, a.unit, RoundKind.DISINFECT, on)))
                   for a in areas)
        posted_open: dict[str, int] = {}
        for issued, notice in notices:
            ids = [round_id(a.area, a.unit, RoundKind.POSTED, issued, notice) for a in areas]
            left = sum(1 for i in ids if i in items and not _done_by(items[i], on))
            if left:
                posted_open[notice] = posted_open.get(notice, 0) + left
        first = areas[0]
        out.append(RoundGroup(group, "building" if group.startswith("b:") else "place",
                              first.area if group.startswith("b:") else first.label,
                              areas, done, posted_open))
    return out


def tick_round(book: Book, group: str, on: date, done: bool = True,
               now: datetime | None = None) -> int:
    """Tick (or untick) the disinfection of every area of a building (or a gate, a garbage
    point) on day `on`: one save and one journal entry; how many areas changed."""
    areas = [a for a in round_areas(book, on) if a.group == group]
    if not areas:
        raise BookError("record_missing")
    changed = 0
    with book.batch():
        for area in areas:
            rid = round_id(area.area, area.unit, RoundKind.DISINFECT, on)
            item = book.get(RoundItem, rid)
            if item is not None and item.done == done:
                continue
            if item is None:
                if not done:
                    continue
                book.add(RoundItem(id=rid, area=area.area, unit=area.unit, on=on, done=True,
                                   done_at=now or book.clock.now(), worker=book.worker_id))
            else:
                book.update(RoundItem, rid, done=done, done_at=(now or book.clock.now()) if done else None)
            changed += 1
        if changed and done:
            event, where = _group_event(book, group, "round_done")
            auto_log(book, f"round/{group}/{on}", Category.PROTECTION, event, on=on,
                      where=where, count=len(areas))
    return changed


def issue_notice(book: Book, notice: str, on: date) -> int:
    """The office issued a notice: a "posted" item for every unit door and gate; how many."""
    notice = notice.strip()
    if not notice:
        raise BookError("invalid_input", sentence=word("place.no_notice"))
    doors = [a for a in round_areas(book, on) if a.group.startswith("b:") or
             (book.get(Place, a.area) is not None
              and book.require(Place, a.area).kind == PlaceKind.GATE)]
    made = 0
    with book.batch():
        for area in doors:
            rid = round_id(area.area, area.unit, RoundKind.POSTED, on, notice)
            if book.get(RoundItem, rid) is None:
                book.new(RoundItem, {
                    "id": rid, "area": area.area, "unit": area.unit, "kind": RoundKind.POSTED,
                    "on": on, "notice": notice, "worker": book.worker_id})
                made += 1
        if made:
            auto_log(book, f"notice/{on}/{notice}", Category.PUBLICITY, "notice_issued",
                      on=on, notice=notice, count=len(doors))
    return made


def tick_posted(book: Book, group: str, on: date, now: datetime | None = None) -> int:
    """Every open notice is posted on every door of a building (or gate) by day `on`."""
    areas = {(a.area, a.unit) for a in round_areas(book, on) if a.group == group}
    open_items = [i for i in book.all(RoundItem) if i.kind == RoundKind.POSTED and not i.done
                  and (i.area, i.unit) in areas and i.on <= on]
    if not open_items:
        return 0
    with book.batch():
        for item in open_items:
            book.update(RoundItem, item.id, done=True, done_at=now or book.clock.now())
        for notice in sorted({i.notice for i in open_items}):
            event, where = _group_event(book, group, "notice_posted")
            auto_log(book, f"posted/{group}/{notice}", Category.PUBLICITY, event,
                      on=on, where=where, notice=notice,
                      count=sum(1 for i in open_items if i.notice == notice))
    return len(open_items)


def _group_event(book: Book, group: str, event: str) -> tuple[str, str]:
    """The journal event and its derived-id key for a building's or a place's round: the
    building's number or the place's name is kept as a detail, so it reads in any language."""
    kind, _, key = group.partition(":")
    if kind == "b":
        return (f"{event}_building", key)
    place = book.get(Place, key)
    return (f"{event}_place", place.name if place is not None else key)


