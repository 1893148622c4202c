"""Pure functions that lift a book from one schema version to the next.

`migrate` applies them in order; `Book.open` keeps a backup copy of the old file first.
Schema 1 is the first, so there is nothing to lift yet; a version 2 adds `MIGRATIONS[1]`.
"""

from __future__ import annotations

from collections.abc import Callable

from store.fileformat import META_ID, META_TABLE, SCHEMA_VERSION, Data

MIGRATIONS: dict[int, Callable[[Data], Data]] = {}


def migrate(data: Data) -> Data:
    """Return `data` lifted to the current schema, leaving the argument unchanged."""
    version = data[META_TABLE][META_ID]["schema"]
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        data = data | {META_TABLE: {META_ID: data[META_TABLE][META_ID] | {"schema": version}}}
    return data
