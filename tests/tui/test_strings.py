"""Every string the screens show is in the catalog, in Chinese and in English."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from screens.strings import STRINGS
from store.messages import MESSAGES

SCREENS = Path(__file__).resolve().parents[2] / "screens"
CJK = re.compile(r"[\u4e00-\u9fff]")  # words; punctuation used as separators is fine
SHOWN_BY = {"Static", "Label", "Button", "notify", "Option", "TextField", "Input"}


def screen_modules() -> list[Path]:
    return sorted(p for p in SCREENS.glob("*.py") if p.name != "strings.py")


def test_every_key_has_chinese_and_english() -> None:
    for key, entry in STRINGS.items():
        assert set(entry) == {"zh", "en"}, key
        assert entry["zh"].strip() and entry["en"].strip(), key
        assert re.findall(r"{(\w+)}", entry["zh"]) == re.findall(r"{(\w+)}", entry["en"]) or \
            set(re.findall(r"{(\w+)}", entry["zh"])) == set(re.findall(r"{(\w+)}", entry["en"])), key


def test_screen_modules_write_no_text_outside_the_catalog() -> None:
    for path in screen_modules():
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        tree = ast.parse(source)
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
                      and node.body and isinstance(node.body[0], ast.Expr)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and id(node) not in docstrings and "not shown" not in lines[node.lineno - 1]:
                assert not CJK.search(node.value), f"{path.name}:{node.lineno} {node.value!r}"
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name == "Binding" and len(node.args) >= 3:
                description = node.args[2]
                assert isinstance(description, ast.Constant) and description.value in STRINGS, \
                    f"{path.name}:{node.lineno} binding description must be a catalog key"
            if name in SHOWN_BY and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    assert not re.search(r"[A-Za-z]{2}", first.value), \
                        f"{path.name}:{node.lineno} {first.value!r} is shown but not translated"
            if name == "t" and node.args and isinstance(node.args[0], ast.Constant):
                assert node.args[0].value in STRINGS or node.args[0].value in MESSAGES, \
                    f"{path.name}:{node.lineno} {node.args[0].value}"


def test_the_office_commands_never_import_textual() -> None:
    code = ("import sys, tui.cli, tui.launch; tui.cli.build_parser(); "
            "print('textual' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=SCREENS.parent, check=True)
    assert out.stdout.strip() == "False"
