"""The words of the journal entries that actions write, in the language of whoever reads.

An action's entry keeps its event and details (address, name, item kind, result, ...), not
only a sentence, so a Chinese book that was once opened in an English session still reads
in Chinese, and an English reader of a Chinese book reads English. Entries typed by a
worker are shown as typed.
"""

from __future__ import annotations

from store.lang import pick
from store.models import LogEntry

AUTO_TEXT: dict[str, dict[str, str]] = {
    "quarantine_started": {"zh": "{address} {name} 开始居家隔离，至 {end} 解除。",
                           "en": "{address} {name}: home quarantine started, release on {end}."},
    "quarantine_changed": {"zh": "{address} {name} 隔离期调整至 {end}：{reason}",
                           "en": "{address} {name}: quarantine changed to end {end}: {reason}"},
    "monitoring": {"zh": "{address} {name} 转为健康监测。",
                   "en": "{address} {name}: moved to health monitoring."},
    "monitoring_why": {"zh": "{address} {name} 提前转为健康监测：{reason}",
                       "en": "{address} {name}: moved to health monitoring early: {reason}"},
    "released": {"zh": "{address} {name} 解除隔离。", "en": "{address} {name}: released."},
    "released_why": {"zh": "{address} {name} 提前解除隔离：{reason}",
                     "en": "{address} {name}: released early: {reason}"},
    "test_recorded": {"zh": "{address} {name} 上门检测（{kind}），结果：{result}。",
                      "en": "{address} {name}: door-to-door test ({kind}), result: {result}."},
    "errand_delivered": {"zh": "{address} {name} 代买代送已送达：{items}。",
                         "en": "{address} {name}: errand delivered: {items}."},
    "day_done": {"zh": "{address} {name} 今日管控事项全部完成。",
                 "en": "{address} {name}: all of today's checklist done."},
    "household_added": {"zh": "登记住户 {address} {name}。",
                        "en": "Household registered: {address} {name}."},
    "household_removed": {"zh": "删除住户 {address} {name}：{reason}",
                          "en": "Household removed: {address} {name}: {reason}"},
    "households_merged": {"zh": "住户 {other} 并入 {address} {name}。",
                          "en": "Household {other} merged into {address} {name}."},
    "errands_accepted": {"zh": "接单代买 {count} 件：{errands}",
                         "en": "Errands taken: {count}: {errands}"},
    "errands_repaid": {"zh": "收回垫付 {count} 笔：{errands}",
                       "en": "Money repaid: {count}: {errands}"},
    "ticks_grouped": {"zh": "{kind} {count} 户：{addresses}",
                      "en": "{kind}: {count} households: {addresses}"},
    "building_done": {"zh": "{building}栋 {kind} 全部完成（{count} 户）。",
                      "en": "Building {building}: {kind} done for all ({count} households)."},
}

KIND_WORDS: dict[str, dict[str, str]] = {
    "test": {"zh": "核酸检测", "en": "test"},
    "garbage": {"zh": "垃圾消杀清运", "en": "garbage collected"},
    "needs": {"zh": "需求询问", "en": "needs asked"},
    "letter": {"zh": "告知书送达", "en": "letter delivered"},
    "release": {"zh": "解除隔离", "en": "release"},
    "nucleic": {"zh": "核酸", "en": "nucleic acid"},
    "antigen": {"zh": "抗原", "en": "antigen"},
    "pending": {"zh": "待出", "en": "pending"},
    "negative": {"zh": "阴性", "en": "negative"},
    "positive": {"zh": "阳性", "en": "positive"},
}


# places and rounds (issue 15; store.places)
AUTO_TEXT.update({
    "place_registered": {"zh": "登记场所：{place}（{kind}，{state}）。",
                         "en": "Place registered: {place} ({kind}, {state})."},
    "place_state": {"zh": "{place} 改为{state}。", "en": "{place} is now {state}."},
    "place_inspected": {"zh": "排查 {place}：{count} 项，未通过：{failed}。",
                        "en": "Inspected {place}: {count} checks, failed: {failed}."},
    "place_followed_up": {"zh": "复查 {place}：已整改：{checks}；仍未通过：{failed}。",
                          "en": "Followed up {place}: now passed: {checks}; still failed: {failed}."},
    "place_put_right": {"zh": "复查 {place}：{checks} 已整改，全部通过。",
                        "en": "Followed up {place}: {checks} put right, all passed."},
    "round_done_building": {"zh": "{where}栋公共区域消杀完成（{count} 个单元）。",
                            "en": "Building {where}: common areas disinfected ({count} units)."},
    "round_done_place": {"zh": "{where} 消杀完成。", "en": "{where}: disinfected."},
    "notice_issued": {"zh": "下发通知“{notice}”，需张贴 {count} 处。",
                      "en": "Notice \"{notice}\" issued: to post at {count} doors."},
    "notice_posted_building": {"zh": "{where}栋单元门已张贴“{notice}”（{count} 处）。",
                               "en": "Building {where}: \"{notice}\" posted ({count} doors)."},
    "notice_posted_place": {"zh": "{where} 已张贴“{notice}”。",
                            "en": "{where}: \"{notice}\" posted."},
})


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
    words = {name: pick(KIND_WORDS, value) if name in ("kind", "result") and value in KIND_WORDS
             else place_param(name, value) for name, value in params.items()}
    try:
        return pick(AUTO_TEXT, event, **words)
    except (KeyError, IndexError, ValueError):
        return ""


def entry_text(entry: LogEntry) -> str:
    """What a journal entry says, to show on a screen or in a report."""
    if entry.event and entry.event in AUTO_TEXT:
        return render_event(entry.event, entry.params) or entry.text
    return entry.text
