"""Record ids: minted once where a record is made, or derived from what a record is.

Minted ids are ULIDs (time-ordered, 26 characters). Derived ids hash their parts into the
same alphabet, so two machines that generate "household H's day-7 test" make the same id.
"""

from __future__ import annotations

import hashlib
import os

_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"


def new_id() -> str:
    """A fresh, time-ordered record id."""
    from ulid import ULID  # here, not at the top: python-ulid costs 20-30 ms to import,
                           # and reading a book (check, report, the first screen) mints none

    return str(ULID()).lower()


def _base32(data: bytes, length: int) -> str:
    number = int.from_bytes(data, "big")
    chars = []
    for _ in range(length):
        number, rest = divmod(number, 32)
        chars.append(_ALPHABET[rest])
    return "".join(reversed(chars))


def derived_id(*parts: object) -> str:
    """The same 26-character id for the same parts, on every machine."""
    digest = hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=17).digest()
    return _base32(digest, 26)


def new_replica_id(random_bytes: bytes | None = None) -> str:
    """A short random id for one session writing one book (60 bits)."""
    return _base32(random_bytes if random_bytes is not None else os.urandom(8), 12)
