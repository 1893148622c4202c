"""Building only the named subcommand's parser reads every command line as the full parser does.

`gridbook check` and `report` build just their own parser to start sooner; a person must not
see any difference: the same values, the same help, the same sentence for a mistake, the
same exit status.
"""

from __future__ import annotations

import contextlib
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.lang import set_lang
from tui.cli import build_parser, command_in

WORDS = ("check", "report", "merge", "seed", "log", "frob", "b.json", "x", "--data", "--dat",
         "--d", "--de", "--demo", "--demo=1", "--lang", "--la", "--lang=zh", "--lang=xx", "zh",
         "en", "-h", "--help", "--he", "--", "-", "-1", "-o", "out.json", "--date",
         "2026-01-01", "--format", "csv", "--data=a.json", "--households", "abc", "--worker",
         "w", "--full", "--bogus")


def _outcome(only: str | None, argv: list[str]) -> tuple[object, str, str]:
    """What parsing `argv` gives: the values or the exit status, and what was printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            result: object = sorted(vars(build_parser(only=only).parse_args(argv)).items())
        except SystemExit as stop:
            result = ("exit", stop.code)
    return result, out.getvalue(), err.getvalue()


def _same_as_full_parser(argv: list[str]) -> None:
    only = command_in(argv)
    if only is not None:
        assert _outcome(only, argv) == _outcome(None, argv), argv


@pytest.mark.parametrize("argv", [
    ["check", "b.json"],
    ["--lang", "zh", "report", "b.json", "--date", "2026-01-01", "--lang", "en"],
    ["--data=a.json", "--demo", "report", "b.json", "--format", "xlsx"],
    ["--dat", "check", "check", "b.json"],
    ["check"],
    ["check", "--help"],
    ["report", "b.json", "--format", "pdf"],
    ["--lang", "zh", "seed", "x.json", "--worker", "w", "--households", "abc"],
    ["--lang", "zh", "merge", "a.json"],
])
def test_a_command_line_reads_the_same(argv: list[str]) -> None:
    set_lang("zh" if "zh" in argv else "en")
    assert command_in(argv) is not None
    _same_as_full_parser(argv)


@pytest.mark.parametrize("argv", [
    [], ["-h"], ["--he", "check"], ["--", "-x", "check"], ["-", "check"], ["--d", "x", "check"],
    ["--bogus", "check"], ["frob"], ["--data", "f.json"],
])
def test_the_whole_parser_is_built_when_the_command_is_not_certain(argv: list[str]) -> None:
    assert command_in(argv) is None


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=7), st.sampled_from(("zh", "en")))
def test_any_command_line_reads_the_same(argv: list[str], lang: str) -> None:
    set_lang(lang)
    _same_as_full_parser(argv)
