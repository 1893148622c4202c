"""The errand words and moves that the app and the shell share.

One rule for which status moves are allowed (`check_move`), the words a person may use for a
status in either language (the app's own labels among them: `已购买` works in the shell),
and the short id the app shows for an errand (`short_id`), which `errand set` accepts, as it
accepts an address with a word of the items (`3栋2单元501 大米`).
"""

from __future__ import annotations

from store.book.models import ERRAND_NEXT, ERRAND_OPEN, Errand, ErrandStatus
from store.errors import BookError
from store.messages import word

SHORT_ID = 4  # the last characters of an errand's id (its random part), shown as #k3f9

ORDER = (ErrandStatus.REQUESTED, ErrandStatus.ACCEPTED, ErrandStatus.BOUGHT,
         ErrandStatus.DELIVERED)

# Every word for a status, lower case: the values, the app's labels in both languages
# (screens/strings.py errand_*; a test checks they are all here) and common short forms.
STATUS_WORDS: dict[str, ErrandStatus] = {
    **{status.value: status for status in ErrandStatus},
    "待接单": ErrandStatus.REQUESTED, "待办": ErrandStatus.REQUESTED, "new": ErrandStatus.REQUESTED,
    "已接单": ErrandStatus.ACCEPTED, "接单": ErrandStatus.ACCEPTED, "accept": ErrandStatus.ACCEPTED,
    "已购买": ErrandStatus.BOUGHT, "已买到": ErrandStatus.BOUGHT, "已买": ErrandStatus.BOUGHT,
    "购买": ErrandStatus.BOUGHT, "买到": ErrandStatus.BOUGHT, "buy": ErrandStatus.BOUGHT,
    "已送达": ErrandStatus.DELIVERED, "送达": ErrandStatus.DELIVERED,
    "已送": ErrandStatus.DELIVERED, "deliver": ErrandStatus.DELIVERED,
    "已取消": ErrandStatus.CANCELLED, "取消": ErrandStatus.CANCELLED,
    "cancel": ErrandStatus.CANCELLED, "canceled": ErrandStatus.CANCELLED,
}


def status_label(status: ErrandStatus) -> str:
    """The status in the current language, as the app shows it (the domain's word)."""
    return word(f"errand_{status.value}")


def read_status(word: str) -> ErrandStatus | None:
    """The status `word` names, in either language, or None."""
    return STATUS_WORDS.get(word.strip().lower())


def allowed_moves(current: ErrandStatus) -> tuple[ErrandStatus, ...]:
    """Where an errand may go from `current`: forward along requested -> accepted -> bought
    -> delivered (steps may be skipped), or cancelled while open; never back, never out of
    delivered or cancelled (a step taken by mistake is undone, not walked back)."""
    if current not in ERRAND_OPEN:
        return ()
    later = ORDER[ORDER.index(current) + 1:]
    return later + (ErrandStatus.CANCELLED,)


def check_move(errand: Errand, wanted: ErrandStatus) -> None:
    """Nothing when `errand` may move to `wanted`; else a BookError saying why."""
    if wanted == errand.status:
        raise BookError("errand_already", status=status_label(wanted))
    if wanted not in allowed_moves(errand.status):
        raise BookError("errand_move", status=status_label(errand.status),
                        wanted=status_label(wanted))


def next_status(current: ErrandStatus) -> ErrandStatus | None:
    """The one step the app's "next" key takes."""
    return ERRAND_NEXT.get(current)


def short_id(errand_id: str) -> str:
    """The few characters of an errand's id the app shows and the shell accepts."""
    return errand_id[-SHORT_ID:]
