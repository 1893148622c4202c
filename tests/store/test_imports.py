"""The data layer and the office commands never load the UI toolkit."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import store

ROOT = Path(__file__).resolve().parents[2]


def test_store_imports_no_textual_or_rich() -> None:
    modules = [m.name for m in pkgutil.walk_packages(store.__path__, "store.")]
    assert "store.book.book" in modules and "store.office.report" in modules
    code = ("import importlib, sys\n"
            f"for name in {modules!r}: importlib.import_module(name)\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
            "print(','.join(bad))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


BASICS = {"store.errors", "store.lang", "store.messages", "store.visible", "store.cells",
          "store.idnumber"}


def _store_imports(path: Path) -> set[str]:
    """Every store module a file imports (`from store.book import crdt` names store.book.crdt)."""
    import ast

    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "store":
            for alias in node.names:
                dotted = f"{node.module}.{alias.name}"
                found.add(dotted if (ROOT / (dotted.replace(".", "/") + ".py")).exists()
                          or (ROOT / dotted.replace(".", "/")).is_dir() else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "store")
    return found


def test_store_layers_import_one_way() -> None:
    """office -> domain (store/) -> book (store/book/): the book on disk knows nothing of the
    domain's work or the office (beyond the shared words and errors), and the domain
    nothing of the office."""
    wrong: list[str] = []
    for path in sorted((ROOT / "store").rglob("*.py")):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for target in _store_imports(path):
            if module.startswith("store.book") and not (
                    target.startswith("store.book") or target in BASICS):
                wrong.append(f"{module} -> {target}")
            if not module.startswith(("store.book", "store.office")) \
                    and target.startswith("store.office"):
                wrong.append(f"{module} -> {target}")
    assert wrong == []
    assert len(list((ROOT / "store").glob("*.py"))) < 30  # the domain, not everything
