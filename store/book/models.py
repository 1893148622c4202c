"""The records of a grid worker's book, as pydantic models.

These are the values a person sees and edits. On disk each field of a record is stored in
the merge-ready shape of `store.book.crdt`; `store.book.book` turns one into the other. Every model
names its table (`TABLE`); every id is minted where the record is created (a ULID) or,
for generated schedule items, derived from what the item is (`store.book.ids.derived_id`).

Unlike the other modules this one does not use `from __future__ import annotations`: with
it pydantic evaluates every field's annotation from a string when it builds the models,
which is about a tenth of the time every command spends building them (~1 ms).
"""

import sys
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from store.idnumber import is_valid_id_number

# Every day a record holds lies in 1970-2100 (issue 17): a file's 9999-12-31 is set aside
# as invalid, never a date that overflows when a day is added to it.
EARLIEST_DAY, LATEST_DAY = date(1970, 1, 1), date(2100, 12, 31)
Day = Annotated[date, Field(ge=EARLIEST_DAY, le=LATEST_DAY)]
LONGEST_QUARANTINE_DAYS = 366  # as store.book.policy.LONGEST_EVER_DAYS
Moment = Annotated[datetime, Field(ge=datetime(1970, 1, 1), le=datetime(2100, 12, 31, 23, 59))]


class Status(StrEnum):
    """Where a household stands (DOMAIN.md: registration to release)."""

    NORMAL = "normal"
    QUARANTINE = "quarantine"
    MONITORING = "monitoring"
    RELEASED = "released"


class Category(StrEnum):
    """The "five in place" (疫情防控五到位): categories of the daily log."""

    CONTROL = "control"
    SERVICE = "service"
    PUBLICITY = "publicity"
    SCREENING = "screening"
    PROTECTION = "protection"


class ItemKind(StrEnum):
    """What a checklist item asks for on its day."""

    TEST = "test"
    GARBAGE = "garbage"
    NEEDS = "needs"
    LETTER = "letter"
    RELEASE = "release"


class ErrandStatus(StrEnum):
    """The errand lifecycle: requested -> accepted -> bought -> delivered, or cancelled."""

    REQUESTED = "requested"
    ACCEPTED = "accepted"
    BOUGHT = "bought"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"


ERRAND_NEXT: dict[ErrandStatus, ErrandStatus] = {
    ErrandStatus.REQUESTED: ErrandStatus.ACCEPTED,
    ErrandStatus.ACCEPTED: ErrandStatus.BOUGHT,
    ErrandStatus.BOUGHT: ErrandStatus.DELIVERED,
}
ERRAND_OPEN = frozenset({ErrandStatus.REQUESTED, ErrandStatus.ACCEPTED, ErrandStatus.BOUGHT})


class TestKind(StrEnum):
    __test__ = False
    NUCLEIC = "nucleic"
    ANTIGEN = "antigen"


class TestResult(StrEnum):
    __test__ = False
    PENDING = "pending"
    NEGATIVE = "negative"
    POSITIVE = "positive"


class PartyRole(StrEnum):
    """The five parties jointly responsible for a quarantined person (五位一体包保)."""

    STREET = "street"
    COMMUNITY = "community"
    CLINIC = "clinic"
    POLICE = "police"
    EMPLOYER = "employer"


_FIELDS_SETS: dict[tuple[type, frozenset[str]], set[str]] = {}


