"""`gridbook key new FILE`: the office's key pair; prints the public key (for scripts, alone
on standard output)."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("key", help="the office's key pair / 社区密钥")
    actions = parser.add_subparsers(dest="key_action", required=True, parser_class=type(parser))
    new = actions.add_parser("new", help="make a key pair / 生成密钥")
    new.add_argument("file", metavar="FILE", help="where the private key goes (0600)")
    new.add_argument("--lang", choices=("zh", "en"), dest="key_lang", help="语言 / language")


def run(args: argparse.Namespace) -> int:
    if args.key_lang:
        from store.lang import set_lang

        set_lang(args.key_lang)
    import sys
    from pathlib import Path

    from store.lang import pick
    from store.office.sync import new_key_file
    from tui.messages import CLI_MESSAGES as M

    path = Path(args.file)
    public = new_key_file(path)
    print(public)
    print(pick(M, "key_public_hint", path=path, public=public), file=sys.stderr)
    return 0
