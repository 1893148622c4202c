"""What a screen may ask of the app that shows it: the book, the clock, the save state.

Screens never import the app (imports go tui -> screens -> store); they reach it through
`host(node)`, typed by this protocol. `tui.app` checks statically that `GridbookApp` meets it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from store.book import Book


class BookHost(Protocol):
    """The app as a screen sees it."""

    book: Book | None  # None only while the first-run form is shown
    save_state: str  # "saved", "saving", "waiting" or "unsaved"

    def today(self) -> date: ...

    def now(self) -> datetime: ...


def host(node: DOMNode) -> BookHost:
    """The app showing `node`, as a `BookHost`."""
    return cast("BookHost", node.app)