class Value(BaseModel):
    """A frozen model whose instances share one set of "fields given" per model and set of
    fields. Pydantic keeps that set per instance (about 730 bytes each); a year book keeps
    some 12,000 records and parts of records built (errands and their steps, tests, rounds),
    so one shared set each saves about 7 MB. The set is never changed in place: the models
    are frozen, and `model_copy` copies it before adding to it."""

    model_config = ConfigDict(frozen=True)
    # Short texts that repeat across records (times, workers, households, kinds): read
    # from a file each is a string of its own; kept, one string per value (~1.3 MB a year).
    SHARED_TEXT: ClassVar[tuple[str, ...]] = ()

    def model_post_init(self, context: Any, /) -> None:
        given = self.__pydantic_fields_set__
        shared = _FIELDS_SETS.setdefault((type(self), frozenset(given)), given)
        if shared is not given:
            object.__setattr__(self, "__pydantic_fields_set__", shared)
        if self.SHARED_TEXT:
            values = self.__dict__
            for name in self.SHARED_TEXT:
                value = values.get(name)
                if type(value) is str:
                    values[name] = sys.intern(value)


class Record(Value):
    """What every stored record has: a stable id. Unknown fields are kept, not dropped."""

    model_config = ConfigDict(extra="allow", frozen=True, use_enum_values=False)
    TABLE: ClassVar[str] = ""

    id: str = Field(min_length=1, max_length=64)


def _clean_text(value: str) -> str:
    """Text as kept: without the spaces around it. Run before a field's own checks, so a
    field that must be filled refuses spaces alone (and the stored text checks the same)."""
    return value.strip()


def _check_phone(value: str) -> str:
    value = value.strip()
    if value and not all(c.isdigit() or c in "+- " for c in value):
        raise ValueError("phone")
    return value


class Party(Value):
    """One of the five responsible parties: who, and how to reach them."""

    model_config = ConfigDict(frozen=True)
    name: str = Field(default="", max_length=60)
    phone: str = Field(default="", max_length=30)

    _phone = field_validator("phone")(_check_phone)


class Sex(StrEnum):
    """A person's sex as the control record has it ("" when not known)."""

    UNKNOWN = ""
    MALE = "m"
    FEMALE = "f"


class Person(Value):
    """One resident of a household: the control record is kept per person (每人一册).

    Sex and birth day are read from the ID number when one is given; `q_start`/`q_end` are
    the person's own quarantine dates when they differ from the household's.
    """

    model_config = ConfigDict(frozen=True)
    name: str = Field(min_length=1, max_length=40)
    phone: str = Field(default="", max_length=30)
    id_number: str = Field(default="", max_length=18)
    returnee: bool = False
    origin: str = Field(default="", max_length=60)
    sex: Sex = Sex.UNKNOWN
    age: int | None = Field(default=None, ge=0, le=130)
    arrived: date | None = None
    q_start: date | None = None
    q_end: date | None = None

    def sex_shown(self) -> Sex:
        """The sex the ID number gives (its 17th digit: odd is male), else as entered."""
        if self.id_number:
            return Sex.MALE if int(self.id_number[16]) % 2 else Sex.FEMALE
        return self.sex

    def age_on(self, on: date) -> int | None:
        """Age in whole years on `on`, from the ID number's birth date, else as entered."""
        if self.id_number:
            born = date(int(self.id_number[6:10]), int(self.id_number[10:12]),
                        int(self.id_number[12:14]))
            return max(0, on.year - born.year - ((on.month, on.day) < (born.month, born.day)))
        return self.age

    @field_validator("name", "origin", mode="before")
    @classmethod
    def _strip(cls, value: Any) -> Any:
        return _clean_text(value) if isinstance(value, str) else value

    _phone = field_validator("phone")(_check_phone)

    @field_validator("id_number")
    @classmethod
    def _id_number(cls, value: str) -> str:
        value = value.strip().upper()
        if value and not is_valid_id_number(value):
            raise ValueError("id_number")
        return value


class Worker(Record):
    """A grid worker (网格员) and the grid they look after."""

    TABLE: ClassVar[str] = "workers"
    name: str = Field(min_length=1, max_length=40)
    community: str = Field(default="", max_length=60)
    grid: str = Field(default="", max_length=40)
    phone: str = Field(default="", max_length=30)


