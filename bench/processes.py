"""How the suite starts programs: as an installed app would run, on both sides.

An installed Python app runs from compiled bytecode (pip and `uv tool` compile it, or the
first start caches it). Development shells often set PYTHONDONTWRITEBYTECODE, which makes
every start recompile each imported module from source and would turn a start-up figure
into a figure of the compiler. So the suite's processes run without it, and every figure
makes one warm-up run (of subject and baseline alike) before the runs it counts.
"""

from __future__ import annotations

import os


def installed_env(**extra: str) -> dict[str, str]:
    """The environment for a measured process: bytecode cached, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra)
    return env
