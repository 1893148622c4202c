"""A screen that closes lets go of the lines it drew, so a long day's memory levels off.

Textual (8.2.8) keeps every widget's cache of drawn lines alive after the widget is gone:
`StylesCache.get_inner_outer` is an `lru_cache` on a method, so up to 1,024 widgets'
caches, each holding the strips of everything that widget last drew, stay referenced by
the cache key (Textualize/textual#6665, open). Every form, record and picker a worker
opens adds its widgets to that; in a soak it was most of the growth (88 -> 104 MiB over
300 actions). `LetsGoOfLines` (mixed into every screen of gridbook's own) notes the
screen's widgets when it stops being shown (`ScreenSuspend`, which Textual sends before
it removes a popped screen) and, once the screen is unmounted, asks each one to `refresh`,
which empties its line cache: what Textual still holds is then an empty cache per widget.

A second hold of the same kind: a `TextArea` watches the app's `theme`, and Textual
forgets a watcher only when that value changes, so every closed text area stayed alive
with its document and edit history. gridbook sets its theme once, before any form
exists, so `ManyLineField` (screens/widgets.py) does not watch it (see `skips_theme_watch`).

Textual's command palette is left as it is: a subclass of it loses its component styles
(and crashed on opening), and it is opened rarely; what it drew is among the 1,024 kept.
"""

from __future__ import annotations

from typing import Any

from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget


class LetsGoOfLines(Screen[Any]):
    """Mixed into a screen: its widgets' drawn lines are let go when it is removed."""

    _shown_widgets: list[Widget] | None = None

    def on_screen_suspend(self) -> None:
        # the last moment the widgets can be found (by Unmount they are detached)
        self._shown_widgets = list(self.walk_children(Widget, with_self=False))

    def on_unmount(self) -> None:
        widgets, self._shown_widgets = self._shown_widgets or [], None
        for widget in (self, *widgets):
            widget.refresh()  # an unmounted widget only empties its line cache


def skips_theme_watch(node: DOMNode, obj: Any, attribute_name: str) -> bool:
    """Whether `node.watch(obj, attribute_name, ...)` is the app-theme watch that would
    keep `node` alive for good (see the module's docstring); the theme never changes
    after the app has started."""
    return attribute_name == "theme" and obj is node.app
