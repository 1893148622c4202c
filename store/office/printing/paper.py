"""An A4 document with a Chinese font, running title, page numbers and tables (fpdf2).

The one place that knows fpdf2: the documents (`store.office.printing.documents`) say what goes
on paper, this module how. fpdf2 embeds only the glyphs a document uses, so a booklet
costs kilobytes, not the font's megabytes. Tables repeat their header row on every page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from store.errors import BookError

FAMILY = "cjk"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
GREY = (225, 225, 225)
HANGING = frozenset("，。、；：？！）》」』”’,.;:?!)")  # never at the start of a line


def printable(text: object) -> str:
    """Text as it can go on paper: control characters in caret form (ESC as ^[)."""
    value = "" if text is None else str(text)
    if not _CONTROL.search(value):
        return value
    return _CONTROL.sub(lambda m: "^?" if m.group() == "\x7f" else "^" + chr(ord(m.group()) + 64),
                        value)


class Paper:
    """A PDF being written: pages, headings, paragraphs and tables in one CJK font."""

    def __init__(self, font: Path, *, landscape: bool = False, lang: str = "zh") -> None:
        from fpdf import FPDF

        paper = self

        class _Document(FPDF):
            def header(self) -> None:
                paper._running_header()

            def footer(self) -> None:
                paper._footer()

        self.lang = lang
        self.pdf = _Document(orientation="L" if landscape else "P", unit="mm", format="A4")
        self.pdf.set_margins(14, 16, 14)
        self.pdf.set_auto_page_break(True, margin=16)
        try:
            self.pdf.add_font(FAMILY, "", str(font))
        except Exception:  # noqa: BLE001 - fontTools raises many kinds on a bad font file
            raise BookError("font_unusable", path=font) from None
        self.pdf.set_font(FAMILY, size=10)
        self.pdf.set_creator("gridbook")
        self.running = ""  # printed small at the top of each page after a section's first
        self.section = ""  # named in the footer with the section's own page number
        self._section_start = 1
        self._pending: tuple[str, str] | None = None

    # -- page furniture --------------------------------------------------------------------
    def _running_header(self) -> None:
        pdf = self.pdf
        if self._pending is not None:  # the first page of a section: its title says it all
            (self.section, self.running), self._pending = self._pending, None
            self._section_start = pdf.page_no()
            return
        if self.running:
            pdf.set_font(FAMILY, size=8)
            pdf.set_text_color(90)
            pdf.cell(0, 5, printable(self.running), new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(0)
            pdf.ln(1)
            pdf.set_font(FAMILY, size=10)

    def _footer(self) -> None:
        pdf = self.pdf
        pdf.set_y(-11)
        pdf.set_font(FAMILY, size=8)
        pdf.set_text_color(90)
        own = pdf.page_no() - self._section_start + 1
        if self.lang == "zh":
            text = f"{printable(self.section)}  第 {own} 页    （全文第 {pdf.page_no()} 页，共 {{nb}} 页）"
        else:
            text = f"{printable(self.section)}  page {own}    (page {pdf.page_no()} of {{nb}})"
        pdf.cell(0, 5, text.strip(), align="C")
        pdf.set_text_color(0)

    def new_section(self, section: str, running: str) -> None:
        """Start a new page that begins a section (a booklet, a letter, a report).

        The names change between the old page's footer and the new page's header, which
        fpdf2 both draws inside add_page.
        """
        self._pending = (section, running)
        self.pdf.add_page()

    # -- content ----------------------------------------------------------------------------
    @property
    def width(self) -> float:
        return float(self.pdf.epw)

    def title(self, text: str, size: float = 17) -> None:
        from fpdf.enums import WrapMode

        self.pdf.set_font(FAMILY, size=size)
        self.pdf.multi_cell(0, size * 0.5, printable(text), align="C", new_x="LMARGIN",
                            new_y="NEXT", wrapmode=WrapMode.CHAR)
        self.pdf.set_font(FAMILY, size=10)
        self.pdf.ln(2)

    def subtitle(self, text: str) -> None:
        from fpdf.enums import WrapMode

        self.pdf.set_font(FAMILY, size=9)
        self.pdf.set_text_color(70)
        self.pdf.multi_cell(0, 5, printable(text), align="C", new_x="LMARGIN", new_y="NEXT",
                            wrapmode=WrapMode.CHAR)
        self.pdf.set_text_color(0)
        self.pdf.set_font(FAMILY, size=10)
        self.pdf.ln(3)

    def heading(self, text: str) -> None:
        """A section heading that never sits alone at the foot of a page."""
        if self.pdf.will_page_break(30):
            self.pdf.add_page()
        self.pdf.ln(2)
        self.pdf.set_font(FAMILY, size=12.5)
        self.pdf.cell(0, 7, printable(text), new_x="LMARGIN", new_y="NEXT")
        self.pdf.set_draw_color(120)
        self.pdf.line(self.pdf.l_margin, self.pdf.get_y(), self.pdf.l_margin + self.width,
                      self.pdf.get_y())
        self.pdf.set_draw_color(0)
        self.pdf.ln(2)
        self.pdf.set_font(FAMILY, size=10)

    def paragraph(self, text: str, *, size: float = 11, indent: float = 0,
                  gap: float = 2.5, align: str = "L") -> None:
        """Text wrapped at the page width, Chinese style: a closing mark never starts a
        line (it hangs at the end of the one before)."""
        pdf = self.pdf
        pdf.set_font(FAMILY, size=size)
        width = self.width - indent
        for line in self._lines(printable(text), width):
            if pdf.will_page_break(size * 0.55):
                pdf.add_page()
            pdf.set_x(pdf.l_margin + indent)
            pdf.cell(width, size * 0.55, line, align=align, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)
        pdf.set_font(FAMILY, size=10)

    def _lines(self, text: str, width: float) -> list[str]:
        """`text` cut into lines no wider than `width`, keeping closing marks and Latin
        words (numbers, phone numbers) whole."""
        lines: list[str] = []
        measure = self.pdf.get_string_width
        for raw in text.split("\n"):
            tokens = re.findall(r"[A-Za-z0-9.,:%/@+\-]+|\s|.", raw) or [""]
            line = ""
            for token in tokens:
                if line and measure(line + token) > width and token not in HANGING \
                        and not token.isspace():
                    lines.append(line.rstrip())
                    line = token
                else:
                    line += token
            lines.append(line.rstrip())
        return lines

    def fields(self, pairs: Sequence[tuple[str, str]], columns: int = 2) -> None:
        """Label-value pairs in a bordered grid, `columns` pairs to a line."""
        rows = [list(pairs[i:i + columns]) for i in range(0, len(pairs), columns)]
        label_width = 0.13 * self.width if columns > 1 else 0.2 * self.width
        value_width = self.width / columns - label_width
        widths: list[float] = []
        for _ in range(columns):
            widths += [label_width, value_width]
        body = []
        for row in rows:
            cells: list[str] = []
            for name, value in row + [("", "")] * (columns - len(row)):
                cells += [name, value]
            body.append(cells)
        self.table([], body, widths, size=10, label_columns=range(0, 2 * columns, 2))

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[Any]],
              widths: Sequence[float], *, size: float = 9, align: Sequence[str] | None = None,
              min_height: float | None = None,
              label_columns: Sequence[int] | range = (),
              big: Sequence[int] | range = (), big_size: float = 5,
              stretch: bool = True) -> None:
        """A bordered table, widths in mm (scaled to the page width when `stretch` or
        when they are too wide), header repeated per page."""
        from fpdf.enums import WrapMode
        from fpdf.fonts import FontFace

        pdf = self.pdf
        scale = self.width / sum(widths) if stretch or sum(widths) > self.width else 1.0
        col_widths = [w * scale * 0.9999 for w in widths]  # fpdf2 refuses a hair too wide
        pdf.set_font(FAMILY, size=size)
        heading_style = FontFace(family=FAMILY, emphasis="", fill_color=GREY)
        label_style = FontFace(family=FAMILY, emphasis="", fill_color=(242, 242, 242))
        # columns with boxes to tick: larger, as the font's □ is under half its size
        big_style = FontFace(family=FAMILY, emphasis="", size_pt=size + big_size)
        with pdf.table(col_widths=col_widths, width=sum(col_widths), wrapmode=WrapMode.CHAR,
                       first_row_as_headings=bool(headers), headings_style=heading_style,
                       repeat_headings=1, line_height=size * 0.5, text_align="LEFT",
                       v_align="MIDDLE", padding=(1.2, 1.2), min_row_height=min_height,
                       align="LEFT") as table:
            if headers:
                header_row = table.row()
                for text in headers:
                    header_row.cell(printable(text), align="CENTER")
            for values in rows:
                row = table.row()
                for index, value in enumerate(values):
                    where = (align[index] if align else "LEFT") or "LEFT"
                    style = label_style if index in label_columns else \
                        big_style if index in big and value else None
                    row.cell(printable(value), align=where, style=style)
        pdf.ln(3)
        pdf.set_font(FAMILY, size=10)

    def output(self) -> bytes:
        """The finished PDF."""
        return bytes(self.pdf.output())
