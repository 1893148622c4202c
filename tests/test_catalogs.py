"""One translation catalog per package (issue 16, item 9): store/messages.py, screens/strings.py
and tui/messages.py; each word once; the domain's words (statuses, checklist kinds, errand
steps, categories, tests and results) only in the store's, which screens and tui reuse.

The keys are counted in the source, not in the built dicts: a key written twice in one
literal, or set again by a later `.update`, leaves one entry in the dict and would pass
unseen.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CATALOGS = {"store": ROOT / "store" / "messages.py", "screens": ROOT / "screens" / "strings.py",
            "tui": ROOT / "tui" / "messages.py"}
DOMAIN = re.compile(r"(status|kind|errand|cat|test|result)_[a-z]+$")


def _entry(node: ast.AST) -> dict[str, str] | None:
    """The {"zh": ..., "en": ...} that `node` writes, else None."""
    if not isinstance(node, ast.Dict):
        return None
    keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
    if "zh" not in keys and "en" not in keys:
        return None
    return ast.literal_eval(node)  # type: ignore[no-any-return]


def entries_in(path: Path) -> list[tuple[str, dict[str, str]]]:
    """Every (key, {"zh", "en"}) the source of `path` writes, in order, repeats included."""
    found: list[tuple[str, dict[str, str]]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                entry = _entry(value)
                if entry is not None and isinstance(key, ast.Constant):
                    found.append((str(key.value), entry))
        elif isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Subscript):
            entry = _entry(node.value)
            key = node.targets[0].slice
            if entry is not None and isinstance(key, ast.Constant):
                found.append((str(key.value), entry))
    return found


def test_only_the_three_catalogs_hold_words() -> None:
    for package in ("store", "screens", "tui"):
        for path in sorted((ROOT / package).rglob("*.py")):
            if path in CATALOGS.values():
                continue
            assert not entries_in(path), f"{path.relative_to(ROOT)} keeps words of its own"


def test_no_key_is_defined_twice() -> None:
    counts: Counter[str] = Counter()
    for path in CATALOGS.values():
        counts.update(key for key, _entry in entries_in(path))
    assert not [key for key, n in counts.items() if n > 1]


def test_every_key_has_chinese_and_english() -> None:
    for path in CATALOGS.values():
        for key, entry in entries_in(path):
            assert set(entry) == {"zh", "en"}, key
            assert bool(entry["zh"].strip()) == bool(entry["en"].strip()), key
            # the same placeholders (an English singular may spell out its "1")
            assert set(re.findall(r"{(\w+)}", entry["en"])) <= \
                set(re.findall(r"{(\w+)}", entry["zh"])), key


def test_the_domain_words_are_the_stores_and_said_once() -> None:
    store = dict(entries_in(CATALOGS["store"]))
    domain = {key: entry for key, entry in store.items() if DOMAIN.match(key)}
    assert {"kind_test", "errand_delivered", "cat_control", "status_quarantine",
            "result_negative", "test_antigen"} <= set(domain)
    said = {(entry["zh"], entry["en"]): key for key, entry in domain.items()}
    assert len(said) == len(domain)
    for package, path in CATALOGS.items():
        for key, entry in entries_in(path):
            if package != "store":
                assert not DOMAIN.match(key) or key not in domain, key
            again = said.get((entry["zh"], entry["en"]))
            assert again is None or again == key, f"{package}: {key} repeats {again}"


def test_every_key_asked_for_is_in_its_catalog() -> None:
    """Each literal key the code asks a catalog for exists there (a sentence lost when words
    move between catalogs shows as a KeyError only when it is said: a crash, in the office)."""
    from screens.strings import STRINGS
    from store.messages import MESSAGES
    from tui.messages import CLI_MESSAGES

    catalogs = {"M": CLI_MESSAGES, "CLI_MESSAGES": CLI_MESSAGES, "MESSAGES": MESSAGES,
                "STRINGS": STRINGS}
    missing = []
    for package in ("store", "screens", "tui"):
        for path in sorted((ROOT / package).rglob("*.py")):
            printing = "printing" in path.parts  # its `word` is paper's: "paper." + key
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call) or not node.args:
                    continue
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                args = [a.value for a in node.args if isinstance(a, ast.Constant)]
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                if name == "pick" and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant):
                    catalog = catalogs.get(getattr(node.args[0], "id", ""))
                    if catalog is not None and node.args[1].value not in catalog:
                        missing.append(f"{where} {node.args[1].value}")
                    continue
                if not args or not isinstance(node.args[0], ast.Constant):
                    continue
                key = args[0]
                if name == "word" and (("paper." + key) if printing else key) not in MESSAGES \
                        or name == "BookError" and key not in MESSAGES \
                        or name == "t" and key not in STRINGS and key not in MESSAGES \
                        or name in ("fail", "_fail") and key not in CLI_MESSAGES:
                    missing.append(f"{where} {key}")
    assert missing == []
