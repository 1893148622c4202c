"""A second gridbook session on the same book, for the memory soak: each line read from
stdin is written as a journal entry (one durable save), and its id printed when saved."""

from __future__ import annotations

import sys
from pathlib import Path

from store import actions
from store.book.book import Book


def main() -> None:
    book = Book.open(Path(sys.argv[1]))
    print("ready", flush=True)
    for line in sys.stdin:
        entry = actions.add_log(book, line.strip())
        print(entry.id, flush=True)


if __name__ == "__main__":
    main()
