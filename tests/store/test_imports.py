"""The data layer and the office commands never load the UI toolkit."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import store

ROOT = Path(__file__).resolve().parents[2]


def test_store_imports_no_textual_or_rich() -> None:
    modules = [f"store.{m.name}" for m in pkgutil.iter_modules(store.__path__)]
    code = ("import importlib, sys\n"
            f"for name in {modules!r}: importlib.import_module(name)\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
            "print(','.join(bad))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
