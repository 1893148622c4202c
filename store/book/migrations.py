"""Pure functions that lift a book from one schema version to the next.

`migrate` applies them in order; `Book.open` keeps a backup copy of the old file first.

- 1 -> 2: records keep the local day on which each value was written, and the values
  replaced on a later day (`when`, `past`: store.book.crdt), for the reports of past days. A
  record of schema 1 has neither, and needs none: a value whose day is not known counts
  as known on every day, which is what a schema-1 book's report always showed. So the
  records are left as they are; only the version changes, so that an older gridbook,
  which would drop the days when it saves or merges, refuses the book with a sentence.
"""

from __future__ import annotations

from collections.abc import Callable

from store.book.fileformat import META_ID, META_TABLE, SCHEMA_VERSION, Data


def _days_kept(data: Data) -> Data:
    return data  # see the module docstring: schema-1 records read as they are


MIGRATIONS: dict[int, Callable[[Data], Data]] = {1: _days_kept}


def migrate(data: Data) -> Data:
    """Return `data` lifted to the current schema, leaving the argument unchanged."""
    version = data[META_TABLE][META_ID]["schema"]
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        data = data | {META_TABLE: {META_ID: data[META_TABLE][META_ID] | {"schema": version}}}
    return data
