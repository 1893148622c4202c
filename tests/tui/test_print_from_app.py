"""Printing from the app: p on Today writes today's round, p on a record its booklet, as a
PDF in the documents folder, in a worker (the screen stays live), with a notice naming
the file; the book is not changed. The PDFs are read back with pdftotext."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from tui_helpers import TODAY, make_app, screen_lines, settle

from store.errors import BookError

SIZE = (80, 24)


def _need_font_and_poppler() -> None:
    from store.office.printing.fonts import find_cjk_font

    # never skipped: .ci/run installs both, and a missing tool must fail the run
    assert shutil.which("pdftotext"), "poppler is missing: apt-get install poppler-utils"
    try:
        find_cjk_font()
    except BookError:
        pytest.fail("no Chinese font on this machine: apt-get install fonts-wqy-microhei")


def _pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                          check=True).stdout.decode()


async def test_p_prints_the_round_and_the_open_record(book_path: Path) -> None:
    from store.office.printing.to_documents import documents_folder

    _need_font_and_poppler()
    before = book_path.read_bytes()
    app = make_app(book_path, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        round_pdf = documents_folder() / f"入户工作单-{TODAY.isoformat()}.pdf"
        assert round_pdf.is_file()
        shown = "".join(line.strip() for line in screen_lines(app))
        assert "已打印到" in shown and round_pdf.name in shown
        await pilot.press("3", "enter")
        await settle(pilot)
        address = screen_lines(app)[1].split()[0]
        await pilot.press("p")
        await settle(pilot)
        booklets = sorted(documents_folder().glob(f"管控记录-{address}-*.pdf"))
        assert len(booklets) == 1
        await pilot.press("p")  # printed again: a second file, the first kept
        await settle(pilot)
        assert len(sorted(documents_folder().glob(f"管控记录-{address}-*.pdf"))) == 2
    assert "五位一体管控记录" in _pdf_text(booklets[0]) and address in _pdf_text(booklets[0])
    assert f"入户工作单 {TODAY.isoformat()}" in _pdf_text(round_pdf)
    assert (round_pdf.stat().st_mode & 0o777) == 0o600
    assert book_path.read_bytes() == before


async def test_without_a_chinese_font_the_notice_names_the_package(
        book_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from store.office.printing import fonts
    from store.office.printing.to_documents import documents_folder

    monkeypatch.delenv(fonts.FONT_ENV, raising=False)
    monkeypatch.setattr(fonts, "CANDIDATES", ())
    monkeypatch.setattr(fonts, "_windows_fonts", lambda: [])
    app = make_app(book_path, "en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        shown = " ".join(line.strip() for line in screen_lines(app))
        assert "fonts-wqy-microhei" in shown
        assert not documents_folder().exists() or not any(documents_folder().iterdir())
