"""The command palette's gridbook commands: go to a screen, and every key of the screen shown.

Listing the current screen's bindings (with their translated descriptions) keeps the palette
and the footer in step: an action added to a screen appears in both without more code.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode
from textual.screen import Screen

from screens.strings import STRINGS, t
from screens.widgets import declared_bindings

Command = tuple[str, str, Callable[[], Any]]


class GridbookCommands(Provider):
    """Modes, the app's own actions, and the actions of the screen the palette was opened on."""

    def commands(self) -> list[Command]:
        from tui.app import MODE_MODULES, mode_screens

        app = self.app
        screen = self.screen
        current = type(screen)
        # What can be done here first, then going elsewhere, then the other screens' actions.
        found = self._screen_commands(current, partial(self._run_here, screen), "")
        for mode in MODE_MODULES:
            found.append((t(f"cmd_go_{mode}"), t("cmd_go_help"), partial(app.switch_mode, mode)))
        for action, key in (("help", "cmd_help"), ("conflicts", "cmd_conflicts"),
                            ("save_again", "cmd_save_again"), ("quit", "cmd_quit")):
            found.append((t(key), "", partial(app.run_action, action)))
        for mode, screen_class in mode_screens().items():
            if screen_class is not current:
                found += self._screen_commands(screen_class, partial(self._run_in_mode, mode),
                                               t(f"title_{mode}"))
        return found

    def _screen_commands(self, screen_class: type[DOMNode],
                         runner: Callable[[str], Awaitable[None]], where: str) -> list[Command]:
        """One command per described binding of a screen class, also those the footer leaves
        out (turning pages, opening an entry's household): the palette has every action."""
        commands: list[Command] = []
        seen: set[str] = set()
        for _key, binding in declared_bindings(screen_class):
            if binding.description not in STRINGS or binding.action in seen:
                continue
            seen.add(binding.action)
            name = t(binding.description) + (f" ({where})" if where else "")
            help_text = t("cmd_key", key=self.app.get_key_display(binding))
            commands.append((name, help_text, partial(runner, binding.action)))
        return commands

    @staticmethod
    async def _run_here(screen: Screen[Any], action: str) -> None:
        await screen.run_action(action)

    async def _run_in_mode(self, mode: str, action: str) -> None:
        await self.app.switch_mode(mode)
        await self.app.screen.run_action(action)

    async def discover(self) -> Hits:
        for name, help_text, callback in self.commands():
            yield DiscoveryHit(name, callback, help=help_text or None)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        found = False
        for name, help_text, callback in self.commands():
            score = matcher.match(name)
            if score > 0:
                found = True
                yield Hit(score, matcher.highlight(name), callback,
                          help=help_text or None)
        if not found and query.strip():
            # In the worker's language, and pointing at F1 (Textual's own line is English).
            yield Hit(1, t("cmd_none_found", query=query.strip()), partial(self.app.run_action, "help"))
