"""The TUI's whole-book buffers are given back when freed (tui/mallocpolicy.py).

glibc raises its mmap threshold to the size of the first big buffer freed; later buffers
of that size then come from a heap that keeps their pages. The TUI fixes the threshold at
start-up, so a buffer of a few MB is still mapped on its own after one was freed. Seen
failing with the call taken out (`sab_bigbuffers`): the second buffer came from a heap.
"""

from __future__ import annotations

import argparse
import ctypes
from pathlib import Path

import pytest

from tui import mallocpolicy


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
                 "uordblks", "fordblks", "keepcost")]


def _mapped_bytes() -> int:
    """Bytes glibc holds in chunks mapped on their own (mallinfo2's hblkhd)."""
    try:
        info = ctypes.CDLL("libc.so.6").mallinfo2
    except (OSError, AttributeError):
        pytest.skip("not glibc 2.33 or later: no mallinfo2")
    info.restype = _MallInfo2
    return int(info().hblkhd)


def _fresh_process_check() -> None:
    _mapped_bytes()  # skips where there is no glibc
    first = bytearray(6 << 20)  # a year book's save: mapped, then freed
    del first  # unfixed, glibc would now serve buffers up to 6 MB from a heap
    assert mallocpolicy.settle_big_buffers()
    before = _mapped_bytes()
    second = bytearray(4 << 20)  # the next save
    assert _mapped_bytes() - before >= 4 << 20, "the buffer came from a heap that keeps it"
    del second
    assert _mapped_bytes() <= before + (64 << 10)  # and it is given back at once


def test_a_whole_book_buffer_is_mapped_on_its_own_after_one_was_freed() -> None:
    """In a fresh process, as at the TUI's start: a test process's heap, fragmented by the
    tests before, could serve the buffer from a free chunk whatever the threshold."""
    import subprocess
    import sys

    _mapped_bytes()  # skips where there is no glibc
    # a sabotage plug-in loaded in this run (test_sabotage.py) is loaded there too
    sabotages = "".join(f"import {name}; " for name in sys.modules if name.startswith("sab_"))
    code = ("import sys; sys.path[:0] = ['tests/reliability', '.']; " + sabotages +
            "import test_big_buffers as t; t._fresh_process_check(); print('ok')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[2], timeout=120, check=False)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]


def test_the_tui_settles_big_buffers_before_the_book_opens(monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path: Path) -> None:
    import tui.app
    from tui import launch

    order: list[str] = []
    monkeypatch.setattr(mallocpolicy, "settle_big_buffers", lambda: order.append("settle"))
    monkeypatch.setattr(launch, "_open", lambda *a, **k: order.append("open") or None)
    monkeypatch.setattr(tui.app, "run_app", lambda *a, **k: 0)
    book = tmp_path / "w01.json"
    book.write_text("{}")
    assert launch.run_tui(argparse.Namespace(data=str(book), demo=False)) == 0
    assert order == ["settle", "open"]
