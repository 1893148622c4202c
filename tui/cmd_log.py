"""`gridbook log add TEXT`: write one journal entry from a shell; durable when it exits 0."""

from __future__ import annotations

import argparse

CATEGORIES = ["control", "service", "publicity", "screening", "protection"]


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("log", help="quick journal entry / 快速记日志")
    actions = parser.add_subparsers(dest="log_action", required=True,
                                    parser_class=type(parser))
    add = actions.add_parser("add", help="add an entry / 记一条日志")
    add.add_argument("text", metavar="TEXT")
    add.add_argument("--category", metavar="C", default="service",
                     help="control|service|publicity|screening|protection, or 管控/服务/宣传/排查/防护")
    add.add_argument("--household", metavar="H", help="id, address (3栋2单元501) or name")
    add.add_argument("--data", metavar="FILE", dest="capture_data", help="the book (default: your own)")


def run(args: argparse.Namespace) -> int:
    from store import actions
    from store.book.models import Category
    from store.errors import BookError
    from store.lang import pick
    from store.lookup import find_own_household
    from store.messages import word
    from tui.capture_args import CATEGORY_WORDS, open_own_book, parse_choice
    from tui.messages import CLI_MESSAGES as M

    category = parse_choice(args.category, CATEGORY_WORDS, CATEGORIES)
    book = open_own_book(args.capture_data or args.data)
    household = find_own_household(book, args.household).id if args.household else None
    try:
        entry = actions.add_log(book, args.text, Category(category), household=household)
    except BookError as error:
        if error.key == "write_failed":
            raise BookError("write_failed_plain", **error.params) from None
        raise
    print(pick(M, "log_added", on=entry.on.isoformat(),
               category=word(f"cat_{category}").lower()))
    return 0
