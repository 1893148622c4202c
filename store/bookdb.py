"""The TinyDB database over a book's storage: how every write of a record goes to the file.

Made at a book's first write (`book_db`), so reading a book (`gridbook check`, `report`,
the first screen) never imports TinyDB. Its tables take gridbook's string record ids as
document ids as they are, and records kept packed (store.packed) are parsed when TinyDB
takes one to read or change.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from store.packed import unpack
from store.storage import BookStorage


def book_db(storage: BookStorage) -> Any:
    """The TinyDB database over a book's storage, made at the first write: reading a book
    (`gridbook check`, `report`, the first screen) never imports TinyDB."""
    return book_db_class()(storage=lambda: storage)


@cache
def book_db_class() -> Any:
    from tinydb import TinyDB
    from tinydb.table import Document, Table

    class RecordDocument(Document):
        """A stored record as TinyDB hands it out: parsed if it was packed."""

        def __init__(self, value: Any, doc_id: Any) -> None:
            super().__init__(unpack(value), doc_id)

    class UnpackOnRead(dict[Any, Any]):
        """A table copy whose records are parsed when TinyDB takes one to change it
        (it updates a record in place: the copy gets a new dict, the old table its bytes)."""

        def __getitem__(self, rid: str) -> Any:
            raw = dict.__getitem__(self, rid)
            if type(raw) is bytes:
                raw = unpack(raw)
                dict.__setitem__(self, rid, raw)
            return raw

    class RecordTable(Table):
        """A TinyDB table whose document ids are gridbook's record ids (strings), and whose
        records may be packed (store.packed)."""

        document_id_class = str  # type: ignore[assignment]
        document_class = RecordDocument

        def _update_table(self, updater: Any) -> None:
            """TinyDB's table update without its two id-conversion passes over the whole
            table (our ids are strings already): one shallow copy, so the table is still
            replaced, never changed in place, and readers holding the old one are
            unaffected."""
            tables = self._storage.read() or {}
            table = UnpackOnRead(tables.get(self.name, {}))
            updater(table)
            tables[self.name] = dict(table)
            self._storage.write(tables)
            self.clear_cache()

    class BookDB(TinyDB):
        table_class = RecordTable

    return BookDB
