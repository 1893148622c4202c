"""Whether a book as read could be saved again: orjson writes less deep than it reads."""

from __future__ import annotations

from typing import Any

from store.book.fileformat import dumps
from store.errors import BookError


class Nesting:
    """What could make a book as read impossible to save again, checked in one call.

    orjson reads JSON nested up to 1024 deep but writes only up to 254, and depth is the
    only thing it reads and cannot write (huge integers become floats, bad text is refused
    on reading). In a record of the stored shape only an entry's value can nest, six
    containers down (book, table, record, fields, field, entry); anything else
    (a record not of the shape, `_meta`, an unknown table) is checked whole. Each is
    serialized wrapped in as many lists as contain it in the book, so the answer is the
    one `dumps` of the whole book would give, for a fraction of its cost.
    """

    def __init__(self) -> None:
        self.values: list[Any] = []  # entry values that are lists or dicts: depth 6
        self.whole: list[tuple[int, Any]] = []  # (containers around it, object)

    def can_write_back(self) -> bool:
        found = [(6, value) for value in self.values] + self.whole
        if not found:
            return True
        wrapped = []
        for depth, value in found:
            for _ in range(depth - 1):  # the outer list below is the last container
                value = [value]
            wrapped.append(value)
        try:
            dumps(wrapped)  # type: ignore[arg-type]
        except (TypeError, BookError):  # orjson.JSONEncodeError, as dumps reports it
            return False
        return True
