"""`gridbook import FILE SOURCE`: households and people from a roster (XLSX or CSV).

The work is `store.office.importer`; this module opens the book (a missing FILE becomes a new
community file), prints the plan and its row problems, and writes it in one batch unless
a row is bad (and --skip-bad is not given) or --dry-run is.
"""

from __future__ import annotations

import argparse

MAX_LISTED = 30


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("import", help="people and households from a roster / 导入花名册")
    parser.add_argument("book", metavar="FILE", help="the worker book or community file")
    parser.add_argument("source", metavar="SOURCE", help="the roster, .xlsx or .csv")
    parser.add_argument("--sheet", metavar="S", help="the sheet to read (default: the first)")
    parser.add_argument("--worker", metavar="ID", help="assign every household to this worker")
    parser.add_argument("--dry-run", action="store_true", help="only show what would change")
    parser.add_argument("--skip-bad", action="store_true", help="import the good rows only")
    parser.add_argument("--map", action="append", default=[], metavar="HEADER=FIELD",
                        help="place a column by hand, e.g. 户主=name")
    parser.add_argument("--lang", choices=("zh", "en"), dest="import_lang", help="语言 / language")


def run(args: argparse.Namespace) -> int:
    if args.import_lang:
        from store.lang import set_lang

        set_lang(args.import_lang)
    import sys
    from pathlib import Path

    from store.book.book import Book
    from store.book.models import Worker
    from store.errors import BookError
    from store.idnumber import mask_id_number, mask_phone
    from store.lang import pick
    from store.office.importer import apply_import, plan_import
    from tui.messages import CLI_MESSAGES as M

    if args.worker is not None and not (0 < len(args.worker.strip()) <= 40):
        raise BookError("import_bad_worker", worker=args.worker)
    worker = args.worker.strip() if args.worker else None
    path = Path(args.book)
    source = Path(args.source)
    created = False
    if path.exists() or path.is_symlink():
        book = Book.open(path)
    else:
        book = Book.in_memory(Worker(id="office", name="office"))
        book.kind = "community"
        book.worker_id = ""
        created = True
    plan = plan_import(book, source, sheet=args.sheet, worker=worker, mapping=args.map)
    print(pick(M, "import_read", source=source, rows=plan.rows_read, header=plan.header_row))
    if plan.unplaced:
        print(pick(M, "import_unplaced", headers="、".join(plan.unplaced)))
    for problem in plan.problems:
        print(problem.sentence(), file=sys.stderr)
    if plan.problems and not args.skip_bad:
        print(pick(M, "import_refused", count=len({p.row for p in plan.problems})),
              file=sys.stderr)
        return 1
    if plan.problems:
        print(pick(M, "import_skipped", count=len({p.row for p in plan.problems})))
    print(pick(M, "import_counts", new_h=len(plan.new_households), new_p=plan.new_people,
               old_h=plan.matched_households, old_p=plan.matched_people,
               changes=len(plan.changes)))
    if plan.new_workers:
        print(pick(M, "import_new_workers", workers=", ".join(plan.new_workers)))

    def shown(field: str, value: str) -> str:
        if field == "id_number":
            return mask_id_number(value) if value else "-"
        if field == "phone":
            return mask_phone(value) if value else "-"
        return value or "-"

    for change in plan.changes[:MAX_LISTED]:
        if change.field == "people":
            print(pick(M, "import_new_person", address=change.household, who=change.who))
            continue
        print(pick(M, "import_change", address=change.household, who=change.who,
                   field=_field_word(change.field), old=shown(change.field, change.old),
                   new=shown(change.field, change.new)))
    if len(plan.changes) > MAX_LISTED:
        print(pick(M, "more_listed", count=len(plan.changes) - MAX_LISTED))
    if args.dry_run:
        print(pick(M, "import_dry"))
        return 0
    if plan.empty:
        print(pick(M, "import_nothing", path=path))
        return 0
    if created:
        from store.book.atomic import atomic_write
        from store.book.fileformat import META_ID, META_TABLE, dumps, new_meta

        if not path.parent.is_dir():
            raise BookError("not_found", path=path.parent)
        try:
            atomic_write(path, dumps({META_TABLE: {META_ID: new_meta("community", "")}}))
        except OSError as error:
            from store.errors import os_error_reason

            raise BookError("write_failed_plain", path=path,
                            reason=os_error_reason(error)) from None
        book = Book.open(path)  # empty, like the book planned against: the plan stands
        print(pick(M, "import_created", path=path))
    try:
        apply_import(book, plan)
    except BookError as error:
        if created:  # all or nothing: the new file goes too
            path.unlink(missing_ok=True)
        if error.key == "write_failed":
            raise BookError("write_failed_plain", **error.params) from None
        raise
    print(pick(M, "import_wrote", path=path))
    return 0


def _field_word(field: str) -> str:
    """A changed field's name: the store's word for it, or the import's own."""
    from store.lang import pick
    from store.messages import MESSAGES, word
    from tui.messages import CLI_MESSAGES

    if f"import_field_{field}" in CLI_MESSAGES:
        return pick(CLI_MESSAGES, f"import_field_{field}")
    return word(f"field.{field}") if f"field.{field}" in MESSAGES else field
