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
    # stamps more than a day ahead of this computer: kept, never followed (store.book.clock)
    from store.book.clock import DAY_MS, day_of, stamp_ms, wall_ms
    from store.errors import BookError
    from store.office.merge import stamps_ahead

    now_ms = wall_ms()
    ahead, furthest = stamps_ahead(book.stored_tables(), now_ms)
    if ahead:
        problems.append(BookError("stamps_ahead", path=args.file, count=ahead,
                                  days=(stamp_ms(furthest) - now_ms) // DAY_MS,
                                  day=day_of(furthest).isoformat()))
    if problems:
        for notice in problems:
            print(notice.sentence(), file=sys.stderr)
        return 1
    print(pick(CLI_MESSAGES, "check_ok", path=args.file, households=len(book.all(Household)),
               records=book.record_count(), conflicts=len(book.conflicts())))
    return 0
