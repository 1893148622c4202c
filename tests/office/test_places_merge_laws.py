"""The merge's laws hold for places, inspections and rounds too (issue 15).

The replicas of `test_office_merge_laws` (households added, edited, reassigned, deleted,
copied to sticks, synced, merged at the office) also register places, change their state,
inspect them with failed checks and follow them up, delete them, tick and untick the day's
disinfection of a building (derived ids: two machines ticking one stairway make one item)
and issue notices. The teardown checks the same laws over every state there was (any
order, grouping and duplication gives the same bytes; idempotent; monotone; no write lost),
and that no deleted place comes back and every round item is one record per derived id.
"""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st
from hypothesis.stateful import rule
from office_helpers import merged, office_settings
from test_office_merge_laws import Replicas

from store.book import crdt
from store.book.book import Book
from store.book.fileformat import META_TABLE
from store.book.models import Place, PlaceKind, PlaceState, RoundItem, RoundKind

DAYS = (date(2022, 3, 20), date(2022, 3, 21))
KINDS = (PlaceKind.SHOP, PlaceKind.ELDERLY_HOME, PlaceKind.GATE)


class PlaceReplicas(Replicas):
    """Households as before, and places and rounds as well."""

    def _places(self, book: Book) -> list[Place]:
        return sorted(book.all(Place), key=lambda p: p.id)

    def _deleted_places(self) -> set[str]:
        if not hasattr(self, "deleted_places"):
            self.deleted_places: set[str] = set()
        return self.deleted_places

    @rule(slot=st.integers(0, 2), name=st.sampled_from(("万家超市", "康乐养老院", "东门")),
          kind=st.sampled_from(KINDS), day=st.sampled_from(DAYS))
    def add_place(self, slot: int, name: str, kind: PlaceKind, day: date) -> None:
        from store import places

        book = self.replicas[slot]
        self._write(book, lambda: places.add_place(book, name=name, kind=kind, on=day))

    @rule(slot=st.integers(0, 2), pick=st.integers(0, 20), state=st.sampled_from(list(PlaceState)),
          day=st.sampled_from(DAYS))
    def set_state(self, slot: int, pick: int, state: PlaceState, day: date) -> None:
        from store import places

        book = self.replicas[slot]
        found = self._places(book)
        if found:
            place = found[pick % len(found)]
            self._write(book, lambda: places.set_place_state(book, place.id, state, day))

    @rule(slot=st.integers(0, 2), pick=st.integers(0, 20), fails=st.integers(0, 7),
          day=st.sampled_from(DAYS))
    def inspect(self, slot: int, pick: int, fails: int, day: date) -> None:
        from store import places

        book = self.replicas[slot]
        found = [p for p in self._places(book) if places.checks_of(book, p)]
        if not found:
            return
        place = found[pick % len(found)]
        open_now = [c.check for c in places.open_checks(book, place.id, day)]
        checks = open_now or list(places.checks_of(book, place))  # a follow-up when open
        results = {c: (not (fails >> i) & 1, "" if (fails >> i) & 1 == 0 else "未落实")
                   for i, c in enumerate(checks)}
        self._write(book, lambda: places.inspect_place(book, place.id, results, day, "09:00"))

    @rule(slot=st.integers(0, 2), pick=st.integers(0, 20))
    def delete_place(self, slot: int, pick: int) -> None:
        book = self.replicas[slot]
        found = self._places(book)
        if found:
            place = found[pick % len(found)]
            self._write(book, lambda: book.delete(Place, place.id))
            self._deleted_places().add(place.id)

    @rule(slot=st.integers(0, 2), day=st.sampled_from(DAYS), done=st.booleans(),
          pick=st.integers(0, 20))
    def tick_round(self, slot: int, day: date, done: bool, pick: int) -> None:
        from store import places

        book = self.replicas[slot]
        groups = sorted({a.group for a in places.round_areas(book, day)})
        if groups:
            group = groups[pick % len(groups)]
            self._write(book, lambda: places.tick_round(book, group, day, done))

    @rule(slot=st.integers(0, 2), day=st.sampled_from(DAYS),
          notice=st.sampled_from(("紧急排查通知", "核酸检测通知")))
    def issue_notice(self, slot: int, day: date, notice: str) -> None:
        from store import places

        book = self.replicas[slot]
        self._write(book, lambda: places.issue_notice(book, notice, day))

    def teardown(self) -> None:
        super().teardown()
        if not getattr(self, "replicas", None):
            return
        states = [b.raw() for b in self.replicas] + self.sticks
        if self.office is not None:
            states.append(self.office)
        whole = merged(*states)
        for rid in self._deleted_places():
            assert crdt.is_deleted(whole[Place.TABLE][rid]), f"place {rid} came back"
        # one record per derived id, whichever replicas made it
        from store.places import round_id

        for rid, raw in whole.get(RoundItem.TABLE, {}).items():
            values = crdt.current(raw)
            kind = RoundKind(values["kind"])
            expected = round_id(values["area"], values["unit"], kind, date.fromisoformat(
                values["on"]), values.get("notice", ""))
            assert rid == expected
        assert META_TABLE in whole


TestPlaceReplicas = PlaceReplicas.TestCase
TestPlaceReplicas.settings = office_settings()
