"""Add or edit a household: address, the people, phone, the five responsible parties, a note."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.containers import Horizontal

from store.models import Household, Party, PartyRole, Person
from store.validation import explain
from screens.form import FormScreen
from screens.parsing import FormProblem, parse_date, required, within_limit
from screens.strings import t
from screens.widgets import Choice, TextField, household_label


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
        yield TextField(value=home.note if home else "", id="note")

    def on_mount(self) -> None:
        self.query_one("#building").focus()

    def collect(self) -> dict[str, Any]:
        old_people = {p.name: p for p in (self.household.people if self.household else ())}
        try:
            head_name = required(self.value_of("head"), t("f_head"))
            head_old = self.household.people[0] if self.household and self.household.people else None
            arrived = self.value_of("arrived").strip()
            kept = head_old.model_dump() if head_old else {}
            head = Person.model_validate(kept | {
                "name": head_name, "phone": self.value_of("head_phone"),
                "id_number": self.value_of("id_number"),
                "returnee": self.query_one("#returnee", Choice).value,
                "origin": self.value_of("origin"),
                "arrived": parse_date(arrived, self.today_) if arrived else None})
            others = tuple(old_people.get(name) or Person(name=name)
                           for name in _split_names(self.value_of("others")))
            parties = {role: Party(name=self.value_of(f"party_{role.value}").strip(),
                                   phone=self.value_of(f"party_{role.value}_phone").strip())
                       for role in PartyRole}
        except ValidationError as error:
            raise FormProblem(explain(error)) from None
        def checked(field: str, value: str, label_key: str) -> str:
            return within_limit(value, Household, field, t(label_key))

        values = {
            "building": checked("building", required(self.value_of("building"), t("f_building")),
                                "f_building"),
            "unit": checked("unit", self.value_of("unit").strip(), "f_unit"),
            "room": checked("room", required(self.value_of("room"), t("f_room")), "f_room"),
            "people": (head,) + others,
            "phone": checked("phone", self.value_of("phone").strip(), "f_household_phone"),
            "parties": {role: party for role, party in parties.items() if party.name or party.phone},
            "note": checked("note", self.value_of("note").strip(), "f_note"),
        }
        self._warn_of_duplicates(values)
        return values

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
