"""Leaving the TUI cleanly: on an SSH drop (SIGHUP), a shutdown (SIGTERM), and with unsaved edits.

Every edit the worker confirmed is already on disk (a write returns only once durable), so a
hang-up only has to end the app the way ctrl+q does: Textual restores the terminal, and the
asyncio loop waits for a save that is still running in its worker thread. The handler only
schedules `app.exit` on the app's loop (safe from a signal handler); a terminal that has gone
away may make the shutdown fail with an I/O error, which is expected then and swallowed,
or hang in Textual's output thread: a watchdog then waits for a save in progress, rescues,
and ends the process after a short grace period.

Whatever ended the app, edits still held in memory because a save failed (disk full,
read-only) are never dropped silently: `rescue` tries the book once more, then writes a
private copy to the first place that takes it (the user's data folder, home, the temp
folder) and says where in one sentence, with the command that merges it back.
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from store.lang import pick
from tui.messages import CLI_MESSAGES

EXIT_SIGNALS = (signal.SIGHUP, signal.SIGTERM)
GRACE_SECONDS = 3.0  # how long a signalled app may take to shut down before it is made to



class Leaving:
    """Remembers which signal ended the app, and rescues unsaved edits afterwards."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.signalled: int | None = None
        self.said: str | None = None
        self.watchdog: threading.Timer | None = None
        self._rescue_once = threading.Lock()
        self.crash_log: str | None = None

    def crashed(self, log: str) -> None:
        """The app ended on an unexpected error (its traceback is in `log`): say so once;
        the rescue of unsaved edits follows as after any exit."""
        self.crash_log = log
        self._say("crashed", log=log)

    def handle(self, signum: int, _frame: object) -> None:
        """Signal handler: ask the running app to exit (once), as ctrl+q would."""
        first = self.signalled is None
        self.signalled = signum
        loop = getattr(self.app, "running_loop", None)
        if loop is not None and loop.is_running() and self.app.is_running:
            if first:
                loop.call_soon_threadsafe(self.app.exit)
                self.watchdog = threading.Timer(GRACE_SECONDS, self._force_exit)
                self.watchdog.daemon = True
                self.watchdog.start()
        else:  # the app is not running (yet or any more): just stop
            raise SystemExit(128 + signum)

    def _force_exit(self) -> None:
        """The shutdown is stuck (Textual's output thread can hang on a terminal that has gone
        away): wait for a save in progress, rescue what is unsaved, and leave."""
        book = getattr(self.app, "book", None)
        mutex = getattr(book, "_mutex", None)
        if mutex is not None:
            mutex.acquire(timeout=30)  # a write worker holds it while it saves
        try:
            self.rescue()
        finally:
            os._exit(128 + (self.signalled or signal.SIGTERM))

    def exit_code(self, result: Any) -> int:
        if self.signalled is not None:
            return 128 + self.signalled
        if self.crash_log is not None:
            return 3  # as the shell commands end an unexpected error
        if self.said == "lost":
            return 1
        return int(result or 0)

    def rescue(self) -> None:
        """Save edits a failed save left in memory: to the book, else to a private copy."""
        if not self._rescue_once.acquire(blocking=False):
            return  # the other path (normal shutdown or the watchdog) is already at it
        book = getattr(self.app, "book", None)
        if book is None or not book.unsaved:
            return
        from store.errors import BookError

        try:
            book.save_pending()
        except BookError:
            pass
        else:
            self._say("saved_on_exit", path=book.path)
            return
        stamp = time.strftime("%Y%m%d-%H%M%S")
        for folder in rescue_folders():
            target = folder / f"{book.path.stem}-unsaved-{stamp}.json"
            try:
                from store.book.atomic import own_private_dir

                own_private_dir(folder)
                book.save_copy(target)
            except (OSError, BookError):
                continue
            self._say("rescued", path=book.path, copy=target)
            return
        self._say("lost", path=book.path)

    def _say(self, key: str, **params: object) -> None:
        self.said = key
        sentence = pick(CLI_MESSAGES, key, **params)
        try:
            print(sentence, file=sys.stderr, flush=True)
        except (OSError, ValueError):  # the terminal has gone (SSH dropped)
            pass
        _remember(sentence)


def rescue_folders() -> list[Path]:
    """Where a rescue copy may go, most natural first."""
    from platformdirs import user_data_dir

    return [Path(user_data_dir("gridbook")) / "rescued", Path.home() / "gridbook-rescued",
            Path(tempfile.gettempdir()) / "gridbook-rescued"]


def _remember(sentence: str) -> None:
    """Keep the sentence in a private file too: after an SSH drop nobody saw stderr."""
    from platformdirs import user_state_dir

    from store.book.atomic import own_private_dir

    folder = Path(user_state_dir("gridbook"))
    try:
        own_private_dir(folder)
        fd = os.open(folder / "exit.log", os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, f"{time.strftime('%Y-%m-%d %H:%M:%S')} {sentence}\n".encode())
        finally:
            os.close(fd)
    except OSError:
        pass


TERMINAL_LOOK_SECONDS = 1.0


def terminal_gone(fd: int) -> bool:
    """Whether the terminal on `fd` has hung up (its pty closed: a killed tmux, an SSH
    link gone) without a SIGHUP reaching us (the app was started under setsid or su -c).
    poll() reports POLLHUP/POLLERR and termios fails with EIO then; neither reads input."""
    import select
    import termios

    try:
        poller = select.poll()
        poller.register(fd, select.POLLIN)
        for _fd, events in poller.poll(0):
            if events & (select.POLLHUP | select.POLLERR | select.POLLNVAL):
                return True
        termios.tcgetattr(fd)
    except (OSError, termios.error, ValueError):
        return True
    return False


def _watch_terminal(leaving: Leaving, fd: int, stop: threading.Event) -> None:
    """Item 10 of issue 17: a dead terminal ends the app as a SIGHUP would (saving and
    rescuing), instead of Textual's input thread spinning a core on EOF forever."""
    while not stop.wait(TERMINAL_LOOK_SECONDS):
        if terminal_gone(fd):
            try:
                leaving.handle(signal.SIGHUP, None)
            except SystemExit:
                pass
            return


@contextmanager
def leaving_cleanly(app: Any) -> Iterator[Leaving]:
    """Run the app inside this: SIGHUP/SIGTERM end it cleanly, unsaved edits are rescued;
    so does a terminal that hung up without a signal."""
    leaving = Leaving(app)
    previous = {sig: signal.signal(sig, leaving.handle) for sig in EXIT_SIGNALS}
    stop_watching = threading.Event()
    try:
        if sys.__stdin__ is not None and os.isatty(sys.__stdin__.fileno()):
            threading.Thread(target=_watch_terminal, name="gridbook-terminal-watch",
                             args=(leaving, sys.__stdin__.fileno(), stop_watching),
                             daemon=True).start()
    except (OSError, ValueError):
        pass
    try:
        yield leaving
    except OSError:
        if leaving.signalled is None:
            raise
        # the terminal went away with the SSH link: restoring it failed, nothing else did
    finally:
        stop_watching.set()
        for sig in EXIT_SIGNALS:
            signal.signal(sig, signal.SIG_IGN)  # a second hang-up must not cut the rescue
        if leaving.watchdog is not None:
            leaving.watchdog.cancel()
        try:
            leaving.rescue()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
