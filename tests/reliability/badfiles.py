"""Broken books, and the check that every gridbook entry point meets them with a sentence.

`corpus(real)` makes the hand-written corpus from the bytes of a real book: empty,
truncated at every kind of point, random bytes, JSON of the wrong shape, wrong types,
missing fields, huge strings, deep nesting, duplicate ids, NaN, a UTF-8 BOM, GBK and
UTF-16 encodings, a newer schema, and (in `place`) symlinks, folders and devices.
`mutate(real, rng)` makes one random mutation of a real book, structural or byte-level.
`try_everything(path)` opens the file as the worker and the office would (Book.open,
read-only and not, the views the TUI shows first, an edit on a copy, and the commands
`check`, `merge`, `report` run in-process through the CLI's own error handling) and
returns the problems seen: a traceback (exit code 3 or an uncaught exception), a message
that is not one plain sentence, or a file that changed.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import io
import json
import os
import random
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

Maker = Callable[[Path], None]


# the hand-written corpus -------------------------------------------------------------------------
def _truncations(real: bytes) -> dict[str, bytes]:
    """Cut the book just after the first of each kind of byte, and inside a UTF-8 character."""
    out: dict[str, bytes] = {}
    for label, needle in [("open_brace", b"{"), ("quote", b'"'), ("colon", b":"),
                          ("comma", b","), ("open_list", b"["), ("digit", b"1"),
                          ("close_list", b"]"), ("close_brace", b"}"), ("backslash", b"\\"),
                          ("key_meta", b"_meta"), ("true", b"true"), ("null", b"null")]:
        at = real.find(needle, len(real) // 3)
        if at >= 0:
            out[f"truncated_after_{label}"] = real[:at + 1]
    chinese = real.find("张".encode())
    if chinese >= 0:
        out["truncated_inside_a_chinese_character"] = real[:chinese + 1]
    for fraction in (0.01, 0.25, 0.5, 0.75, 0.99):
        out[f"truncated_at_{int(fraction * 100)}pc"] = real[:int(len(real) * fraction)]
    out["missing_last_byte"] = real.rstrip()[:-1]
    return out


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, allow_nan=True).encode()


def _first(data: dict, table: str) -> tuple[str, dict]:
    rid = next(iter(data[table]))
    return rid, data[table][rid]


def _shape_variants(real: bytes) -> dict[str, bytes]:
    data = json.loads(real)
    out: dict[str, bytes] = {}

    def variant(name: str, change: Callable[[dict], Any]) -> None:
        d = copy.deepcopy(data)
        result = change(d)
        out[name] = _json(d if result is None else result)

    for name, value in [("a_list", []), ("a_string", "gridbook"), ("a_number", 1), ("null", None),
                        ("true", True), ("empty_object", {}), ("list_of_books", [data])]:
        out[f"json_{name}"] = _json(value)
    variant("meta_is_a_list", lambda d: d.__setitem__("_meta", []))
    variant("meta_book_is_a_list", lambda d: d["_meta"].__setitem__("book", []))
    variant("no_meta", lambda d: d.pop("_meta"))
    variant("no_format", lambda d: d["_meta"]["book"].pop("format"))
    variant("other_format", lambda d: d["_meta"]["book"].__setitem__("format", "tinydb"))
    variant("no_schema", lambda d: d["_meta"]["book"].pop("schema"))
    variant("schema_is_a_string", lambda d: d["_meta"]["book"].__setitem__("schema", "1"))
    variant("schema_zero", lambda d: d["_meta"]["book"].__setitem__("schema", 0))
    variant("schema_is_true", lambda d: d["_meta"]["book"].__setitem__("schema", True))
    variant("newer_schema", lambda d: d["_meta"]["book"].__setitem__("schema", 99))
    variant("clock_is_a_string", lambda d: d["_meta"]["book"].__setitem__("clock", "x"))
    variant("clock_is_a_float", lambda d: d["_meta"]["book"].__setitem__("clock", 1.5))
    variant("clock_negative", lambda d: d["_meta"]["book"].__setitem__("clock", -5))
    variant("clock_far_future", lambda d: d["_meta"]["book"].__setitem__("clock", 2**62))
    variant("worker_is_a_number", lambda d: d["_meta"]["book"].__setitem__("worker", 7))
    variant("kind_unknown", lambda d: d["_meta"]["book"].__setitem__("kind", "martian"))
    variant("table_is_a_list", lambda d: d.__setitem__("log", []))
    variant("unknown_table", lambda d: d.__setitem__("zzz", {"a": {"fields": {}, "vv": {}}}))
    variant("record_is_a_list", lambda d: d["households"].__setitem__("bad", []))
    variant("record_is_a_string", lambda d: d["households"].__setitem__("bad", "x"))
    variant("record_without_vv", lambda d: _first(d, "households")[1].pop("vv"))
    variant("record_without_fields", lambda d: _first(d, "households")[1].pop("fields"))
    variant("fields_is_a_list", lambda d: _first(d, "households")[1].__setitem__("fields", []))
    variant("field_entries_empty", lambda d: _first(d, "households")[1]["fields"].__setitem__("room", []))
    variant("entry_too_short", lambda d: _first(d, "households")[1]["fields"].__setitem__("room", [["5"]]))
    variant("entry_stamp_is_a_string", lambda d: _first(d, "households")[1]["fields"]["room"][0].__setitem__(1, "7"))
    variant("entry_stamp_is_a_float", lambda d: _first(d, "households")[1]["fields"]["room"][0].__setitem__(1, 7.5))
    variant("entry_stamp_is_huge", lambda d: _first(d, "households")[1]["fields"]["room"][0].__setitem__(1, 2**63 - 1))
    variant("entry_stamp_negative", lambda d: _first(d, "households")[1]["fields"]["room"][0].__setitem__(1, -1))
    variant("vv_stamp_is_a_string", lambda d: _first(d, "households")[1]["vv"].__setitem__("r", "1"))
    variant("vv_is_a_list", lambda d: _first(d, "households")[1].__setitem__("vv", []))
    variant("missing_required_field", lambda d: _first(d, "households")[1]["fields"].pop("building"))
    variant("people_is_a_string", lambda d: _first(d, "households")[1]["fields"]["people"][0].__setitem__(0, "李明"))
    variant("person_is_a_number", lambda d: _first(d, "households")[1]["fields"]["people"][0].__setitem__(0, [5]))
    variant("status_unknown", lambda d: _first(d, "households")[1]["fields"]["status"][0].__setitem__(0, "zombie"))
    variant("date_is_a_number", lambda d: _first(d, "quarantines")[1]["fields"]["start"][0].__setitem__(0, 20220310))
    variant("date_is_nonsense", lambda d: _first(d, "quarantines")[1]["fields"]["end"][0].__setitem__(0, "2022-02-30"))
    variant("end_before_start", lambda d: _first(d, "quarantines")[1]["fields"]["end"][0].__setitem__(0, "2000-01-01"))
    variant("time_is_nonsense", lambda d: _first(d, "log")[1]["fields"]["at"][0].__setitem__(0, "25:99"))
    variant("log_category_unknown", lambda d: _first(d, "log")[1]["fields"]["category"][0].__setitem__(0, "party"))
    variant("household_reference_dangling", lambda d: _first(d, "quarantines")[1]["fields"]["household"][0].__setitem__(0, "nobody"))
    variant("all_households_deleted", lambda d: [r["fields"].__setitem__("_deleted", [[True, 1, "r", "w"]]) for r in d["households"].values()] and None)
    variant("record_id_empty", lambda d: d["households"].__setitem__("", _first(d, "households")[1]))
    variant("record_id_very_long", lambda d: d["households"].__setitem__("x" * 5000, _first(d, "households")[1]))
    variant("same_id_in_two_tables", lambda d: d["log"].__setitem__(_first(d, "households")[0], _first(d, "households")[1]))
    variant("nan_stamp", lambda d: _first(d, "log")[1]["fields"]["text"][0].__setitem__(1, float("nan")))
    variant("infinite_money", lambda d: d.setdefault("errands", {}).__setitem__("e", {"fields": {"advanced": [[float("inf"), 1, "r", "w"]]}, "vv": {"r": 1}}))
    variant("huge_text", lambda d: _first(d, "log")[1]["fields"]["text"][0].__setitem__(0, "长" * 3_000_000))
    variant("huge_key", lambda d: _first(d, "log")[1]["fields"].__setitem__("k" * 1_000_000, [[1, 1, "r", "w"]]))
    variant("many_conflicting_values", lambda d: _first(d, "log")[1]["fields"].__setitem__("text", [[f"v{i}", i + 1, f"r{i}", "w"] for i in range(5000)]))
    variant("deep_nesting_in_a_value", lambda d: _first(d, "log")[1]["fields"]["text"][0].__setitem__(0, _nested(400)))
    variant("deep_nesting_in_meta", lambda d: d["_meta"]["book"].__setitem__("extra", _nested(400)))
    variant("control_characters", lambda d: _first(d, "log")[1]["fields"]["text"][0].__setitem__(0, "\x00\x1b[2J\x07\u202e"))
    out["deep_nesting_whole_file"] = b"[" * 100_000 + b"]" * 100_000
    out["nan_literal"] = real.replace(b'"clock":', b'"clock":NaN,"x":', 1)
    out["infinity_literal"] = real.replace(b'"clock":', b'"clock":Infinity,"x":', 1)
    out["number_too_big"] = real.replace(b'"clock":', b'"clock":1' + b"0" * 400 + b',"x":', 1)
    out["lone_surrogate"] = real.replace(b'"clock":', b'"clock":0,"x":"\\ud800","y":', 1)
    rid = next(iter(data["households"]))
    record = json.dumps(data["households"][rid], ensure_ascii=False)
    out["duplicate_record_ids"] = real.replace(
        f'"{rid}":'.encode(), f'"{rid}":{record},"{rid}":'.encode(), 1)
    out["duplicate_tables"] = real[:-2] + b',"households":{}}\n'
    out["trailing_garbage"] = real + b"garbage"
    out["two_books_concatenated"] = real + real
    out["utf8_bom"] = b"\xef\xbb\xbf" + real
    out["gbk_encoded"] = real.decode("utf-8").encode("gbk", errors="replace")
    out["utf16_encoded"] = real.decode("utf-8").encode("utf-16")
    out["latin1_mojibake"] = real.decode("utf-8").encode("utf-8").decode("latin-1").encode("utf-8")
    out["crlf_and_indent"] = json.dumps(data, ensure_ascii=False, indent=2).replace("\n", "\r\n").encode()
    out["whitespace_only"] = b" \n\t\r\n"
    out["nul_bytes"] = b"\0" * 4096
    out["empty"] = b""
    return out


def _nested(depth: int) -> Any:
    value: Any = "bottom"
    for _ in range(depth):
        value = [value]
    return value


def corpus(real: bytes, seed: int = 0) -> dict[str, bytes]:
    """Every hand-written broken book, by name, made from the bytes of a real book."""
    rng = random.Random(seed)
    out = _shape_variants(real) | _truncations(real)
    for i, size in enumerate((1, 7, 100, 4096, 100_000)):
        out[f"random_bytes_{size}"] = rng.randbytes(size)
        out[f"random_printable_{size}_{i}"] = bytes(rng.choice(b'{}[]":,0123456789abcdeftrunl ')
                                                    for _ in range(size))
    return out


SPECIAL_PLACES = ("symlink_to_other_file", "symlink_to_valid_book", "dangling_symlink",
                  "symlink_to_folder", "a_folder", "a_fifo", "dev_zero", "oversized_sparse")


def place_special(kind: str, path: Path, real: bytes) -> None:
    """Put something that is not an ordinary book at `path`."""
    other = path.with_name(path.name + ".target")
    if kind == "symlink_to_other_file":
        other.write_bytes(b"root:x:0:0:root:/root:/bin/bash\n")
        path.symlink_to(other)
    elif kind == "symlink_to_valid_book":
        other.write_bytes(real)
        path.symlink_to(other)
    elif kind == "dangling_symlink":
        path.symlink_to(path.with_name("nowhere.json"))
    elif kind == "symlink_to_folder":
        other.mkdir()
        path.symlink_to(other)
    elif kind == "a_folder":
        path.mkdir()
    elif kind == "a_fifo":
        os.mkfifo(path)
    elif kind == "dev_zero":
        path.symlink_to("/dev/zero")
    elif kind == "oversized_sparse":
        with open(path, "wb") as handle:
            handle.truncate(600 * 2**20)
    else:
        raise ValueError(kind)


# random mutations of a real book ---------------------------------------------------------------
_ODD_VALUES: list[Any] = [None, True, False, 0, -1, 2**53, 1.5, "", "张", "x" * 300, [], {},
                          [[]], {"a": 1}, "2022-02-30", "99:99", [None, 1, "r", "w"]]


def _paths(value: Any, prefix: tuple = ()) -> Iterator[tuple]:
    yield prefix
    if isinstance(value, dict):
        for key, sub in value.items():
            yield from _paths(sub, prefix + (key,))
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            yield from _paths(sub, prefix + (i,))


def _structural(data: dict, rng: random.Random) -> None:
    paths = [p for p in _paths(data) if p]
    where = rng.choice(paths)
    parent: Any = data
    for key in where[:-1]:
        parent = parent[key]
    last = where[-1]
    action = rng.choice(["replace", "delete", "duplicate", "wrap", "retype"])
    if action == "replace":
        parent[last] = copy.deepcopy(rng.choice(_ODD_VALUES))
    elif action == "delete":
        del parent[last]
    elif action == "duplicate" and isinstance(parent, dict):
        parent[f"{last}~{rng.randrange(99)}"] = copy.deepcopy(parent[last])
    elif action == "wrap":
        parent[last] = [parent[last]]
    else:
        value = parent[last]
        parent[last] = (str(value) if not isinstance(value, str)
                        else (int(value) if value.isdigit() else len(value)))


def _bytewise(blob: bytes, rng: random.Random) -> bytes:
    data = bytearray(blob)
    for _ in range(rng.randint(1, 4)):
        if not data:
            break
        at = rng.randrange(len(data))
        action = rng.choice(["flip", "delete", "insert", "cut"])
        if action == "flip":
            data[at] ^= 1 << rng.randrange(8)
        elif action == "delete":
            del data[at:at + rng.randint(1, 16)]
        elif action == "insert":
            data[at:at] = rng.choice([b"{", b"}", b'"', b",", b"\\", b"\xff", b"\xe5",
                                      rng.randbytes(3)])
        else:
            del data[at:]
    return bytes(data)


def mutate(real: bytes, rng: random.Random) -> bytes:
    """One random mutation of a real book: of its JSON structure, of its bytes, or both."""
    kind = rng.random()
    if kind < 0.55:
        data = json.loads(real)
        for _ in range(rng.randint(1, 3)):
            try:
                _structural(data, rng)
            except (KeyError, IndexError, TypeError):
                pass
        blob = _json(data)
        return _bytewise(blob, rng) if rng.random() < 0.2 else blob
    return _bytewise(real, rng)


# the check -------------------------------------------------------------------------------------
def _fingerprint(path: Path) -> tuple:
    """What must not change: the bytes (or link target) and the mode of whatever is there."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return ("missing",)
    if stat.S_ISLNK(st.st_mode):
        target = path.resolve()
        inner = _fingerprint(target) if target.exists() and target.is_file() else ()
        return ("link", os.readlink(path), inner)
    if stat.S_ISREG(st.st_mode):
        if st.st_size > 64 * 2**20:
            return ("big", st.st_size, st.st_mtime_ns)
        return ("file", hashlib.sha256(path.read_bytes()).hexdigest(), stat.S_IMODE(st.st_mode))
    return ("other", stat.S_IFMT(st.st_mode))


