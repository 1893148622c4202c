"""Every kind of record survives a save and a reopen, on disk and in memory."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from store import actions, views
from store.book.book import Book
from store.book.models import (
    Category,
    ChecklistItem,
    Errand,
    ErrandStatus,
    Household,
    ItemKind,
    LogEntry,
    Party,
    PartyRole,
    Person,
    Quarantine,
    Status,
    TestRecord,
    TestResult,
    Worker,
)
from store.errors import BookError
from tests.store.conftest import reopen

ID_NUMBER = "11010519491231002X"


def _household(book: Book) -> Household:
    return actions.add_household(
        book, building="3", unit="2", room="501", phone="0436-1234567", note="独居老人",
        people=(Person(name="李桂兰", phone="13912345678", id_number=ID_NUMBER, returnee=True,
                       origin="长春"),),
        parties={PartyRole.STREET: Party(name="瑞光街道 王强", phone="13800000001"),
                 PartyRole.CLINIC: Party(name="瑞光卫生院", phone="0436-7654321")})


def test_every_record_round_trips(book: Book) -> None:
    household = _household(book)
    quarantine = actions.start_quarantine(book, household.id, date(2022, 3, 14))
    test = actions.record_test(book, household.id, date(2022, 3, 14),
                               result=TestResult.NEGATIVE)
    errand = actions.add_errand(book, household.id, "大米5斤、青菜",
                                due=datetime(2022, 3, 15, 18), advanced=12_050)
    entry = actions.add_log(book, "在单元门张贴紧急排查通知", Category.PUBLICITY,
                            on=date(2022, 3, 14), at="09:30", household=household.id)
    again = reopen(book)
    assert again.worker() == Worker(id="w01", name="张丽", community="瑞明社区", grid="第3网格",
                                    phone="13812345678")
    stored = again.require(Household, household.id)
    assert stored.people[0].id_number == ID_NUMBER
    assert stored.address == "3栋2单元501"
    assert stored.status == Status.QUARANTINE
    assert stored.parties[PartyRole.STREET].name == "瑞光街道 王强"
    assert again.require(Quarantine, quarantine.id).end == date(2022, 3, 28)
    assert again.require(TestRecord, test.id).result == TestResult.NEGATIVE
    assert again.require(Errand, errand.id).advanced == 12_050
    assert again.require(LogEntry, entry.id).text == "在单元门张贴紧急排查通知"
    assert again.items_of(household.id) == book.items_of(household.id)


def test_chinese_is_stored_as_chinese(file_book: Book) -> None:
    _household(file_book)
    text = file_book.path.read_bytes().decode("utf-8")
    assert "李桂兰" in text and "\\u" not in text


def test_update_writes_only_the_named_fields(book: Book) -> None:
    household = _household(book)
    book.update(Household, household.id, note="已联系家属")
    again = reopen(book).require(Household, household.id)
    assert again.note == "已联系家属" and again.phone == "0436-1234567"


def test_delete_hides_the_record(book: Book) -> None:
    errand = actions.add_errand(book, _household(book).id, "牛奶", due=datetime(2022, 3, 15, 18))
    book.delete(Errand, errand.id)
    assert reopen(book).get(Errand, errand.id) is None


def test_errand_lifecycle_and_auto_log(book: Book) -> None:
    household = _household(book)
    errand = actions.add_errand(book, household.id, "鸡蛋30个", due=datetime(2022, 3, 15, 18))
    for expected in (ErrandStatus.ACCEPTED, ErrandStatus.BOUGHT, ErrandStatus.DELIVERED):
        errand = actions.advance_errand(book, errand.id, on=date(2022, 3, 15))
        assert errand.status == expected
    auto = [e for e in reopen(book).log_on(date(2022, 3, 15))
            if e.auto and e.event == "errand_delivered"]
    assert len(auto) == 1 and "鸡蛋30个" in auto[0].text


def test_tick_building_ticks_every_household_of_it(book: Book) -> None:
    first, second = _household(book), actions.add_household(book, building="3", room="601")
    for household in (first, second):
        actions.start_quarantine(book, household.id, date(2022, 3, 14))
    assert actions.tick_building(book, "3", ItemKind.GARBAGE, date(2022, 3, 14)) == 2
    garbage = [i for i in reopen(book).items_on(date(2022, 3, 14)) if i.kind == ItemKind.GARBAGE]
    assert len(garbage) == 2 and all(i.done for i in garbage)


@pytest.mark.parametrize(("lang", "changes", "sentence"), [
    ("en", {"room": ""}, "Please fill in the room."),
    ("zh", {"room": ""}, "请填写门牌号。"),
    ("en", {"people": ({"name": "王五", "id_number": "110105194912310021"},)},
     "The last (check) character of the ID number does not match; check each digit."),
    ("zh", {"people": ({"name": "王五", "id_number": "110105194912310021"},)},
     "身份证号最后一位校验码不对，请核对每一位。"),  # the one rule that failed
    ("en", {"phone": "call me"}, "A phone number may hold only digits, spaces, + and -."),
])
def test_validation_speaks_plainly(book: Book, lang: str, changes: dict, sentence: str) -> None:
    from store.lang import set_lang

    household = _household(book)
    set_lang(lang)
    with pytest.raises(BookError) as caught:
        book.update(Household, household.id, **changes)
    assert caught.value.sentence() == sentence
    assert reopen(book).require(Household, household.id) == household


def test_log_time_must_be_a_clock_time(book: Book) -> None:
    with pytest.raises(BookError, match="hours:minutes"):
        actions.add_log(book, "巡查", at="25:00")


def test_generated_item_ids_are_derived(book: Book) -> None:
    household = _household(book)
    actions.start_quarantine(book, household.id, date(2022, 3, 14))
    from store.book.policy import item_id

    expected = item_id(household.id, ItemKind.TEST, date(2022, 3, 17))
    assert book.get(ChecklistItem, expected) is not None


def test_quarantine_lifecycle(book: Book) -> None:
    household = _household(book)
    quarantine = actions.start_quarantine(book, household.id, date(2022, 3, 14))
    longer = actions.change_quarantine_end(book, quarantine.id, date(2022, 3, 31),
                                           "同住人员返白", on=date(2022, 3, 20))
    assert longer.changes[-1].old_end == date(2022, 3, 28)
    releases = [i.on for i in book.items_of(household.id) if i.kind == ItemKind.RELEASE]
    assert releases == [date(2022, 3, 31)]
    assert max(i.on for i in book.items_of(household.id)) == date(2022, 3, 31)
    actions.move_to_monitoring(book, household.id, on=date(2022, 3, 31))
    again = reopen(book)
    assert again.require(Household, household.id).status == Status.MONITORING
    assert again.require(Quarantine, quarantine.id).released_on == date(2022, 3, 31)
    actions.release(again, household.id, on=date(2022, 4, 7))
    assert reopen(again).require(Household, household.id).status == Status.RELEASED
    texts = [e.text for e in reopen(again).log_of(household.id) if e.auto]
    assert any("health monitoring" in t for t in texts) and any("released" in t for t in texts)


def test_household_reassigned_away_leaves_the_workers_screens(book: Book) -> None:
    from store.views import today

    mine, moved = _household(book), actions.add_household(book, building="5", room="101")
    for household in (mine, moved):
        actions.start_quarantine(book, household.id, date(2022, 3, 14))
        actions.add_errand(book, household.id, "牛奶", due=datetime(2022, 3, 14, 18))
    book.update(Household, moved.id, worker="w02")
    assert [h.id for h in views.households(book)] == [mine.id]
    assert {e.household for e in views.errands(book)} == {mine.id}
    view = today(book, date(2022, 3, 14), now=datetime(2022, 3, 14, 8))
    shown = {h.id for h, _ in view.households_pending + view.tests_due}
    shown |= {h.id for h, _ in view.errands_due_today if h is not None}
    assert shown == {mine.id}
    assert book.get(Household, moved.id) is not None  # still in the book, for the merge


def test_an_overdue_release_stays_on_today(book: Book) -> None:
    from store.views import quarantine_day, today

    household = _household(book)
    quarantine = actions.start_quarantine(book, household.id, date(2022, 3, 1))
    late = date(2022, 3, 20)
    view = today(book, late, now=datetime(2022, 3, 20, 8))
    assert [h.id for h, _ in view.releases_due] == [household.id]
    assert quarantine_day(quarantine, late) == (14, 14)
    actions.release(book, household.id, on=late)
    assert today(book, late, now=datetime(2022, 3, 20, 8)).releases_due == []


def test_a_quarantine_restarted_on_the_same_day_owns_its_schedule(book: Book) -> None:
    household = _household(book)
    first = actions.start_quarantine(book, household.id, date(2022, 3, 14))
    actions.release(book, household.id, on=date(2022, 3, 14), reason="entered by mistake")
    second = actions.start_quarantine(book, household.id, date(2022, 3, 14))
    assert first.id != second.id
    items = reopen(book).items_of(household.id)
    assert {item.quarantine for item in items} == {second.id}
    assert not any(item.done for item in items if item.kind == ItemKind.RELEASE)


def test_an_actions_journal_entry_reads_in_the_readers_language(book: Book) -> None:
    from store.lang import set_lang
    from store.logtext import entry_text

    household = _household(book)
    set_lang("en")
    test = actions.record_test(book, household.id, date(2022, 3, 14), result=TestResult.NEGATIVE)
    entry = next(e for e in reopen(book).log_on(date(2022, 3, 14)) if e.auto)
    assert "result: negative" in entry_text(entry)
    set_lang("zh")
    assert "结果：阴性" in entry_text(entry) and "李桂兰" in entry_text(entry)
    assert test.id
