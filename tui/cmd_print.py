"""`gridbook print record|letter|round FILE ...`: paper from a book, as PDF.

record: the 五位一体管控记录 booklet, one per person in quarantine; letter: the letter to
each quarantined household, from the community's template; round: the worker's
door-to-door sheet for a day. With no HOUSEHOLD, every household in home quarantine is
printed. The book is opened read-only; residents' numbers are masked unless `--full`.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.book.book import Book
    from store.book.models import Household


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("print", help="print booklets, letters and round sheets as PDF / 打印")
    kinds = parser.add_subparsers(dest="what", required=True, metavar="record|letter|round")
    for name, helptext in (("record", "control record booklets / 管控记录"),
                           ("letter", "letters to quarantined households / 告知书"),
                           ("round", "the door-to-door sheet of a day / 入户工作单")):
        kind = kinds.add_parser(name, help=helptext)
        kind.add_argument("file", metavar="FILE")
        if name == "round":
            kind.add_argument("--date", metavar="D", help="the day (default: today)")
        else:
            kind.add_argument("households", metavar="HOUSEHOLD", nargs="*",
                              help="address (3-2-501), name or id; default: all in quarantine")
        if name == "letter":
            kind.add_argument("--template", metavar="FILE",
                              help="the letter's text (default: letter.txt beside the book, or built in)")
        kind.add_argument("-o", "--output", metavar="OUT.pdf", required=True)
        kind.add_argument("--full", action="store_true",
                          help="print ID and phone numbers in full / 显示完整号码")
        kind.add_argument("--font", metavar="FILE", help="a font file with Chinese / 中文字体文件")
        kind.add_argument("--lang", choices=("zh", "en"), dest="print_lang",
                          help="language of the paper / 语言")


def run(args: argparse.Namespace) -> int:
    import sys

    from store.book.book import Book
    from store.lang import current_lang, pick
    from store.office.printing.fonts import find_cjk_font
    from tui.messages import CLI_MESSAGES as M

    if args.print_lang:
        from store.lang import set_lang

        set_lang(args.print_lang)
    book_path = Path(args.file)
    out = _checked_output(Path(args.output), book_path)
    font = find_cjk_font(args.font)
    book = Book.open(book_path, readonly=True)
    if args.full:  # every use of --full is recorded, or nothing is printed (store.office.privacy)
        from store.office.privacy import record_full_use

        record_full_use(f"print {args.what} -o {out}", args.file)
    from store.office.printing import documents

    if args.what == "round":
        from tui.argtypes import parse_day

        blob = documents.round_sheet(book, parse_day(args.date), font, full=args.full)
    else:
        households = _households(book, args.households)
        if args.what == "record":
            blob = documents.record_booklets(book, households, font, full=args.full)
        else:
            from store.office.printing.letter import load_template, template_path

            template = load_template(template_path(book_path, args.template), current_lang())
            blob = documents.letters(book, households, font, template)
    write_pdf(out, blob)
    print(pick(M, "report_wrote", out=out), file=sys.stdout)
    return 0


def _households(book: Book, queries: list[str]) -> list[Household]:
    from store.lookup import find_household
    from store.office.printing.documents import quarantined

    if not queries:
        return quarantined(book)
    found: list[Household] = []
    for query in queries:
        household = find_household(book, query)
        if household not in found:
            found.append(household)
    return found


def _checked_output(out: Path, book_path: Path) -> Path:
    """The output path, refused when it is a symbolic link or the book itself."""
    from store.errors import BookError

    if out.is_symlink():
        raise BookError("symlink", path=out)
    if out.exists() and out.resolve() == book_path.resolve():
        raise BookError("exists", path=out)
    return out


def write_pdf(out: Path, blob: bytes) -> None:
    """Write the PDF atomically, private to the user (it holds residents' data)."""
    from store.book.atomic import atomic_write
    from store.errors import BookError, os_error_reason

    try:
        atomic_write(out, blob)
    except OSError as error:
        raise BookError("write_failed_plain", path=out, reason=os_error_reason(error)) from None
