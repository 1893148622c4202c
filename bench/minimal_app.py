"""The baseline of the TUI figures: the least Textual app a screen could be.

A Header, one Static and a Footer, started the way gridbook is started (a Python script in
the same interpreter). `python -m bench.minimal_app` runs it; it shows MARKER once mounted.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

MARKER = "minimal-app-ready"


class MinimalApp(App[None]):
    BINDINGS = [("ctrl+q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(MARKER)
        yield Footer()


if __name__ == "__main__":
    MinimalApp().run()
