"""What the shell commands print is never a terminal control sequence (item 7 of issue 17).

A name, a journal text or a file name from a book may carry ESC and friends; printed raw
they set the window title or wipe lines. Every command's text output goes through
`VisibleText`, which shows C0 control characters (other than newline and tab), DEL and C1
controls as visible symbols (ESC as ␛). What is written to `sys.stdout.buffer` (a report's
table, CSV or JSON) is treated the same when it is UTF-8 text; other bytes pass untouched.
"""

from __future__ import annotations

from typing import Any, TextIO

from store.visible import visible  # the one function (store/visible.py)

__all__ = ["VisibleBytes", "VisibleText", "visible"]


class VisibleText:
    """A text stream that writes `visible(text)` to the stream it wraps."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(visible(text))
        return len(text)

    @property
    def buffer(self) -> Any:
        return VisibleBytes(self._stream.buffer)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class VisibleBytes:
    """The binary side of `VisibleText`: UTF-8 text made visible, other bytes unchanged."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, blob: bytes) -> int:
        try:
            text = bytes(blob).decode("utf-8")
        except UnicodeDecodeError:
            return int(self._stream.write(blob))
        self._stream.write(visible(text).encode("utf-8"))
        return len(blob)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
