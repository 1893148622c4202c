"""`gridbook check FILE`: is this a sound book? Exit 0 if so; never changes the file."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("check", help="validate a book / 检查工作簿")
    parser.add_argument("file")


def run(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from store.book.book import Book
    from store.book.models import Household
    from store.lang import pick
    from tui.messages import CLI_MESSAGES

    book = Book.open(Path(args.file), readonly=True)
    problems = [n for n in book.notices
                if n.key in ("invalid_records", "absurd_stamps", "absurd_clock",
                             "duplicate_records", "duplicate_table", "worker_mismatch",
                             "too_deep")]  # the TUI opens that one read-only, as damaged
    if problems:
        for notice in problems:
            print(notice.sentence(), file=sys.stderr)
        return 1
    print(pick(CLI_MESSAGES, "check_ok", path=args.file, households=len(book.all(Household)),
               records=book.record_count(), conflicts=len(book.conflicts())))
    return 0
