"""The `gridbook` command: the TUI by default, and the office's commands.

Each subcommand lives in its own `tui/cmd_*.py` module with `add_parser` and `run`; they
import their heavy modules inside `run`, and none but the TUI imports textual, so `merge`,
`report`, `check` and `seed` start fast on an office PC. Whatever goes wrong, a person
sees one plain sentence in their language, never a traceback: expected problems are
BookErrors, anything else is written to a private log file and summed up in a sentence.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

COMMAND_MODULES = ("seed", "check", "merge", "report", "slice", "log", "errand", "purge")


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage problem as one sentence and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        from store.lang import current_lang, pick
        from tui.messages import CLI_MESSAGES

        problem = _in_chinese(message) if current_lang() == "zh" else message
        self.exit(2, pick(CLI_MESSAGES, "usage", problem=problem) + "\n")


_ARGPARSE_ZH = (
    (r"the following arguments are required: (.*)", "缺少必需的参数 {0}"),
    (r"argument (\S+): invalid choice: (\S+) \(choose from (.*)\)", "{0} 不能是 {1}，可选：{2}"),
    (r"argument (\S+): expected one argument", "{0} 后面需要一个值"),
    (r"argument (\S+): invalid int value: (\S+)", "{0} 应为整数，不能是 {1}"),
    (r"unrecognized arguments: (.*)", "无法识别的参数 {0}"),
)


def _in_chinese(message: str) -> str:
    """argparse's usual complaints in Chinese (argparse itself speaks English only)."""
    import re

    for pattern, template in _ARGPARSE_ZH:
        found = re.fullmatch(pattern, message)
        if found:
            words = ["命令" if group == "command" else group for group in found.groups()]
            return template.format(*words)
    return message


def _lang_in(argv: Sequence[str]) -> str | None:
    """The --lang given on the command line, read before parsing so usage errors use it."""
    for index, word in enumerate(argv):
        if word == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if word.startswith("--lang="):
            return word.split("=", 1)[1]
    return None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="gridbook", description="网格员工作簿 / a book for community grid workers")
    parser.add_argument("--data", metavar="FILE", help="the book to open (default: your own)")
    parser.add_argument("--demo", action="store_true", help="open a fresh demo book")
    parser.add_argument("--lang", choices=("zh", "en"), help="language / 语言")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"tui.cmd_{name}")
        except ModuleNotFoundError:
            continue
        module.add_parser(sub)
    return parser


def _log_unexpected() -> str:
    """Write the current exception's traceback to a private file; return its path."""
    import traceback
    from pathlib import Path

    from platformdirs import user_state_dir

    from store.atomic import make_private_dir

    folder = Path(user_state_dir("gridbook"))
    try:
        make_private_dir(folder)
        target = folder / "error.log"
        with open(target, "a", encoding="utf-8", opener=lambda p, f: __import__("os").open(p, f, 0o600)) as handle:
            traceback.print_exc(file=handle)
        return str(target)
    except OSError:
        return "-"


def main(argv: Sequence[str] | None = None) -> int:
    """Run gridbook; returns the exit status (0 on success)."""
    from store.errors import BookError
    from store.lang import pick, set_lang
    from tui.messages import CLI_MESSAGES

    set_lang(_lang_in(sys.argv[1:] if argv is None else argv))
    args = build_parser().parse_args(argv)
    set_lang(args.lang)
    try:
        if args.command is None:
            from tui.launch import run_tui

            return run_tui(args)
        module = importlib.import_module(f"tui.cmd_{args.command}")
        return int(module.run(args) or 0)
    except BookError as error:
        print(error.sentence(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(pick(CLI_MESSAGES, "interrupted"), file=sys.stderr)
        return 130
    except Exception:  # noqa: BLE001 - the last line of defence: a sentence, not a traceback
        print(pick(CLI_MESSAGES, "unexpected", log=_log_unexpected()), file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
