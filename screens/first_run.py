"""First run: who is the worker? Name, community and grid make the new book's owner."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding

from screens.form import FormScreen
from screens.parsing import a_name, required, within_limit
from screens.strings import t
from screens.widgets import TextField
from store.book.models import Worker


class FirstRunForm(FormScreen):
    """Asks the worker's name, community and grid; returns them as a dict."""

    CSS_PATH = ["form.tcss", "first_run.tcss"]
    TITLE_KEY = "first_run_title"
    BINDINGS = [Binding("escape", "cancel", "k_quit", id="first_run.quit")]

    def fields(self) -> ComposeResult:
        yield self.label("first_run_intro")
        yield self.label("f_worker_name")
        yield TextField(id="name")
        yield self.label("f_community")
        yield TextField(id="community")
        yield self.label("f_grid")
        yield TextField(id="grid")

    def collect(self) -> dict[str, Any]:
        return {"name": within_limit(a_name(required(self.value_of("name"), t("f_worker_name")),
                                            t("f_worker_name")), Worker, "name",
                                     t("f_worker_name")),
                "community": within_limit(a_name(self.value_of("community").strip(),
                                                 t("f_community")), Worker,
                                          "community", t("f_community")),
                "grid": within_limit(a_name(self.value_of("grid").strip(), t("f_grid")), Worker,
                                     "grid", t("f_grid"))}
