"""Today's rows for places and rounds (issue 15), and the keys that tick a round.

Kept beside `screens.today` so that screen only calls in: one row per building (and gate,
garbage point) with its units disinfected and the doors where a notice is still to be
posted, then one row per place that needs an inspection or a follow-up. `d` (or Enter) on a
round's row ticks the whole building's disinfection in one action; `p` ticks the notices
posted on its doors; `x` takes a disinfection tick back (a mistake).
"""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable

from screens.messages import OpenPlace
from screens.strings import t
from screens.widgets import clip, cursor_row_id, plain
from store import places
from store.place_words import check_words, place_word

ROUND_PREFIX = "g:"
PLACE_PREFIX = "p:"


def group_name(group: places.RoundGroup) -> str:
    """A building as "3栋" / "Bldg 3", a gate or garbage point by its name."""
    return t("building_n", building=group.name) if group.label_key == "building" else group.name


def add_rows(screen: Any, table: DataTable) -> None:
    """The rounds' and the places' rows of Today (after the households' rows)."""
    book, on = screen.book, screen.today()
    groups = places.round_groups(book, on)
    for group in groups:  # in walking order: the cursor goes down the round as it is done
        detail = t("round_units", done=group.disinfected, total=len(group.areas))
        if group.done:
            detail = "✓ " + detail
        for notice, left in group.posted_open.items():
            detail += " " + t("round_posted_open", notice=clip(notice, 12), left=left)
        table.add_row(*plain(t("what_round"), clip(group_name(group), 14), "",
                             clip(detail, 40)), key=ROUND_PREFIX + group.group)
    for place in places.places_of(book):
        view = places.place_today(book, place, on)
        if view.open:
            detail = t("place_open_detail", checks=check_words([c.check for c in view.open]))
        elif view.due:
            detail = t("place_due_detail", checks=check_words(places.checks_of(book, place)))
        else:
            continue
        table.add_row(*plain(t("what_place"), clip(place.name, 14),
                             clip(place_word(place.kind.value), 8), clip(detail, 40)),
                      key=PLACE_PREFIX + place.id)


def open_row(screen: Any, key: str) -> bool:
    """Enter on a round's row ticks it, on a place's row opens it; False for other rows."""
    if key.startswith(ROUND_PREFIX):
        tick_round(screen)
        return True
    if key.startswith(PLACE_PREFIX):
        screen.post_message(OpenPlace(key[len(PLACE_PREFIX):]))
        return True
    return False


def _group_under_cursor(screen: Any) -> places.RoundGroup | None:
    key = cursor_row_id(screen.query_one(DataTable)) or ""
    if not key.startswith(ROUND_PREFIX):
        screen.notify(t("round_pick_row"))
        return None
    wanted = key[len(ROUND_PREFIX):]
    return next((g for g in places.round_groups(screen.book, screen.today())
                 if g.group == wanted), None)


def tick_round(screen: Any, done: bool = True) -> None:
    """Tick (or take back) the disinfection of the building under the cursor: one write."""
    group = _group_under_cursor(screen)
    if group is None:
        return
    on, now, name = screen.today(), screen.now(), group_name(group)
    key = "done_round" if done else "done_round_undone"
    screen.write(lambda book: places.tick_round(book, group.group, on, done, now=now),
                 then=lambda count: screen.notify(t(key, where=name, count=count)))


def tick_posted(screen: Any) -> None:
    """Every open notice posted on the doors of the building under the cursor."""
    group = _group_under_cursor(screen)
    if group is None:
        return
    if not group.posted_open:
        screen.notify(t("round_no_notice"))
        return
    on, now, name = screen.today(), screen.now(), group_name(group)
    screen.write(lambda book: places.tick_posted(book, group.group, on, now=now),
                 then=lambda count: screen.notify(t("done_posted", where=name, count=count)))
