"""The places and rounds of a synthetic book (`store.seed`): the grid's shops, pharmacy,
old people's home, tutoring class, gates and garbage points, inspected by the policy's
checks with now and then a failure that is followed up, and each building's common areas
disinfected day by day, with the office's notices posted on the unit doors.

Its own random generator (so the households, quarantines and journal of a seed are the
same as before places existed) and ids and stamps derived like the rest of the seed, so
the same arguments give the same bytes. Inspections and rounds cover the last `RECENT`
days of the period: a year-scale book grows by a few thousand records, not by a quarter.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from store.book.models import (
    COMMON_AREAS,
    Category,
    Household,
    Inspection,
    LogEntry,
    Place,
    PlaceKind,
    PlaceState,
    PlaceStateChange,
    RoundItem,
    RoundKind,
)
from store.book.policy import Policy, place_rule
from store.logtext import render_event
from store.places import round_id
from store.seed import _at, _name, _phone, _Seeder

RECENT = 45
PLACES: tuple[tuple[str, PlaceKind, str, PlaceState], ...] = (
    ("万家福超市", PlaceKind.SUPERMARKET, "瑞明路18号", PlaceState.LIMITED),
    ("益丰大药房", PlaceKind.PHARMACY, "瑞明路22号", PlaceState.OPEN),
    ("老张家便利店", PlaceKind.SHOP, "幸福街3号", PlaceState.OPEN),
    ("福寿老年公寓", PlaceKind.ELDERLY_HOME, "幸福街9号", PlaceState.CLOSED_MANAGEMENT),
    ("小太阳辅导班", PlaceKind.TUTORING, "瑞明路30号二楼", PlaceState.CLOSED),
    ("东门", PlaceKind.GATE, "小区东门", PlaceState.OPEN),
    ("南门", PlaceKind.GATE, "小区南门", PlaceState.OPEN),
    ("1号垃圾点", PlaceKind.GARBAGE_POINT, "1栋北侧", PlaceState.OPEN),
    ("2号垃圾点", PlaceKind.GARBAGE_POINT, "4栋北侧", PlaceState.OPEN),
)
NOTES = {"scan_station": "扫码站无人值守", "limit": "店内人数超过限额", "temperature": "未测温",
         "code_check": "未查验健康码", "masks": "有顾客未戴口罩",
         "closed_management": "有家属进入探视", "stays_closed": "有家长送孩子上课"}
NOTICES = ("紧急排查通知", "核酸检测通知", "疫情防控宣传海报", "居家隔离告知")


def seed_places(seeder: _Seeder, homes: list[Household], first: date, today: date,
                policy: Policy) -> None:
    """Write the places, inspections, rounds and their journal entries into `seeder`."""
    rng = random.Random(f"{seeder.seed}/{seeder.worker}/places")
    start = max(first, today - timedelta(days=RECENT - 1))
    places: list[Place] = []
    for name, kind, address, state in PLACES:
        # the outbreak's measures (limits, closing) begin a few days into the period
        changes: tuple[PlaceStateChange, ...] = (PlaceStateChange(on=first, state=PlaceState.OPEN),)
        if state != PlaceState.OPEN:
            changes += (PlaceStateChange(on=min(today, first + timedelta(days=3)), state=state),)
        place = Place(id=seeder.new_id("place"), name=name, kind=kind, address=address,
                      keeper="" if kind in COMMON_AREAS else _name(rng),
                      phone="" if kind in COMMON_AREAS else _phone(rng), state=state,
                      since=first, changes=changes, worker=seeder.worker)
        seeder.put(place, _at(first, 9))
        _log(seeder, first, 9, Category.SCREENING, "place_registered", place=name,
             kind=kind.value, state=PlaceState.OPEN.value)
        places.append(place)
    units = sorted({(h.building, h.unit) for h in homes},
                   key=lambda bu: (int(bu[0]) if bu[0].isdigit() else 0, bu))
    buildings = sorted({b for b, _u in units}, key=lambda b: (int(b) if b.isdigit() else 0, b))
    open_failures: dict[str, dict[str, str]] = {}
    day = start
    while day <= today:
        is_today = day == today
        for place in places:
            _inspect(seeder, rng, place, day, is_today, policy, open_failures)
        for building in buildings:
            if (not is_today or rng.random() < 0.5) and (rng.random() < 0.97 or is_today):
                hour = rng.randrange(7, 11)
                for b, unit in units:
                    if b == building:
                        _round(seeder, building, unit, day, hour)
                _log(seeder, day, hour, Category.PROTECTION, "round_done_building",
                     where=building, count=sum(1 for b, _u in units if b == building))
        for place in places:
            if place.kind in COMMON_AREAS and (not is_today or rng.random() < 0.5):
                hour = rng.randrange(7, 11)
                _round(seeder, place.id, "", day, hour)
                _log(seeder, day, hour, Category.PROTECTION, "round_done_place", where=place.name,
                     count=1)
        if (today - day).days % 10 == 0:
            _notice(seeder, rng, NOTICES[(today - day).days // 10 % len(NOTICES)], day, today,
                    units, [p for p in places if p.kind == PlaceKind.GATE])
        day += timedelta(days=1)


def _inspect(seeder: _Seeder, rng: random.Random, place: Place, day: date, is_today: bool,
             policy: Policy, open_failures: dict[str, dict[str, str]]) -> None:
    rule = place_rule(policy, place.kind)
    state = place.state_on(day)
    if not rule.checks or rule.every <= 0 or state is None:
        return
    if state == PlaceState.CLOSED and "stays_closed" not in rule.checks:
        return
    failing = open_failures.setdefault(place.id, {})
    due = (day - seeder_first_day(place)).days % rule.every == 0
    if failing and not is_today:  # follow-up the next day: mostly put right
        results = {c: (rng.random() < 0.8, "") for c in failing}
    elif due and not is_today:  # today's inspections are the worker's to do
        results = {c: (rng.random() >= 0.04, "") for c in rule.checks}
    else:
        return
    results = {c: (ok, "" if ok else NOTES.get(c, "未落实")) for c, (ok, _n) in results.items()}
    follows = bool(failing)
    hour = rng.randrange(9, 17)
    inspection = Inspection(id=seeder.new_id("inspection"), place=place.id, on=day,
                            at=f"{hour:02d}:{rng.randrange(60):02d}",
                            checks={c: {"passed": ok, "note": note}
                                    for c, (ok, note) in results.items()},
                            follows=open_failures.get(f"{place.id}/by", {}).get("id", "")
                            if follows else "", worker=seeder.worker)
    seeder.put(inspection, _at(day, hour))
    failed = [c for c, (ok, _n) in results.items() if not ok]
    if follows:
        _log(seeder, day, hour, Category.SCREENING,
             "place_followed_up" if failed else "place_put_right", place=place.name,
             checks=",".join(c for c, (ok, _n) in results.items() if ok), failed=",".join(failed))
    else:
        _log(seeder, day, hour, Category.SCREENING, "place_inspected", place=place.name,
             count=len(results), failed=",".join(failed))
    open_failures[place.id] = {c: results[c][1] for c in failed}
    open_failures[f"{place.id}/by"] = {"id": inspection.id}  # what a follow-up follows


def seeder_first_day(place: Place) -> date:
    return place.since or date.min


def _round(seeder: _Seeder, area: str, unit: str, day: date, hour: int) -> None:
    when = _at(day, hour)
    seeder.put(RoundItem(id=round_id(area, unit, RoundKind.DISINFECT, day), area=area, unit=unit,
                         on=day, done=True, done_at=when, worker=seeder.worker), when)


def _notice(seeder: _Seeder, rng: random.Random, notice: str, day: date, today: date,
            units: list[tuple[str, str]], gates: list[Place]) -> None:
    doors = [(b, u) for b, u in units] + [(g.id, "") for g in gates]
    _log(seeder, day, 8, Category.PUBLICITY, "notice_issued", notice=notice, count=len(doors))
    for area, unit in doors:
        item = RoundItem(id=round_id(area, unit, RoundKind.POSTED, day, notice), area=area,
                         unit=unit, kind=RoundKind.POSTED, on=day, notice=notice,
                         worker=seeder.worker)
        seeder.put(item, _at(day, 8))
        posted = day + timedelta(days=rng.choice((0, 0, 1)))
        if posted < today or (posted == today and rng.random() < 0.4):
            when = _at(posted, rng.randrange(9, 12))
            seeder.change(RoundItem, item.id, when, done=True, done_at=when.isoformat())


def _log(seeder: _Seeder, day: date, hour: int, category: Category, event: str,
         **params: object) -> None:
    details = {k: str(v) for k, v in params.items()}
    entry = LogEntry(id=seeder.new_id("log"), on=day, at=f"{hour:02d}:00", category=category,
                     text=render_event(event, details) or event, worker=seeder.worker, auto=True,
                     event=event, params=details)
    seeder.put(entry, _at(day, hour))
