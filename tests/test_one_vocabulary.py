"""The shell and the app speak the same words (issue 10, item 6).

`errand set` takes the short id the app shows (and an address with words of the items),
the app's own status words in either language, refuses the moves the app refuses (one
rule, store/errand_rules.py), and `--lang` works anywhere on the line.
"""

from __future__ import annotations

import contextlib
import io
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from store import actions
from store.book.book import Book
from store.book.models import Errand, ErrandStatus, Person, Worker
from store.errand_rules import STATUS_WORDS, allowed_moves, read_status, short_id
from tui.cli import main


@pytest.fixture
def book_path(tmp_path: Path) -> Path:
    path = tmp_path / "book.json"
    book = Book.create(path, Worker(id="w1", name="张丽"))
    home = actions.add_household(book, building="3", unit="2", room="501",
                                 people=(Person(name="王伟"),))
    actions.add_errand(book, home.id, "大米5斤 鸡蛋", datetime.now() + timedelta(days=1), 3550)
    actions.add_errand(book, home.id, "感冒药", datetime.now() + timedelta(days=1), 0)
    return path


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as stop:
            code = int(stop.code or 0)
    return code, out.getvalue(), err.getvalue()


def errand(path: Path, items: str) -> Errand:
    return next(e for e in Book.open(path, readonly=True).all(Errand) if e.items == items)


def test_every_status_word_the_app_shows_is_accepted() -> None:
    from store.messages import MESSAGES

    for status in ErrandStatus:
        for language in ("zh", "en"):
            assert read_status(MESSAGES[f"errand_{status.value}"][language]) == status
    assert read_status("已购买") == read_status("已买到") == ErrandStatus.BOUGHT
    assert set(STATUS_WORDS.values()) == set(ErrandStatus)


def test_errand_set_by_short_id_and_by_address_and_items(book_path: Path) -> None:
    rice = errand(book_path, "大米5斤 鸡蛋")
    code, out, err = run("errand", "set", "#" + short_id(rice.id), "已接单", "--data",
                         str(book_path), "--lang", "zh")
    assert code == 0, err
    assert short_id(rice.id) in out and "已接单" in out
    code, _, err = run("errand", "set", "3栋2单元501", "大米", "已购买", "--data", str(book_path))
    assert code == 0, err
    assert errand(book_path, "大米5斤 鸡蛋").status == ErrandStatus.BOUGHT
    assert errand(book_path, "感冒药").status == ErrandStatus.REQUESTED


def test_the_shell_refuses_what_the_app_refuses(book_path: Path) -> None:
    rice = errand(book_path, "大米5斤 鸡蛋")
    assert run("errand", "set", short_id(rice.id), "delivered", "--data", str(book_path))[0] == 0
    before = book_path.read_bytes()
    code, _, err = run("errand", "set", short_id(rice.id), "bought", "--data", str(book_path),
                       "--lang", "en")
    assert code == 1 and "cannot go from delivered to bought" in err
    assert book_path.read_bytes() == before
    assert allowed_moves(ErrandStatus.DELIVERED) == ()


def test_ambiguous_words_list_the_short_ids(book_path: Path) -> None:
    code, _, err = run("errand", "set", "3栋2单元501", "已接单", "--data", str(book_path),
                       "--lang", "en")
    assert code == 1
    for item in ("大米5斤 鸡蛋", "感冒药"):
        assert "#" + short_id(errand(book_path, item).id) in err


def test_lang_anywhere_on_the_line(book_path: Path) -> None:
    code, _, err = run("errand", "set", "nosuch", "bought", "--data", str(book_path),
                       "--lang", "zh")
    assert code == 1 and "找不到" in err
    code, _, err = run("errand", "set", "nosuch", "bought", "--lang=en", "--data", str(book_path))
    assert code == 1 and "No errand" in err


def test_due_words_and_full_width_money_in_the_shell(book_path: Path) -> None:
    code, _, err = run("errand", "add", "--household", "王伟", "--items", "牛奶", "--amount",
                       "３５．５", "--due", "明天18:00", "--data", str(book_path))
    assert code == 0, err
    milk = errand(book_path, "牛奶")
    assert milk.advanced == 3550
    assert milk.due == datetime.combine(datetime.now().date() + timedelta(days=1),
                                        datetime.min.time().replace(hour=18))
