"""Conflicts as office staff can act on them: which record (a household's address and head,
an errand's household and items), which field and which values, in the reader's language;
who wrote each value (the worker's name), when (to the second) and in which book (its full
path). Shared by the merge summary, `report --conflicts` and the F6 screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from store.lang import pick
from store.report_labels import label
from store.validation import FIELD_LABELS

T = TypeVar("T")

MORE_FIELDS: dict[str, dict[str, str]] = {
    "status": {"zh": "状态", "en": "status"},
    "worker": {"zh": "网格员", "en": "worker"},
    "note": {"zh": "备注", "en": "note"},
    "people": {"zh": "家庭成员", "en": "people"},
    "done": {"zh": "已完成", "en": "done"},
    "done_at": {"zh": "完成时间", "en": "done at"},
    "result": {"zh": "检测结果", "en": "result"},
    "kind": {"zh": "类型", "en": "kind"},
    "on": {"zh": "日期", "en": "date"},
    "released_on": {"zh": "解除日期", "en": "released on"},
    "person": {"zh": "受检人", "en": "person tested"},
    "steps": {"zh": "办理步骤", "en": "steps"},
    "parties": {"zh": "五位一体", "en": "responsible parties"},
    "_deleted": {"zh": "删除", "en": "deleted"},
    "removed_reason": {"zh": "删除原因", "en": "why removed"},
    "merged_into": {"zh": "并入", "en": "merged into"},
    "assignments": {"zh": "负责网格员", "en": "workers in turn"},
}
VALUES: dict[str, dict[str, str]] = {
    "requested": {"zh": "待接单", "en": "requested"},
    "accepted": {"zh": "已接单", "en": "accepted"},
    "bought": {"zh": "已购买", "en": "bought"},
    "delivered": {"zh": "已送达", "en": "delivered"},
    "cancelled": {"zh": "已取消", "en": "cancelled"},
    "normal": {"zh": "正常", "en": "normal"},
    "quarantine": {"zh": "居家隔离", "en": "in quarantine"},
    "monitoring": {"zh": "健康监测", "en": "monitoring"},
    "released": {"zh": "已解除", "en": "released"},
    "pending": {"zh": "待出结果", "en": "pending"},
    "negative": {"zh": "阴性", "en": "negative"},
    "positive": {"zh": "阳性", "en": "positive"},
    "true": {"zh": "是", "en": "yes"},
    "false": {"zh": "否", "en": "no"},
}
MONEY_FIELDS = frozenset({"advanced", "repaid"})
# candidates listed per conflict (the newest, the shown one among them); a register holding
# thousands of values (a hostile or broken file) is listed as these and "and N more"
MAX_CANDIDATES = 5
MAX_SOURCES = 3
TRANSLATED_FIELDS = frozenset({"status", "result", "done", "_deleted", "returnee"})


def field_text(field: str) -> str:
    """A field by the name its form gives it, in the current language."""
    if field in FIELD_LABELS:
        return pick(FIELD_LABELS, field)
    if field in MORE_FIELDS:
        return pick(MORE_FIELDS, field)
    return field


LIST_WORDS = {
    "names": {"zh": "、", "en": ", "},
    "assignment": {"zh": "{worker}（{on} 起）", "en": "{worker} (from {on})"},
}


def value_text(field: str, value: Any) -> Any:
    """A stored value as the reader knows it: statuses and results in words, money in yuan."""
    if field in MONEY_FIELDS and type(value) is int:
        return f"{value // 100}.{value % 100:02d}"
    if field == "people" and isinstance(value, list):  # the names, not the stored JSON
        return pick(LIST_WORDS, "names").join(
            str(p.get("name", "")) for p in value if isinstance(p, dict))
    if field == "assignments" and isinstance(value, list):  # who looked after it, in turn
        return " → ".join(pick(LIST_WORDS, "assignment", worker=a.get("worker", ""),
                               on=a.get("on", ""))
                          for a in value if isinstance(a, dict))
    if field in TRANSLATED_FIELDS:
        key = str(value).lower() if isinstance(value, bool) else value
        if isinstance(key, str) and key in VALUES:
            return pick(VALUES, key)
    return value


def _shown(raw: Any) -> dict[str, Any]:
    fields = raw.get("fields") if isinstance(raw, dict) else None
    if not isinstance(fields, dict):
        return {}
    return {name: entries[-1][0] for name, entries in fields.items()
            if isinstance(entries, list) and entries and isinstance(entries[-1], list)}


def household_text(shown: dict[str, Any]) -> str:
    unit = f"{shown.get('unit')}单元" if shown.get("unit") else ""
    people = shown.get("people") or [{}]
    head = people[0].get("name", "") if isinstance(people[0], dict) else ""
    return f"{shown.get('building', '')}栋{unit}{shown.get('room', '')} {head}".strip()


def record_text(data: dict[str, Any], table: str, record_id: str) -> str:
    """A record as office staff know it: a household by address and head; an errand by its
    household and items; anything else of a household by its kind and that household."""
    shown = _shown(data.get(table, {}).get(record_id))
    if table == "households":
        return household_text(shown) or record_id
    if table == "workers":
        return f"{label('tbl_workers')} {shown.get('name', record_id)}"
    household = shown.get("household")
    where = (household_text(_shown(data.get("households", {}).get(household)))
             if isinstance(household, str) else "")
    what = label(f"tbl_{table}")
    if table == "errands" and isinstance(shown.get("items"), str):
        return f"{where} {what}：{shown['items']}".strip()
    if table == "log" and isinstance(shown.get("text"), str):
        return f"{where} {what}：{shown['text'][:20]}".strip()
    return f"{where} {what}".strip() or f"{table}/{record_id}"


def worker_text(data: dict[str, Any], worker: str) -> str:
    """A worker as 'name (id)' when the file knows their name."""
    name = _shown(data.get("workers", {}).get(worker)).get("name")
    return f"{name}（{worker}）" if isinstance(name, str) and name and worker else worker or "-"


def listed(candidates: Sequence[T], limit: int = MAX_CANDIDATES) -> tuple[list[T], int]:
    """The candidates an output lists (the last `limit`, newest last, so the shown one is
    among them) and how many more there are."""
    items = list(candidates)
    if len(items) <= limit:
        return items, 0
    return items[-limit:], len(items) - limit
