"""Guarantee 1: a writer killed at any moment (SIGKILL) loses no edit it reported as saved.

Real processes write the book and are killed at random moments, two at a time on the same
book (two sessions), hundreds of times; afterwards the book opens and holds every entry
whose writer had acknowledged it. A lock held by a killed writer blocks no one: the next
round's writers take it. `bench/soak_kill.py` runs the same harness thousands of times.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reliability_kit import run_script


def test_hundreds_of_killed_writers_lose_no_acknowledged_edit(tmp_path: Path) -> None:
    code, figures, stderr = run_script("harness_kill.py", str(tmp_path), "--rounds", "150",
                                       "--writers", "2", "--seed", "5", "--min-acked", "60")
    assert code == 0, (figures, stderr[-2000:])
    assert figures["kills"] == 300
    assert figures["lost"] == 0 and figures["failed_open"] == 0, figures
    assert figures["writer_errors"] == 0, stderr[-2000:]
    assert figures["acked"] >= 50  # writers made real progress between kills
    assert figures["mid_save_kills"] >= 1  # some kills landed in the middle of a save


@pytest.mark.parametrize("broken", ["non_atomic", "no_join"])
def test_the_harness_notices_when_a_guarantee_is_broken(tmp_path: Path, broken: str) -> None:
    """Writing in place, or saving without joining the other session, is caught."""
    code, figures, _ = run_script("harness_kill.py", str(tmp_path), "--rounds", "300",
                                  "--max-delay", "0.15", "--sabotage", broken,
                                  "--min-acked", "60")
    assert code != 0
    assert figures["lost"] > 0 or figures["failed_open"] > 0, figures


def test_killed_quick_capture_commands_lose_no_acknowledged_edit(tmp_path: Path) -> None:
    import sys

    command = [sys.executable, "-m", "tui.cli", "log", "add", "{text}", "--data", "{path}"]
    code, figures, stderr = run_script("harness_kill.py", str(tmp_path), "--rounds", "25",
                                       "--max-delay", "0.9", "--seed", "11", "--min-acked", "8", "--cli",
                                       *command, timeout=240)
    assert figures["lost"] == 0 and figures["failed_open"] == 0, (figures, stderr[-2000:])
    assert figures["kills"] >= 5 and figures["acked"] >= 5, figures
    assert "3" not in figures["exit_codes"], figures  # no unexpected exception
    assert code == 0
