"""Records kept built stay small (store/book/models.py `Value`): the TUI keeps a year book's
errands, their steps, tests and rounds built (12,000 models), and pydantic's own set of the
fields given per instance and a copy of every repeated short text were most of their size
(the TUI's peak memory on the year book, docs/performance.md, 2026-12-02)."""

from __future__ import annotations

import gc
import tracemalloc
from datetime import date
from pathlib import Path

import orjson

from store.book import crdt
from store.book.models import Errand, ErrandStep, from_stored
from store.seed import seed_book


def _stored_errands(tmp_path: Path) -> list[tuple[str, dict]]:  # type: ignore[type-arg]
    path = tmp_path / "w01.json"
    seed_book(path, "w01", households=20, days=90, today=date(2022, 5, 1))
    table = orjson.loads(path.read_bytes())["errands"]
    return [(rid, crdt.current(raw)) for rid, raw in table.items()]


def test_errands_and_their_steps_kept_built_are_small(tmp_path: Path) -> None:
    stored = _stored_errands(tmp_path)
    gc.collect()
    tracemalloc.start()
    try:
        built = [from_stored(Errand, rid, values) for rid, values in stored]
        size = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    models = len(built) + sum(len(e.steps) for e in built)
    assert sum(len(e.steps) for e in built) > len(built)  # errands with their steps
    # about 1,160 bytes a model when each kept its own set of given fields and texts
    # (measured on the year book: 7.4 MB for 1,741 errands and 4,960 steps); 440 now
    assert size / models < 700, f"{size / models:.0f} bytes a model"


def test_the_shared_sets_of_given_fields_are_never_changed_in_place(tmp_path: Path) -> None:
    (rid, values), (other_id, other_values) = _stored_errands(tmp_path)[:2]
    first = from_stored(Errand, rid, dict(values))
    second = from_stored(Errand, other_id, dict(other_values))
    assert first == from_stored(Errand, rid, dict(values))  # equal when built again
    assert first.model_fields_set == set(values) | {"id"}
    before = set(second.model_fields_set)
    changed = first.model_copy(update={"items": "milk"})
    assert changed.items == "milk" and changed.model_fields_set == set(values) | {"id"}
    assert second.model_fields_set == before
    bare = ErrandStep(kind="requested", on=date(2022, 5, 1))
    assert bare.model_fields_set == {"kind", "on"}
    assert first.steps[0].model_fields_set != bare.model_fields_set
