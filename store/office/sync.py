"""Books between laptops and the office, encrypted: `key new`, `sync` and `collect`.

Everything that travels is in the age format (pyrage) to X25519 public keys, so a lost
stick or a copy on a shared server reveals nothing, no passphrase is stretched on an old
laptop, and the standard `age -d -i KEY FILE` recovers any file by hand (the plaintext is
an ordinary gridbook book, which `gridbook merge` reads).

On the stick (or in the office's inbox folder):
- `gridbook-<worker>-<YYYYMMDDTHHMMSS>-<random>.book.age`: a worker's book, encrypted for
  the office and for the worker's own key. A new name every time, so several workers and
  rounds share one stick; the sync removes its own older copies that the new one covers.
- `gridbook-<worker>.slice.age`: the office's latest slice for that worker (only for the
  worker's key), at a name the worker can open without listing the folder (a shared
  inbox lets workers write, not list).
Each file is written as a dot-named temp file and renamed when whole; a file cut short
(a stick pulled out, a copy broken off) fails age's authentication and is refused with a
sentence, never read as a shorter book. Only the names above are ever read.

The worker's key pair lives beside the book (`BOOK.agekey`, 0600), made on first use; the
office's public key is remembered beside it too (`BOOK.sync`), since the book's own
`_meta` is rebuilt by every merge. A book sent to the office carries the worker's public
key in its `_meta` (`sync_key`); the office keeps the first key it sees for each worker
(`KEYFILE.workers`) and writes no slice to a key that changed until told to accept it, so
a planted file cannot redirect a worker's households to a stranger's key.

This module does no printing; it returns what happened for the commands to say.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import stat
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from store.book.atomic import PRIVATE_FILE, atomic_write, fsync_dir
from store.book.fileformat import META_ID, META_TABLE, Data, dumps, meta_of, parse
from store.book.migrations import migrate
from store.errors import BookError
from store.office.merge import MergeInput, MergeSummary

KEY_SUFFIX = ".agekey"
STATE_SUFFIX = ".sync"
KNOWN_SUFFIX = ".workers"
BOOK_SUFFIX = ".book.age"
SLICE_SUFFIX = ".slice.age"
MAX_EXCHANGE_BYTES = 512 * 1024 * 1024
_BOOK_NAME = re.compile(r"^gridbook-(?P<tag>[A-Za-z0-9_]+)-(?P<stamp>\d{8}T\d{6})-(?P<rand>[0-9a-f]{6})\.book\.age$")
_SAFE_TAG = re.compile(r"^[A-Za-z0-9_]{1,40}$")
SHARED_BOOK_MODE = 0o640  # in a setgid inbox: the office's group reads, no one else
SHARED_SLICE_MODE = 0o644  # the one worker it is for reads it (others get only ciphertext)


# keys ----------------------------------------------------------------------------------
def _key_text(identity: Any) -> str:
    public = str(identity.to_public())
    created = datetime.now(UTC).replace(microsecond=0).isoformat()
    return f"# created: {created}\n# public key: {public}\n{identity}\n"


def new_key_file(path: Path) -> str:
    """Make a key pair: the private key in `path` (0600, never replacing a file), in the
    layout of age-keygen so `age -i` reads it; returns the public key."""
    from pyrage import x25519

    if path.exists() or path.is_symlink():
        raise BookError("key_exists", path=path)
    if not path.parent.is_dir():
        raise BookError("not_found", path=path.parent)
    identity = x25519.Identity.generate()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        raise BookError("key_exists", path=path) from None
    except OSError as error:
        from store.errors import os_error_reason

        raise BookError("write_failed_plain", path=path, reason=os_error_reason(error)) from None
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            if hasattr(os, "fchmod"):  # POSIX (Windows keeps files in the user's profile)
                os.fchmod(handle.fileno(), PRIVATE_FILE)  # whatever the umask
            handle.write(_key_text(identity))
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        path.unlink(missing_ok=True)
        from store.errors import os_error_reason

        raise BookError("write_failed_plain", path=path, reason=os_error_reason(error)) from None
    fsync_dir(path.parent)
    return str(identity.to_public())


def load_identity(path: Path) -> Any:
    """The private key in `path` (age-keygen's layout); BookError when it is missing, open
    to other users, or not a key."""
    from pyrage import IdentityError, x25519

    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
        if not path.is_file():
            raise BookError("key_bad_file", path=path)
        if mode & 0o077 and os.name == "posix":
            raise BookError("key_open", path=path)
        text = path.read_bytes()[:64 * 1024].decode("ascii", errors="replace")
    except FileNotFoundError:
        raise BookError("not_found", path=path) from None
    except OSError:
        raise BookError("unreadable", path=path) from None
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("AGE-SECRET-KEY-"):
            try:
                return x25519.Identity.from_str(line)
            except IdentityError:
                break
    raise BookError("key_bad_file", path=path)


def parse_recipient(text: str) -> Any:
    """A public key (age1...); BookError when it is not one."""
    from pyrage import RecipientError, x25519

    try:
        return x25519.Recipient.from_str(text.strip())
    except (RecipientError, ValueError):
        raise BookError("key_bad_public", key=text[:80]) from None


def own_identity(book: Path) -> tuple[Any, bool]:
    """The worker's key pair beside the book, made (0600) on first use; (key, made now)."""
    key_path = book.with_name(book.name + KEY_SUFFIX)
    if key_path.exists() or key_path.is_symlink():
        return load_identity(key_path), False
    new_key_file(key_path)
    return load_identity(key_path), True


# files on the stick ----------------------------------------------------------------------
def worker_tag(worker: str) -> str:
    """The worker's part of a file name: the id when it is plain ASCII, else a digest."""
    if _SAFE_TAG.match(worker):
        return worker
    return "w" + hashlib.blake2b(worker.encode(), digest_size=6).hexdigest()


def book_file_name(worker: str, now: datetime | None = None) -> str:
    now = now or datetime.now()
    return (f"gridbook-{worker_tag(worker)}-{now.strftime('%Y%m%dT%H%M%S')}"
            f"-{secrets.token_hex(3)}{BOOK_SUFFIX}")


def slice_file_name(worker: str) -> str:
    return f"gridbook-{worker_tag(worker)}{SLICE_SUFFIX}"


def _shared(folder: Path) -> bool:
    """Whether `folder` is a setgid inbox (the shared-server set-up in the README)."""
    try:
        return bool(os.stat(folder).st_mode & stat.S_ISGID)
    except OSError:
        return False


def write_exchange_file(folder: Path, name: str, blob: bytes, shared_mode: int) -> Path:
    """Write `blob` to folder/name whole or not at all (a dot-named temp, then a rename).

    Not `atomic_write`: that opens the folder to make the rename durable, which a shared
    inbox (write and enter, not read) refuses; here the folder is synced when it can be.
    """
    import tempfile

    target = folder / name
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                if _shared(folder) and hasattr(os, "fchmod"):
                    os.fchmod(handle.fileno(), shared_mode)
                handle.write(blob)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, target)
        except BaseException:
            try:
                os.unlink(temp)
            except OSError:
                pass
            raise
    except OSError as error:
        from store.errors import os_error_reason

        raise BookError("sync_write_failed", path=target,
                        reason=os_error_reason(error)) from None
    try:
        fsync_dir(folder)
    except OSError:
        pass  # a folder we may not read (the inbox), or one that cannot be synced (FAT)
    return target