def _plain(sentence: str) -> str | None:
    """None when `sentence` is one plain sentence; else what is wrong with it."""
    text = sentence.strip()
    if not text:
        return "an empty message"
    if "Traceback" in text or 'File "' in text:
        return "a traceback"
    if len(text.splitlines()) > 3:
        return "more than a sentence"
    return None


def _run_cli(argv: list[str]) -> tuple[int, str, str]:
    from tui.cli import main

    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding="utf-8")  # commands may write bytes to .buffer
    err = io.TextIOWrapper(err_bytes, encoding="utf-8")
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as leaving:  # argparse
            code = leaving.code if isinstance(leaving.code, int) else 2
    out.flush()
    err.flush()
    return (code, out_bytes.getvalue().decode("utf-8", "replace"),
            err_bytes.getvalue().decode("utf-8", "replace"))


def _touch_book(book: Any) -> None:
    """What the TUI does first with an open book: every list, today's view, conflicts."""
    from store import views
    from store.book.models import MODELS, Household

    for model in MODELS.values():
        book.all(model)
    book.conflicts()
    book.worker()
    day = date(2022, 3, 12)
    views.today(book, day, datetime(2022, 3, 12, 10, 0))
    views.sorted_households(book, day) if _takes(views.sorted_households, 2) else None
    for household in book.all(Household)[:5]:
        book.items_of(household.id)
        book.current_quarantine(household.id)
    book.log_on(day)
    for notice in book.notices:
        problem = _plain(notice.sentence())
        if problem:
            raise AssertionError(f"notice is {problem}")


