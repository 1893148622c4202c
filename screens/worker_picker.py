"""The office gives households to another worker: the picker of the file's workers and the
write behind it, shared by the Households list (w, W) and a household's record (w)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from screens.form import OnceModal
from screens.strings import t
from screens.widgets import shown
from store import actions
from store.book.models import Worker

if TYPE_CHECKING:
    from screens.base import BookScreen


def worker_text(worker: Worker | None, worker_id: str) -> str:
    """张丽（w01） 第1网格, or the bare id of a worker the file does not know."""
    if worker is None:
        return worker_id or "-"
    return t("worker_named", name=worker.name, id=worker.id, grid=worker.grid).strip()


class WorkerPicker(OnceModal):
    """The workers of a community file; Enter gives the households to the highlighted one."""

    CSS_PATH = "conflicts.tcss"
    BINDINGS = [Binding("escape", "dismiss_none", "k_cancel", id="workers.cancel")]

    def __init__(self, workers: list[Worker], count: int, current: str = "") -> None:
        super().__init__()
        self.choices = workers
        self.count = count
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="candidates"):
            yield Static(t("assign_title", count=self.count), markup=False,
                         id="candidates-title")
            yield OptionList(*(Option(self.prompt(w, False), id=w.id) for w in self.choices),
                             id="candidates-list", markup=False)
            yield Static(t("assign_keys"), id="candidates-keys")

    def on_mount(self) -> None:
        ids = [w.id for w in self.choices]
        if self.current in ids:  # Enter at once changes nothing
            self.query_one(OptionList).highlighted = ids.index(self.current)

    def prompt(self, worker: Worker, highlighted: bool) -> str:
        """One worker; ">" marks the one Enter takes (seen without colour)."""
        now = " " + t("assign_now") if worker.id == self.current else ""
        return shown(f"{'>' if highlighted else ' '} {worker.id}  {worker.name}  {worker.grid}{now}")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        for index, worker in enumerate(self.choices):
            event.option_list.replace_option_prompt_at_index(
                index, self.prompt(worker, index == event.option_index))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


def pick_worker_and_assign(screen: BookScreen, household_ids: list[str], current: str = "",
                           then: Callable[[Any], None] | None = None) -> None:
    """Ask which worker, then give them the households (`actions.assign`, as `gridbook
    assign` does: from now on, the earlier workers kept in the households' history)."""
    book = screen.book
    if book.kind == "worker":
        screen.notify(t("assign_office_only"), severity="warning")
        return
    workers = sorted(book.all(Worker), key=lambda w: (w.grid, w.id))
    if not household_ids or not workers:
        return

    def picked(worker_id: str | None) -> None:
        if worker_id is None:
            return
        now = screen.now()
        who = worker_text(book.get(Worker, worker_id), worker_id)

        def said(changed: list[Any]) -> None:
            screen.notify(t("done_assigned", count=len(changed), worker=who) if changed
                          else t("assign_already", worker=who))
            if then is not None:
                then(changed)
        screen.write(lambda book: actions.assign(book, household_ids, worker_id, when=now),
                     then=said)
    screen.app.push_screen(WorkerPicker(workers, len(household_ids), current), picked)
