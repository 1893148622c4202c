"""F1: every key of the app and of each screen, with what it does, in the current language."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from screens.base import when_built
from screens.letgo import LetsGoOfLines
from screens.strings import t
from screens.widgets import header, plain


class HelpScreen(LetsGoOfLines, ModalScreen[None]):
    """A table of (where, key, what); Escape, F1 or q closes it."""

    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,f1,q", "close", "k_close", id="help.close")]

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static(t("help_title"), id="help-title")
            yield DataTable(id="help-keys", cursor_type="row", show_cursor=False)
            yield Static(t("help_footer"), id="help-footer")

    def on_mount(self) -> None:
        when_built(self, self.set_up)  # F1 pressed and closed at once: nothing to set up

    def set_up(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(header(t("col_where")), key="where")
        table.add_column(header(t("col_key")), key="key")
        table.add_column(header(t("col_does")), key="does")
        for where, key, does in self.rows:
            table.add_row(*plain(where, key, does))
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