def _takes(function: Callable, count: int) -> bool:
    import inspect

    try:
        return len(inspect.signature(function).parameters) >= count
    except (TypeError, ValueError):
        return False


COMMANDS = ("check", "merge", "report", "slice", "purge")


def try_everything(path: Path, scratch: Path, commands: tuple[str, ...] = COMMANDS) -> list[str]:
    """Meet the file at `path` as every entry point would; the problems seen (none is good)."""
    from store.book.book import Book
    from store.book.models import LogEntry
    from store.errors import BookError

    problems: list[str] = []
    opened = False
    before = _fingerprint(path)
    siblings = set(os.listdir(path.parent))
    for readonly in (True, False):
        try:
            book = Book.open(path, readonly=readonly)
        except BookError as error:
            if problem := _plain(error.sentence()):
                problems.append(f"open(readonly={readonly}): {problem}")
            continue
        except Exception as error:  # noqa: BLE001
            problems.append(f"open(readonly={readonly}) raised {type(error).__name__}: {error}"[:300])
            continue
        opened = True
        try:
            _touch_book(book)
        except BookError:
            pass
        except Exception as error:  # noqa: BLE001
            problems.append(f"reading the open book raised {type(error).__name__}: {error}"[:300])
    # an edit on a copy of a book that opens: saved, or a sentence
    if opened and not problems and os.path.isfile(path) and not os.path.islink(path):
        work = scratch / "edit-copy" / "book.json"
        work.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, work)
        try:
            book = Book.open(work)
            from store import actions

            actions.add_log(book, "一条新日志 a new entry")
            again = Book.open(work)
            if "一条新日志 a new entry" not in {e.text for e in again.all(LogEntry)}:
                problems.append("an edit on the opened book was not saved")
        except BookError as error:
            if problem := _plain(error.sentence()):
                problems.append(f"edit: {problem}")
        except Exception as error:  # noqa: BLE001
            problems.append(f"edit raised {type(error).__name__}: {error}"[:300])
        finally:
            shutil.rmtree(work.parent, ignore_errors=True)
    for command in commands:
        if command in ("merge", "slice"):
            out = scratch / "merged" / "community.json"
            out.parent.mkdir(parents=True, exist_ok=True)
            argv = (["--lang", "en", "merge", str(path), "-o", str(out)] if command == "merge"
                    else ["--lang", "en", "slice", str(path), "--worker", "w01", "-o", str(out)])
        elif command == "purge":
            argv = ["--lang", "en", "purge", str(path), "--dry-run"]
        else:
            argv = ["--lang", "en", command, str(path)]
        try:
            code, stdout, stderr = _run_cli(argv)
        except Exception as error:  # noqa: BLE001 - main() itself let it through
            problems.append(f"{command} raised {type(error).__name__}: {error}"[:300])
            continue
        if code == 3:
            problems.append(f"{command}: unexpected exception (exit 3): {stderr.strip()[:200]}")
        elif code != 0 and (problem := _plain(stderr)):
            problems.append(f"{command} exit {code}: {problem}: {stderr[:200]}")
        if "Traceback" in stdout + stderr:
            problems.append(f"{command}: traceback printed")
        if command in ("merge", "slice"):
            shutil.rmtree(scratch / "merged", ignore_errors=True)
    if _fingerprint(path) != before:
        problems.append("the file changed")
    if set(os.listdir(path.parent)) - siblings:
        problems.append(f"new files beside it: {sorted(set(os.listdir(path.parent)) - siblings)}")
    return problems


def fresh_scratch() -> Path:
    return Path(tempfile.mkdtemp(prefix="gridbook-bad-"))
