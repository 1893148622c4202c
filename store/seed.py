"""A realistic synthetic book: a grid's households through months of an outbreak.

Returnees arrive, quarantines start and end (then health monitoring, then release), tests
come back, errands are asked for and delivered, and the worker writes the journal each day.
Everything comes from one seeded random generator and the period's end date, and every id
and stamp is derived from them, so the same arguments give the same bytes. With
`--households 60 --days 365` it makes a year-scale book of more than 20,000 records: the
data for demos, tests and benchmarks.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

from store.book import crdt
from store.book.atomic import atomic_write, make_private_dir
from store.book.fileformat import META_ID, META_TABLE, Data, dumps, new_meta
from store.book.ids import derived_id
from store.book.models import (
    Category,
    ChecklistItem,
    Errand,
    ErrandStatus,
    Household,
    ItemKind,
    LogEntry,
    Party,
    PartyRole,
    Person,
    Quarantine,
    Record,
    Status,
    TestKind,
    TestRecord,
    TestResult,
    Worker,
)
from store.book.policy import DEFAULT_POLICY, Policy, schedule
from store.idnumber import check_character

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"  # noqa: E501
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红娥玲芬燕彬鹏辉建国建华志强海燕春梅淑珍德明宏宇子涵浩然欣怡梓萱雨桐一诺宇轩"  # noqa: E501
ORIGINS = ["长春", "吉林市", "沈阳", "哈尔滨", "北京", "天津", "大连", "四平", "松原", "上海"]
ERRAND_ITEMS = ["大米5斤、青菜", "牛奶两箱", "鸡蛋30个", "挂面、酱油", "感冒药、体温计",
                "水果（苹果、橘子）", "尿不湿一包", "猪肉2斤、白菜", "降压药", "面包、酸奶",
                "消毒液两瓶", "卫生纸、洗衣液"]
HAND_LOG: dict[Category, list[str]] = {
    Category.CONTROL: ["巡查隔离户门磁和封条，情况正常。", "核对居家隔离人员名单，更新台账。",
                       "协助医护人员上门核酸检测。", "电话回访居家隔离人员身体状况。"],
    Category.SERVICE: ["为居家隔离户代买蔬菜并送到门口。", "生活垃圾消杀后送至指定清运车。",
                       "心理疏导：与隔离户电话沟通，情绪稳定。", "为独居老人送药上门。"],
    Category.PUBLICITY: ["在单元门张贴紧急排查通知和防疫海报。", "居民微信群发布最新防疫信息。",
                         "向隔离户送达告知书（一封信）。", "讲解消毒液的正确使用方法。"],
    Category.SCREENING: ["排查外地返白人员，核查、备案。", "小区出入口扫码、测温、验码。",
                         "走访商铺检查扫码站设置。", "排查关闭辖区托管班。"],
    Category.PROTECTION: ["单元门、电梯按钮消杀。", "养老院封闭管理检查。",
                          "为志愿者发放防护服和口罩。", "社区服务大厅通风消毒。"],
}


GRID_TZ = timezone(timedelta(hours=8))


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _phone(rng: random.Random) -> str:
    return rng.choice(("138", "139", "150", "158", "186", "135")) + f"{rng.randrange(10**8):08d}"


def _id_number(rng: random.Random) -> str:
    born = date(1940, 1, 1) + timedelta(days=rng.randrange(365 * 65))
    first17 = f"220802{born:%Y%m%d}{rng.randrange(1000):03d}"
    return first17 + check_character(first17)


@dataclass
class _Seeder:
    """Writes records straight into the stored shape with stamps from simulated time."""

    worker: str
    seed: int
    replica: str
    data: Data = field(default_factory=dict)
    counter: int = 0
    statuses: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    def new_id(self, kind: str) -> str:
        self.counter += 1
        return derived_id("seed", self.seed, self.worker, kind, self.counter)

    def stamp(self, when: datetime) -> int:
        # the simulated clock is the grid's own (China Standard Time), never the seeding
        # machine's time zone: the same arguments give the same bytes everywhere
        self.counter += 1
        return int(when.replace(tzinfo=GRID_TZ).timestamp() * 1000) * 1000 + self.counter % 1000

    def set_status(self, home: Household, when: datetime, status: Status) -> None:
        """A household's status with its history (the day, time and who), as the app keeps it."""
        history = self.statuses.setdefault(home.id, [])
        history.append({"on": when.date().isoformat(), "at": when.strftime("%H:%M:%S"),
                        "status": status.value, "worker": self.worker})
        self.change(Household, home.id, when, status=status.value,
                    status_changes=[dict(h) for h in history])

    def put(self, record: Record, when: datetime) -> None:
        values = record.model_dump(mode="json", exclude={"id"})
        self._write(record.TABLE, record.id, values, when)

    def change(self, model: type[Record], rid: str, when: datetime, **values: Any) -> None:
        self._write(model.TABLE, rid, values, when)

    def _write(self, table: str, rid: str, values: dict[str, Any], when: datetime) -> None:
        records = self.data.setdefault(table, {})
        raw = records.get(rid, crdt.new_record())
        records[rid] = crdt.write_fields(raw, _jsonable(values), self.stamp(when), self.replica,
                                         self.worker, when.date().isoformat())


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in values.items():
        if isinstance(value, (date, datetime)):
            value = value.isoformat()
        elif hasattr(value, "value"):
            value = value.value
        out[key] = value
    return out


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


