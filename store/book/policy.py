"""The quarantine policy and the schedule it makes for a household.

The built-in default follows the source report (14 days at home, door-to-door tests on set
days, at least 3); a community changes it with a TOML file, no code. The schedule's items
get ids derived from (household, kind, date), so the same day's item made on two machines,
or made again after an extension, is one item.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from store.book.ids import derived_id
from store.book.models import ChecklistItem, ItemKind, PlaceKind, Quarantine
from store.errors import BookError


class PlaceRule(BaseModel):
    """Which checks a kind of place gets (排查), and every how many days (0: never)."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)
    checks: tuple[str, ...] = ()
    every: int = Field(default=1, ge=0, le=60)

    @field_validator("checks")
    @classmethod
    def _names(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if len(value) > 12 or any(not name.strip() or len(name) > 20 for name in value):
            raise ValueError("at most 12 checks, each named in 1 to 20 characters")
        return tuple(dict.fromkeys(name.strip() for name in value))


# From the source report: shops get a scan-code station, limited numbers, temperatures,
# code checks and masks; old people's homes are kept under closed management; tutoring
# classes stay closed; the gates are screened too; garbage points are only disinfected.
_SHOP = ("scan_station", "limit", "temperature", "code_check", "masks")
DEFAULT_PLACE_RULES: dict[PlaceKind, PlaceRule] = {
    PlaceKind.SHOP: PlaceRule.model_construct(checks=_SHOP, every=1),
    PlaceKind.SUPERMARKET: PlaceRule.model_construct(checks=_SHOP, every=1),
    PlaceKind.PHARMACY: PlaceRule.model_construct(checks=_SHOP, every=1),
    PlaceKind.ELDERLY_HOME: PlaceRule.model_construct(checks=("closed_management", "temperature", "masks"),
                                      every=1),
    PlaceKind.TUTORING: PlaceRule.model_construct(checks=("stays_closed",), every=3),
    PlaceKind.CLINIC: PlaceRule.model_construct(checks=("scan_station", "temperature", "code_check", "masks"),
                                every=1),
    PlaceKind.OTHER: PlaceRule.model_construct(checks=("scan_station", "masks"), every=7),
    PlaceKind.GATE: PlaceRule.model_construct(checks=("scan_station", "temperature", "code_check"), every=1),
    PlaceKind.GARBAGE_POINT: PlaceRule.model_construct(checks=(), every=0),
}


FAR_DAYS = 3650  # a day a person gives lies within ten years of today
LONGEST_EVER_DAYS = 366  # no policy lets a quarantine last longer (a file's neither)


class Policy(BaseModel):
    """How long a quarantine lasts and what is done on which day."""

    # built when a policy file is first read, not at import: most starts read none
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)
    days: int = Field(default=14, ge=1, le=60)
    test_days: tuple[int, ...] = (1, 4, 7, 14)
    daily: tuple[ItemKind, ...] = (ItemKind.GARBAGE, ItemKind.NEEDS)
    first_day: tuple[ItemKind, ...] = (ItemKind.LETTER,)
    monitoring_days: int = Field(default=7, ge=0, le=60)
    purge_after_days: int = Field(default=90, ge=1, le=3650)
    min_tests: int = Field(default=3, ge=0, le=60)
    # the longest a quarantine may last with every extension (a release day beyond it is
    # refused with a sentence: a typo such as 9999-12-31 would make an item for every day)
    longest_days: int = Field(default=90, ge=1, le=LONGEST_EVER_DAYS)

    places: dict[PlaceKind, PlaceRule] = Field(default_factory=lambda: dict(DEFAULT_PLACE_RULES))

    @field_validator("places")
    @classmethod
    def _every_kind(cls, value: dict[PlaceKind, PlaceRule]) -> dict[PlaceKind, PlaceRule]:
        """A policy file names only the kinds it changes; the rest keep the default."""
        return DEFAULT_PLACE_RULES | value

    @field_validator("test_days")
    @classmethod
    def _sorted_days(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        if any(d < 1 for d in value):
            raise ValueError("test days are numbered from 1")
        return tuple(sorted(set(value)))


# the defaults as Policy() has them (defaults are not validated), without building the
# validator that only a policy file needs
DEFAULT_POLICY = Policy.model_construct()


def load_policy(path: Path | None) -> Policy:
    """The policy from a TOML file, or the default when there is none."""
    if path is None or not path.exists():
        return DEFAULT_POLICY
    import tomllib  # here: only a policy file needs it, and most starts have none

    try:
        return Policy.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValidationError) as error:
        problem = error.errors()[0]["msg"] if isinstance(error, ValidationError) else str(error)
        raise BookError("policy_bad", path=path, problem=problem) from None


