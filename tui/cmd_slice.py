"""`gridbook slice COMMUNITY --worker ID -o FILE`: one worker's households, back to them.

Writes a worker book (see `store.office.slice`) that the worker merges into their own with
`gridbook merge MYBOOK FILE -o MYBOOK`. The community file is only read; FILE must not
exist yet (a slice never replaces a book), and is written atomically, 0600.
"""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("slice", help="one worker's share of a community file / 分发给网格员")
    parser.add_argument("community", metavar="COMMUNITY")
    parser.add_argument("--worker", required=True, metavar="ID")
    parser.add_argument("-o", "--output", required=True, metavar="FILE")


def run(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from store.book.atomic import atomic_write
    from store.book.fileformat import META_TABLE, dumps
    from store.book.models import Worker
    from store.errors import BookError, os_error_reason
    from store.lang import pick
    from store.office.merge_files import read_book_file
    from store.office.slice import households_in, slice_for
    from tui.messages import CLI_MESSAGES as M

    source = Path(args.community)
    out = Path(args.output)
    data = read_book_file(source)
    if out.exists() or out.is_symlink():
        raise BookError("exists", path=out)
    if not out.parent.is_dir():
        raise BookError("out_folder_missing", path=out, folder=out.parent)
    if args.worker not in data.get(Worker.TABLE, {}):
        print(pick(M, "slice_no_worker", path=source, worker=args.worker), file=sys.stderr)
        return 1
    part = slice_for(data, args.worker)
    try:
        atomic_write(out, dumps(part))
    except OSError as error:
        raise BookError("write_failed_plain", path=out, reason=os_error_reason(error)) from None
    records = sum(len(t) for name, t in part.items() if name != META_TABLE)
    print(pick(M, "slice_wrote", out=out, worker=args.worker, households=households_in(part),
               records=records))
    return 0
