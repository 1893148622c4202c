"""The shared-server inbox for real: three accounts (the office and two workers) and the
README's set-up (a 3733 folder, setgid to the office's group). A worker syncs into it
without being able to list it, the other worker can neither list it nor read the first
one's file, the office collects, and the worker takes its share back.

Needs root (to act as other users, with setpriv) and a system Python of this version that
those users can run; skipped otherwise.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from store.book.book import Book
from store.book.models import Worker

ROOT = Path(__file__).resolve().parents[2]
OFFICE, ALICE, BOB, OFFICE_GROUP = 61000, 61001, 61002, 61100
SYSTEM_PYTHON = shutil.which(f"python{sys.version_info.major}.{sys.version_info.minor}",
                             path="/usr/bin:/usr/local/bin")

# CI's machine (`.ci/run`) has all three: without them this fails rather than skip, since
# the README's guarantee about a shared inbox rests on it
NEEDS = "this test needs root, setpriv and a system Python (CI's machine has them)"


def as_user(uid: int, groups: tuple[int, ...], *argv: str, home: Path,
            cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {"HOME": str(home), "GRIDBOOK_LANG": "en", "PYTHONDONTWRITEBYTECODE": "1",
           "PATH": "/usr/bin:/bin",
           "PYTHONPATH": f"{ROOT}:{sysconfig.get_paths()['purelib']}"}
    command = ["setpriv", f"--reuid={uid}", f"--regid={uid}",
               f"--groups={','.join(map(str, groups))}", *argv]
    return subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True,
                          check=False)


def gridbook(uid: int, groups: tuple[int, ...], *argv: str, home: Path, cwd: Path) -> str:
    done = as_user(uid, groups, str(SYSTEM_PYTHON), "-m", "tui.cli", *argv, home=home,
                   cwd=cwd)
    log = home / ".local" / "state" / "gridbook" / "error.log"
    assert done.returncode == 0, done.stderr + (log.read_text() if log.exists() else "")
    assert "Traceback" not in done.stderr
    return done.stdout


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder the other accounts can reach (pytest's own is its owner's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="gridbook-inbox-test-"))
    os.chmod(folder, 0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_inbox_between_three_accounts(shared_tmp: Path) -> None:
    assert os.name == "posix" and os.geteuid() == 0 and shutil.which("setpriv") \
        and SYSTEM_PYTHON is not None, NEEDS
    tmp_path = shared_tmp
    probe = as_user(ALICE, (ALICE,), str(SYSTEM_PYTHON), "-c", "import pyrage, orjson",
                    home=tmp_path, cwd=ROOT)
    assert probe.returncode == 0, "the other users cannot run this Python with gridbook's packages"
    os.chmod(tmp_path, 0o755)
    homes = {uid: tmp_path / f"home{uid}" for uid in (OFFICE, ALICE, BOB)}
    for uid, home in homes.items():
        home.mkdir(mode=0o700)
        os.chown(home, uid, uid)
    for uid in (ALICE, BOB):  # each worker's book, made as root and handed over
        path = homes[uid] / "book.json"
        Book.create(path, Worker(id=f"w{uid}", name=f"w{uid}"))
        for each in homes[uid].iterdir():  # the book and its lock file
            os.chown(each, uid, uid)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    os.chown(inbox, OFFICE, OFFICE_GROUP)
    os.chmod(inbox, 0o3733)
    office = (OFFICE, (OFFICE, OFFICE_GROUP))
    key = homes[OFFICE] / "office.key"
    public = gridbook(*office, "key", "new", str(key), home=homes[OFFICE],
                      cwd=tmp_path).strip()
    for uid in (ALICE, BOB):
        gridbook(uid, (uid,), "sync", str(inbox), "--data", str(homes[uid] / "book.json"),
                 "--office-key", public, home=homes[uid], cwd=tmp_path)
    alice_file = next(p for p in inbox.iterdir() if p.name.startswith(f"gridbook-w{ALICE}-"))
    assert (alice_file.stat().st_mode & 0o777, alice_file.stat().st_gid) == (0o640, OFFICE_GROUP)
    # Bob can neither list the inbox nor read Alice's file
    assert as_user(BOB, (BOB,), "ls", str(inbox), home=homes[BOB], cwd=tmp_path).returncode
    assert as_user(BOB, (BOB,), "cat", str(alice_file), home=homes[BOB],
                   cwd=tmp_path).returncode
    out = gridbook(*office, "collect", str(inbox), "-o", str(homes[OFFICE] / "c.json"),
                   "--key", str(key), home=homes[OFFICE], cwd=tmp_path)
    assert f"Handed in (2): w{ALICE}, w{BOB}" in out
    out = gridbook(ALICE, (ALICE,), "sync", str(inbox), "--data",
                   str(homes[ALICE] / "book.json"), home=homes[ALICE], cwd=tmp_path)
    assert "Took in the office's share" in out
