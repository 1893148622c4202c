"""`gridbook errand add|set`: record or move an errand (代买代送) from a shell.

Each command is one durable save through `store.actions`; a bad household, errand, amount
or time is one sentence and the book is left as it was.
"""

from __future__ import annotations

import argparse

STATUSES = ["requested", "accepted", "bought", "delivered", "cancelled"]


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("errand", help="quick errand / 代买代送")
    actions = parser.add_subparsers(dest="errand_action", required=True,
                                    parser_class=type(parser))
    add = actions.add_parser("add", help="a household asks for something / 登记代买")
    add.add_argument("--household", required=True, metavar="H",
                     help="id, address (3栋2单元501) or name")
    add.add_argument("--items", required=True, metavar="TEXT")
    add.add_argument("--amount", metavar="X", help="money advanced, in yuan / 垫付金额（元）")
    add.add_argument("--due", metavar="WHEN", help="18:00, 明天 18:00, 2022-03-14 18:00")
    add.add_argument("--data", metavar="FILE", dest="capture_data")
    move = actions.add_parser("set", help="change an errand's status / 更新状态")
    move.add_argument("errand", metavar="ERRAND", help="id or the start of it")
    move.add_argument("status", metavar="STATUS",
                      help="requested|accepted|bought|delivered|cancelled, or 已接单/已买到/已送达/已取消")
    move.add_argument("--data", metavar="FILE", dest="capture_data")


def run(args: argparse.Namespace) -> int:
    from datetime import datetime

    from store import actions
    from store.errors import BookError
    from store.lang import pick
    from store.lookup import find_errand, find_own_household
    from store.models import ErrandStatus
    from tui.capture_args import (
        STATUS_LABELS,
        STATUS_WORDS,
        open_own_book,
        parse_amount,
        parse_choice,
        parse_when,
    )
    from tui.office_messages import OFFICE_MESSAGES as M

    try:
        if args.errand_action == "add":
            amount = parse_amount(args.amount)
            due = parse_when(args.due, datetime.now().replace(second=0, microsecond=0))
            book = open_own_book(args.capture_data or args.data)
            household = find_own_household(book, args.household)
            errand = actions.add_errand(book, household.id, args.items, due, advanced=amount)
            print(pick(M, "errand_added", id=errand.id, address=household.address,
                       items=errand.items, due=errand.due.strftime("%Y-%m-%d %H:%M")))
            return 0
        status = parse_choice(args.status, STATUS_WORDS, STATUSES)
        book = open_own_book(args.capture_data or args.data)
        errand = find_errand(book, args.errand)
        find_own_household(book, errand.household)
        actions.set_errand_status(book, errand.id, ErrandStatus(status))
        print(pick(M, "errand_set", id=errand.id, status=pick(STATUS_LABELS, status)))
        return 0
    except BookError as error:
        if error.key == "write_failed":
            raise BookError("write_failed_plain", **error.params) from None
        raise