def read_encrypted(path: Path, identities: Sequence[Any]) -> bytes:
    """Decrypt one file from the stick; BookError (one sentence) when it is cut short,
    damaged, or not for these keys."""
    import pyrage

    try:
        if path.stat().st_size > MAX_EXCHANGE_BYTES:
            raise BookError("too_large", path=path, size=path.stat().st_size)
        blob = path.read_bytes()
    except OSError:
        raise BookError("unreadable", path=path) from None
    if not blob.startswith(b"age-encryption.org/v1\n"):
        raise BookError("exchange_truncated", path=path)
    try:
        return bytes(pyrage.decrypt(blob, list(identities)))
    except pyrage.DecryptError as error:
        if "no matching keys" in str(error).lower():
            raise BookError("exchange_not_for_me", path=path) from None
        raise BookError("exchange_truncated", path=path) from None


def _book_of(blob: bytes, path: Path) -> Data:
    """The book inside a decrypted file, lifted to the current schema."""
    from store.book.fileformat import SCHEMA_VERSION

    try:
        data = parse(blob, path)
    except BookError as error:
        raise BookError("exchange_not_book", path=path, reason=error) from None
    if meta_of(data)["schema"] < SCHEMA_VERSION:
        data = migrate(data)
    return data


def _encrypt(blob: bytes, recipients: Sequence[Any]) -> bytes:
    import pyrage

    return bytes(pyrage.encrypt(blob, list(recipients)))


