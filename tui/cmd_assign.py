"""`gridbook assign FILE HOUSEHOLD... --worker ID` (or `--building B`): the office gives
households to another worker.

Households are named by id, address (3栋2单元501) or a person's name, or all of a building
with `--building`. Each changes from today on (store.actions.assign keeps who looked after
it before, so a past day's report is unchanged); the old worker's book lets it go at the
next slice and merge. One durable save; a bad name or worker is one sentence and nothing
is changed.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("assign", help="give households to another worker / 调整网格员")
    parser.add_argument("file", metavar="FILE", help="the community file (or a book)")
    parser.add_argument("households", nargs="*", metavar="HOUSEHOLD",
                        help="id, address (3栋2单元501) or name")
    parser.add_argument("--worker", required=True, metavar="ID", help="the worker's id")
    parser.add_argument("--building", metavar="B", help="every household of building B")


def run(args: argparse.Namespace) -> int:
    from store.book.storage import lock_path_for
    from store.errors import BookError

    if not args.households and not args.building:
        raise BookError("assign_what")
    lock = lock_path_for(Path(args.file))
    lock_was_there = lock.exists() or lock.is_symlink()
    try:
        return _assign(args, Path(args.file))
    finally:
        if not lock_was_there:  # no lock file left beside the community file
            try:
                lock.unlink()
            except OSError:
                pass


def _assign(args: argparse.Namespace, path: Path) -> int:
    from store import actions
    from store.book.book import Book
    from store.book.models import Household, Worker
    from store.errors import BookError
    from store.lang import pick
    from store.lookup import find_household
    from tui.messages import CLI_MESSAGES as M

    book = Book.open(path)
    if book.readonly:
        raise BookError("readonly_file", path=book.path)
    worker = book.get(Worker, args.worker.strip())
    if worker is None:
        known = ", ".join(f"{w.id} {w.name}" for w in sorted(book.all(Worker), key=lambda w: w.id))
        raise BookError("assign_no_worker", path=book.path, worker=args.worker, known=known or "-")
    chosen: dict[str, Household] = {}
    for query in args.households:
        household = find_household(book, query)
        chosen[household.id] = household
    if args.building:
        wanted = args.building.strip().removesuffix("栋")
        building = [h for h in book.all(Household) if h.building == wanted]
        if not building:
            raise BookError("assign_no_building", path=book.path, building=args.building)
        chosen.update({h.id: h for h in building})
    try:
        changed = actions.assign(book, list(chosen), worker.id)
    except BookError as error:
        if error.key == "write_failed":
            raise BookError("write_failed_plain", **error.params) from None
        raise
    already = len(chosen) - len(changed)
    print(pick(M, "assigned", count=len(changed), worker=worker.id, name=worker.name,
               already=already))
    for household in sorted(changed, key=lambda h: (h.building, h.unit, h.room)):
        print(f"  {household.address} {household.head}")
    if changed and book.kind == "community":
        print(pick(M, "assigned_next", file=book.path))
    return 0
