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
        from store.lang import pick
        from tui.messages import CLI_MESSAGES

        self.exit(2, pick(CLI_MESSAGES, "usage", problem=message) + "\n")


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
