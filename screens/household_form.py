"""Add or edit a household: address, the people, phone, the five responsible parties, a note."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.containers import Horizontal

from screens.form import FormScreen
from screens.parsing import Checks, FormProblem, a_name, parse_date, required, within_limit
from screens.strings import t
from screens.widgets import Choice, ManyLineField, TextField, household_label
from store.book.models import Household, Party, PartyRole, Person
from store.book.validation import explain


def _split_names(text: str) -> list[str]:
    for separator in "，、;；":
        text = text.replace(separator, ",")
    return [name.strip() for name in text.split(",") if name.strip()]


class HouseholdForm(FormScreen):
    """Returns the household's fields as a dict (for `add_household` or `book.update`)."""

    CSS_PATH = ["form.tcss", "household_form.tcss"]

    def __init__(self, household: Household | None = None, *,
                 duplicates: Callable[[dict[str, Any]], list[Household]] | None = None,
                 today: date | None = None) -> None:
        super().__init__()
        self.TITLE_KEY = "household_form_edit" if household else "household_form_add"
        self.household = household
        self.duplicates = duplicates  # households already at this address or ID number
        self.today_ = today or date.today()
        self.warned: tuple[str, ...] | None = None  # what was warned of; a second save goes

    def fields(self) -> ComposeResult:
        home = self.household
        head = home.people[0] if home and home.people else None
        yield self.label("f_address")
        with Horizontal(classes="address"):
            with_label = ((("f_building", "building", home.building if home else "")),
                          (("f_unit", "unit", home.unit if home else "")),
                          (("f_room", "room", home.room if home else "")))
            for key, field_id, value in with_label:
                yield TextField(value=value, placeholder=t(key), id=field_id)
        yield self.label("f_head")
        with Horizontal(classes="pair"):
            yield TextField(value=head.name if head else "", placeholder=t("f_name"), id="head")
            yield TextField(value=head.phone if head else "", placeholder=t("f_phone"),
                            id="head_phone")
        yield self.label("f_id_number")
        yield TextField(value=head.id_number if head else "", id="id_number")
        yield self.label("f_returnee_origin")
        with Horizontal(classes="pair"):
            yield Choice([(t("not_returnee"), False), (t("returnee"), True)],
                         head.returnee if head else False, id="returnee")
            yield TextField(value=head.origin if head else "", placeholder=t("f_origin"),
                            id="origin")
            yield TextField(value=head.arrived.isoformat() if head and head.arrived else "",
                            placeholder=t("f_arrived"), id="arrived")
        yield self.label("f_others")
        yield TextField(value="、".join(p.name for p in (home.people[1:] if home else ())),
                        id="others")
        yield self.label("f_household_phone")
        yield TextField(value=home.phone if home else "", id="phone")
        yield self.label("f_parties")
        for role in PartyRole:
            party = home.parties.get(role) if home else None
            with Horizontal(classes="pair"):
                yield TextField(value=party.name if party else "",
                                placeholder=t(f"party_{role.value}"), id=f"party_{role.value}")
                yield TextField(value=party.phone if party else "", placeholder=t("f_phone"),
                                id=f"party_{role.value}_phone")
        yield self.label("f_note")
        yield ManyLineField(home.note if home else "", id="note")

    def on_mount(self) -> None:
        self.query_one("#building").focus()

    def collect(self) -> dict[str, Any]:
        """The household's fields; every problem is said at once, each naming its field (and
        the person it is about), and the cursor goes to the first."""
        checks = Checks()
        values: dict[str, Any] = {}
        old_people = {p.name: p for p in (self.household.people if self.household else ())}
        head_old = self.household.people[0] if self.household and self.household.people else None

        def checked(field: str, value: str, label_key: str) -> str:
            if field in ("building", "unit", "room"):
                a_name(value, t(label_key))
            return within_limit(value, Household, field, t(label_key))

        with checks.field("building"):
            values["building"] = checked("building", required(self.value_of("building"),
                                                              t("f_building")), "f_building")
        with checks.field("unit"):
            values["unit"] = checked("unit", self.value_of("unit").strip(), "f_unit")
        with checks.field("room"):
            values["room"] = checked("room", required(self.value_of("room"), t("f_room")),
                                     "f_room")
        head_name = ""
        with checks.field("head"):
            head_name = a_name(required(self.value_of("head"), t("f_head")), t("f_head"))
        who = head_name or t("f_head")
        head_values = {"name": head_name or "-", "phone": self.value_of("head_phone"),
                       "id_number": self.value_of("id_number")}
        for field_id, key in (("head_phone", "phone"), ("id_number", "id_number")):
            with checks.field(field_id):
                try:
                    Person(name="-", **{key: head_values[key]})
                except ValidationError as error:
                    raise FormProblem(t("problem_of", who=who, problem=explain(error))) from None
        others: tuple[Person, ...] = ()
        with checks.field("others"):
            a_name(self.value_of("others"), t("f_others"))
            try:
                others = tuple(old_people.get(name) or Person(name=name)
                               for name in _split_names(self.value_of("others")))
            except ValidationError as error:
                raise FormProblem(t("problem_of", who=t("f_others"), problem=explain(error))) \
                    from None
        parties: dict[PartyRole, Party] = {}
        for role in PartyRole:
            with checks.field(f"party_{role.value}_phone"):
                a_name(self.value_of(f"party_{role.value}"), t(f"party_{role.value}"))
                try:
                    parties[role] = Party(name=self.value_of(f"party_{role.value}").strip(),
                                          phone=self.value_of(f"party_{role.value}_phone").strip())
                except ValidationError as error:
                    raise FormProblem(t("problem_of", who=t(f"party_{role.value}"),
                                        problem=explain(error))) from None
        with checks.field("phone"):
            values["phone"] = checked("phone", self.value_of("phone").strip(), "f_household_phone")
            try:
                Person(name="-", phone=values["phone"])
            except ValidationError as error:
                raise FormProblem(t("problem_of", who=t("f_household_phone"),
                                    problem=explain(error))) from None
        with checks.field("note"):
            values["note"] = checked("note", self.value_of("note").strip(), "f_note")
        arrived = None
        with checks.field("arrived"):
            text = self.value_of("arrived").strip()
            arrived = parse_date(text, self.today_) if text else None
        checks.done()
        kept = head_old.model_dump() if head_old else {}
        head = Person.model_validate(kept | {
            "name": head_name, "phone": head_values["phone"],
            "id_number": head_values["id_number"],
            "returnee": self.query_one("#returnee", Choice).value,
            "origin": self.value_of("origin"), "arrived": arrived})
        values["people"] = (head,) + others
        values["parties"] = {role: party for role, party in parties.items()
                             if party.name or party.phone}
        found = {key: values[key] for key in ("building", "unit", "room", "people", "phone",
                                              "parties", "note")}
        self._warn_of_duplicates(found)
        return found

    def _warn_of_duplicates(self, values: dict[str, Any]) -> None:
        """Say once which households already have this address or ID number; saving
        again adds it anyway (two flats may share a number, a person may move)."""
        if self.duplicates is None:
            return
        found = self.duplicates(values)
        key = tuple(sorted(h.id for h in found))
        if found and key != self.warned:
            self.warned = key
            raise FormProblem(t("duplicate_warning",
                                who="；".join(household_label(h) for h in found[:3])))
