"""The TUI opens its book with the checks deferred: the first screen comes first, then the
checks run in a worker and say what they set aside, once."""

from __future__ import annotations

from pathlib import Path

import orjson
from tui_helpers import TODAY, make_app, screen_lines, settle

SIZE = (80, 24)


def _spoil_one_of_todays_entries(path: Path) -> str:
    data = orjson.loads(path.read_bytes())
    rid = next(r for r, raw in data["log"].items()
               if raw["fields"]["on"][-1][0] == TODAY.isoformat())
    data["log"][rid]["fields"]["at"] = [["99:99", 1, "r", "w01"]]
    path.write_bytes(orjson.dumps(data, option=orjson.OPT_SORT_KEYS))
    return rid


async def test_the_checks_run_after_the_first_screen_and_say_what_they_found(
        book_path: Path) -> None:
    spoiled = _spoil_one_of_todays_entries(book_path)
    before = book_path.read_bytes()
    app = make_app(book_path, defer_checks=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert [a.record_id for a in app.book.set_aside] == [spoiled]
        assert sum("could not be read" in n for n in app.notices_shown) == 1
        await pilot.press("2")  # the day's journal, without the spoiled entry
        await settle(pilot)
        assert spoiled not in {e.id for e in app.book.log_on(TODAY)}
        shown = "\n".join(screen_lines(app))
        assert "99:99" not in shown
        assert any(e.text[:6] in shown for e in app.book.log_on(TODAY))  # the others are there
    assert book_path.read_bytes() == before
