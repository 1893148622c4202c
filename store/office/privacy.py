"""Residents' numbers in what gridbook prints: the one place that masks them.

Every output made without `--full` (the report in every format, `report --conflicts` and
`--duplicates`, the merge summary, printed paper) masks ID and phone numbers: a field named
`phone` or `id_number` whatever its length (`store.idnumber.mask_phone`, `mask_id_number`),
and, inside free text a person typed (notes, journal, errand items, reasons), any run of
seven or more digits (a phone number: mobile, landline with its area code, or a short local
number such as 8456123) and any 18-character ID-number pattern. Five or six digits (a room,
a postcode, an amount) stay as typed.

Every use of `--full` is written to the audit file (`record_full_use`): who (the login
name), when, which file and which output, one line each, appended to `audit.log` in the
user's state folder (0600 in a 0700 folder that is the user's own).
"""

from __future__ import annotations

import re
from datetime import UTC
from typing import Any

from store.idnumber import mask_id_number, mask_phone

ID_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
PHONE_IN_TEXT = re.compile(
    r"(?<!\d)(?:\+?86[-\s]?)?(?:1\d{2}[-\s]?\d{4}[-\s]?\d{4}|0\d{2,3}-\d{7,8}|\d{7,})(?!\d)")
PHONE_FIELDS = frozenset({"phone"})
ID_FIELDS = frozenset({"id_number"})
# report columns that hold no free text: ids, stamps and days (an id may hold 7 digits)
CODE_COLUMNS = frozenset({"replica", "written_at", "start", "end", "failed_on", "day",
                          "tests", "worker"})


def mask_text(text: str) -> str:
    """Free text with every ID-number pattern and phone number in it masked."""
    if not any(c.isdigit() for c in text):
        return text
    text = ID_IN_TEXT.sub(lambda m: mask_id_number(m.group()), text)
    return PHONE_IN_TEXT.sub(lambda m: mask_phone(m.group()), text)


def masked(value: Any, field: str = "") -> Any:
    """`value` with residents' numbers masked wherever they sit: a phone or ID field by its
    name, free text by its patterns, inside dicts and lists too."""
    if isinstance(value, str):
        if field in PHONE_FIELDS:
            return mask_phone(value)
        if field in ID_FIELDS:
            return mask_id_number(value)
        return mask_text(value)
    if isinstance(value, dict):
        return {k: masked(v, k) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [masked(v, field) for v in value]
    return value


def private(value: Any, field: str, full: bool) -> Any:
    """`value` as an output shows it: whole with `full`, else `masked`."""
    return value if full else masked(value, field)


def mask_table(table: Any) -> Any:
    """A report section (store.office.report.Table) with every text cell masked, its code columns
    (ids, stamps) as they are; the same table when nothing changes."""
    from dataclasses import replace

    keep = CODE_COLUMNS | ({"record"} if table.name == "duplicates" else set())
    rows = [{k: v if k in keep or not isinstance(v, str) else masked(v, k)
             for k, v in row.items()} for row in table.rows]
    return table if rows == table.rows else replace(table, rows=rows)


def record_full_use(output: str, file: str) -> None:
    """Append who used `--full`, when, on which file and for which output to the audit
    file; BookError when it cannot be written (the caller then shows no number: a use
    that is not recorded must not happen)."""
    from store.book.paths import state_folder
    from store.errors import BookError

    try:
        _append_audit(output, file)
    except OSError:
        raise BookError("audit_failed", path=state_folder() / AUDIT_NAME) from None


def _append_audit(output: str, file: str) -> None:
    import getpass
    import json
    import os
    from datetime import datetime

    from store.book.atomic import own_private_dir
    from store.book.paths import state_folder

    try:
        who = getpass.getuser()
    except (KeyError, OSError):
        who = f"uid {os.geteuid()}"
    line = json.dumps({"when": datetime.now(UTC).astimezone().isoformat(
        timespec="seconds"), "who": who, "uid": os.geteuid(),
        "file": os.path.abspath(file), "output": output}, ensure_ascii=False) + "\n"
    folder = state_folder()
    own_private_dir(folder)
    target = folder / AUDIT_NAME
    fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC,
                 0o600)
    try:
        if os.fstat(fd).st_mode & 0o077:  # made by someone else, or loosened: tighten it
            os.fchmod(fd, 0o600)
        os.write(fd, line.encode("utf-8"))  # one write to an O_APPEND file: one whole line
        os.fsync(fd)
    finally:
        os.close(fd)


AUDIT_NAME = "audit.log"