# truth over time (DESIGN.md): the steps a report counts, each with the worker's local day
# and time when it happened and who did it; a report for a past day reads these, never
# merge stamps. Records written before these existed have none: see store.history.
class StatusChange(Value):
    """A household's status set on a day (quarantine started, monitoring, released)."""

    SHARED_TEXT = ("at", "worker")

    model_config = ConfigDict(frozen=True)
    on: date
    at: str = Field(default="00:00:00", max_length=8)
    status: Status
    worker: str = Field(default="", max_length=64)


class Assignment(Value):
    """A household given to a worker on a day (by the office or at its registration)."""

    model_config = ConfigDict(frozen=True)
    on: date
    at: str = Field(default="00:00:00", max_length=8)
    worker: str = Field(max_length=64)
    by: str = Field(default="", max_length=64)


class ErrandStep(Value):
    """One step of an errand: a status reached, money advanced or repaid, an edit, with
    the day and time it happened and who did it. `advanced` and `repaid` are what the step
    changed (fen; an edit that lowers an amount is negative). A step undone stays, marked
    with the day it was undone, so a report of an earlier day still counts it."""

    SHARED_TEXT = ("kind", "at", "worker")

    model_config = ConfigDict(frozen=True)
    kind: str = Field(max_length=20)  # a status value, "repaid", "edited"
    on: date
    at: str = Field(default="00:00:00", max_length=8)
    worker: str = Field(default="", max_length=64)
    status: ErrandStatus | None = None  # the errand's status after the step
    advanced: int = Field(default=0, ge=-100_000_00, le=100_000_00)
    repaid: int = Field(default=0, ge=-100_000_00, le=100_000_00)
    undone_on: date | None = None


class Household(Record):
    """A household of the grid: its address, people, status and control record."""

    TABLE: ClassVar[str] = "households"
    building: str = Field(min_length=1, max_length=20)
    unit: str = Field(default="", max_length=20)
    room: str = Field(min_length=1, max_length=20)
    people: tuple[Person, ...] = ()
    phone: str = Field(default="", max_length=30)
    status: Status = Status.NORMAL
    worker: str = ""
    parties: dict[PartyRole, Party] = Field(default_factory=dict)
    note: str = Field(default="", max_length=2000)
    purged: bool = False
    merged_into: str = Field(default="", max_length=64)
    removed_reason: str = Field(default="", max_length=200)
    # office: when it was registered, who looked after it since when, its status history
    added_on: date | None = None
    assignments: tuple[Assignment, ...] = ()
    status_changes: tuple[StatusChange, ...] = ()

    @field_validator("building", "unit", "room", mode="before")
    @classmethod
    def _strip(cls, value: Any) -> Any:
        return _clean_text(value) if isinstance(value, str) else value

    _phone = field_validator("phone")(_check_phone)

    @property
    def address(self) -> str:
        """The address as residents write it: 3栋2单元501."""
        unit = f"{self.unit}单元" if self.unit else ""
        return f"{self.building}栋{unit}{self.room}"

    @property
    def head(self) -> str:
        """The first person's name, the household's usual label."""
        return self.people[0].name if self.people else ""


class QuarantineChange(Value):
    """An extension or shortening of a quarantine, with why."""

    model_config = ConfigDict(frozen=True)
    on: Day
    old_end: Day
    new_end: Day
    reason: str = Field(min_length=1, max_length=200)


class Quarantine(Record):
    """One period of home quarantine (居家隔离) of a household; `end` is the release day."""

    SHARED_TEXT = ("household",)

    TABLE: ClassVar[str] = "quarantines"
    household: str
    start: Day
    end: Day
    changes: tuple[QuarantineChange, ...] = ()
    released_on: Day | None = None
    origin: str = Field(default="", max_length=60)
    reason: str = Field(default="", max_length=60)
    arrived: Day | None = None
    release_reason: str = Field(default="", max_length=200)

    @model_validator(mode="after")
    def _bounded(self) -> "Quarantine":
        if (self.end - self.start).days > LONGEST_QUARANTINE_DAYS:
            raise ValueError(f"a quarantine lasts at most {LONGEST_QUARANTINE_DAYS} days")
        return self

    def day_number(self, on: date) -> int:
        """Day N of the quarantine on `on` (day 1 is the start)."""
        return (on - self.start).days + 1

    @property
    def length(self) -> int:
        """M, the number of days of quarantine before the release day."""
        return (self.end - self.start).days

    def active_on(self, on: date) -> bool:
        return self.released_on is None and self.start <= on <= self.end