def seed_book(path: Path, worker: str, *, households: int = 30, days: int = 60, seed: int = 1,
              today: date | None = None, policy: Policy = DEFAULT_POLICY) -> dict[str, int]:
    """Write a synthetic book to `path`; returns how many records of each kind it holds."""
    data = build_seed_data(worker, households=households, days=days, seed=seed,
                           today=today or date.today(), policy=policy)
    make_private_dir(path.parent)
    atomic_write(path, dumps(data))
    return {name: len(table) for name, table in data.items() if name != META_TABLE}


def build_seed_data(worker: str, *, households: int, days: int, seed: int, today: date,
                    policy: Policy = DEFAULT_POLICY) -> Data:
    """The data of a synthetic book (see the module docstring)."""
    rng = random.Random(f"{seed}/{worker}")
    seeder = _Seeder(worker=worker, seed=seed, replica=derived_id("replica", seed, worker)[:12])
    first = today - timedelta(days=max(days, 1) - 1)
    grid_no = grid_number(worker)
    seeder.put(Worker(id=worker, name=_name(rng), community="瑞明社区", grid=f"第{grid_no}网格",
                      phone=_phone(rng)), _at(first, 8))
    homes = _make_households(seeder, rng, worker, households, first, grid_no)
    state = {h.id: Status.NORMAL for h in homes}
    next_free = {h.id: first for h in homes}
    daily_chance = 1 / 33
    for offset in range(days):
        day = first + timedelta(days=offset)
        is_today = day == today
        for home in homes:
            if state[home.id] == Status.NORMAL and next_free[home.id] <= day \
                    and rng.random() < daily_chance:
                end = _quarantine(seeder, rng, home, day, today, policy)
                state[home.id] = Status.QUARANTINE
                next_free[home.id] = end + timedelta(days=policy.monitoring_days + 1)
        for home in homes:
            if next_free[home.id] == day and state[home.id] != Status.NORMAL:
                seeder.set_status(home, _at(day, 9), Status.RELEASED)
                _hand_log(seeder, rng, day, Category.CONTROL,
                          f"{home.address} {home.head} 健康监测期满，解除管控。", home.id,
                          auto=True)
                state[home.id] = Status.NORMAL
        _day_of_journal(seeder, rng, day, is_today)
    from store.seed_places import seed_places  # places and rounds (issue 15)

    seed_places(seeder, homes, first, today, policy)
    clock = max((crdt.max_stamp(r) for t in seeder.data.values() for r in t.values()),
                default=0)
    seeder.data[META_TABLE] = {META_ID: new_meta("worker", worker, clock)}
    return seeder.data


