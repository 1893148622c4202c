"""Kill real writer processes with SIGKILL at random moments, then prove nothing acknowledged is lost.

Run as a script (no threads in this process, so forking is safe): each round forks one or
two writer processes on the same book (two sessions of the same worker), lets them add log
entries, and kills them all with SIGKILL after a random delay. A writer acknowledges an
entry (one line in an append-only file) only after `actions.add_log` has returned, that is
after the book said it was durable. After every round the book must open cleanly and hold
every acknowledged entry; the next round's writers must get the lock a killed one held.

Writers are either forked Python processes using `store.actions` (cheap: hundreds of kills
a minute) or real `gridbook` command lines (`--cli`, e.g. `gridbook log add`), where an
edit counts as acknowledged when the command exited 0. Prints one JSON line of figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from store import actions  # noqa: E402
from store.book.book import Book  # noqa: E402
from store.book.models import LogEntry, Worker  # noqa: E402
from store.errors import BookError  # noqa: E402


def _child_writer(path: Path, tag: str, ack_path: Path) -> None:
    """Forked writer: add entries until killed, acknowledging each after it is durable."""
    code = 0
    try:
        ack = os.open(ack_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        book = Book.open(path)
        for i in range(1_000_000):
            text = f"{tag}:{i}"
            actions.add_log(book, text)
            os.write(ack, (text + "\n").encode())
    except BaseException as error:  # noqa: BLE001 - report, never let the child fall back into the parent's loop
        os.write(2, f"writer {tag} failed: {error!r}\n".encode())
        code = 1
    finally:
        os._exit(code)


def _leftover_temps(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.name.endswith(".tmp")}


def _present(path: Path) -> set[str]:
    book = Book.open(path, readonly=True)
    if book.set_aside:
        raise AssertionError(f"{len(book.set_aside)} records set aside after a kill")
    return {entry.text for entry in book.all(LogEntry)}


def run_forked(path: Path, rounds: int, writers: int, max_delay: float, seed: int,
               stop_on_loss: bool = False, min_acked: int = 0) -> dict:
    """`min_acked`: on a loaded machine a fork takes longer to open the book than the
    delay allows, and the writers ack almost nothing; when acks fall behind the pace that
    reaches `min_acked` by the last round, the delays grow (up to 20 times), so kills keep
    landing before, during and after saves."""
    rng = random.Random(seed)
    stretch = 1.0
    ack_path = path.with_name("acks.txt")
    figures = {"mode": "forked", "rounds": rounds, "kills": 0, "acked": 0, "verifications": 0,
               "lost": 0, "mid_save_kills": 0, "failed_open": 0, "writer_errors": 0}
    lost_examples: list[str] = []
    for round_no in range(rounds):
        before = _leftover_temps(path.parent)
        pids = []
        for w in range(writers):
            pid = os.fork()
            if pid == 0:
                _child_writer(path, f"r{round_no}w{w}", ack_path)
            pids.append(pid)
        time.sleep(rng.uniform(0.0, max_delay * stretch))
        for pid in pids:
            os.kill(pid, signal.SIGKILL)
        for pid in pids:
            _, status = os.waitpid(pid, 0)
            if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
                figures["kills"] += 1
            else:
                figures["writer_errors"] += 1
        figures["mid_save_kills"] += len(_leftover_temps(path.parent) - before)
        acked = set(ack_path.read_text().split()) if ack_path.exists() else set()
        if len(acked) < min_acked * (round_no + 1) / rounds:
            stretch = min(stretch * 1.25, 20.0)
        try:
            present = _present(path)
        except (BookError, AssertionError) as error:
            figures["failed_open"] += 1
            lost_examples.append(f"round {round_no}: {error}")
            if stop_on_loss:
                break
            continue
        missing = acked - present
        figures["lost"] = len(missing)  # cumulative: every acked entry so far is checked
        lost_examples.extend(sorted(missing - set(lost_examples))[:5])
        figures["acked"] = len(acked)
        figures["verifications"] += len(acked)
        if stop_on_loss and missing:
            figures["rounds"] = round_no + 1
            break
    figures["lost_examples"] = lost_examples[:10]
    return figures


def run_cli(path: Path, rounds: int, command: list[str], max_delay: float, seed: int,
            min_acked: int = 0) -> dict:
    """Kill real command lines: `command` holds {text} and {path} placeholders."""
    rng = random.Random(seed)
    figures = {"mode": "cli", "rounds": rounds, "kills": 0, "acked": 0, "verifications": 0,
               "lost": 0, "mid_save_kills": 0, "failed_open": 0, "writer_errors": 0,
               "exit_codes": {}}
    acked: set[str] = set()
    lost_examples: list[str] = []
    # One command run to the end first: a cold machine (no bytecode cache, a busy CI) may
    # take longer to start than max_delay, and kills that all land before the first save
    # would prove nothing. Kill moments then span the command's whole life.
    started = time.monotonic()
    calibration = subprocess.run([part.format(text="calibrate", path=path) for part in command],
                                 capture_output=True, check=False)
    if calibration.returncode == 0:
        acked.add("calibrate")
    max_delay = max(max_delay, 1.3 * (time.monotonic() - started))
    figures["max_delay"] = round(max_delay, 3)
    stretch = 1.0  # as in run_forked: longer delays while acks fall behind `min_acked`
    for round_no in range(rounds):
        before = _leftover_temps(path.parent)
        procs = []
        for w in range(2):
            text = f"c{round_no}w{w}"
            argv = [part.format(text=text, path=path) for part in command]
            procs.append((text, subprocess.Popen(argv, stdout=subprocess.DEVNULL,
                                                 stderr=subprocess.PIPE)))
        time.sleep(rng.uniform(0.0, max_delay * stretch))
        for _, proc in procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
        for text, proc in procs:
            proc.wait()
            stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
            if proc.returncode == -signal.SIGKILL:
                figures["kills"] += 1
            else:
                key = str(proc.returncode)
                figures["exit_codes"][key] = figures["exit_codes"].get(key, 0) + 1
                if proc.returncode == 0:
                    acked.add(text)
                else:
                    figures["writer_errors"] += 1
                    lost_examples.append(f"{text} exit {proc.returncode}: {stderr.strip()[:200]}")
        figures["mid_save_kills"] += len(_leftover_temps(path.parent) - before)
        if len(acked) < min_acked * (round_no + 1) / rounds:
            stretch = min(stretch * 1.25, 4.0)
        try:
            present = _present(path)
        except (BookError, AssertionError) as error:
            figures["failed_open"] += 1
            lost_examples.append(f"round {round_no}: {error}")
            continue
        missing = acked - present
        figures["lost"] = len(missing)
        lost_examples.extend(sorted(missing - set(lost_examples))[:5])
        figures["acked"] = len(acked)
        figures["verifications"] += len(acked)
    figures["lost_examples"] = lost_examples[:10]
    return figures


def sabotage(name: str) -> None:
    """Break a guarantee on purpose (to prove the harness notices): never in real use."""
    import store.book.storage

    if name == "non_atomic":
        def write_in_place(path: Path, blob: bytes) -> None:
            with open(path, "wb") as handle:
                for start in range(0, len(blob), 4096):
                    handle.write(blob[start:start + 4096])
                    handle.flush()
        store.book.storage.atomic_write = write_in_place  # type: ignore[assignment]
    elif name == "no_join":
        store.book.storage.BookStorage._join_disk_if_changed = lambda self: False  # type: ignore[method-assign]
    else:
        raise SystemExit(f"unknown sabotage {name}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--writers", type=int, default=2)
    parser.add_argument("--max-delay", type=float, default=0.04)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--min-acked", type=int, default=0,
                        help="lengthen the delays while acks fall behind this many by the end")
    parser.add_argument("--cli", nargs=argparse.REMAINDER,
                        help="a command line with {text} and {path}, run instead of forking")
    parser.add_argument("--sabotage", choices=("non_atomic", "no_join"),
                        help="break a guarantee on purpose, to show the harness catches it")
    args = parser.parse_args(argv)
    if args.sabotage:
        sabotage(args.sabotage)
    args.folder.mkdir(parents=True, exist_ok=True)
    path = args.folder / "book.json"
    if not path.exists():
        Book.create(path, Worker(id="w01", name="张丽"))
    started = time.monotonic()
    if args.cli:
        figures = run_cli(path, args.rounds, args.cli, args.max_delay, args.seed,
                          min_acked=args.min_acked)
    else:
        figures = run_forked(path, args.rounds, args.writers, args.max_delay, args.seed,
                             stop_on_loss=bool(args.sabotage), min_acked=args.min_acked)
    figures["seconds"] = round(time.monotonic() - started, 1)
    print(json.dumps(figures, ensure_ascii=False))
    return 0 if figures["lost"] == 0 and figures["failed_open"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
