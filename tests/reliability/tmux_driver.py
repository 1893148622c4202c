"""Drive the real `gridbook --data FILE` in tmux at 80x24: keys in, screen out, signals.

Each driver runs its own tmux server (`-L`), so tests never touch each other's sessions.
The app runs under `sh -c`: its exit status lands in a file, and the pane stays open after
it exits so that what it printed there (Textual draws on stderr; after the app a sentence or a
traceback would show on the terminal) can be read.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HAVE_TMUX = shutil.which("tmux") is not None


class TuiInTmux:
    """One gridbook TUI in a private tmux server."""

    def __init__(self, book: Path, folder: Path, *, lang: str = "en",
                 extra_env: dict[str, str] | None = None) -> None:
        self.name = f"gb-rel-{uuid.uuid4().hex[:8]}"
        self.pid: int | None = None
        self.tmux = ["tmux", "-L", self.name]
        self.status = folder / f"{self.name}.status"
        env = {"TERM": "xterm-256color", "HOME": os.environ.get("HOME", str(folder)),
               "PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"}
        for key in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            if key in os.environ:
                env[key] = os.environ[key]
        if os.environ.get("GRIDBOOK_SABOTAGE"):  # tests/reliability/test_sabotage.py
            env["GRIDBOOK_SABOTAGE"] = os.environ["GRIDBOOK_SABOTAGE"]
            env["PYTHONPATH"] = str(ROOT / "tests" / "reliability" / "sabotage")
        env |= extra_env or {}
        command = (f"cd {ROOT} && {sys.executable} -m tui.cli --lang {lang} --data {book} "
                   f"; echo $? >{self.status}; sleep 300")
        subprocess.run([*self.tmux, "new-session", "-d", "-s", self.name, "-x", "80", "-y", "24",
                        "env", *[f"{k}={v}" for k, v in env.items()], "sh", "-c", command],
                       check=True)

    # looking -------------------------------------------------------------------------------
    def screen(self) -> str:
        return subprocess.run([*self.tmux, "capture-pane", "-p", "-t", self.name],
                              capture_output=True, text=True, check=False).stdout

    def wait_for(self, *texts: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if all(text in shown for text in texts):
                return shown
            time.sleep(0.05)
        raise AssertionError(f"{texts!r} did not appear; the screen shows:\n{shown}")

    # typing --------------------------------------------------------------------------------
    def keys(self, *keys: str) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, *keys], check=True)

    def type(self, text: str) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, "-l", text], check=True)

    def add_log_entry(self, text: str, *, wait_saved: bool = True) -> None:
        """The worker's keys: 2 (the log), a (add), the text, Enter; then wait for it."""
        self.keys("2")
        self.wait_for("[2Log]")
        self.keys("a")
        self.wait_for("New log entry")
        time.sleep(0.1)
        self.type(text)
        self.wait_for(f" {text} ")
        self.keys("Enter")
        if wait_saved:
            self.wait_for_entry(text)

    def wait_for_entry(self, text: str, timeout: float = 30.0) -> str:
        """Wait until the log lists `text` (the form closed, the write returned) and the
        header says saved: the moment a worker takes the edit as done."""
        import re

        listed = re.compile(r"\d\d:\d\d " + re.escape(text))
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if listed.search(shown) and "✓ saved" in shown and "New log entry" not in shown:
                return shown
            time.sleep(0.05)
        raise AssertionError(f"{text!r} was not listed as saved; the screen shows:\n{shown}")

    # the process ---------------------------------------------------------------------------
    def app_pid(self, timeout: float = 10.0) -> int:
        shell = int(subprocess.run([*self.tmux, "display", "-p", "-t", self.name,
                                    "#{pane_pid}"], capture_output=True, text=True).stdout)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = subprocess.run(["pgrep", "-P", str(shell)], capture_output=True, text=True)
            if found.stdout.strip():
                self.pid = int(found.stdout.split()[0])
                return self.pid
            time.sleep(0.05)
        raise AssertionError("the app process did not start")

    def signal(self, signum: int) -> None:
        os.kill(self.app_pid(), signum)

    def exit_status(self, timeout: float = 20.0) -> int | None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.status.exists() and self.status.read_text().strip():
                return int(self.status.read_text())
            time.sleep(0.05)
        return None

    def hang_up(self) -> None:
        """What an SSH drop does: the terminal goes away (SIGHUP to the pane's processes)."""
        subprocess.run([*self.tmux, "kill-server"], capture_output=True, check=False)

    def after_exit(self) -> str:
        """What the terminal shows once the app has left its full screen (wrapped lines joined)."""
        return subprocess.run([*self.tmux, "capture-pane", "-p", "-J", "-t", self.name],
                              capture_output=True, text=True, check=False).stdout

    def close(self) -> None:
        """End the tmux server, make sure the app is gone, remove the server's socket."""
        subprocess.run([*self.tmux, "kill-server"], capture_output=True, check=False)
        if self.pid is not None:
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and _alive(self.pid):
                time.sleep(0.05)
            kill_quietly(self.pid)
        socket = Path(f"/tmp/tmux-{os.getuid()}") / self.name
        socket.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def kill_quietly(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
