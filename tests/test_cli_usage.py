"""A mistyped command gets one sentence in the user's language, and exit status 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize(("args", "expected"), [
    (["--lang", "zh", "merge", "a.json"], "命令用法有误：缺少必需的参数 -o/--output"),
    (["--lang", "zh", "frob"], "命令用法有误：命令 不能是 'frob'"),
    (["--lang", "zh", "seed", "x.json", "--worker", "w", "--households", "abc"],
     "命令用法有误：--households 应为整数，不能是 'abc'"),
    (["--lang", "en", "merge", "a.json"],
     "The command is not right: the following arguments are required: -o/--output"),
])
def test_usage_problems_are_one_sentence(args: list[str], expected: str) -> None:
    result = subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith(expected) and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def _po_entries(path: Path) -> dict[str, str]:
    """msgid -> msgstr of a .po file of one-line entries (the header left out)."""
    import ast

    entries: dict[str, str] = {}
    msgid: str | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgid "):
            msgid = ast.literal_eval(line[len("msgid "):])
        elif line.startswith("msgstr ") and msgid:
            entries[msgid] = ast.literal_eval(line[len("msgstr "):])
    return entries


def test_the_compiled_catalog_says_what_its_source_says_in_argparses_words() -> None:
    """argparse's Chinese comes through gettext from tui/locale: the .mo must match the .po,
    and each msgid must still be one argparse says (a Python that rewords one fails here)."""
    import argparse
    import gettext
    import inspect

    from tui.cli import DOMAIN, LOCALE

    folder = LOCALE / "zh" / "LC_MESSAGES"
    source = _po_entries(folder / f"{DOMAIN}.po")
    with open(folder / f"{DOMAIN}.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    assert source and {m: compiled.gettext(m) for m in source} == source
    argparse_source = inspect.getsource(argparse)
    assert [m for m in source if repr(m) not in argparse_source and f'"{m}"' not in
            argparse_source] == []


def test_the_parse_leaves_gettext_as_it_found_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import gettext
    import os

    from tui.cli import main

    monkeypatch.setenv("LANGUAGE", "fr")
    before = gettext.textdomain()
    with pytest.raises(SystemExit):
        main(["--lang", "zh", "frob"])
    assert gettext.textdomain() == before and os.environ["LANGUAGE"] == "fr"