def grid_number(worker: str) -> int:
    """The seeded worker's grid: the number in their id (w03 -> 3), else one from the id."""
    digits = "".join(c for c in worker if c.isdigit())[-3:]
    if digits and int(digits) > 0:
        return int(digits)
    return int(derived_id("grid", worker).encode().hex(), 16) % 9 + 1


def _make_households(seeder: _Seeder, rng: random.Random, worker: str, count: int,
                     first: date, grid_no: int = 1) -> list[Household]:
    """The grid's households; each grid has its own buildings (with 24 households a grid,
    grid 1 has 1栋 and 2栋, grid 2 has 3栋 and 4栋, ...)."""
    homes = []
    per_grid = max(1, -(-count // 12))
    for index in range(count):
        building = str((grid_no - 1) * per_grid + index // 12 + 1)
        unit = str(index % 12 // 6 + 1)
        room = f"{index % 6 + 1}0{rng.choice((1, 2))}"
        people = tuple(Person(name=_name(rng), phone=_phone(rng), id_number=_id_number(rng))
                       for _ in range(rng.choice((1, 2, 2, 3, 4))))
        parties = {
            PartyRole.STREET: Party(name="瑞光街道 " + _name(rng), phone=_phone(rng)),
            PartyRole.COMMUNITY: Party(name="瑞明社区 " + _name(rng), phone=_phone(rng)),
            PartyRole.CLINIC: Party(name="瑞光卫生院 " + _name(rng), phone=_phone(rng)),
            PartyRole.POLICE: Party(name="瑞光派出所 " + _name(rng), phone=_phone(rng)),
            PartyRole.EMPLOYER: Party(name=rng.choice(("白城市第一中学", "洮北区供电公司",
                                                       "瑞光商贸", "个体经营")), phone=_phone(rng)),
        }
        home = Household(id=seeder.new_id("household"), building=building, unit=unit, room=room,
                         people=people, phone=people[0].phone, worker=worker, parties=parties,
                         added_on=first)
        seeder.put(home, _at(first, 8, 30))
        homes.append(home)
    return homes


def _quarantine(seeder: _Seeder, rng: random.Random, home: Household, start: date,
                today: date, policy: Policy) -> date:
    """One quarantine with its schedule, tests, errands and log; returns its release day."""
    origin = rng.choice(ORIGINS)
    q = Quarantine(id=seeder.new_id("quarantine"), household=home.id, start=start,
                   end=start + timedelta(days=policy.days))
    seeder.put(q, _at(start, 8))
    seeder.set_status(home, _at(start, 8), Status.QUARANTINE)
    _hand_log(seeder, rng, start, Category.SCREENING,
              f"{home.address} {home.head} 从{origin}返白，核查备案，开始居家隔离。", home.id)
    end = q.end
    if rng.random() < 0.1 and start + timedelta(days=5) <= today:
        new_end = end + timedelta(days=rng.choice((3, 7)))
        q_changes = ({"on": (start + timedelta(days=5)).isoformat(), "old_end": end.isoformat(),
                      "new_end": new_end.isoformat(), "reason": "同住人员返白，延长隔离"},)
        seeder.change(Quarantine, q.id, _at(start + timedelta(days=5), 10), end=new_end.isoformat(),
                      changes=list(q_changes))
        q = q.model_copy(update={"end": new_end})
        end = new_end
    for item in schedule(q, policy):
        if item.on > today:  # made when the quarantine started, as the app makes them, so a
            seeder.put(item, _at(start, 8))  # demo left open past midnight has a next day
            continue
        seeder.put(item, _at(item.on, 7))
        if item.on < today or rng.random() < 0.4:
            done = rng.random() < 0.97 or item.on == today
            if done:
                seeder.change(ChecklistItem, item.id, _at(item.on, 16),
                              done=True, done_at=_at(item.on, rng.randrange(8, 17)).isoformat())
                if item.kind == ItemKind.TEST:
                    test = TestRecord(id=seeder.new_id("test"), household=home.id, on=item.on,
                                      kind=TestKind.NUCLEIC,
                                      result=TestResult.PENDING if item.on == today
                                      else TestResult.NEGATIVE, person=home.head)
                    seeder.put(test, _at(item.on, 10))
                    _hand_log(seeder, rng, item.on, Category.CONTROL,
                              f"{home.address} {home.head} 上门核酸检测。", home.id, auto=True)
    for offset in range(min((end - start).days, (today - start).days + 1)):
        day = start + timedelta(days=offset)
        if rng.random() < 0.3:
            _errand(seeder, rng, home, day, today)
    if end <= today:
        seeder.change(Quarantine, q.id, _at(end, 9), released_on=end.isoformat())
        seeder.set_status(home, _at(end, 9), Status.MONITORING)
        _hand_log(seeder, rng, end, Category.CONTROL,
                  f"{home.address} {home.head} 隔离期满，转为健康监测。", home.id, auto=True)
    return end


def _errand(seeder: _Seeder, rng: random.Random, home: Household, day: date, today: date) -> None:
    created = _at(day, rng.randrange(8, 12))
    due = _at(day + timedelta(days=rng.choice((0, 1))), 18)
    advanced = rng.randrange(20, 200) * 100
    steps = [_step(seeder, ErrandStatus.REQUESTED, created, advanced=advanced)]
    errand = Errand(id=seeder.new_id("errand"), household=home.id, items=rng.choice(ERRAND_ITEMS),
                    advanced=advanced, due=due, created=created)
    seeder.put(errand, created)
    seeder.change(Errand, errand.id, created, steps=list(steps))
    age = (today - day).days
    if age >= 2 or (age == 1 and rng.random() < 0.7):
        if rng.random() < 0.05:
            when = created + timedelta(hours=1)
            steps.append(_step(seeder, ErrandStatus.CANCELLED, when))
            seeder.change(Errand, errand.id, when, status=ErrandStatus.CANCELLED.value,
                          steps=list(steps))
            return
        when = due - timedelta(hours=2)
        steps.append(_step(seeder, ErrandStatus.DELIVERED, when))
        repaid = errand.advanced if rng.random() < 0.9 else 0
        if repaid:
            steps.append(_step(seeder, None, when, repaid=repaid))
        seeder.change(Errand, errand.id, when, status=ErrandStatus.DELIVERED.value,
                      repaid=repaid, steps=list(steps))
        _hand_log(seeder, rng, due.date(), Category.SERVICE,
                  f"{home.address} {home.head} 代买代送已送达：{errand.items}。", home.id, auto=True)
    else:
        status = rng.choice((ErrandStatus.REQUESTED, ErrandStatus.ACCEPTED, ErrandStatus.BOUGHT))
        if status != ErrandStatus.REQUESTED:
            when = created + timedelta(hours=1)
            steps.append(_step(seeder, status, when))
            seeder.change(Errand, errand.id, when, status=status.value, steps=list(steps))


def _step(seeder: _Seeder, status: ErrandStatus | None, when: datetime, advanced: int = 0,
          repaid: int = 0) -> dict[str, Any]:
    """An errand step as stored: its day, time and worker, the status reached, the money."""
    return {"kind": status.value if status else "repaid", "on": when.date().isoformat(),
            "at": when.strftime("%H:%M:%S"), "worker": seeder.worker,
            "status": status.value if status else None, "advanced": advanced,
            "repaid": repaid, "undone_on": None}


def _hand_log(seeder: _Seeder, rng: random.Random, day: date, category: Category, text: str,
              household: str | None = None, auto: bool = False) -> None:
    at = f"{rng.randrange(8, 18):02d}:{rng.randrange(60):02d}"
    entry = LogEntry(id=seeder.new_id("log"), on=day, at=at, category=category, text=text,
                     household=household, worker=seeder.worker, auto=auto)
    seeder.put(entry, _at(day, int(at[:2]), int(at[3:])))


def _day_of_journal(seeder: _Seeder, rng: random.Random, day: date, is_today: bool) -> None:
    for _ in range(rng.randrange(2, 4) if is_today else rng.randrange(3, 8)):
        category = rng.choice(list(Category))
        _hand_log(seeder, rng, day, category, rng.choice(HAND_LOG[category]))
