"""Pydantic validation errors turned into one sentence a grid worker understands."""

from __future__ import annotations

from pydantic import ValidationError

from store.idnumber import id_number_problem
from store.lang import pick

FIELD_LABELS: dict[str, dict[str, str]] = {
    "name": {"zh": "姓名", "en": "name"},
    "phone": {"zh": "电话", "en": "phone"},
    "id_number": {"zh": "身份证号", "en": "ID number"},
    "building": {"zh": "楼栋", "en": "building"},
    "unit": {"zh": "单元", "en": "unit"},
    "room": {"zh": "门牌号", "en": "room"},
    "text": {"zh": "日志内容", "en": "entry text"},
    "at": {"zh": "时间", "en": "time"},
    "items": {"zh": "代买物品", "en": "items"},
    "advanced": {"zh": "垫付金额", "en": "money advanced"},
    "repaid": {"zh": "已还金额", "en": "money repaid"},
    "reason": {"zh": "原因", "en": "reason"},
    "due": {"zh": "截止时间", "en": "due time"},
    "category": {"zh": "类别", "en": "category"},
    "household": {"zh": "住户", "en": "household"},
    "start": {"zh": "开始日期", "en": "start date"},
    "end": {"zh": "解除日期", "en": "release date"},
    "community": {"zh": "社区", "en": "community"},
    "grid": {"zh": "网格", "en": "grid"},
    "items_list": {"zh": "物品", "en": "items"},
}

PROBLEMS: dict[str, dict[str, str]] = {
    "id_number": {
        "zh": "身份证号不正确：应为18位，出生日期有效，最后一位校验码正确。",
        "en": "The ID number is not valid: it needs 18 characters, a real birth date and the right check character.",
    },
    # The one rule an ID number breaks (store.idnumber.id_number_problem), not all four.
    "id_number_length": {
        "zh": "身份证号应为18位，现在是{length}位。",
        "en": "An ID number has 18 characters; this one has {length}.",
    },
    "id_number_chars": {
        "zh": "身份证号前17位应为数字，最后一位是数字或 X。",
        "en": "An ID number is 17 digits and then a digit or X.",
    },
    "id_number_birth": {
        "zh": "身份证号中的出生日期（第7到14位）不是真实的日期。",
        "en": "The birth date in the ID number (characters 7 to 14) is not a real date.",
    },
    "id_number_check": {
        "zh": "身份证号最后一位校验码不对，请核对每一位。",
        "en": "The last (check) character of the ID number does not match; check each digit.",
    },
    "phone": {
        "zh": "电话号码只能包含数字、空格、+ 和 -。",
        "en": "A phone number may hold only digits, spaces, + and -.",
    },
    "missing": {"zh": "请填写{field}。", "en": "Please fill in the {field}."},
    "too_short": {"zh": "请填写{field}。", "en": "Please fill in the {field}."},
    "too_long": {"zh": "{field}太长了，请缩短。", "en": "The {field} is too long; please shorten it."},
    "at": {"zh": "时间格式应为 时:分，例如 09:30。", "en": "Write the time as hours:minutes, e.g. 09:30."},
    "number": {"zh": "{field}应为不小于 0 的数字。", "en": "The {field} must be a number, 0 or more."},
    "date": {"zh": "{field}应为日期，例如 2022-03-14。", "en": "The {field} must be a date, e.g. 2022-03-14."},
    "choice": {"zh": "{field}的取值无效。", "en": "That {field} is not one of the choices."},
    "other": {"zh": "{field}填写有误。", "en": "The {field} is not valid."},
}


def field_label(name: str) -> str:
    """A field's name as the user knows it."""
    return pick(FIELD_LABELS, name) if name in FIELD_LABELS else name


def explain(error: ValidationError) -> str:
    """The first problem of a validation error as one plain sentence."""
    first = error.errors()[0]
    names = [str(part) for part in first.get("loc", ()) if isinstance(part, str)]
    name = names[-1] if names else ""
    kind = first.get("type", "")
    message = str(first.get("msg", ""))
    params: dict[str, object] = {}
    if name == "id_number" and kind == "value_error":
        typed = str(first.get("input", ""))
        rule = id_number_problem(typed)
        key = f"id_number_{rule}" if rule else "id_number"
        params["length"] = len(typed.strip())
    elif name == "phone" and kind == "value_error":
        key = name
    elif name == "at" and kind.startswith("string_pattern"):
        key = "at"
    elif kind == "missing":
        key = "missing"
    elif kind == "string_too_short":
        key = "too_short"
    elif kind in ("string_too_long", "too_long"):
        key = "too_long"
    elif kind.startswith(("int", "greater", "less", "float", "decimal")):
        key = "number"
    elif kind.startswith(("date", "datetime")):
        key = "date"
    elif kind in ("enum", "literal_error"):
        key = "choice"
    else:
        key = "other"
    del message
    return pick(PROBLEMS, key, field=field_label(name), **params)