POLICY_FILE = "policy.toml"


def policy_for(book_path: Path) -> Policy:
    """The policy a book follows: $GRIDBOOK_POLICY, else policy.toml beside the book, else
    policy.toml in the user's config folder, else the built-in default.

    The community office hands its workers one small file; nobody changes code.
    """
    import os

    from platformdirs import user_config_dir

    named = os.environ.get("GRIDBOOK_POLICY")
    candidates = [Path(named)] if named else []
    candidates += [book_path.with_name(POLICY_FILE), Path(user_config_dir("gridbook")) / POLICY_FILE]
    for candidate in candidates:
        if candidate.is_file():
            return load_policy(candidate)
    return DEFAULT_POLICY


def check_near(on: date, today: date) -> date:
    """`on` when it lies within FAR_DAYS of `today`; else BookError with a sentence (a
    go-to-date, a report's day, a test or an errand's day typed decades away)."""
    if abs((on - today).days) > FAR_DAYS:
        raise BookError("far_date", value=on.isoformat(), years=FAR_DAYS // 365)
    return on


def check_length(start: date, end: date, policy: Policy) -> None:
    """BookError unless a quarantine from `start` to release day `end` fits the policy's
    longest quarantine (extensions included)."""
    longest = getattr(policy, "longest_days", 90)
    if (end - start).days > longest:
        raise BookError("too_long_quarantine", days=(end - start).days, longest=longest)

def place_rule(policy: Policy, kind: PlaceKind) -> PlaceRule:
    """The checks and frequency of one kind of place under `policy`."""
    return policy.places.get(kind) or DEFAULT_PLACE_RULES.get(kind) or PlaceRule.model_construct()


def item_id(household: str, kind: ItemKind, on: date) -> str:
    """The derived id of a household's checklist item of `kind` on day `on`."""
    return derived_id("item", household, kind.value, on.isoformat())


def test_days_for(length: int, policy: Policy) -> set[int]:
    """The days of a `length`-day quarantine with a test: the policy's days that fall in it,
    and the last day always. A longer period (an extension) goes on at the policy's last
    interval after its last test day, so that a 21-day period of a 1, 4, 7, 14 policy
    tests on days 14 and 21 too. A period of the policy's own length has its days only."""
    days = set(policy.test_days)
    if not days or length == policy.days:
        return {d for d in days if d <= length}
    found = {d for d in days if d <= length}
    last = max(days)
    if length > last:
        ordered = sorted(days)
        step = ordered[-1] - ordered[-2] if len(ordered) > 1 else last
        day = last + step
        while day < length:
            found.add(day)
            day += step
    found.add(length)
    return found


def schedule(quarantine: Quarantine, policy: Policy) -> list[ChecklistItem]:
    """Every checklist item of a quarantine: daily items, tests, the letter, the release."""
    items: list[ChecklistItem] = []
    check_length(quarantine.start, quarantine.end, policy)  # never one item per day to 9999
    length = quarantine.length
    tests = test_days_for(length, policy)
    for offset in range(length):
        on = quarantine.start + timedelta(days=offset)
        day = offset + 1
        kinds = list(policy.daily)
        if day == 1:
            kinds += policy.first_day
        if day in tests:
            kinds.append(ItemKind.TEST)
        for kind in dict.fromkeys(kinds):
            items.append(ChecklistItem(id=item_id(quarantine.household, kind, on),
                                       household=quarantine.household,
                                       quarantine=quarantine.id, on=on, kind=kind))
    items.append(ChecklistItem(id=item_id(quarantine.household, ItemKind.RELEASE, quarantine.end),
                               household=quarantine.household, quarantine=quarantine.id,
                               on=quarantine.end, kind=ItemKind.RELEASE))
    return items
