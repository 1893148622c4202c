"""Keys one at a time: the app hands a key on only when the one before it is done.

Textual forwards each key to the focused widget's queue and goes on to the next at once, so
a burst from a slow SSH link (or a paste without bracketed paste) was spread over widgets
before the first key had acted: the keys typed after `a` went to the list behind the form
that `a` opens, the digits after a Tab went to the field the Tab was leaving (`5 Tab 1`
became `51`), and a second Enter reached a form that had already closed.

`SerialKeys` (mixed into the App) keeps a backlog. A key is handed on as Textual would; a
character typed into a text field is done at once (it can move no focus), any other key is
done when every widget from the one it went to up to the screen, and then the app, has
taken everything queued before a marker (`call_later`), so a key that bubbles up to a
binding has run that binding too. A form on top gets the key first (`take_key`, see
screens/form.py). A marker that never comes (a widget removed meanwhile) does not stall
the keys: after KEY_PATIENCE seconds the next key goes anyway.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
from typing import Any

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.message_pump import MessagePump
from textual.widgets import Input, TextArea

from screens.form import OnceModal

KEY_PATIENCE = 0.5


class SerialKeys(App[Any]):
    """An App whose keys act one after another, in the order they came."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._key_backlog: deque[events.Key] = deque()
        self._key_turn = 0
        self._key_busy = False
        self._key_timer: asyncio.TimerHandle | None = None
        self._when_keys_done: list[Callable[[], Any]] = []
        self._key_now: events.Key | None = None
        self._ready_screen: object = None  # the screen last seen ready for keys
        self._waiting_since = 0.0
        self._settling: object = None
        self._key_screen: object = None  # the screen on top when the key was handed on
        self._key_rounds = 0  # walks again past a screen the key opened (see _key_done)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            self._key_backlog.append(event)
            if not self._key_busy:
                await self._hand_on_keys()
            return
        await super().on_event(event)

    def after_keys(self, callback: Callable[[], Any]) -> None:
        """Run `callback` once every key that has come so far has acted."""
        if self._key_busy or self._key_backlog:
            self._when_keys_done.append(callback)
        else:
            self.call_later(callback)

    def drop_repeats(self) -> None:
        """Drop the copies of the key being handled that came right behind it: a form closed
        by Escape or Enter is not followed by the same key closing the screen behind it."""
        now = self._key_now
        while now is not None and self._key_backlog and self._key_backlog[0].key == now.key:
            self._key_backlog.popleft()

    def _screen_ready(self) -> bool:
        """Whether the screen on top can take keys: a screen just switched to (1-4) is
        mounted and the focus it asked for on mounting (a call in the app's queue) is set;
        a form holds keys itself. Keys wait for it (at most KEY_PATIENCE), so `3 a` opens
        the form on Households instead of typing `a` in its search field."""
        screen = self.screen
        if screen is self._ready_screen or isinstance(screen, OnceModal):
            return True
        loop = asyncio.get_running_loop()
        if not self._waiting_since:
            self._waiting_since = loop.time()
        if loop.time() - self._waiting_since > KEY_PATIENCE:
            self._screen_settled(screen)
            return True
        if screen.is_mounted and self._settling is not screen:
            self._settling = screen
            self.call_later(self._screen_settled, screen)  # behind the focus it asked for
            self.call_later(self._hand_on_keys)
        else:
            loop.call_later(0.01, self.call_later, self._hand_on_keys)
        return False

    def _screen_settled(self, screen: object) -> None:
        self._ready_screen = screen
        self._settling = None
        self._waiting_since = 0.0

    async def _hand_on_keys(self) -> None:
        while self._key_backlog and not self._key_busy:
            if not self._screen_ready():
                return
            event = self._key_backlog.popleft()
            screen = self.screen
            if isinstance(screen, OnceModal) and screen.take_key(event):
                continue
            target: MessagePump = self.focused or screen
            if event.is_printable and isinstance(target, (Input, TextArea)):
                # A character typed into a text field moves no focus and opens no screen:
                # it is handed on at once (a paste of 300 characters is not 300 waits).
                await super().on_event(event)
                continue
            self._key_busy = True
            self._key_now = event
            self._key_turn += 1
            turn = self._key_turn
            self._key_screen, self._key_rounds = screen, 0
            await super().on_event(event)
            nodes: list[MessagePump] = []
            node: DOMNode | None = target if isinstance(target, DOMNode) else None
            while node is not None and node is not self:
                nodes.append(node)
                node = node.parent
            chain = [*nodes, self, *nodes, self]  # twice: see `_walk`
            # A plain event-loop timer (cheap to start and cancel on every key).
            self._key_timer = asyncio.get_running_loop().call_later(
                KEY_PATIENCE, self.call_later, self._key_done, turn, True)
            self._walk(chain, turn)
        if not self._key_busy and not self._key_backlog and self._when_keys_done:
            waiting, self._when_keys_done = self._when_keys_done, []
            for callback in waiting:
                self.call_later(callback)

    def _walk(self, chain: list[MessagePump], turn: int) -> None:
        """Past the key's queue in each widget up to the screen, then the app's own, and
        all that twice: a binding runs in the app's queue when the key has bubbled up to
        it, and the message its action posts to the widget (an option list's
        OptionSelected) is handled, and has bubbled up, when the second round passes.
        The app's queue also runs what a dismissed screen's result callback asked for."""
        if turn != self._key_turn:
            return
        if not chain:
            self.call_later(self._key_done, turn)
            return
        if not chain[0].call_later(self._walk, chain[1:], turn):
            self._walk(chain[1:], turn)

    async def _key_done(self, turn: int, timed_out: bool = False) -> None:
        if turn != self._key_turn or not self._key_busy:
            return
        screen = self.screen
        if screen is not self._key_screen and self._key_rounds < 3 and not timed_out:
            # The key closed a screen or opened one (a picker's Enter, whose answer opens
            # a question): the next key waits until the screen now on top has mounted
            # and the app has run what that asked for, so `Enter y` answers the question.
            self._key_screen, self._key_rounds = screen, self._key_rounds + 1
            self._walk([screen, self], turn)
            return
        self._key_busy = False
        if self._key_timer is not None:
            self._key_timer.cancel()
            self._key_timer = None
        await self._hand_on_keys()
