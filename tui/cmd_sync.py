"""`gridbook sync DIR [--data BOOK] [--office-key PUBLIC]`: the worker's side of a stick
or the office inbox (see `store.office.sync`): take in the office's share, leave the book there
encrypted for the office."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("sync", help="exchange with the office by stick or inbox / 同步")
    parser.add_argument("folder", metavar="DIR", help="the USB stick or the inbox folder")
    parser.add_argument("--data", metavar="BOOK", dest="sync_data",
                        help="your book (default: your own)")
    parser.add_argument("--office-key", metavar="PUBLIC",
                        help="the office's public key (age1...), needed the first time")
    parser.add_argument("--lang", choices=("zh", "en"), dest="sync_lang", help="语言 / language")


def run(args: argparse.Namespace) -> int:
    if args.sync_lang:
        from store.lang import set_lang

        set_lang(args.sync_lang)
    import sys
    from pathlib import Path

    from store.book.paths import default_book_path
    from store.lang import pick
    from store.office.sync import KEY_SUFFIX, sync
    from tui.messages import CLI_MESSAGES as M

    book = Path(args.sync_data or args.data or default_book_path())
    folder = Path(args.folder)
    outcome = sync(book, folder, office_key=args.office_key)
    if outcome.key_made:
        print(pick(M, "sync_key_made", path=book.with_name(book.name + KEY_SUFFIX)))
    summary = outcome.slice_summary
    if outcome.slice_path is not None and summary is not None:
        if outcome.slice_changed:
            print(pick(M, "sync_slice", path=outcome.slice_path, new=summary.new_records,
                       changed=summary.changed_records))
        else:
            print(pick(M, "sync_slice_same", path=outcome.slice_path))
    elif not outcome.problems:
        print(pick(M, "sync_no_slice", folder=folder))
    print(pick(M, "sync_wrote", path=outcome.written))
    if outcome.removed:
        print(pick(M, "sync_removed", count=len(outcome.removed)))
    if outcome.office_key_saved and args.office_key:
        print(pick(M, "sync_office_key"))
    for problem in outcome.problems:
        print(problem.sentence(), file=sys.stderr)
    return 1 if outcome.problems else 0
