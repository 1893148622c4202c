"""The TinyDB Storage of a book: memory first, atomic durable writes, safe with two sessions.

Reads come from the in-memory copy; `refresh()` re-reads only when the file on disk has
changed (another session or a quick capture wrote it) and joins it in. Every write takes a
sidecar lock (a kernel lock, so a killed process holds nothing), joins whatever another
process wrote since our last look, and replaces the file atomically (`store.book.atomic`). The
join (`store.book.crdt`) is safe to apply any number of times, so neither session loses an edit.
Writes can be deferred inside `batch()` so that one user action is one save. When a save
fails (disk full, permissions), the data stays in memory, marked unsaved, and the next save
tries again.
"""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from store.book.atomic import PRIVATE_FILE, atomic_write
from store.book.fileformat import MAX_BOOK_BYTES, Data, TableCache, join_file, parse
from store.errors import BookError, os_error_reason

LOCK_TIMEOUT_SECONDS = 30.0
Signature = tuple[int, int, int, int]


def file_signature(path: Path) -> Signature | None:
    """What changes when the file is replaced or rewritten: inode, size, mtime, ctime."""
    try:
        st = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def read_book_bytes(path: Path) -> bytes:
    """Read a book's bytes, with plain sentences for the ways that can fail."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise BookError("not_found", path=path) from None
    except OSError:
        raise BookError("unreadable", path=path) from None
    if not stat.S_ISREG(st.st_mode):
        raise BookError("not_a_file", path=path)
    if st.st_size > MAX_BOOK_BYTES:
        raise BookError("too_large", path=path, size=f"{st.st_size // 2**20} MiB")
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        raise BookError("unreadable", path=path) from None


def _device_of(path: Path) -> int | None:
    try:
        return os.stat(path, follow_symlinks=False).st_dev
    except OSError:
        return None


def read_same_book(path: Path, device: int | None) -> bytes:
    """The bytes at `path` when it is still the book a session opened (item 3 of issue 17):
    a regular file, not reached through a symbolic link, on the same device (a save by
    another session replaces the file with a new one in the same folder, so the inode
    changes but the device does not). Read from the descriptor that was checked."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise BookError("not_found", path=path) from None
    except OSError:
        raise BookError("replaced_on_disk", path=path) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or (device is not None and st.st_dev != device):
            raise BookError("replaced_on_disk", path=path)
        if st.st_size > MAX_BOOK_BYTES:
            raise BookError("too_large", path=path, size=f"{st.st_size // 2**20} MiB")
        with os.fdopen(os.dup(fd), "rb") as handle:
            return handle.read()
    except OSError:
        raise BookError("unreadable", path=path) from None
    finally:
        os.close(fd)


def same_book(ours: Data, theirs: Data, path: Path) -> None:
    """BookError unless `theirs` (found on disk) is a copy of the book `ours` is: the same
    kind and worker in `_meta`. Another worker's book is never joined into this one."""
    from store.book.fileformat import meta_of

    mine, found = meta_of(ours), meta_of(theirs)
    if (mine.get("kind"), mine.get("worker")) != (found.get("kind"), found.get("worker")):
        raise BookError("replaced_on_disk", path=path)


def _timeout() -> type[Exception]:
    """filelock's Timeout, imported only when a lock was actually taken."""
    from filelock import Timeout

    return Timeout


def lock_path_for(path: Path) -> Path:
    """The sidecar lock file beside a book."""
    return path.with_name(path.name + ".lock")