class ChecklistItem(Record):
    """One thing to do for a household on one day; its id is derived, never minted."""

    TABLE: ClassVar[str] = "checklist"
    household: str
    quarantine: str = ""
    on: Day
    kind: ItemKind
    done: bool = False
    done_at: Moment | None = None
    note: str = Field(default="", max_length=500)
    errand: str = Field(default="", max_length=64)


class TestRecord(Record):
    """A door-to-door test (上门核酸检测) and its result."""

    SHARED_TEXT = ("household", "person")

    TABLE: ClassVar[str] = "tests"
    __test__: ClassVar[bool] = False
    household: str
    on: Day
    kind: TestKind = TestKind.NUCLEIC
    result: TestResult = TestResult.PENDING
    person: str = ""


class Errand(Record):
    """Buying and delivering for a household (代买代送); money in fen (1/100 yuan)."""

    SHARED_TEXT = ("household",)

    TABLE: ClassVar[str] = "errands"
    household: str
    items: str = Field(min_length=1, max_length=500)
    advanced: int = Field(default=0, ge=0, le=100_000_00)
    repaid: int = Field(default=0, ge=0, le=100_000_00)
    due: Moment
    created: Moment
    status: ErrandStatus = ErrandStatus.REQUESTED
    steps: tuple[ErrandStep, ...] = ()

    @property
    def open(self) -> bool:
        return self.status in ERRAND_OPEN

    def overdue(self, now: datetime) -> bool:
        return self.open and self.due < now


class LogEntry(Record):
    """One line of the worker's daily journal (工作日志)."""

    TABLE: ClassVar[str] = "log"
    on: Day
    at: str = Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    category: Category
    text: str = Field(min_length=1, max_length=2000)
    household: str | None = None
    worker: str = ""
    auto: bool = False
    event: str = Field(default="", max_length=40)
    params: dict[str, str] = Field(default_factory=dict)

    @field_validator("text", mode="before")
    @classmethod
    def _strip(cls, value: Any) -> Any:
        return _clean_text(value) if isinstance(value, str) else value


MODELS: dict[str, type[Record]] = {
    m.TABLE: m for m in (Worker, Household, Quarantine, ChecklistItem, TestRecord, Errand, LogEntry)
}


# places and rounds (issue 15): premises screened (排查) and common areas disinfected (消杀) --
class PlaceKind(StrEnum):
    """What a place is: premises that are screened, or a common area of the rounds."""

    SHOP = "shop"
    SUPERMARKET = "supermarket"
    PHARMACY = "pharmacy"
    ELDERLY_HOME = "elderly_home"
    TUTORING = "tutoring"
    CLINIC = "clinic"
    OTHER = "other"
    GATE = "gate"
    GARBAGE_POINT = "garbage_point"


COMMON_AREAS = frozenset({PlaceKind.GATE, PlaceKind.GARBAGE_POINT})


class PlaceState(StrEnum):
    """How a place is running: open, limited (限流), under closed management, closed."""

    OPEN = "open"
    LIMITED = "limited"
    CLOSED_MANAGEMENT = "closed_management"
    CLOSED = "closed"


class RoundKind(StrEnum):
    """A round's item: the day's disinfection (消杀) or a notice posted on a door (张贴)."""

    DISINFECT = "disinfect"
    POSTED = "posted"


class PlaceStateChange(Value):
    """A place's state from day `on` (a report for a day shows the state it had then)."""

    model_config = ConfigDict(frozen=True, defer_build=True)
    on: date
    state: PlaceState


