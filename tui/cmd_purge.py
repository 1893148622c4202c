"""`gridbook purge FILE [--days N] [--date D] [--dry-run]`: reduce households released long ago to
minimal records (see store.office.purge); the purge is an ordinary write, so it survives merges."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("purge", help="purge households released long ago / 清除过期个人信息")
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--days", metavar="N",
                        help="released more than N days ago (default: the policy's, 90)")
    parser.add_argument("--dry-run", action="store_true", help="only list them / 只列出，不修改")
    parser.add_argument("--date", metavar="D",
                        help="count the days up to D, not today (a past day) / 以哪一天为准")


def run(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from store.book.book import Book
    from store.book.policy import policy_for
    from store.lang import pick
    from store.office.purge import purge, purge_candidates
    from tui.argtypes import parse_day, whole_number
    from tui.messages import CLI_MESSAGES

    book = Book.open(Path(args.file), readonly=args.dry_run,
                     policy=policy_for(Path(args.file)))
    days = (whole_number(args.days, "--days", 3650)
            if args.days is not None else book.policy.purge_after_days)
    today = book.clock.today()  # the book's clock (store.book.clock), the system's here
    if args.date is not None:
        day = parse_day(args.date)
        if day > today:
            print(pick(CLI_MESSAGES, "purge_future_date"), file=sys.stderr)
            return 2
        today = day
    found = purge_candidates(book, today, days)
    if not found:
        print(pick(CLI_MESSAGES, "purge_nothing", days=days))
        return 0
    addresses = "、".join(h.address for h in found)
    if not args.dry_run:
        purge(book, found)
    print(pick(CLI_MESSAGES, "purge_would_purge" if args.dry_run else "purge_purged", count=len(found),
               days=days, addresses=addresses))
    return 0
