"""`gridbook merge INPUT... -o OUT`: join worker books and community files into one file.

The work is `store.office.merge_files` (I/O) around `store.office.merge` (the pure join); this module
parses the arguments and prints the summary: books read, records new and changed,
conflicts, possible duplicates, books already merged, clocks far off, records left out.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from store.office.merge import MergeSummary

MAX_LISTED = 20


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("merge", help="merge books into one community file / 合并工作簿")
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="worker books, community files, or folders of them")
    parser.add_argument("-o", "--output", required=True, metavar="OUT",
                        help="the merged file (may be one of the inputs)")
    parser.add_argument("--allow-community", action="store_true",
                        help="merge books of other communities too / 允许合并其他社区的工作簿")


def run(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from store.lang import pick
    from store.office.merge_files import merge_files, record_count
    from tui.messages import CLI_MESSAGES as M

    out = Path(args.output)
    outcome = merge_files([Path(p) for p in args.inputs], out,
                          allow_community=getattr(args, "allow_community", False))
    for skipped in outcome.skipped:
        print(pick(M, "merge_skipped", path=skipped.path, reason=skipped.error.sentence()),
              file=sys.stderr)
    for folder in outcome.ignored:
        print(pick(M, "merge_ignored_folder", path=folder))
    from store.book.fileformat import duplicate_notices

    for path, twice in outcome.twice:  # copies joined, said (item 5 of issue 17)
        for notice in duplicate_notices(twice, path):
            print(notice.sentence())
    print_summary(outcome.result.summary, str(out), outcome.result.data)
    if outcome.out_changed:
        print(pick(M, "merge_wrote", out=out, records=record_count(outcome.result.data)))
    else:
        print(pick(M, "merge_unchanged", out=out))
    if outcome.skipped:  # the last line says which books are missing; the exit says so too
        print(pick(M, "merge_missing" if len(outcome.skipped) != 1 else "merge_missing_one",
                   count=len(outcome.skipped),
                   paths=", ".join(str(s.path) for s in outcome.skipped)))
        return 1
    return 0


def short(value: object, limit: int = 24) -> str:
    """A value as one short line for the terminal."""
    import orjson

    text = value if isinstance(value, str) else orjson.dumps(value).decode()
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def record_label(data: dict, table: str, record_id: str) -> str:
    """A household as its address and head; other records as table/id."""
    from store.book import crdt
    from store.book.models import Household

    raw = data.get(table, {}).get(record_id)
    if table == Household.TABLE and raw is not None:
        shown = crdt.current(raw)
        people = shown.get("people") or [{}]
        unit = f"{shown.get('unit')}单元" if shown.get("unit") else ""
        return f"{shown.get('building', '')}栋{unit}{shown.get('room', '')} {people[0].get('name', '')}"
    return f"{table}/{record_id[:10]}"


def print_summary(summary: MergeSummary, out: str, data: dict[str, Any] | None = None) -> None:
    """Print what the merge decided, in the current language."""

    from store.lang import pick
    from tui.messages import CLI_MESSAGES as M

    def who(worker: str, kind: str) -> str:
        return pick(M, "who_worker", worker=worker) if kind == "worker" and worker \
            else pick(M, "who_community")

    print(pick(M, "merge_books" if len(summary.books) != 1 else "merge_books_one",
               count=len(summary.books)))
    for book in summary.books:
        key = "merge_book_covered" if book.covered else "merge_book"
        print(pick(M, key, path=book.path, who=who(book.worker, book.kind),
                   records=book.records, out=out))
    print(pick(M, "merge_counts", new=summary.new_records, changed=summary.changed_records))
    if not summary.conflicts:
        print(pick(M, "merge_no_conflicts"))
    else:
        from store.office.report import private_value  # phone and ID numbers masked

        print(pick(M, "merge_conflicts", count=len(summary.conflicts), out=out))
        import os

        from store.office.conflict_text import (
            MAX_SOURCES,
            field_text,
            listed,
            record_text,
            value_text,
            worker_text,
        )
        from store.office.privacy import mask_text

        for conflict in summary.conflicts[:MAX_LISTED]:
            parts = []
            candidates, more = listed(conflict.candidates)  # item 13 of issue 17
            if more:
                parts.append(pick(M, "merge_more_values", count=more))
            for c in candidates:
                sources, more_sources = listed(c.sources, MAX_SOURCES)
                source = ", ".join(os.path.abspath(p) for p in sources) if sources \
                    else c.replica
                if more_sources:
                    source += pick(M, "merge_more_sources", count=more_sources)
                value = short(value_text(conflict.field,
                                         private_value(conflict.field, c.value, False)))
                text = pick(M, "merge_candidate", value=value,
                            worker=worker_text(data or {}, c.worker),
                            when=c.written.strftime("%Y-%m-%d %H:%M:%S"), source=source)
                parts.append(text + (pick(M, "merge_shown") if c.shown else ""))
            print(pick(M, "merge_conflict", what=mask_text(record_text(
                data or {}, conflict.table, conflict.record_id)),
                       field=field_text(conflict.field), candidates=" / ".join(parts)))
        if len(summary.conflicts) > MAX_LISTED:
            print(pick(M, "more_listed", count=len(summary.conflicts) - MAX_LISTED))
    if summary.duplicates:
        from store.office.privacy import mask_text

        print(pick(M, "merge_duplicates", count=len(summary.duplicates)))
        for group in summary.duplicates[:MAX_LISTED]:
            ids = ", ".join(f"{d.record_id} ({d.worker or '-'})" for d in group)
            print(pick(M, "merge_duplicate", address=mask_text(group[0].address),
                       head=mask_text(group[0].head),
                       ids=ids))
    for clock in summary.clocks_off:
        key = "merge_clock_future" if clock.problem == "future" else "merge_clock_behind"
        print(pick(M, key, path=clock.path, replica=clock.replica, days=clock.days))
    if summary.set_aside:
        print(pick(M, "merge_set_aside", count=len(summary.set_aside)))
        for item in summary.set_aside[:MAX_LISTED]:
            reason = pick(M, f"reason_{item.reason}") if item.reason in ("shape", "stamp") \
                else item.reason
            print(pick(M, "merge_set_aside_one", path=item.path, table=item.table,
                       rid=item.record_id, reason=reason))
        if len(summary.set_aside) > MAX_LISTED:
            print(pick(M, "more_listed", count=len(summary.set_aside) - MAX_LISTED))
