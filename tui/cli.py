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
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

COMMAND_MODULES = ("seed", "check", "merge", "report", "slice", "log", "errand", "purge",
                   "print", "import", "key", "sync", "collect", "assign")


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage problem as one sentence and exit code 2."""

    def error(self, message: str) -> NoReturn:
        from store.lang import pick
        from tui.messages import CLI_MESSAGES

        self.exit(2, pick(CLI_MESSAGES, "usage", problem=message) + "\n")


LOCALE = Path(__file__).with_name("locale")  # gettext catalogs: argparse's words in Chinese
DOMAIN = "gridbook"


@contextmanager
def argparse_speaks(language: str) -> Iterator[None]:
    """While parsing, argparse says its messages in `language`.

    argparse puts every message through `gettext.gettext` (its supported hook for
    translations), which looks in the current text domain for the languages named by the
    environment. So, for the parse only: gridbook's domain, bound to tui/locale, and
    LANGUAGE set to gridbook's language (an English parse finds no catalog: argparse's own
    words); both are put back after."""
    import gettext
    import os

    domain, languages = gettext.textdomain(), os.environ.get("LANGUAGE")
    gettext.bindtextdomain(DOMAIN, str(LOCALE))
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = language
    try:
        yield
    finally:
        gettext.textdomain(domain)
        if languages is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = languages


def _lang_in(argv: Sequence[str]) -> str | None:
    """The --lang given on the command line, read before parsing so usage errors use it."""
    for index, word in enumerate(argv):
        if word == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if word.startswith("--lang="):
            return word.split("=", 1)[1]
    return None


def lang_to_front(argv: Sequence[str]) -> list[str]:
    """`argv` with a `--lang X` given anywhere (after the command too: `gridbook errand set
    #k3f9 已送达 --lang en`) moved to the front, where the main parser reads it."""
    words, found = list(argv), []
    index = 0
    while index < len(words):
        word = words[index]
        if word == "--":
            break
        if word == "--lang" and index + 1 < len(words):
            found = ["--lang", words[index + 1]]
            del words[index:index + 2]
            continue
        if word.startswith("--lang="):
            found = [word]
            del words[index]
            continue
        index += 1
    return found + words


_GLOBAL_OPTIONS = {"--data": True, "--lang": True, "--demo": False}  # name: takes a value


def _global_option(word: str) -> str | None:
    """The global option that `word` spells (in full or as argparse's unique prefix)."""
    name = word.partition("=")[0]
    if len(name) < 3:
        return None
    matches = [option for option in _GLOBAL_OPTIONS if option.startswith(name)]
    return matches[0] if len(matches) == 1 else None


def command_in(argv: Sequence[str]) -> str | None:
    """The subcommand that `argv` runs, when that is certain before parsing; else None.

    Certain means: only the global options --data, --lang and --demo (with their values)
    come before a word that names a command. Anything else before it (-h, --, an unknown
    or ambiguous option) gives None, and the whole parser is built, as argparse alone can
    tell what such a line means.
    """
    expects_value = False
    for word in argv:
        if expects_value:
            expects_value = False
            continue
        if not word.startswith("-"):
            return word if word in COMMAND_MODULES else None
        option = _global_option(word)
        if option is None or (option == "--demo" and "=" in word):
            return None
        expects_value = _GLOBAL_OPTIONS[option] and "=" not in word
    return None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The `gridbook` parser; with `only`, the one subcommand that argv names is built.

    argparse dispatches the words after a command to that command's parser alone, so
    building only that one parses the same way and spares importing and building the
    other seven (about 5 ms of every office command). Anything else (no command, an
    unknown one, -h) gets every subcommand, so help and "invalid choice" list them all.
    """
    parser = _Parser(prog="gridbook", description="网格员工作簿 / a book for community grid workers")
    parser.add_argument("--data", metavar="FILE", help="the book to open (default: your own)")
    parser.add_argument("--demo", action="store_true", help="open a fresh demo book")
    parser.add_argument("--lang", choices=("zh", "en"), help="language / 语言")
    from store.lang import current_lang

    # argparse names the subcommand by its metavar in a complaint ("命令 不能是 'frob'");
    # in English the list of commands, as argparse writes it
    sub = parser.add_subparsers(dest="command", parser_class=_Parser,
                                metavar="命令" if current_lang() == "zh" else None)
    for name in COMMAND_MODULES if only is None else (only,):
        try:
            module = importlib.import_module(f"tui.cmd_{name}")
        except ModuleNotFoundError:
            if only is not None:
                return build_parser()
            continue
        module.add_parser(sub)
    return parser


def _log_unexpected() -> str:
    """Write the current exception's traceback to a private file; return its path."""
    from tui.errorlog import log_traceback

    return log_traceback()


def _skip_pydantic_plugin_discovery() -> None:
    """Tell pydantic not to look for plugins: gridbook installs none and uses none.

    Unless told (the documented PYDANTIC_DISABLE_PLUGINS), pydantic reads every installed
    package's entry points when it builds the first model, which costs every command a few
    milliseconds here and more on a machine with many packages. A value the user set wins.
    """
    import os

    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush of a closed pipe
    prints nothing more."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run gridbook; returns the exit status (0 on success)."""
    _skip_pydantic_plugin_discovery()
    from store.errors import BookError
    from store.lang import pick, set_lang
    from tui.messages import CLI_MESSAGES

    words = lang_to_front(sys.argv[1:] if argv is None else argv)
    set_lang(_lang_in(words))
    from store.lang import current_lang

    with argparse_speaks(current_lang()):
        args = build_parser(only=command_in(words)).parse_args(words)
    set_lang(args.lang)
    try:
        if args.command is None:
            from tui.launch import run_tui

            return run_tui(args)
        from tui import gcpolicy
        from tui.visible_output import VisibleText

        # what a command prints is never a control sequence (names, texts, file names)
        kept = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = VisibleText(sys.stdout), VisibleText(sys.stderr)
        try:
            with gcpolicy.short_command():  # the collector policy of every command: see there
                module = importlib.import_module(f"tui.cmd_{args.command}")
                return int(module.run(args) or 0)
        except BookError as error:
            print(error.sentence(), file=sys.stderr)
            return 1
        finally:
            sys.stdout, sys.stderr = kept
    except BookError as error:
        print(error.sentence(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(pick(CLI_MESSAGES, "interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:  # `gridbook report ... | head`: the reader went away
        _quiet_stdout()
        reads_only = args.command in ("report", "check") and not getattr(args, "output", None)
        print(pick(CLI_MESSAGES, "broken_pipe_nothing" if reads_only else "broken_pipe"),
              file=sys.stderr)
        return 1
    except Exception:  # noqa: BLE001 - the last line of defence: a sentence, not a traceback
        print(pick(CLI_MESSAGES, "unexpected", log=_log_unexpected()), file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
