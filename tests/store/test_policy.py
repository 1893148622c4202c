"""The quarantine policy makes each household's schedule; a TOML file can change it."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from store.book.models import ItemKind, Quarantine
from store.book.policy import DEFAULT_POLICY, load_policy, schedule
from store.errors import BookError

Q = Quarantine(id="q1", household="h1", start=date(2022, 3, 14), end=date(2022, 3, 28))


def test_default_schedule() -> None:
    items = schedule(Q, DEFAULT_POLICY)
    kinds = Counter(item.kind for item in items)
    assert kinds[ItemKind.TEST] >= 3
    assert kinds[ItemKind.GARBAGE] == kinds[ItemKind.NEEDS] == 14
    assert kinds[ItemKind.LETTER] == 1 and kinds[ItemKind.RELEASE] == 1
    assert [i.on for i in items if i.kind == ItemKind.RELEASE] == [date(2022, 3, 28)]


def test_same_item_same_id_on_every_machine() -> None:
    again = Quarantine(id="another-machine", household="h1", start=Q.start, end=Q.end)
    assert {i.id for i in schedule(Q, DEFAULT_POLICY)} == {i.id for i in schedule(again, DEFAULT_POLICY)}


def test_policy_from_toml(tmp_path: Path) -> None:
    path = tmp_path / "policy.toml"
    path.write_text('days = 7\ntest_days = [1, 3, 7]\ndaily = ["garbage"]\n', encoding="utf-8")
    policy = load_policy(path)
    q = Quarantine(id="q", household="h", start=date(2022, 3, 14), end=date(2022, 3, 21))
    kinds = Counter(item.kind for item in schedule(q, policy))
    assert policy.days == 7 and kinds[ItemKind.TEST] == 3 and kinds[ItemKind.GARBAGE] == 7
    assert ItemKind.NEEDS not in kinds


def test_bad_policy_gets_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "policy.toml"
    path.write_text("days = 'two weeks'\n", encoding="utf-8")
    with pytest.raises(BookError, match="policy file"):
        load_policy(path)
