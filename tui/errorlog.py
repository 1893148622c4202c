"""The private error log: where a traceback goes instead of the user's screen.

The shell commands and the app both end an unexpected error the same way: the traceback is
appended to `error.log` in the user's state folder (0600 in a 0700 folder), and the person
sees one sentence that names the file.
"""

from __future__ import annotations

import os
import traceback
from pathlib import Path


def log_traceback(error: BaseException | None = None) -> str:
    """Append the traceback of `error` (else of the exception being handled) to the error
    log; returns the log's path, or "-" when it could not be written."""
    from platformdirs import user_state_dir

    from store.atomic import make_private_dir

    folder = Path(user_state_dir("gridbook"))
    try:
        make_private_dir(folder)
        target = folder / "error.log"
        fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with open(fd, "a", encoding="utf-8") as handle:
            if error is None:
                traceback.print_exc(file=handle)
            else:
                traceback.print_exception(error, file=handle)
        return str(target)
    except OSError:
        return "-"
