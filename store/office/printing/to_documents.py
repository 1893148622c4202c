"""Printing from the app: the open record or a day's round, to a PDF in the user's
documents folder (platformdirs), under a name that never overwrites an earlier print.

The app calls these in a worker thread; they read the book and write one new file.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from store.book.book import Book
from store.book.models import Household
from store.office.printing.words import word

_UNSAFE = re.compile(r"[^\w\-.]+")


def documents_folder() -> Path:
    """Where printed PDFs go: the user's documents folder, in a gridbook folder."""
    from platformdirs import user_documents_dir

    return Path(user_documents_dir()) / "gridbook"


def _free_path(folder: Path, stem: str) -> Path:
    stem = _UNSAFE.sub("-", stem).strip("-.") or "gridbook"
    candidate = folder / f"{stem}.pdf"
    number = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = folder / f"{stem}-{number}.pdf"
        number += 1
    return candidate


def _write(stem: str, blob: bytes, folder: Path | None) -> Path:
    from store.book.atomic import atomic_write, make_private_dir

    folder = folder or documents_folder()
    make_private_dir(folder)
    target = _free_path(folder, stem)
    atomic_write(target, blob)  # a new file, readable by this user only
    return target


def print_record(book: Book, household_id: str, *, now: datetime | None = None,
                 folder: Path | None = None) -> Path:
    """The control record booklet of one household (every person in it); its path."""
    from store.office.printing.documents import record_booklets
    from store.office.printing.fonts import find_cjk_font

    household = book.require(Household, household_id)
    now = now or datetime.now()
    blob = record_booklets(book, [household], find_cjk_font(), now=now)
    name = word("record_section", name=household.address).replace(" ", "-")
    return _write(f"{name}-{now:%Y%m%d-%H%M}", blob, folder)


def print_round(book: Book, on: date, *, now: datetime | None = None,
                folder: Path | None = None) -> Path:
    """The door-to-door sheet of day `on`; its path."""
    from store.office.printing.documents import round_sheet
    from store.office.printing.fonts import find_cjk_font

    blob = round_sheet(book, on, find_cjk_font(), now=now)
    return _write(word("round_section", on=on.isoformat()).replace(" ", "-"), blob, folder)