class Place(Record):
    """A place of the grid (场所): premises screened by the policy's checks, or a gate or
    garbage point that the daily disinfection round covers."""

    # built when first used, not at import: commands that never touch places skip it
    model_config = ConfigDict(extra="allow", frozen=True, use_enum_values=False,
                              defer_build=True)
    TABLE: ClassVar[str] = "places"
    name: str = Field(min_length=1, max_length=60)
    kind: PlaceKind = PlaceKind.SHOP
    address: str = Field(default="", max_length=100)
    keeper: str = Field(default="", max_length=40)
    phone: str = Field(default="", max_length=30)
    state: PlaceState = PlaceState.OPEN
    since: date | None = None  # the day it was registered
    changes: tuple[PlaceStateChange, ...] = ()
    worker: str = ""
    note: str = Field(default="", max_length=2000)

    @field_validator("name", "address", "keeper", mode="before")
    @classmethod
    def _strip(cls, value: Any) -> Any:
        return _clean_text(value) if isinstance(value, str) else value

    _phone = field_validator("phone")(_check_phone)

    def state_on(self, on: date) -> PlaceState | None:
        """The state the place had at the end of day `on` (None: not registered yet).

        `changes` holds every state set, the first at registration; a record without them
        (typed by hand, or older) shows its current state on every day."""
        if self.since is not None and on < self.since:
            return None
        found: PlaceState | None = None
        found_on = date.min
        for change in self.changes:
            if change.on <= on and (found is None or change.on >= found_on):
                found, found_on = change.state, change.on
        return found if found is not None else self.state


class CheckResult(Value):
    """One check of an inspection: passed or not, and what was seen."""

    model_config = ConfigDict(frozen=True, defer_build=True)
    passed: bool
    note: str = Field(default="", max_length=200)


class Inspection(Record):
    """One visit to a place (排查): each check passed or failed, with a note; `follows` is
    the inspection whose failed checks this one followed up."""

    SHARED_TEXT = ("place", "worker")

    # built when first used, not at import: commands that never touch places skip it
    model_config = ConfigDict(extra="allow", frozen=True, use_enum_values=False,
                              defer_build=True)
    TABLE: ClassVar[str] = "inspections"
    place: str
    on: date
    at: str = Field(default="00:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    checks: dict[str, CheckResult] = Field(default_factory=dict)
    follows: str = ""
    worker: str = ""


class RoundItem(Record):
    """One area's round item on a day: a building unit's stairway, a gate or a garbage
    point disinfected, or a notice posted on a unit door or gate. Its id is derived from
    (area, unit, kind, day[, notice]), so two machines make one item."""

    SHARED_TEXT = ("area", "unit", "worker")

    # built when first used, not at import: commands that never touch places skip it
    model_config = ConfigDict(extra="allow", frozen=True, use_enum_values=False,
                              defer_build=True)
    TABLE: ClassVar[str] = "rounds"
    area: str = Field(min_length=1, max_length=64)  # a building number, or a place's id
    unit: str = Field(default="", max_length=20)
    kind: RoundKind = RoundKind.DISINFECT
    on: date
    notice: str = Field(default="", max_length=100)
    done: bool = False
    done_at: datetime | None = None
    worker: str = ""


MODELS.update({m.TABLE: m for m in (Place, Inspection, RoundItem)})


AnyRecord = TypeVar("AnyRecord", bound=Record)


def from_stored(model: type[AnyRecord], record_id: str, values: dict[str, Any]) -> AnyRecord:
    """A stored record as a model: its current values (`crdt.read_current` or
    `crdt.current`, a dict of the caller's own, given the id here) validated. The one place
    a record read from a book becomes a model; ValidationError (or TypeError, ValueError
    from a validator) when it is not a valid record of its kind."""
    values["id"] = record_id
    return model.model_validate(values)
