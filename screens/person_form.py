"""One person of a household (the control record is kept per person): name, ID number,
phone, sex and age (read from the ID number when it is given), returnee, where from and
when they arrived, and their own quarantine dates when they differ from the household's."""

from __future__ import annotations

from datetime import date

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from screens.form import FormScreen
from screens.letgo import LetsGoOfLines
from screens.parsing import FormProblem, a_name, parse_date, required
from screens.strings import t
from screens.widgets import Choice, TextField, shown
from store.book.models import Person, Sex
from store.book.validation import explain

NEW = -1


class PersonPicker(LetsGoOfLines, ModalScreen[int | None]):
    """Which person to edit (their index), or NEW for a new one; Escape: none."""

    CSS_PATH = ["form.tcss", "person_form.tcss"]
    BINDINGS = [Binding("escape", "cancel", "k_cancel", id="people.cancel")]

    def __init__(self, people: tuple[Person, ...]) -> None:
        super().__init__()
        self.people = people

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Static(t("people_pick_title"), id="form-title")
            options = [Option(f"{i + 1}. {shown(p.name)}", id=str(i))
                       for i, p in enumerate(self.people)]
            options.append(Option(t("person_add"), id=str(NEW)))
            yield OptionList(*options, id="people-list")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id or NEW))

    def action_cancel(self) -> None:
        self.dismiss(None)


def _optional_date(text: str, today: date) -> date | None:
    return parse_date(text, today) if text.strip() else None


class PersonForm(FormScreen):
    """Returns a Person."""

    CSS_PATH = ["form.tcss", "person_form.tcss"]
    TITLE_KEY = "person_form_title"

    def __init__(self, today: date, person: Person | None = None) -> None:
        super().__init__()
        self.today_ = today
        self.person = person

    def fields(self) -> ComposeResult:
        p = self.person

        def day(value: date | None) -> str:
            return value.isoformat() if value else ""
        yield self.label("f_name_phone")
        with Horizontal(classes="pair"):
            yield TextField(value=p.name if p else "", placeholder=t("f_name"), id="name")
            yield TextField(value=p.phone if p else "", placeholder=t("f_phone"), id="phone")
        yield self.label("f_person_id")
        yield TextField(value=p.id_number if p else "", id="id_number")
        yield self.label("f_sex_age")
        with Horizontal(classes="pair"):
            yield Choice([(t(f"sex_{s.value or 'unknown'}"), s) for s in Sex],
                         p.sex if p else Sex.UNKNOWN, id="sex")
            yield TextField(value=str(p.age) if p and p.age is not None else "",
                            placeholder=t("f_age"), id="age")
        yield self.label("f_returnee")
        yield Choice([(t("no"), False), (t("yes"), True)], p.returnee if p else False,
                     id="returnee")
        yield self.label("f_origin_arrived")
        with Horizontal(classes="pair"):
            yield TextField(value=p.origin if p else "", placeholder=t("f_origin"), id="origin")
            yield TextField(value=day(p.arrived if p else None), placeholder=t("f_arrived"),
                            id="arrived")
        yield self.label("f_own_dates")
        with Horizontal(classes="pair"):
            yield TextField(value=day(p.q_start if p else None), placeholder=t("f_start"),
                            id="q_start")
            yield TextField(value=day(p.q_end if p else None), placeholder=t("f_end"),
                            id="q_end")

    def on_mount(self) -> None:
        self.query_one("#name").focus()

    def collect(self) -> Person:
        age_text = self.value_of("age").strip()
        if age_text and not (age_text.isdigit() and int(age_text) <= 130):
            raise FormProblem(t("bad_age", value=age_text))
        values = {
            "name": a_name(required(self.value_of("name"), t("f_name")), t("f_name")),
            "phone": self.value_of("phone"), "id_number": self.value_of("id_number"),
            "sex": self.query_one("#sex", Choice).value,
            "age": int(age_text) if age_text else None,
            "returnee": self.query_one("#returnee", Choice).value,
            "origin": self.value_of("origin"),
            "arrived": _optional_date(self.value_of("arrived"), self.today_),
            "q_start": _optional_date(self.value_of("q_start"), self.today_),
            "q_end": _optional_date(self.value_of("q_end"), self.today_)}
        try:
            return Person.model_validate(values)
        except ValidationError as error:
            raise FormProblem(explain(error)) from None
