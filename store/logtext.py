"""The words of the journal entries that actions write, in the language of whoever reads.

An action's entry keeps its event and details (address, name, item kind, result, ...), not
only a sentence, so a Chinese book that was once opened in an English session still reads
in Chinese, and an English reader of a Chinese book reads English. Entries typed by a
worker are shown as typed.
"""

from __future__ import annotations

from store.book.models import LogEntry
from store.messages import MESSAGES, word

# the words of kinds and results in the journal's sentences: the domain's (store/messages.py),
# or the journal's own where it says more ("garbage collected")
KIND_WORDS = {"test": "kind_test", "garbage": "log.garbage", "needs": "kind_needs",
              "letter": "log.letter", "release": "kind_release", "nucleic": "test_nucleic",
              "antigen": "test_antigen", "pending": "result_pending",
              "negative": "result_negative", "positive": "log.positive"}



def place_param(name: str, value: str) -> str:
    """A place's kind, state or list of checks in words; anything else as kept."""
    from store.place_words import check_words, place_word

    if name in ("kind", "state"):
        return place_word(value)
    if name in ("checks", "failed"):
        return check_words(value) or "-"
    return value


def render_event(event: str, params: dict[str, str]) -> str:
    """An action's journal sentence in the current language (enum words translated)."""
    if event in ("released", "monitoring") and params.get("reason"):
        event += "_why"
    words = {name: word(KIND_WORDS[value]) if name in ("kind", "result") and value in KIND_WORDS
             else place_param(name, value) for name, value in params.items()}
    try:
        return word("log." + event, **words)
    except (KeyError, IndexError, ValueError):
        return ""


def entry_text(entry: LogEntry) -> str:
    """What a journal entry says, to show on a screen or in a report."""
    if entry.event and "log." + entry.event in MESSAGES:
        return render_event(entry.event, entry.params) or entry.text
    return entry.text
