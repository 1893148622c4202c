"""`gridbook print record|letter|round` and `report --format pdf`, read back by real readers.

Every PDF is opened with poppler: `pdftotext` for the Chinese text, the masking, the order
and the page breaks, `pdffonts` for the embedded font, `pdfinfo` for the page size and
count, `pdftoppm` to render a page. Without poppler or a Chinese font they fail (.ci/run
installs both).
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from office_helpers import gridbook

from store import actions
from store.book.book import Book
from store.book.models import Party, PartyRole, Person, TestResult, Worker
from store.errors import BookError
from store.idnumber import check_character

ID_A = "22080219900101123" + check_character("22080219900101123")
ID_B = "22080219851231456" + check_character("22080219851231456")
DAY = date(2026, 3, 20)


def _need_font_and_poppler() -> None:
    """Never skipped: .ci/run installs poppler and a font, and a missing tool must fail."""
    from store.office.printing.fonts import find_cjk_font

    assert shutil.which("pdftotext"), "poppler is missing: apt-get install poppler-utils"
    try:
        find_cjk_font()
    except BookError:
        pytest.fail("no Chinese font on this machine: apt-get install fonts-wqy-microhei")


@pytest.fixture
def book_path(tmp_path: Path) -> Path:
    """Two quarantined households (one of two people, extended once), one not; a test
    result, an errand due on DAY, the five parties of the first."""
    _need_font_and_poppler()
    path = tmp_path / "book.json"
    book = Book.create(path, Worker(id="w1", name="张丽", community="瑞明社区",
                                    grid="第3网格", phone="13900001111"))
    parties = {PartyRole.STREET: Party(name="瑞光街道 刘军", phone="04363000001"),
               PartyRole.COMMUNITY: Party(name="瑞明社区 马红", phone="04363000002"),
               PartyRole.CLINIC: Party(name="瑞光卫生院 周医生", phone="04363000003"),
               PartyRole.POLICE: Party(name="瑞光派出所 吴警官", phone="04363000004"),
               PartyRole.EMPLOYER: Party(name="白城市第一中学", phone="04363000005")}
    first = actions.add_household(book, building="12", unit="1", room="301",
                                  people=(Person(name="王伟", phone="13812345678",
                                                 id_number=ID_A, origin="长春"),
                                          Person(name="王小明", id_number=ID_B)),
                                  phone="13812345678", parties=parties)
    second = actions.add_household(book, building="3", unit="2", room="501",
                                   people=(Person(name="李娜", phone="13987654321"),))
    actions.add_household(book, building="3", unit="2", room="502",
                          people=(Person(name="赵强"),))
    quarantine = actions.start_quarantine(book, first.id, DAY - timedelta(days=3))
    actions.change_quarantine_end(book, quarantine.id, quarantine.end + timedelta(days=7),
                                  "同住人员阳性", on=DAY - timedelta(days=1))
    actions.start_quarantine(book, second.id, DAY - timedelta(days=6))
    test = actions.record_test(book, first.id, DAY - timedelta(days=3), person="王伟")
    actions.set_test_result(book, test.id, TestResult.NEGATIVE)
    actions.add_errand(book, second.id, "大米两袋", datetime.combine(DAY, time(17)),
                       advanced=3550)
    return path


def _text(pdf: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          timeout=60, check=True)
    return done.stdout.decode()


def _page_texts(pdf: Path) -> list[str]:
    """The text of each page (pdftotext ends every page with a form feed)."""
    return _text(pdf).split("\f")[:-1]


def _info(pdf: Path) -> dict[str, str]:
    done = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, timeout=60, check=True)
    return dict(line.split(":", 1) for line in done.stdout.decode().splitlines() if ":" in line)


def _pages(pdf: Path) -> int:
    return int(_info(pdf)["Pages"])


def _font_embedded(pdf: Path) -> None:
    done = subprocess.run(["pdffonts", str(pdf)], capture_output=True, timeout=60, check=True)
    fonts = done.stdout.decode().splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), done.stdout.decode()


def _renders(pdf: Path, tmp_path: Path) -> None:
    from PIL import Image

    stem = tmp_path / pdf.stem
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(stem)], check=True, timeout=60)
    image = Image.open(f"{stem}.png").convert("L")
    dark = sum(1 for value in image.get_flattened_data() if value < 128)
    assert dark > 2000, "the page rendered nearly blank"


def _print(*args: str) -> None:
    done = gridbook("print", *args, "--lang", "zh")
    assert done.returncode == 0, done.stderr.decode()


def test_record_booklet_one_per_person_masked_unless_full(book_path: Path,
                                                         tmp_path: Path) -> None:
    out = tmp_path / "record.pdf"
    _print("record", str(book_path), "-o", str(out))
    _font_embedded(out)
    _renders(out, tmp_path)
    text = _text(out)
    # three people in quarantine (王伟, 王小明, 李娜), each booklet from a new page
    pages = _page_texts(out)
    assert len(pages) == _pages(out)
    starts = [n for n, page in enumerate(pages) if "五位一体管控记录" in page and "人员信息" in page]
    assert len(starts) == 3 and starts[0] == 0
    starts.append(len(pages))
    booklets = ["".join(pages[a:b]) for a, b in pairwise(starts)]
    assert ["李娜" in b for b in booklets] == [True, False, False]  # 3栋 before 12栋
    first = booklets[1]
    assert "王伟" in first and "12栋1单元301" in first and "长春" in first
    for party in ("瑞光街道 刘军", "瑞光卫生院 周医生", "瑞光派出所 吴警官", "白城市第一中学"):
        assert party in first
    assert "04363000003" in first and "13900001111" in first  # parties' and worker's phones
    assert "同住人员阳性" in first  # the change of the period, with its reason
    assert "阴性" in first and "第1天" in first and "第14天" in first  # plan and result
    assert "03-17" in first and "04-07" in first  # a line per day, to the new release day
    assert ID_A not in text and "13812345678" not in text and "138****5678" in text
    full = tmp_path / "full.pdf"
    _print("record", str(book_path), "12-1-301", "-o", str(full), "--full")
    assert ID_A in _text(full) and ID_B in _text(full) and "李娜" not in _text(full)
    assert (full.stat().st_mode & 0o777) == 0o600


def test_letter_from_the_default_and_from_the_communitys_template(book_path: Path,
                                                                   tmp_path: Path) -> None:
    out = tmp_path / "letter.pdf"
    _print("letter", str(book_path), "-o", str(out))
    assert _pages(out) == 2  # one letter to each quarantined household
    _font_embedded(out)
    text = _page_texts(out)[1]  # 12栋1单元301 after 3栋2单元501
    assert "致居家隔离人员的一封信" in text and "张丽" in text and "13900001111" in text
    assert "王伟" in text and "12栋1单元301" in text
    assert "代买代送" in text and "消毒" in text and "04363000003" in text  # clinic's phone
    template = tmp_path / "letter.txt"
    template.write_text("社区的一封信\n\n{head}家：网格员{worker_name}，电话{worker_phone}；"
                        "{unknown}照印。\x1b[2J\n\n瑞明社区居委会", encoding="utf-8")
    _print("letter", str(book_path), "3-2-501", "-o", str(out), "--template", str(template))
    text = _text(out)
    assert _pages(out) == 1 and "社区的一封信" in text and "李娜家" in text
    assert "网格员张丽" in text and "{unknown}照印" in text
    assert "\x1b" not in text and "^[[2J" in text  # a control character, made visible
    template.write_bytes(b"\xff\xfe\x00bad")
    done = gridbook("print", "letter", str(book_path), "-o", str(tmp_path / "x.pdf"),
                    "--template", str(template))
    assert done.returncode == 1 and b"Traceback" not in done.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_round_sheet_in_walking_order(book_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "round.pdf"
    _print("round", str(book_path), "--date", DAY.isoformat(), "-o", str(out))
    _font_embedded(out)
    _renders(out, tmp_path)
    text = _text(out)
    assert "入户工作单 2026-03-20" in text
    # building 3 before building 12 (a number, not text), the errand to deliver there
    assert text.index("3栋2单元501") < text.index("12栋1单元301")
    assert "大米两袋" in text and "35.50" in text and "□" in text
    assert "3栋2单元502" not in text  # nothing to do there
    assert "13987654321" not in text and "139****4321" in text


def test_report_pdf_landscape_header_repeated_page_numbers(tmp_path: Path) -> None:
    _need_font_and_poppler()
    book = tmp_path / "w.json"
    done = gridbook("seed", str(book), "--worker", "w01", "--households", "60", "--days", "30",
                    "--today", DAY.isoformat())
    assert done.returncode == 0, done.stderr.decode()
    out = tmp_path / "report.pdf"
    done = gridbook("report", str(book), "--date", DAY.isoformat(), "--format", "pdf", "-o",
                    str(out), "--lang", "zh", "--by", "王主任")
    assert done.returncode == 0, done.stderr.decode()
    _font_embedded(out)
    width, height = (float(v) for v in _info(out)["Page size"].split()[0:3:2])
    assert (round(width), round(height)) == (842, 595)  # A4 landscape
    pages = _page_texts(out)
    assert len(pages) == _pages(out) >= 3
    line_list = [text for text in pages if "居家隔离台账" in text]
    assert len(line_list) >= 2
    for number, text in enumerate(pages, start=1):
        assert f"第 {number} 页" in text and f"共 {len(pages)} 页" in text
    for text in line_list:  # every page of the line list has its title and header row
        assert any("地址" in line and "身份证号" in line and "隔离开始" in line
                   for line in text.splitlines()), text[:400]
    assert "王主任" in pages[0] and "瑞明社区" in pages[0]
    assert "*" * 10 in line_list[0]  # masked ID numbers
    full = tmp_path / "full.pdf"
    done = gridbook("report", str(book), "--date", DAY.isoformat(), "--format", "pdf", "-o",
                    str(full), "--full")
    assert done.returncode == 0 and "*" * 10 not in _text(full)


def test_no_chinese_font_is_one_sentence_naming_the_package(book_path: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    from store.office.printing import fonts

    monkeypatch.delenv(fonts.FONT_ENV, raising=False)
    monkeypatch.setattr(fonts, "CANDIDATES", ())
    monkeypatch.setattr(fonts, "_windows_fonts", list)
    with pytest.raises(BookError) as raised:
        fonts.find_cjk_font()
    assert "fonts-wqy-microhei" in raised.value.sentence()
    out = tmp_path / "r.pdf"
    done = gridbook("print", "round", str(book_path), "-o", str(out), "--font",
                    str(tmp_path / "nope.ttf"))
    assert done.returncode == 1 and "nope.ttf" in done.stderr.decode()
    assert b"Traceback" not in done.stderr and not out.exists()
    not_a_font = tmp_path / "fake.ttf"
    not_a_font.write_bytes(b"not a font")
    done = gridbook("print", "round", str(book_path), "-o", str(out), "--font", str(not_a_font))
    assert done.returncode == 1 and "fake.ttf" in done.stderr.decode() and not out.exists()
