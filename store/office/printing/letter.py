"""The letter to a quarantined household (致居家隔离人员的一封信), from a template.

The community can change the text without code: a UTF-8 text file named by `--template`,
$GRIDBOOK_LETTER, `letter.txt` beside the book, or `letter.txt` in the user's config
folder (the first that exists), else the built-in letter below in the current language.
The first line is the title; paragraphs are separated by a blank line; a line starting
with "- " is a point of a list. Fields in braces are filled in for each household:
{head} {address} {worker_name} {worker_phone} {community} {grid} {start} {end}
{street_phone} {community_phone} {clinic_phone} {police_phone} {today}. Any other text
in braces is printed as written.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

from store.errors import BookError

LETTER_FILE = "letter.txt"
LETTER_ENV = "GRIDBOOK_LETTER"
FIELDS = ("head", "address", "worker_name", "worker_phone", "community", "grid", "start",
          "end", "street_phone", "community_phone", "clinic_phone", "police_phone", "today")
_FIELD = re.compile(r"\{(" + "|".join(FIELDS) + r")\}")
MAX_TEMPLATE_BYTES = 64 * 1024

DEFAULT_LETTER = {
    "zh": """致居家隔离人员的一封信

{head} 家庭：

您好！根据疫情防控要求，您家（{address}）自 {start} 起实行居家隔离，预计 {end} 解除。隔离期间，{community}{grid}网格员 {worker_name} 负责为您家服务，联系电话 {worker_phone}，有事请随时联系，也可以加网格员微信。

隔离期间我们为您提供：
- 代买代送：需要买米面粮油、蔬菜、药品等生活用品，请告诉网格员，我们代买后送到门口，垫付的钱送到后再结算。
- 垃圾清运：每天把生活垃圾装袋扎紧放在门口，由专人消杀后清运，请不要自行下楼倒垃圾。
- 上门核酸检测：医护人员按计划上门采样，请按通知时间在家等候，配合检测。
- 心理疏导：隔离期间如感到焦虑、失眠，可以随时与网格员或社区联系。

消毒剂使用方法：
- 含氯消毒剂（如 84 消毒液）按说明稀释后使用，常用浓度约为 1 份消毒液加 100 份清水；现用现配，不要与洁厕灵等酸性清洁剂混用。
- 门把手、桌面、手机等常接触的物品每天擦拭消毒，作用 30 分钟后用清水擦净；消毒时开窗通风，戴手套。
- 酒精（75%）可用于手和小件物品，远离明火，不要大面积喷洒。

遇到困难怎么办：
- 身体不适（发热、咳嗽、乏力等）：请立即告知网格员，或联系卫生院 {clinic_phone}，不要自行外出就医。
- 社区电话 {community_phone}；街道办电话 {street_phone}；派出所 {police_phone}；紧急情况请拨打 120 或 110。

感谢您的理解与配合！

{community}
{today}""",
    "en": """A letter to households in home quarantine

To the household of {head}:

Following the epidemic control rules, your home ({address}) is in home quarantine from {start}, to be released on {end}. During the quarantine your grid worker {worker_name} of {community} {grid} looks after your household; call {worker_phone} at any time, or add the grid worker on WeChat.

During the quarantine we offer:
- Errands: tell your grid worker what you need (rice, flour, oil, vegetables, medicine); we buy it and leave it at your door, and you repay what we advanced when it is delivered.
- Garbage: every day put your household garbage in a tied bag outside your door; it is disinfected and taken away. Please do not go down to the bins yourself.
- Tests at your door: medical staff come to take samples on the planned days; please be at home at the announced time.
- Someone to talk to: if you feel anxious or cannot sleep, call your grid worker or the community.

How to use disinfectant:
- Chlorine disinfectant (such as 84 liquid): dilute as the label says, usually 1 part to 100 parts water; mix it fresh, and never with acid cleaners such as toilet cleaner.
- Wipe door handles, tables and phones every day; rinse with clean water after 30 minutes; open the windows and wear gloves.
- 75% alcohol is for hands and small things; keep it away from flames and do not spray it over large areas.

Where to get help:
- If you feel unwell (fever, cough, tiredness), tell your grid worker at once or call the clinic on {clinic_phone}; do not go out to a hospital by yourself.
- Community {community_phone}; street office {street_phone}; police station {police_phone}; in an emergency call 120 or 110.

Thank you for your understanding and help.

{community}
{today}""",
}


def template_path(book_path: Path | None, configured: str | Path | None = None) -> Path | None:
    """The community's letter template, if it has one (see the module docstring)."""
    from platformdirs import user_config_dir

    named = configured or os.environ.get(LETTER_ENV)
    if named:
        return Path(named).expanduser()
    candidates = ([book_path.with_name(LETTER_FILE)] if book_path is not None else []) + \
        [Path(user_config_dir("gridbook")) / LETTER_FILE]
    return next((c for c in candidates if c.is_file()), None)


def load_template(path: Path | None, lang: str) -> str:
    """The template's text: the file's, or the built-in one in `lang`."""
    if path is None:
        return DEFAULT_LETTER["zh" if lang == "zh" else "en"]
    try:
        with open(path, "rb") as handle:
            blob = handle.read(MAX_TEMPLATE_BYTES + 1)
    except FileNotFoundError:
        raise BookError("not_found", path=path) from None
    except OSError as error:
        raise BookError("template_bad", path=path, problem=error.strerror or "?") from None
    if len(blob) > MAX_TEMPLATE_BYTES:
        raise BookError("template_bad", path=path, problem="> 64 KB")
    try:
        text = blob.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = blob.decode("gb18030")  # saved by Notepad on a Chinese Windows
        except UnicodeDecodeError:
            raise BookError("template_bad", path=path, problem="not UTF-8 or GBK") from None
    if not text.strip():
        raise BookError("template_bad", path=path, problem="empty")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def fill(template: str, values: Mapping[str, str]) -> str:
    """The template with its known fields filled in; unknown braces left as they are."""
    return _FIELD.sub(lambda m: values.get(m.group(1), "") or "____", template)
