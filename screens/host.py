"""What a screen may ask of the app that shows it: the book, the clock, the save state, keys.

Screens never import the app (imports go tui -> screens -> store); they reach it through
`host(node)`, typed by this protocol. `tui.app` checks statically that `GridbookApp` meets it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol, cast

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from store.book.book import Book


class BookHost(Protocol):
    """The app as a screen sees it."""

    book: Book | None  # None only while the first-run form is shown
    save_state: str  # "saved", "saving", "waiting" or "unsaved"

    def today(self) -> date: ...

    def now(self) -> datetime: ...

    def after_keys(self, callback: Callable[[], Any]) -> None:
        """Run `callback` once every key that has come so far has acted."""

    def drop_repeats(self) -> None:
        """Drop the copies of the key being handled that came right behind it."""


def host(node: DOMNode) -> BookHost:
    """The app showing `node`, as a `BookHost`."""
    return cast("BookHost", node.app)
