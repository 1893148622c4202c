"""Tick one kind of item for a whole building today (e.g. all garbage collected).

Only the items a building round suits: a test is recorded per person (Today's t, or the
household's record), never ticked for a whole building."""

from __future__ import annotations

from textual.app import ComposeResult

from screens.form import FormScreen
from screens.strings import t
from screens.widgets import Choice, kind_text
from store.actions import BUILDING_KINDS
from store.book.models import ItemKind

TICKABLE = BUILDING_KINDS


class BuildingTickForm(FormScreen):
    """Returns (building, kind)."""

    CSS_PATH = ["form.tcss", "building_tick_form.tcss"]
    TITLE_KEY = "building_form_title"

    def __init__(self, buildings: list[str], building: str | None = None) -> None:
        super().__init__()
        self.buildings = buildings or ["-"]
        self.building = building

    def fields(self) -> ComposeResult:
        yield self.label("f_building")
        yield Choice([(t("building_n", building=b), b) for b in self.buildings], self.building,
                     id="building")
        yield self.label("f_item_kind")
        yield Choice([(kind_text(k), k) for k in TICKABLE], ItemKind.GARBAGE, id="kind")

    def on_mount(self) -> None:
        self.query_one("#building").focus()

    def collect(self) -> tuple[str, ItemKind]:
        return (str(self.query_one("#building", Choice).value),
                self.query_one("#kind", Choice).value)  # type: ignore[return-value]
