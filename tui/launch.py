"""Start the TUI: choose the book (own, --data, or a fresh demo) and run the app.

Textual is imported here, inside the function, so the office commands never pay for it.
"""

from __future__ import annotations

import argparse


def run_tui(args: argparse.Namespace) -> int:
    from tui.app import run_app

    return run_app(args)
