"""`gridbook errand add|set`: record or move an errand (代买代送) from a shell.

Each command is one durable save through `store.actions`; a bad household, errand, amount
or time is one sentence and the book is left as it was.
"""

from __future__ import annotations

import argparse


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
    move.add_argument("words", nargs="+", metavar="ERRAND STATUS",
                      help="the errand (#k3f9 as the app shows it, its id, or an address and "
                           "words of the items: 3栋2单元501 大米) and then the status: "
                           "accepted|bought|delivered|cancelled or 已接单/已购买/已送达/已取消")
    move.add_argument("--data", metavar="FILE", dest="capture_data")


def run(args: argparse.Namespace) -> int:
    from datetime import datetime

    from store import actions
    from store.errand_rules import check_move, read_status, short_id, status_label
    from store.errors import BookError
    from store.lang import pick
    from store.lookup import find_errand, find_own_household
    from tui.capture_args import fail, open_own_book, parse_amount, parse_when
    from tui.messages import CLI_MESSAGES as M

    try:
        if args.errand_action == "add":
            amount = parse_amount(args.amount)
            due = parse_when(args.due, datetime.now().replace(second=0, microsecond=0))
            book = open_own_book(args.capture_data or args.data)
            household = find_own_household(book, args.household)
            errand = actions.add_errand(book, household.id, args.items, due, advanced=amount)
            print(pick(M, "errand_added", id="#" + short_id(errand.id), address=household.address,
                       items=errand.items, due=errand.due.strftime("%Y-%m-%d %H:%M")))
            return 0
        if len(args.words) < 2:
            fail("errand_set_usage")
        *which, word = args.words
        status = read_status(word)
        if status is None:
            fail("bad_choice", value=word, choices="accepted, bought, delivered, cancelled, "
                                                  "已接单, 已购买, 已送达, 已取消")
        assert status is not None
        book = open_own_book(args.capture_data or args.data)
        errand = find_errand(book, " ".join(which))
        find_own_household(book, errand.household)  # moved to another worker: say so
        check_move(errand, status)  # the app's rule: forward only, cancelled while open
        actions.set_errand_status(book, errand.id, status)
        print(pick(M, "errand_set", id="#" + short_id(errand.id), status=status_label(status)))
        return 0
    except BookError as error:
        if error.key == "write_failed":
            raise BookError("write_failed_plain", **error.params) from None
        raise
