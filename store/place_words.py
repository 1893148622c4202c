"""The words of places and rounds (kinds, states, checks), in Chinese and English.

The screens, the journal and the report all name a place's kind, its state and its checks
the same way, so the words live here in store/ where every layer can reach them. A check a
community's policy names that is not listed here is shown as the policy spells it.
"""

from __future__ import annotations

from store.lang import current_lang, pick

PLACE_WORDS: dict[str, dict[str, str]] = {
    # kinds
    "shop": {"zh": "商户", "en": "shop"},
    "supermarket": {"zh": "超市", "en": "supermarket"},
    "pharmacy": {"zh": "药店", "en": "pharmacy"},
    "elderly_home": {"zh": "养老院", "en": "old people's home"},
    "tutoring": {"zh": "辅导班", "en": "tutoring class"},
    "clinic": {"zh": "诊所", "en": "clinic"},
    "other": {"zh": "其他", "en": "other"},
    "gate": {"zh": "小区出入口", "en": "gate"},
    "garbage_point": {"zh": "垃圾点", "en": "garbage point"},
    # states
    "open": {"zh": "营业", "en": "open"},
    "limited": {"zh": "限流", "en": "limited"},
    "closed_management": {"zh": "封闭管理", "en": "closed management"},  # also a check
    "closed": {"zh": "关停", "en": "closed"},
    # checks
    "scan_station": {"zh": "扫码站", "en": "scan station"},
    "limit": {"zh": "限流", "en": "limit"},
    "temperature": {"zh": "测温", "en": "temperature"},
    "code_check": {"zh": "验码", "en": "code check"},
    "masks": {"zh": "佩戴口罩", "en": "masks"},
    "stays_closed": {"zh": "保持关停", "en": "stays closed"},
    # round kinds
    "disinfect": {"zh": "消杀", "en": "disinfection"},
    "posted": {"zh": "张贴通知", "en": "notice posted"},
}


def place_word(key: str) -> str:
    """A kind, state, check or round kind in the current language (else as spelled)."""
    return pick(PLACE_WORDS, key) if key in PLACE_WORDS else key


def check_words(keys: str | list[str] | tuple[str, ...]) -> str:
    """Checks (a list, or joined by commas as the journal keeps them) as words."""
    names = keys.split(",") if isinstance(keys, str) else list(keys)
    sep = "、" if current_lang() == "zh" else ", "
    return sep.join(place_word(name) for name in names if name)
