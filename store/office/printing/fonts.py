"""Finding a font on this machine that can print Chinese.

In order: a path the user configured (`--font FILE` or $GRIDBOOK_CJK_FONT), the usual
Windows fonts (Microsoft YaHei, SimSun, SimHei), then the Debian/Ubuntu packages
fonts-wqy-microhei, fonts-wqy-zenhei and fonts-noto-cjk, then macOS's PingFang/STHeiti.
When none is there, one sentence names the package to install.
"""

from __future__ import annotations

import os
from pathlib import Path

from store.errors import BookError

FONT_ENV = "GRIDBOOK_CJK_FONT"


def _windows_fonts() -> list[Path]:
    root = Path(os.environ.get("WINDIR") or os.environ.get("SystemRoot")  # noqa: SIM112
                or r"C:\Windows")
    return [root / "Fonts" / name for name in ("msyh.ttc", "msyh.ttf", "simsun.ttc",
                                                "simhei.ttf", "simkai.ttf")]


CANDIDATES: tuple[str, ...] = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
)


def find_cjk_font(configured: str | Path | None = None) -> Path:
    """The font file to print Chinese with; a BookError naming what to install if none.

    A configured path that does not exist is an error of its own (the user meant it).
    """
    named = configured or os.environ.get(FONT_ENV)
    if named:
        path = Path(named).expanduser()
        if not path.is_file():
            raise BookError("font_missing", path=path)
        return path
    for candidate in [*_windows_fonts(), *(Path(c) for c in CANDIDATES)]:
        try:
            if candidate.is_file():
                return candidate
        except OSError:  # an unreadable folder on the way: try the next
            continue
    raise BookError("no_cjk_font", env=FONT_ENV)
