"""The one exception the store raises at people: a plain sentence, never a traceback."""

from __future__ import annotations

from store.lang import pick
from store.messages import MESSAGES


class BookError(Exception):
    """A problem with a book that a person can understand and act on.

    It carries a message key and its parameters rather than text, so the sentence comes out
    in whichever language is current when it is shown.
    """

    def __init__(self, key: str, /, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def sentence(self) -> str:
        """The message in the current language."""
        params = {k: (pick(MESSAGES, v.key, **v.params) if isinstance(v, BookError) else v)
                  for k, v in self.params.items()}
        return pick(MESSAGES, self.key, **params)

    def __str__(self) -> str:
        return self.sentence()


def os_error_reason(error: OSError) -> BookError:
    """Translate an OSError from a save into the reason part of a sentence."""
    import errno

    if error.errno == errno.ENOSPC:
        return BookError("reason_nospace")
    if error.errno in (errno.EACCES, errno.EPERM):
        return BookError("reason_denied")
    if error.errno == errno.EROFS:
        return BookError("reason_readonly")
    return BookError("reason_other", error=error.strerror or type(error).__name__)
