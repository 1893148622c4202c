"""`gridbook report FILE`: the office's daily report, or its conflicts, from any book.

Opens the book read-only (a worker book or a community file; the file is never changed)
and prints or writes the report (`store.office.report`) as an aligned table, CSV with BOM, XLSX or
JSON (`store.office.report_export`). ID and phone numbers in the line list are masked unless
`--full` is given.
"""

from __future__ import annotations

import argparse

FORMATS = ("table", "csv", "xlsx", "json", "pdf")


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("report", help="the office's daily report / 社区日报")
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--date", metavar="D", help="the day to report (default: today)")
    parser.add_argument("--format", choices=FORMATS, default="table")
    parser.add_argument("-o", "--output", metavar="OUT", help="write to a file")
    parser.add_argument("--full", action="store_true",
                        help="show ID and phone numbers in full / 显示完整身份证号和电话")
    parser.add_argument("--conflicts", action="store_true", help="list conflicts / 列出冲突")
    parser.add_argument("--duplicates", action="store_true",
                        help="list possible duplicate households / 列出疑似重复住户")
    parser.add_argument("--font", metavar="FILE",
                        help="for pdf: a font file with Chinese / 中文字体文件")
    parser.add_argument("--by", metavar="NAME",
                        help="who made it, for the title (default: your login name) / 制表人")
    parser.add_argument("--lang", choices=("zh", "en"), dest="report_lang",
                        help="language of the headers / 表头语言")


def run(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from store.book.atomic import atomic_write
    from store.book.book import Book
    from store.errors import BookError, os_error_reason
    from store.lang import pick, set_lang
    from store.office.report import conflicts_table, daily_report, duplicates_table
    from store.office.report_export import to_csv, to_json, to_text, write_xlsx
    from tui.argtypes import parse_day
    from tui.messages import CLI_MESSAGES as M

    if args.report_lang:
        set_lang(args.report_lang)
    on = parse_day(args.date)
    out = Path(args.output) if args.output else None
    if args.format in ("xlsx", "pdf") and out is None:
        print(pick(M, "xlsx_needs_out").replace("xlsx", args.format), file=sys.stderr)
        return 2
    font = None
    if args.format == "pdf":
        from store.office.printing.fonts import find_cjk_font

        font = find_cjk_font(args.font)
    if out is not None and (out.is_symlink() or out.resolve() == Path(args.file).resolve()):
        raise BookError("symlink" if out.is_symlink() else "exists", path=out)
    whole = args.conflicts or args.duplicates
    book = Book.open(Path(args.file), readonly=True, defer_checks=not whole)
    if args.full:  # every use of --full is recorded, or nothing is shown (store.office.privacy)
        from store.office.privacy import record_full_use

        record_full_use("report" + (" --conflicts" if args.conflicts else "")
                + (" --duplicates" if args.duplicates else "")
                + f" --format {args.format}" + (f" -o {out}" if out else " (standard output)"),
                args.file)
    if whole:
        tables = ([conflicts_table(book, full=args.full)] if args.conflicts else []) + \
            ([duplicates_table(book, full=args.full)] if args.duplicates else [])
    else:
        tables = daily_report(book, on, full=args.full)
    try:
        if args.format == "xlsx":
            from store.office.report import heading, made_by_default

            write_xlsx(tables, out,  # type: ignore[arg-type]
                       heading(book, args.by if args.by is not None else made_by_default()))
        elif args.format == "pdf":
            from store.office.printing.documents import report_pdf
            from store.office.report import heading, made_by_default

            assert font is not None and out is not None
            atomic_write(out, report_pdf(tables, on, font, heading(
                book, args.by if args.by is not None else made_by_default()), full=args.full))
        else:
            if args.format == "csv":
                blob = to_csv(tables)
            elif args.format == "json":
                blob = to_json(tables, date=on.isoformat(), file=str(args.file))
            else:
                blob = to_text(tables).encode("utf-8")
            if out is None:
                sys.stdout.buffer.write(blob)
                sys.stdout.flush()
                return 0
            atomic_write(out, blob)
    except BrokenPipeError:
        raise  # stdout's reader went away: the CLI says so in one sentence
    except OSError as error:
        raise BookError("write_failed_plain", path=out, reason=os_error_reason(error)) from None
    print(pick(M, "report_wrote", out=out))
    return 0
