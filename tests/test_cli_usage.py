"""A mistyped command gets one sentence in the user's language, and exit status 2."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(("args", "expected"), [
    (["--lang", "zh", "merge", "a.json"], "命令用法有误：缺少必需的参数 -o/--output"),
    (["--lang", "zh", "frob"], "命令用法有误：命令 不能是 'frob'"),
    (["--lang", "zh", "seed", "x.json", "--worker", "w", "--households", "abc"],
     "命令用法有误：--households 应为整数，不能是 'abc'"),
    (["--lang", "en", "merge", "a.json"],
     "The command is not right: the following arguments are required: -o/--output"),
])
def test_usage_problems_are_one_sentence(args: list[str], expected: str) -> None:
    result = subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith(expected) and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
