"""Sabotage for the TUI subprocess: with GRIDBOOK_SABOTAGE=no_signals, tui/signals installs
no handlers (TuiInTmux(..., extra_env={"PYTHONPATH": <this folder>, "GRIDBOOK_SABOTAGE":
"no_signals"})): a SIGTERM then leaves the terminal in the app screen.
"""
import os

if os.environ.get("GRIDBOOK_SABOTAGE") == "no_signals":
    import tui.signals as s
    s.EXIT_SIGNALS = ()
