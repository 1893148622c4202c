"""`gridbook seed FILE --worker ID`: write a realistic synthetic book (see store.seed)."""

from __future__ import annotations

import argparse

MAX_HOUSEHOLDS = 20_000
MAX_DAYS = 1_000


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("seed", help="write a synthetic book / 生成示例工作簿")
    parser.add_argument("file")
    parser.add_argument("--worker", required=True)
    parser.add_argument("--households", type=int, default=30)
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", help="the last day of the period (default: today)")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from store.errors import BookError
    from store.lang import pick
    from store.seed import seed_book
    from tui.argtypes import at_most, parse_day, positive
    from tui.messages import CLI_MESSAGES

    path = Path(args.file)
    if path.exists() or path.is_symlink():
        raise BookError("exists", path=path)
    # a real grid is a few hundred households; a year is 366 days (issue 17, item 13: a
    # hundred million households ran until memory was gone)
    households = at_most(positive(args.households, "--households"), MAX_HOUSEHOLDS,
                         "--households")
    days = at_most(positive(args.days, "--days"), MAX_DAYS, "--days")
    counts = seed_book(path, args.worker, households=households, days=days, seed=args.seed,
                       today=parse_day(args.today))
    print(pick(CLI_MESSAGES, "seeded", path=path, households=counts.get("households", 0),
               records=sum(counts.values())))
    return 0
