"""The forms of places and rounds: register a place, inspect it (or follow it up), change
its state, and the notice the office issued. Each returns its value; the screen writes."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal

from screens.form import FormScreen
from screens.parsing import a_name, required, within_limit
from screens.strings import t
from screens.widgets import Choice, TextField, clip
from store.book.models import COMMON_AREAS, Place, PlaceKind, PlaceState, RoundItem
from store.place_words import place_word


class PlaceForm(FormScreen):
    """Register a place: returns the fields for `store.places.add_place`."""

    CSS_PATH = ["form.tcss", "place_forms.tcss"]

    def __init__(self, place: Place | None = None) -> None:
        super().__init__()
        self.TITLE_KEY = "place_form_edit" if place else "place_form_add"
        self.place = place

    def fields(self) -> ComposeResult:
        place = self.place
        yield self.label("f_place_name")
        yield TextField(value=place.name if place else "", id="place_name")
        yield self.label("f_place_kind")
        yield Choice([(place_word(k.value), k) for k in PlaceKind],
                     place.kind if place else PlaceKind.SHOP, id="kind")
        yield self.label("f_place_address")
        yield TextField(value=place.address if place else "", id="address")
        yield self.label("f_keeper")
        with Horizontal(classes="pair"):
            yield TextField(value=place.keeper if place else "", placeholder=t("f_name"),
                            id="keeper")
            yield TextField(value=place.phone if place else "", placeholder=t("f_phone"),
                            id="phone")
        if place is None:  # a registered place changes state with its own key (from a day)
            yield self.label("f_place_state")
            yield Choice([(place_word(s.value), s) for s in PlaceState], PlaceState.OPEN,
                         id="state")

    def on_mount(self) -> None:
        self.query_one("#place_name").focus()

    def collect(self) -> dict[str, Any]:
        def checked(field: str, value: str, label_key: str) -> str:
            if field != "phone":
                a_name(value, t(label_key))
            return within_limit(value, Place, field, t(label_key))

        values = {
            "name": checked("name", required(self.value_of("place_name"), t("f_place_name")),
                            "f_place_name"),
            "kind": self.query_one("#kind", Choice).value,
            "address": checked("address", self.value_of("address").strip(), "f_place_address"),
            "keeper": checked("keeper", self.value_of("keeper").strip(), "f_keeper"),
            "phone": checked("phone", self.value_of("phone").strip(), "f_phone"),
        }
        if self.place is None:
            values["state"] = self.query_one("#state", Choice).value
        return values


class InspectForm(FormScreen):
    """Inspect a place: each check passed or not, with a note; returns {check: (passed,
    note)}. A follow-up lists only the checks still open, with what was noted then."""

    CSS_PATH = ["form.tcss", "place_forms.tcss"]

    def __init__(self, place: Place, checks: list[str], notes: dict[str, str] | None = None,
                 *, follow_up: bool = False) -> None:
        super().__init__()
        self.TITLE_KEY = "inspect_form_follow_up" if follow_up else "inspect_form_title"
        self.place = place
        self.checks = checks
        self.notes = notes or {}

    def fields(self) -> ComposeResult:
        yield self.label_text(t("inspect_form_place", place=clip(self.place.name, 40)))
        for index, check in enumerate(self.checks):
            with Horizontal(classes="check-row"):
                yield self.label_text(clip(place_word(check), 12), "check-name")
                yield Choice([(t("check_passed"), True), (t("check_failed"), False)], True,
                             id=f"check_{index}")
                yield TextField(value="", placeholder=clip(self.notes.get(check) or t("f_check_note"),
                                                           30), id=f"note_{index}")

    @staticmethod
    def label_text(text: str, classes: str = "field-label") -> Any:
        from textual.widgets import Label

        return Label(text, classes=classes, markup=False)

    def on_mount(self) -> None:
        if self.checks:
            self.query_one("#check_0").focus()

    def collect(self) -> dict[str, tuple[bool, str]]:
        from store.book.models import CheckResult

        out: dict[str, tuple[bool, str]] = {}
        for index, check in enumerate(self.checks):
            note = within_limit(self.value_of(f"note_{index}").strip(), CheckResult, "note",
                                t("f_check_note"))
            out[check] = (bool(self.query_one(f"#check_{index}", Choice).value), note)
        return out


class PlaceStateForm(FormScreen):
    """How a place runs from today: returns a PlaceState."""

    CSS_PATH = ["form.tcss", "place_forms.tcss"]
    TITLE_KEY = "place_state_form"

    def __init__(self, place: Place) -> None:
        super().__init__()
        self.place = place

    def fields(self) -> ComposeResult:
        yield self.label("f_place_state")
        yield Choice([(place_word(s.value), s) for s in PlaceState], self.place.state, id="state")

    def on_mount(self) -> None:
        self.query_one("#state").focus()

    def collect(self) -> PlaceState:
        return self.query_one("#state", Choice).value  # type: ignore[return-value]


class NoticeForm(FormScreen):
    """The office issued a notice: its name; returns it."""

    CSS_PATH = ["form.tcss", "place_forms.tcss"]
    TITLE_KEY = "notice_form_title"

    def fields(self) -> ComposeResult:
        yield self.label("f_notice")
        yield TextField(id="notice")

    def on_mount(self) -> None:
        self.query_one("#notice").focus()

    def collect(self) -> str:
        return within_limit(required(self.value_of("notice"), t("f_notice")), RoundItem,
                            "notice", t("f_notice"))


def is_common_area(place: Place) -> bool:
    """A gate or garbage point: on the rounds, and inspected only if the policy says so."""
    return place.kind in COMMON_AREAS
