"""First useful screen and memory: a program started in a real 80x24 terminal (tmux).

The clock starts just before tmux is asked to start the program and stops when the
terminal, read back with `tmux capture-pane`, shows the marker text: for gridbook, an
address from today's work on its Today screen; for the baseline, the minimal app's one
line. Both go through the same tmux, polling and shell, so what differs is the program.
Peak memory is the program's VmHWM (the kernel's high-water mark of its resident set),
read once the first screen has been up for a moment.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

SOCKET = f"gridbook-bench-{os.getpid()}"
TIMEOUT_SECONDS = 60.0
SETTLE_SECONDS = 1.0


@dataclass(frozen=True)
class Start:
    """One start of a program: seconds until it showed its marker, and its peak RSS."""

    seconds: float
    peak_bytes: int


def _tmux(*args: str) -> str:
    done = subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True,
                          check=True)
    return done.stdout


def available() -> bool:
    try:
        subprocess.run(["tmux", "-V"], capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return False
    return True


def _peak_rss(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM")


class Terminal:
    """A private tmux server for the benchmark's runs (kept up between them)."""

    def __enter__(self) -> Terminal:
        _tmux("-f", "/dev/null", "new-session", "-d", "-s", "keep", "-x", "80", "-y", "24")
        self.socket = Path(_tmux("display-message", "-p", "#{socket_path}").strip())
        self.count = 0
        return self

    def __exit__(self, *exc: object) -> None:
        subprocess.run(["tmux", "-L", SOCKET, "kill-server"], capture_output=True)
        self.socket.unlink(missing_ok=True)  # kill-server can leave the socket file behind

    def start(self, command: Sequence[str], shown: Callable[[str], bool],
              env: dict[str, str] | None = None) -> Start:
        """Start `command` in a fresh 80x24 window; time until `shown(screen text)`."""
        self.count += 1
        name = f"run{self.count}"
        extra = " ".join(f"{k}={shlex.quote(v)}" for k, v in (env or {}).items())
        # the tmux server has this process's environment; see bench.processes for why
        # bytecode caching is switched back on
        shell = (f"cd {shlex.quote(str(Path.cwd()))} && exec env -u PYTHONDONTWRITEBYTECODE "
                 f"{extra} {shlex.join(command)}")
        start = time.perf_counter()
        _tmux("new-session", "-d", "-s", name, "-x", "80", "-y", "24", shell)
        try:
            while True:
                screen = subprocess.run(["tmux", "-L", SOCKET, "capture-pane", "-p", "-t", name],
                                        capture_output=True, text=True).stdout
                if shown(screen):
                    seconds = time.perf_counter() - start
                    break
                if time.perf_counter() - start > TIMEOUT_SECONDS:
                    raise RuntimeError(f"never showed its first screen:\n{screen}")
                time.sleep(0.003)
            pid = int(_tmux("display-message", "-p", "-t", name, "#{pane_pid}").strip())
            time.sleep(SETTLE_SECONDS)
            peak = _peak_rss(pid)
        finally:
            subprocess.run(["tmux", "-L", SOCKET, "kill-session", "-t", name],
                           capture_output=True)
        return Start(seconds, peak)


def minimal_command() -> list[str]:
    return [sys.executable, "-m", "bench.minimal_app"]


def minimal_shown(screen: str) -> bool:
    from bench.minimal_app import MARKER

    return MARKER in screen


def today_markers(book_path: Path) -> list[str]:
    """Addresses that the Today screen lists today for this book (any one shows it is up)."""
    from datetime import date, datetime

    from store import views
    from store.book.book import Book

    book = Book.open(book_path, readonly=True)
    view = views.today(book, date.today(), datetime.now())
    pairs = (view.tests_due + view.releases_due + view.households_pending
             + view.errands_overdue + view.errands_due_today)
    return sorted({household.address for household, _ in pairs if household is not None})


def gridbook_shown(markers: list[str]) -> Callable[[str], bool]:
    """Whether the screen shows gridbook's Today with today's content (not only a frame)."""
    if not markers:
        raise RuntimeError("nothing is due today in this book: no content to wait for")
    return lambda screen: any(marker in screen for marker in markers)


def measure_first_screen(book_path: Path, runs: int) -> tuple[list[Start], list[Start]]:
    """Interleaved starts of gridbook on `book_path` and of the minimal app (each warmed up
    once): (gridbook's starts, the baseline's starts)."""
    from bench.books import gridbook_command

    shown = gridbook_shown(today_markers(book_path))
    command = [*gridbook_command(), "--data", str(book_path), "--lang", "en"]
    subject: list[Start] = []
    baseline: list[Start] = []
    with Terminal() as terminal:
        terminal.start(command, shown)
        terminal.start(minimal_command(), minimal_shown)
        for index in range(runs):
            order = [(command, shown, subject), (minimal_command(), minimal_shown, baseline)]
            for cmd, test, into in (order if index % 2 == 0 else order[::-1]):
                into.append(terminal.start(cmd, test))
    return subject, baseline
