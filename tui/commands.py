"""The command palette's gridbook commands: go to a screen, and every key of the screen shown.

Listing the current screen's bindings (with their translated descriptions) keeps the palette
and the footer in step: an action added to a screen appears in both without more code.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from screens.strings import t


class GridbookCommands(Provider):
    """Modes, the app's own actions, and the actions of the screen the palette was opened on."""

    def commands(self) -> list[tuple[str, str, object]]:
        app = self.app
        found: list[tuple[str, str, object]] = []
        for mode in ("today", "log", "households", "errands"):
            found.append((t(f"cmd_go_{mode}"), t("cmd_go_help"), partial(app.switch_mode, mode)))
        for action, key in (("help", "cmd_help"), ("conflicts", "cmd_conflicts"),
                            ("save_again", "cmd_save_again"), ("quit", "cmd_quit")):
            found.append((t(key), "", partial(app.run_action, action)))
        screen = self.screen
        seen: set[str] = set()
        for _key, binding in screen._bindings:  # noqa: SLF001 - the screen's own keys
            if binding.description and binding.action not in seen and binding.show:
                seen.add(binding.action)
                found.append((binding.description, t("cmd_key", key=binding.key_display or
                                                       binding.key),
                              partial(screen.run_action, binding.action)))
        return found

    async def discover(self) -> Hits:
        for name, help_text, callback in self.commands():
            yield DiscoveryHit(name, callback, help=help_text or None)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback,  # type: ignore[arg-type]
                          help=help_text or None)
