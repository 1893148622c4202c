"""The private error log: where a traceback goes instead of the user's screen.

The shell commands and the app both end an unexpected error the same way: the traceback is
appended to `error.log` in the user's state folder (0600 in a 0700 folder), and the person
sees one sentence that names the file.
"""

from __future__ import annotations

import io
import os
import traceback
from collections.abc import Callable
from pathlib import Path


def _append(write: Callable[[io.TextIOWrapper], object]) -> str:
    """Append to the error log what `write` writes; its path, or "-" when it could not."""
    from platformdirs import user_state_dir

    from store.book.atomic import own_private_dir

    folder = Path(user_state_dir("gridbook"))
    try:
        own_private_dir(folder)
        target = folder / "error.log"
        fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with open(fd, "a", encoding="utf-8") as handle:
            write(handle)
        return str(target)
    except OSError:
        return "-"


def log_traceback(error: BaseException | None = None) -> str:
    """Append the traceback of `error` (else of the exception being handled) to the error
    log; returns the log's path, or "-" when it could not be written."""
    if error is None:
        return _append(lambda handle: traceback.print_exc(file=handle))
    return _append(lambda handle: traceback.print_exception(error, file=handle))


class ErrorLogFile(io.StringIO):
    """A text file that appends what is written to it to the error log (opened only when
    something is written). The TUI gives it to Textual as the app's `error_console`'s file:
    what Textual prints when an unexpected error ends the app (its traceback) goes here,
    never to the worker's screen; `path` then says where it went."""

    def __init__(self) -> None:
        super().__init__()
        self.path: str | None = None

    def write(self, text: str) -> int:
        if text:
            kept = without_locals(text)
            self.path = _append(lambda handle: handle.write(kept))
        return len(text)


def without_locals(text: str) -> str:
    """A traceback as Textual draws it, without its panels of local variables: they hold
    what the worker was looking at (residents' names, phone and ID numbers), which has no
    place in a log a person may send on. The frames, code lines and the error stay."""
    kept: list[str] = []
    panel_at: int | None = None  # the column of the open locals panel's corner
    for line in text.splitlines(keepends=True):
        if panel_at is None:
            start = line.find("╭")
            if start >= 0 and " locals " in line[start:]:
                panel_at = start
                continue
            kept.append(line)
        elif line[panel_at:panel_at + 1] == "╰":
            panel_at = None
    return "".join(kept)
