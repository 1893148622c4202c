"""The real `gridbook --demo` in tmux at 80x24: read the screen, visit the four screens, quit.

This is the closest a test gets to a worker at a terminal: a real pty, a real terminal
size, the real entry point. Without tmux it fails (.ci/run installs tmux): the README
promises what it shows.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _tmux_is_installed() -> None:
    missing = [tool for tool in ("tmux", "uv") if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"{' and '.join(missing)} not installed: this test cannot run (.ci/run "
                    "installs tmux; install it for a local run)")


def test_demo_in_tmux_visits_the_four_screens_and_quits(tmp_path: Path) -> None:
    session = f"gridbook-test-{uuid.uuid4().hex[:8]}"
    env = {"TERM": "xterm", "HOME": str(tmp_path), "PATH": os.environ.get("PATH", "")}
    command = f"cd {ROOT} && uv run --quiet gridbook --demo --lang en"
    subprocess.run(["tmux", "-L", session, "new-session", "-d", "-s", session, "-x", "80", "-y", "24",
                    "env", *[f"{k}={v}" for k, v in env.items()], "sh", "-c", command], check=True)
    tmux = ["tmux", "-L", session]
    try:
        def screen_with(text: str) -> str:
            deadline = time.monotonic() + 60
            shown = ""
            while time.monotonic() < deadline:
                shown = subprocess.run([*tmux, "capture-pane", "-p", "-t", session],
                                       capture_output=True, text=True, check=False).stdout
                if text in shown:
                    return shown
                time.sleep(0.2)
            raise AssertionError(f"{text!r} did not appear; the screen shows:\n{shown}")

        first = screen_with("[1Today]")
        assert "Tests" in first and "Due today" in first
        assert len(first.splitlines()) <= 24
        for key, marker, expected in (("2", "[2Log]", "Open needs"),
                                      ("3", "[3Homes]", "Address"),
                                      ("4", "[4Errands]", "not repaid")):
            subprocess.run([*tmux, "send-keys", "-t", session, key], check=True)
            shown = screen_with(marker)
            assert expected in shown
            assert all(len(line) <= 80 for line in shown.splitlines())
        subprocess.run([*tmux, "send-keys", "-t", session, "C-q"], check=True)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and subprocess.run(
                [*tmux, "has-session", "-t", session], capture_output=True).returncode == 0:
            time.sleep(0.2)
        assert subprocess.run([*tmux, "has-session", "-t", session],
                              capture_output=True).returncode != 0, "the app did not quit"
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True, check=False)
