"""Giving memory freed after parsing a big book back to the operating system.

Parsing a year's book table by table (store.book.fileformat) frees large buffers that glibc's
allocator keeps mapped to the process: about 10 MB of a year book's open that the app
would carry, and count in its peak, for the whole session. `malloc_trim` hands them back
(a few ms). Elsewhere (macOS, Windows, musl) this does nothing.
"""

from __future__ import annotations

from typing import Any

_trim: Any = None


def give_back() -> None:
    """Return free heap memory to the OS where the C library can (glibc)."""
    global _trim
    if _trim is None:
        try:
            import ctypes

            _trim = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError, ImportError):
            _trim = False
    if _trim:
        _trim(0)
