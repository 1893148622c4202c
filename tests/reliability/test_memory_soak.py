"""A worker's long day: the TUI's resident memory levels off, with a second session writing.

The real `gridbook` runs in tmux at 80x24 (so the entry point's garbage-collector policy
is the one measured: tui/gcpolicy.py). Typical actions arrive as keys: the four screens,
walking a list, opening a household and going back, moving an errand on, the log's
days, and a journal entry typed into its form every tenth action (waited for until saved,
which also keeps the keys from running ahead of the app). A second gridbook session (another
process) saves to the same book every fifth action, and the app's poll reads it in.
Resident memory (VmRSS) after the first hundred actions is the baseline; at the end it must
be within 10% of it. The CI run is 300 actions; `uv run pytest -m slow -k five_thousand
tests/reliability/test_memory_soak.py` runs the 5,000 of issue 16.

Not met yet (2026-12-02: +16.7% over 400 actions, about 4 MiB a hundred actions, with the
collector policy of tui/gcpolicy.py): the growth is hunted under issue 17 item 15. Until
then the growth itself is an expected failure (`MemoryGrew`, not strict, so the day it
is fixed shows as XPASS); any other failure of the soak fails the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from reliability_kit import ROOT
from tmux_driver import HAVE_TMUX, TuiInTmux

from store.book import Book
from store.models import LogEntry
from store.seed import seed_book

WARM_UP = 100
SECOND_WRITER_EVERY = int(os.environ.get("GRIDBOOK_SOAK_WRITER_EVERY", "5"))  # to compare
ENTRY_EVERY = 10
# (keys, seconds to let the app take them: a screen pushed or popped takes a moment, and
# tmux reads Escape followed within 0.5 s by a key as Alt+key)
CYCLE = [(("1",), 0.02), (("Down",), 0.02), (("Down",), 0.02), (("3",), 0.05),
         (("Down",), 0.02), (("Enter",), 0.2), (("Escape",), 0.6), (("4",), 0.05),
         (("Down",), 0.02), (("n",), 0.05), (("2",), 0.05), (("]",), 0.02), (("[",), 0.02)]


def _resident_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


def _wait_saved(tui: TuiInTmux, text: str, timeout: float = 30.0) -> None:
    """The form closed, the entry listed in the log, the bar says saved."""
    deadline = time.monotonic() + timeout
    shown = ""
    while time.monotonic() < deadline:
        shown = tui.screen()
        if text in shown and "New log entry" not in shown and "✓" in shown:
            return
        time.sleep(0.05)
    raise AssertionError(f"{text!r} was not listed as saved; the screen shows:\n{shown}")


def _soak(tmp_path: Path, actions: int) -> tuple[int, int, list[int]]:
    if not HAVE_TMUX:
        pytest.fail("tmux is not installed: the soak needs it (.ci/run installs it)")
    book = tmp_path / "w01.json"
    seed_book(book, "w01", households=20, days=60, today=date.today())
    writer = subprocess.Popen([sys.executable, str(Path(__file__).with_name("second_writer.py")),
                               str(book)], cwd=ROOT, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True,
                              env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert writer.stdin is not None and writer.stdout is not None
    assert writer.stdout.readline().strip() == "ready"
    tui = TuiInTmux(book, tmp_path)
    written: list[str] = []
    samples: list[int] = []
    baseline = 0
    try:
        tui.wait_for("[1Today]", timeout=60)
        pid = tui.app_pid()
        for number in range(actions):
            if number % ENTRY_EVERY == ENTRY_EVERY - 1:
                for _ in range(5):  # out of a record the keys before may have opened
                    if "esc Back" not in tui.screen():
                        break
                    tui.keys("Escape")
                    time.sleep(0.7)  # tmux waits up to 0.5 s to tell Escape from Alt+key
                tui.add_log_entry(f"soak {number}", wait_saved=False)
                _wait_saved(tui, f"soak {number}")
            else:
                keys, pause = CYCLE[number % len(CYCLE)]
                tui.keys(*keys)
                time.sleep(pause)
            if number % SECOND_WRITER_EVERY == 0:
                writer.stdin.write(f"另一会话 {number}\n")
                writer.stdin.flush()
                written.append(writer.stdout.readline().strip())
            if number + 1 == WARM_UP:
                baseline = _resident_bytes(pid)
            if (number + 1) % 100 == 0:
                samples.append(_resident_bytes(pid))
        tui.keys("2")
        tui.wait_for(f"soak {actions - 1 - (actions % ENTRY_EVERY)}", timeout=60)
        time.sleep(3)  # a poll or two: the second session's last entries are read in
        final = _resident_bytes(pid)
    except AssertionError as error:  # the app's own account, if it closed on a problem
        log = Path(os.environ.get("XDG_STATE_HOME", "/nonexistent")) / "gridbook" / "error.log"
        if log.exists():
            raise AssertionError(f"{error}\n--- error.log ---\n{log.read_text()[-6000:]}") \
                from None
        raise
    finally:
        tui.close()
        writer.stdin.close()
        writer.wait(timeout=30)
    stored = Book.open(book, readonly=True)
    ids = {e.id for e in stored.all(LogEntry)}
    assert set(written) <= ids, "an entry of the second session was lost"
    assert sum(e.text.startswith("soak ") for e in stored.all(LogEntry)) == actions // ENTRY_EVERY
    return baseline, final, samples


class MemoryGrew(AssertionError):
    """Resident memory grew 10% or more after the warm-up."""


def _check(baseline: int, final: int, samples: list[int]) -> None:
    growth = (final - baseline) / baseline
    trail = ", ".join(f"{s / 2**20:.1f}" for s in samples)
    if growth >= 0.10:
        raise MemoryGrew(f"resident memory grew {growth:.1%} after the first {WARM_UP} "
                         f"actions ({baseline / 2**20:.1f} -> {final / 2**20:.1f} MiB; "
                         f"every 100 actions: {trail})")


NOT_YET = pytest.mark.xfail(raises=MemoryGrew, strict=False,
                            reason="TUI memory growth, hunted under issue 17 item 15")


@NOT_YET
def test_memory_levels_off_over_300_actions_with_a_second_writer(tmp_path: Path) -> None:
    _check(*_soak(tmp_path, 300))


@NOT_YET
@pytest.mark.slow
def test_memory_levels_off_over_five_thousand_actions(tmp_path: Path) -> None:
    _check(*_soak(tmp_path, 5000))
