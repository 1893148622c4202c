"""The linter and the type checker, with the project's settings in pyproject.toml.

They run here so that `uv run pytest`, the README's one test command, fails on their errors
(.ci/run also calls them first, so their output is the first thing a failed run shows).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *argv], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, check=False)


def test_ruff_finds_nothing() -> None:
    # ruff is a binary; `python -m ruff` finds it in this environment
    done = _run("ruff", "check", "--no-cache", "store", "screens", "tui", "tests")
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_finds_nothing() -> None:
    done = _run("mypy")  # files and settings: [tool.mypy] in pyproject.toml
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_checks_are_installed() -> None:
    """A missing tool must fail the suite, not pass it quietly."""
    assert _run("ruff", "--version").returncode == 0
    assert _run("mypy", "--version").returncode == 0
