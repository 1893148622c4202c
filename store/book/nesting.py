"""Whether a book as read could be saved again: orjson writes less deep than it reads."""

from __future__ import annotations

from typing import Any

from store.book.fileformat import dumps
from store.errors import BookError

WRITE_DEPTH = 254  # the deepest nesting orjson writes (it reads up to 1024)
# a record sits inside the book and its table: one that nests at most this deep (its own
# object counted) can always be written again, whatever it holds
RECORD_DEPTH = WRITE_DEPTH - 2


class Nesting:
    """What could make a book as read impossible to save again, one record at a time.

    orjson reads JSON nested up to 1024 deep but writes only up to 254, and depth is the
    only thing it reads and cannot write (huge integers become floats, bad text is refused
    on reading). In a record of the stored shape only an entry's value can nest, six
    containers down (book, table, record, fields, field, entry); anything else
    (a record not of the shape, `_meta`, an unknown table) is checked whole. Each is
    serialized wrapped in as many lists as contain it in the book, so the answer is the
    one `dumps` of the whole book would give, for a fraction of its cost.

    A record kept as its bytes (`store.packed`) with no more than `RECORD_DEPTH` brackets
    cannot nest too deeply, and the loaders note nothing of it (`packed.nests_within`); the
    others are checked as they are read (`note`) and nothing of them is kept. Holding the
    values of every record until the end of the open, as this did before, left about 13 MB
    of the year book's memory scattered (freed, but not given back to the system).
    """

    def __init__(self) -> None:
        self.fits = True  # False once something was found that orjson could not write

    def note(self, depth: int, found: list[Any]) -> None:
        """Check `found`, objects that sit inside `depth - 1` containers of the book."""
        if not found or not self.fits:
            return
        wrapped = []
        for value in found:
            for _ in range(depth - 1):  # the outer list below is the last container
                value = [value]
            wrapped.append(value)
        try:
            dumps(wrapped)  # type: ignore[arg-type]
        except (TypeError, BookError):  # orjson.JSONEncodeError, as dumps reports it
            self.fits = False

    def can_write_back(self) -> bool:
        """Whether everything noted so far could be written again."""
        return self.fits
