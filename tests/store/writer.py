"""A writer process for the crash tests: adds journal entries, printing each acknowledged id.

An id is printed only after `add_log` returned, i.e. after the save was durable, so the
parent may kill this process at any moment and then demand every printed id.
"""

from __future__ import annotations

import sys
from pathlib import Path

from store import actions
from store.book.book import Book


def main() -> None:
    path, label, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    book = Book.open(path)
    import filelock  # noqa: F401 - imported by the first save; not counted in the kill window
    import ulid  # noqa: F401
    print("ready", flush=True)
    for number in range(count):
        entry = actions.add_log(book, f"{label} 第{number}条 巡查记录")
        print(entry.id, flush=True)


if __name__ == "__main__":
    main()
