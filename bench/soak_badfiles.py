"""Soak: 10,000 broken books through every entry point; count tracebacks and changed files.

    uv run python -m bench.soak_badfiles              10,000 files
    uv run python -m bench.soak_badfiles --count 500

The hand-written corpus of tests/reliability/badfiles.py (every kind of damage, symlinks,
folders, devices), then random mutations of two real books (a small hand-made one and a
seeded one) until the count is reached. Each file is opened as the worker's TUI opens it
(read-only and not, the first views), edited on a copy when it opens, and given to
`gridbook check`, `merge` and `report` in-process. Prints the figures: files tried, how
many opened, how many were refused with a sentence, and problems (tracebacks, exit code 3,
messages that are not a sentence, files changed); exit status 1 if any problem.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "reliability"))

from badfiles import SPECIAL_PLACES, corpus, mutate, place_special, try_everything  # noqa: E402
from reliability_kit import small_book  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    from store.book.book import Book
    from store.errors import BookError
    from store.lang import set_lang
    from store.seed import seed_book

    set_lang("en")
    rng = random.Random(args.seed)
    started = time.monotonic()
    figures: Counter[str] = Counter()
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="gridbook-soak-bad-") as scratch_name:
        scratch = Path(scratch_name)
        small = small_book(scratch / "real" / "small.json").path.read_bytes()
        seeded_path = scratch / "real" / "seeded.json"
        seed_book(seeded_path, "w02", households=8, days=30, seed=args.seed,
                  today=date(2022, 3, 20))
        seeded = seeded_path.read_bytes()
        work = scratch / "work"

        def attempt(label: str, make) -> None:
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir()
            path = work / "book.json"
            make(path)
            try:
                Book.open(path, readonly=True)
                figures["opened"] += 1
            except BookError:
                figures["refused_with_a_sentence"] += 1
            except Exception:  # noqa: BLE001 - counted by try_everything below
                pass
            found = try_everything(path, scratch / "scratch")
            figures["tried"] += 1
            if found:
                figures["files_with_problems"] += 1
                problems.extend(f"{label}: {p}" for p in found)

        def write(blob: bytes):
            def make(path: Path) -> None:
                path.write_bytes(blob)
                path.chmod(0o600)
            return make

        for name, blob in corpus(small, seed=args.seed).items():
            attempt(name, write(blob))
            figures["corpus"] += 1
        for kind in SPECIAL_PLACES:
            attempt(kind, lambda path, kind=kind: place_special(kind, path, small))
            figures["corpus"] += 1
        while figures["tried"] < args.count:
            seed = rng.getrandbits(32)
            base = small if seed % 2 else seeded
            attempt(f"mutation {seed} of {'small' if seed % 2 else 'seeded'}",
                    write(mutate(base, random.Random(seed))))
            figures["mutations"] += 1
            if figures["tried"] % 1000 == 0:
                print(f"... {figures['tried']} files, {len(problems)} problems", file=sys.stderr)
    tracebacks = sum(1 for p in problems if "exit 3" in p or "raised" in p or "traceback" in p)
    summary = dict(figures) | {
        "problems": len(problems), "tracebacks": tracebacks,
        "files_changed": sum(1 for p in problems if "changed" in p),
        "seconds": round(time.monotonic() - started, 1), "date": time.strftime("%Y-%m-%d"),
        "examples": problems[:10]}
    print(json.dumps(summary, ensure_ascii=False))
    print(f"bad files tried: {summary['tried']} ({summary.get('corpus', 0)} hand-written, "
          f"{summary.get('mutations', 0)} mutations); opened: {summary.get('opened', 0)}, "
          f"refused with a sentence: {summary.get('refused_with_a_sentence', 0)}; tracebacks: "
          f"{tracebacks}; files changed: {summary['files_changed']}; other problems: "
          f"{len(problems) - tracebacks}; {summary['seconds']} s")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
