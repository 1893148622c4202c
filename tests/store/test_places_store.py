"""Places and rounds in the store: the policy file, old books, ids, corrections (issue 15)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import orjson
import pytest

from store import places
from store.book.book import Book
from store.book.models import Place, PlaceKind, PlaceState, RoundItem
from store.book.policy import load_policy, place_rule
from store.errors import BookError
from tests.store.conftest import WORKER

D = date(2022, 3, 21)


def test_a_policy_file_changes_one_kind_and_keeps_the_rest(tmp_path: Path) -> None:
    rules = tmp_path / "policy.toml"
    rules.write_text('days = 10\n[places.shop]\nchecks = ["masks", "temperature"]\nevery = 2\n',
                     encoding="utf-8")
    policy = load_policy(rules)
    assert place_rule(policy, PlaceKind.SHOP).checks == ("masks", "temperature")
    assert place_rule(policy, PlaceKind.SHOP).every == 2
    assert place_rule(policy, PlaceKind.ELDERLY_HOME).checks == \
        ("closed_management", "temperature", "masks")
    book = Book.in_memory(WORKER, policy=policy)
    shop = places.add_place(book, name="小店", kind=PlaceKind.SHOP, on=D)
    assert places.checks_of(book, shop) == ("masks", "temperature")
    places.inspect_place(book, shop.id, {"masks": (True, ""), "temperature": (True, "")}, D)
    assert not places.place_today(book, shop, date(2022, 3, 22)).due  # every 2 days
    assert places.place_today(book, shop, date(2022, 3, 23)).due


@pytest.mark.parametrize("text", ['[places.shop]\nevery = 99\n',
                                  '[places.shop]\nchecks = [""]\n',
                                  '[places.castle]\nchecks = ["moat"]\n'])
def test_a_bad_policy_for_places_is_one_sentence(tmp_path: Path, text: str) -> None:
    rules = tmp_path / "policy.toml"
    rules.write_text(text, encoding="utf-8")
    with pytest.raises(BookError) as caught:
        load_policy(rules)
    assert str(rules) in caught.value.sentence()


def test_a_book_without_the_new_tables_opens_and_gains_them_on_write(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    Book.create(path, WORKER)
    data = orjson.loads(path.read_bytes())
    assert not {"places", "inspections", "rounds"} & set(data)  # as books were before
    before = path.read_bytes()
    book = Book.open(path)
    assert book.all(Place) == [] and book.set_aside == [] and path.read_bytes() == before
    place = places.add_place(book, name="东门", kind=PlaceKind.GATE, on=D)
    assert Book.open(path).require(Place, place.id).name == "东门"


def test_a_place_state_on_each_day_and_a_tick_taken_back(tmp_path: Path) -> None:
    book = Book.create(tmp_path / "b.json", WORKER)
    from store import actions

    actions.add_household(book, building="7", unit="1", room="101")
    shop = places.add_place(book, name="超市", kind=PlaceKind.SUPERMARKET, on=D)
    places.set_place_state(book, shop.id, PlaceState.CLOSED, date(2022, 3, 25))
    shop = Book.open(tmp_path / "b.json").require(Place, shop.id)
    assert shop.state_on(date(2022, 3, 20)) is None
    assert shop.state_on(D) == PlaceState.OPEN
    assert shop.state_on(date(2022, 3, 25)) == PlaceState.CLOSED
    assert places.tick_round(book, "b:7", D) == 1
    assert places.tick_round(book, "b:7", D) == 0  # the same tick again changes nothing
    assert places.tick_round(book, "b:7", D, done=False) == 1
    reopened = Book.open(tmp_path / "b.json")
    [item] = reopened.all(RoundItem)
    assert not item.done and item.done_at is None
    with pytest.raises(BookError):
        places.tick_round(book, "b:99", D)
    with pytest.raises(BookError):
        places.inspect_place(book, shop.id, {}, D)
