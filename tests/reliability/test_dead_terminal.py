"""Item 10 of issue 17: a terminal that dies without a SIGHUP ends the app.

The app is started under `setsid` in a tmux pane (so the pane's hang-up signal never
reaches it), then the tmux server is killed. Before, Textual's input thread read EOF in a
loop and the process spun a core for as long as the machine ran; now the app sees the
hung-up terminal (poll: POLLHUP, termios: EIO) and leaves as on SIGHUP, within seconds,
with every confirmed entry on disk.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from reliability_kit import ROOT
from tmux_driver import HAVE_TMUX

from store.book.book import Book
from store.book.models import LogEntry


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


def test_a_dead_terminal_without_sighup_ends_the_app(book_path: Path, tmp_path: Path) -> None:
    if not HAVE_TMUX:
        pytest.fail("tmux is not installed: this guarantee cannot be checked (.ci/run installs it)")
    name = f"gb-dead-{uuid.uuid4().hex[:8]}"
    tmux = ["tmux", "-L", name]
    pidfile = tmp_path / "pid"
    env = f"env TERM=xterm-256color HOME={tmp_path} XDG_STATE_HOME={tmp_path}/state"
    app = (f"cd {ROOT} && echo $$ >{pidfile} && exec {env} {sys.executable} -m tui.cli "
           f"--lang en --data {book_path}")
    subprocess.run([*tmux, "new-session", "-d", "-s", name, "-x", "80", "-y", "24",
                    "sh", "-c", f"setsid -f sh -c '{app}'; sleep 300"], check=True)
    pid = 0
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            screen = subprocess.run([*tmux, "capture-pane", "-p", "-t", name],
                                    capture_output=True, text=True).stdout
            if "Today" in screen and pidfile.exists():
                break
            time.sleep(0.2)
        pid = int(pidfile.read_text())
        for key in ("2", "a"):
            subprocess.run([*tmux, "send-keys", "-t", name, key], check=True)
            time.sleep(0.5)
        subprocess.run([*tmux, "send-keys", "-t", name, "-l", "before the pane died"], check=True)
        subprocess.run([*tmux, "send-keys", "-t", name, "Enter"], check=True)
        time.sleep(1.5)
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)
    deadline = time.monotonic() + 15
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    still = _alive(pid)
    if still:
        os.kill(pid, 9)
    assert not still, "the app kept running (spinning) after its terminal died"
    assert "before the pane died" in {e.text for e in Book.open(book_path).all(LogEntry)}