class BookStorage:
    """TinyDB storage for one book file, as described in the module docstring.

    It has TinyDB's Storage interface (read, write, close) without subclassing
    `tinydb.storages.Storage`, so that a book only looked at never imports TinyDB.
    """

    def __init__(self, path: Path, data: Data, *, readonly: bool = False,
                 before_save: Callable[[Data], None] | None = None,
                 seen: tuple[Signature | None] | None = None) -> None:
        self.path = path
        self.readonly = readonly
        self._data = data
        self._before_save = before_save
        # the file as it was before `data` was read from it (when given): a save by
        # another session meanwhile shows at our first save, which then joins it in
        self._signature = file_signature(path) if seen is None else seen[0]
        self._deferred = 0
        self.unsaved = False
        self.merged_from_disk = False
        self._mutex = threading.RLock()
        self._file_lock: Any = None
        self._dumps = TableCache()  # tables are replaced, never changed in place
        # set while a writer waits for another process's lock (the app says so); see
        # `waiting_turn`. `_gave_up`: that wait timed out, so the save must not wait again
        # the file this storage opened lives on this device; what is found at the path
        # later is read only if it is a regular file there, not a link (see read_same_book)
        self._device = _device_of(path)
        self._refused: Signature | None = None
        self.waiting_for_lock = False
        self.on_wait: Callable[[], object] | None = None
        self._gave_up = threading.local()

    @property
    def _lock(self) -> Any:
        """The sidecar FileLock, made on first use: a read-only look (`gridbook check`,
        `report`) never pays for importing filelock."""
        if self._file_lock is None:
            from filelock import FileLock

            self._file_lock = FileLock(str(lock_path_for(path=self.path)),
                                       timeout=LOCK_TIMEOUT_SECONDS, mode=PRIVATE_FILE)
        return self._file_lock

    # TinyDB's interface -------------------------------------------------------------
    def read(self) -> Data:
        return self._data

    def write(self, data: Data) -> None:
        with self._mutex:
            self._data = data
            self.unsaved = True
            if not self._deferred:
                self.save()

    def close(self) -> None:
        pass

    # gridbook's ----------------------------------------------------------------------
    @contextmanager
    def waiting_turn(self) -> Iterator[None]:
        """Take the sidecar lock for a whole write BEFORE the book's mutex (item 11 of
        issue 17): while another process holds it, only this writer's thread waits, and
        readers (the UI thread) never wait behind it. `waiting_for_lock` is set (and
        `on_wait` called) while it waits. After LOCK_TIMEOUT_SECONDS the write goes ahead
        without it, and its save fails at once with the usual sentence, the edit kept in
        memory (unsaved)."""
        if self.readonly:
            yield
            return
        if not self.path.parent.exists():
            # the book's folder was deleted while the book was open: make it again 0700
            # before filelock would (with the umask's mode)
            from store.book.atomic import make_private_dir

            try:
                make_private_dir(self.path.parent)
            except OSError:
                pass
        timeout = _timeout()
        lock = self._lock
        try:
            lock.acquire(timeout=0)
        except timeout:
            self.waiting_for_lock = True
            if self.on_wait is not None:
                self.on_wait()
            try:
                lock.acquire(timeout=LOCK_TIMEOUT_SECONDS)
            except timeout:
                self._gave_up.value = True
                try:
                    yield
                finally:
                    self._gave_up.value = False
                return
            except OSError:
                yield  # the folder is gone or unwritable: the save says so
                return
            finally:
                self.waiting_for_lock = False
        except OSError:
            yield
            return
        try:
            yield
        finally:
            lock.release()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Defer saving until the outermost batch ends, then save once."""
        with self._mutex:
            self._deferred += 1
            try:
                yield
            finally:
                self._deferred -= 1
            if not self._deferred and self.unsaved:
                self.save()

    def save(self) -> None:
        """Make the in-memory data durable on disk, joining in what others wrote."""
        with self._mutex:
            if self.readonly:
                return
            try:
                wait = 0 if getattr(self._gave_up, "value", False) else LOCK_TIMEOUT_SECONDS
                with self._lock.acquire(timeout=wait):
                    self._join_disk_if_changed()
                    if self._before_save is not None:
                        self._before_save(self._data)
                    atomic_write(self.path, self._dumps.dumps(self._data))
                    self._signature = file_signature(self.path)
                    self.unsaved = False
            except _timeout():
                raise BookError("locked_timeout", path=self.path) from None
            except OSError as error:
                raise BookError("write_failed", path=self.path,
                                reason=os_error_reason(error)) from None

    def refresh(self) -> bool:
        """Join in the file on disk if it changed since we last saw it; True if it had.

        Never waits for the lock (the caller holds the book's mutex, which the UI reads
        under): when another process holds it, the next look tries again."""
        with self._mutex:
            if file_signature(self.path) in (self._signature, self._refused):
                return False  # unchanged, or refused and already said
            try:
                with self._lock.acquire(timeout=0):
                    return self._join_disk_if_changed()
            except _timeout():
                return False

    def _join_disk_if_changed(self) -> bool:
        signature = file_signature(self.path)
        if signature is None or signature == self._signature:
            return False
        if signature == self._refused:
            raise BookError("replaced_on_disk", path=self.path)
        try:
            blob = read_same_book(self.path, self._device)
            theirs = parse(blob, self.path, packed=True)
            same_book(self._data, theirs, self.path)
        except BookError:
            # another user's book behind a new link, a FIFO, another worker's book
            # copied over ours: never joined in; said once, and every save refuses
            # (the edit stays in memory and is rescued on exit)
            self._refused = signature
            raise
        self._data = join_file(self._data, theirs, blob, self.path)
        self._signature = signature
        self.merged_from_disk = True
        return True


class MemoryBookStorage(BookStorage):
    """The same storage with no file behind it: saving only marks the data as saved."""

    @contextmanager
    def waiting_turn(self) -> Iterator[None]:
        yield

    def save(self) -> None:
        with self._mutex:
            if self._before_save is not None:
                self._before_save(self._data)
            self.unsaved = False

    def refresh(self) -> bool:
        return False