# the worker's side ---------------------------------------------------------------------------
@dataclass
class SyncOutcome:
    """What `sync` did: the file it wrote, the slice it took in, what it refused."""

    worker: str
    written: Path | None = None
    slice_path: Path | None = None
    slice_summary: MergeSummary | None = None
    slice_changed: bool = False
    removed: list[Path] = field(default_factory=list)
    problems: list[BookError] = field(default_factory=list)
    key_made: bool = False
    office_key_saved: bool = False


def _read_state(book: Path) -> dict[str, Any]:
    try:
        state = json.loads(book.with_name(book.name + STATE_SUFFIX).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def _write_state(book: Path, state: dict[str, Any]) -> None:
    atomic_write(book.with_name(book.name + STATE_SUFFIX),
                 json.dumps(state, sort_keys=True).encode())


def sync(book: Path, folder: Path, *, office_key: str | None = None,
         now: datetime | None = None) -> SyncOutcome:
    """The worker's side: take in the office's slice for this worker (if one is in
    `folder`), then leave the book there encrypted for the office."""
    from store.office.merge_files import merge_files, read_book_file

    if not folder.is_dir():
        raise BookError("sync_not_dir", path=folder)
    if not book.exists():
        raise BookError("sync_no_book", path=book)
    data = read_book_file(book)
    meta = meta_of(data)
    worker = str(meta.get("worker", ""))
    if meta.get("kind") != "worker" or not worker:
        raise BookError("sync_not_worker", path=book)
    state = _read_state(book)
    office_text = office_key or state.get("office_key")
    if not isinstance(office_text, str) or not office_text:
        raise BookError("sync_no_office_key")
    office = parse_recipient(office_text)
    identity, made = own_identity(book)
    outcome = SyncOutcome(worker, key_made=made)
    public = str(identity.to_public())

    slice_path = folder / slice_file_name(worker)
    if slice_path.is_file() and not slice_path.is_symlink():  # a planted link is not read
        try:
            part = _book_of(read_encrypted(slice_path, [identity]), slice_path)
            other = str(meta_of(part).get("worker", ""))
            if other != worker:
                raise BookError("exchange_wrong_worker", path=slice_path, other=other,
                                worker=worker)
            merged = merge_files([], book, more=[MergeInput(part, str(slice_path), worker)])
            outcome.slice_path = slice_path
            outcome.slice_summary = merged.result.summary
            outcome.slice_changed = merged.out_changed
            data = merged.result.data
        except BookError as error:
            outcome.problems.append(error)
        except OSError as error:  # the book's folder or lock file is not ours to write
            from store.errors import os_error_reason

            outcome.problems.append(BookError("write_failed_plain", path=book,
                                              reason=os_error_reason(error)))

    payload = {name: table for name, table in data.items() if name != META_TABLE}
    payload[META_TABLE] = {META_ID: meta_of(data) | {"sync_key": public,
                                                     "sync_at": time.time_ns()}}
    outcome.written = write_exchange_file(
        folder, book_file_name(worker, now), _encrypt(dumps(payload), [office, identity.to_public()]),
        SHARED_BOOK_MODE)
    outcome.removed = _remove_covered(folder, worker, outcome.written, identity, data)
    if state.get("office_key") != office_text.strip():
        _write_state(book, state | {"office_key": office_text.strip()})
        outcome.office_key_saved = True
    return outcome


def _remove_covered(folder: Path, worker: str, keep: Path, identity: Any,
                    data: Data) -> list[Path]:
    """Delete this worker's older book files in `folder` that `data` covers (whatever they
    held is in the new one); a folder that may not be listed (a shared inbox) keeps them."""
    from store.office.merge import is_covered

    removed: list[Path] = []
    for path in _book_files(folder):
        match = _BOOK_NAME.match(path.name)
        if path == keep or match is None or match["tag"] != worker_tag(worker):
            continue
        try:
            old = _book_of(read_encrypted(path, [identity]), path)
        except BookError as error:
            if error.key == "exchange_truncated":  # ours by name, and nobody can read it
                try:
                    path.unlink()
                    removed.append(path)
                except OSError:
                    pass
            continue  # another key's: not ours to judge
        if meta_of(old).get("worker") != worker:
            continue
        tables = {name: table for name, table in old.items() if name != META_TABLE}
        if is_covered(tables, data):
            try:
                path.unlink()
                removed.append(path)
            except OSError:
                pass
    return removed


def _book_files(folder: Path) -> list[Path]:
    """The book files in `folder`, by name; none when it may not be listed."""
    try:
        names = sorted(entry.name for entry in os.scandir(folder)
                       if entry.is_file(follow_symlinks=False))
    except OSError:
        return []
    return [folder / name for name in names if _BOOK_NAME.match(name)]


# the office's side ---------------------------------------------------------------------------
@dataclass
class Handed:
    """One worker's book as the office found it."""

    worker: str
    path: Path
    key: str
    households: frozenset[str] = frozenset()  # the households the book holds
    clock: tuple[int, int] = (0, 0)  # (book clock, sync time): the newest copy's key counts


@dataclass
class CollectOutcome:
    """What `collect` did: who handed in, who did not, the merge, the slices written."""

    handed: list[Handed] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    summary: MergeSummary | None = None
    out_changed: bool = False
    slices: dict[str, list[Path]] = field(default_factory=dict)
    key_changed: list[str] = field(default_factory=list)
    no_key: list[str] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    problems: list[BookError] = field(default_factory=list)
    data: Data = field(default_factory=dict)


def _read_known(path: Path) -> dict[str, str]:
    try:
        known = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        raise BookError("key_bad_file", path=path) from None
    if not isinstance(known, dict) or not all(isinstance(v, str) for v in known.values()):
        raise BookError("key_bad_file", path=path)
    return known


def _found_books(folders: Sequence[Path], identity: Any,
                 outcome: CollectOutcome) -> Iterator[MergeInput]:
    """Every worker book in `folders`, decrypted in memory; refused files go to problems."""
    for folder in folders:
        for path in _book_files(folder):
            try:
                data = _book_of(read_encrypted(path, [identity]), path)
            except BookError as error:
                outcome.problems.append(error)
                continue
            meta = meta_of(data)
            worker = meta.get("worker")
            if meta.get("kind") != "worker" or not isinstance(worker, str) or not worker:
                outcome.problems.append(BookError("sync_not_worker", path=path))
                continue
            key = meta.get("sync_key")
            outcome.handed.append(Handed(worker, path, key if isinstance(key, str) else "",
                                         frozenset(data.get("households", {})),
                                         _clock_of(meta)))
            yield MergeInput(data, str(path), worker)


def collect(folders: Sequence[Path], community: Path, key_file: Path, *,
            accept_keys: Sequence[str] = (), now_ms: int | None = None) -> CollectOutcome:
    """The office's side: merge every worker book found in `folders` into `community`,
    then leave in each folder, for each worker, their slice encrypted for them alone."""
    from store.office.merge_files import merge_files, read_book_file
    from store.office.slice import slices_for

    for folder in folders:
        if not folder.is_dir():
            raise BookError("sync_not_dir", path=folder)
    identity = load_identity(key_file)
    known_path = key_file.with_name(key_file.name + KNOWN_SUFFIX)
    known = _read_known(known_path)
    outcome = CollectOutcome()
    books = _found_books(folders, identity, outcome)
    first = next(books, None)
    if first is not None:
        try:
            merged = merge_files([], community, now_ms=now_ms,
                                 more=_chain_first(first, books))
        except OSError as error:  # the community file's folder or lock is not writable
            from store.errors import os_error_reason

            raise BookError("write_failed_plain", path=community,
                            reason=os_error_reason(error)) from None
        outcome.summary = merged.result.summary
        outcome.out_changed = merged.out_changed
        data = merged.result.data
    elif community.exists():
        data = read_book_file(community)
    else:
        raise BookError("no_books")
    outcome.data = data
    outcome.removed = _remove_merged(outcome.handed)

    # each worker's key: the first one seen is kept; a changed one only when accepted
    keys = dict(known)
    for handed in sorted(outcome.handed, key=lambda h: h.clock):
        if not handed.key:
            continue
        held = keys.get(handed.worker)
        if held is None or handed.worker in accept_keys:
            keys[handed.worker] = handed.key
        elif held != handed.key and handed.worker not in outcome.key_changed:
            outcome.key_changed.append(handed.worker)
    if keys != known:
        try:
            atomic_write(known_path,
                         json.dumps(keys, sort_keys=True, ensure_ascii=False).encode())
        except OSError as error:
            from store.errors import os_error_reason

            raise BookError("write_failed_plain", path=known_path,
                            reason=os_error_reason(error)) from None

    workers = _workers_of(data) | set(keys)
    handed_in = {h.worker for h in outcome.handed}
    outcome.missing = sorted(workers - handed_in)
    where: dict[str, list[Path]] = {}
    for handed in outcome.handed:
        folder = handed.path.parent
        if folder not in where.setdefault(handed.worker, []):
            where[handed.worker].append(folder)
    recipients: dict[str, Any] = {}
    for worker in sorted(workers):
        if worker in outcome.key_changed:
            continue
        if worker not in keys:
            outcome.no_key.append(worker)
            continue
        try:
            recipients[worker] = parse_recipient(keys[worker])
        except BookError as error:
            outcome.problems.append(error)
    held_by: dict[str, set[str]] = {worker: set() for worker in recipients}
    for handed in outcome.handed:
        if handed.worker in held_by:
            held_by[handed.worker] |= handed.households
    for worker, part in slices_for(data, held_by).items():
        blob = _encrypt(dumps(part), [recipients[worker]])
        for folder in where.get(worker) or list(folders[:1]):
            try:  # a full stick: the community file is written; say which shares are not
                outcome.slices.setdefault(worker, []).append(write_exchange_file(
                    folder, slice_file_name(worker), blob, SHARED_SLICE_MODE))
            except BookError as error:
                outcome.problems.append(error)
    return outcome


def _remove_merged(handed: Sequence[Handed]) -> list[Path]:
    """Once the community file holds them, a worker's older books in the folders go (a
    shared inbox, which workers may not list, would otherwise only grow); the newest is
    kept, so the next collect still knows the worker's key and households."""
    newest: dict[str, Handed] = {}
    for each in handed:
        if each.worker not in newest or each.clock >= newest[each.worker].clock:
            newest[each.worker] = each
    removed = []
    for each in handed:
        if each is not newest[each.worker]:
            try:
                each.path.unlink()
                removed.append(each.path)
            except OSError:
                pass
    return removed


def _clock_of(meta: dict[str, Any]) -> tuple[int, int]:
    clock, at = meta.get("clock", 0), meta.get("sync_at", 0)
    return (clock if type(clock) is int else 0, at if type(at) is int else 0)


def _chain_first(first: MergeInput, rest: Iterator[MergeInput]) -> Iterator[MergeInput]:
    yield first
    yield from rest


def _workers_of(data: Data) -> set[str]:
    """The workers a community file knows: its worker records and households' workers."""
    from store.book import crdt
    from store.book.models import Household, Worker

    found = {rid for rid, raw in data.get(Worker.TABLE, {}).items()
             if crdt.is_well_formed(raw) and not crdt.is_deleted(raw)}
    for raw in data.get(Household.TABLE, {}).values():
        if crdt.is_well_formed(raw) and not crdt.is_deleted(raw):
            worker = crdt.current(raw).get("worker")
            if isinstance(worker, str) and worker:
                found.add(worker)
    return found
