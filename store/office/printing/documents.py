"""What goes on paper: control record booklets, letters, the round sheet, the report.

Each function reads a book (nothing is written to it) and returns the PDF as bytes.
Residents' ID and phone numbers are masked unless `full`; the numbers of the responsible
parties and of the grid worker are printed, since reaching them is what the paper is for.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from store import views
from store.book.book import Book
from store.book.models import (
    ErrandStatus,
    Household,
    ItemKind,
    PartyRole,
    Person,
    Quarantine,
    Status,
    Worker,
)
from store.errors import BookError
from store.idnumber import mask_id_number, mask_phone
from store.lang import current_lang
from store.office.printing.paper import Paper
from store.office.printing.words import word
from store.office.report import community_of, yuan

ROLES = (PartyRole.STREET, PartyRole.COMMUNITY, PartyRole.CLINIC, PartyRole.POLICE,
         PartyRole.EMPLOYER)
DAILY_KINDS = (ItemKind.TEST, ItemKind.GARBAGE, ItemKind.NEEDS, ItemKind.LETTER,
               ItemKind.RELEASE)


def _ui(key: str) -> str:
    """A word the screens also use (item kinds, results, parties): the domain's word
    (store/messages.py), or its printed form where paper says it otherwise."""
    from store.messages import MESSAGES
    from store.messages import word as domain_word

    return domain_word("paper." + key if "paper." + key in MESSAGES else key)




def _phone(value: str, full: bool) -> str:
    return value if full else mask_phone(value)


def _id(value: str, full: bool) -> str:
    return value if full else mask_id_number(value)


def _text(value: str, full: bool) -> str:
    """Free text a person typed, its phone and ID numbers masked unless `full`."""
    from store.office.privacy import mask_text

    return value if full else mask_text(value)


def _worker_of(book: Book, household: Household) -> Worker | None:
    return book.get(Worker, household.worker) if household.worker else book.worker()


def _stamp(now: datetime | None) -> str:
    return (now or datetime.now()).strftime("%Y-%m-%d %H:%M")


def quarantined(book: Book) -> list[Household]:
    """Households in home quarantine, in address order (what `print` does by default)."""
    from store.views import sorted_households

    return sorted_households([h for h in book.all(Household) if h.status == Status.QUARANTINE])


def _period(book: Book, household: Household) -> Quarantine | None:
    current = book.current_quarantine(household.id)
    if current is not None:
        return current
    periods = book.quarantines_of(household.id)
    return max(periods, key=lambda q: q.start) if periods else None


# -- the control record booklet ------------------------------------------------------------
def record_booklets(book: Book, households: Sequence[Household], font: Path, *,
                    full: bool = False, now: datetime | None = None) -> bytes:
    """One 五位一体管控记录 per person (or per household without people), page numbers
    counted per booklet."""
    if not households:
        raise BookError("nothing_to_print", what=word("record_title"))
    paper = Paper(font, lang=current_lang())
    paper.pdf.set_title(word("record_title"))
    for household in households:
        people: Sequence[Person | None] = household.people or (None,)
        for person in people:
            _one_booklet(paper, book, household, person, full=full, now=now)
    return paper.output()


def _one_booklet(paper: Paper, book: Book, household: Household, person: Person | None, *,
                 full: bool, now: datetime | None) -> None:
    worker = _worker_of(book, household)
    name = person.name if person else household.head or household.address
    community = " ".join(x for x in ((worker.community, worker.grid) if worker else ()) if x)
    paper.new_section(word("record_section", name=name),
                      f"{word('record_title')}　{name}　{household.address}")
    paper.title(word("record_title"))
    paper.subtitle(f"{community}　{word('made', at=_stamp(now))}")

    paper.heading(word("person"))
    others = "、".join(p.name for p in household.people if p is not person) or "—"
    paper.fields([
        (word("name"), name),
        (word("id_number"), _id(person.id_number, full) if person else ""),
        (word("phone"), _phone((person.phone if person else "") or household.phone, full)),
        (word("origin"), _text(person.origin, full) if person else ""),
        (word("address"), household.address),
        (word("household"), others),
        (word("worker"), worker.name if worker else household.worker),
        (word("worker_phone"), worker.phone if worker else ""),
        (word("grid"), community),
        (word("status"), _ui(f"status_{household.status.value}")),
    ])

    paper.heading(word("parties"))
    rows = []
    for role in ROLES:
        party = household.parties.get(role)
        rows.append([_ui(f"party_{role.value}"), party.name if party else "",
                     party.phone if party else "", ""])
    rows.append([word("worker"), worker.name if worker else household.worker,
                 worker.phone if worker else "", ""])
    paper.table([word("role"), word("who"), word("phone"), word("sign")], rows,
                [22, 60, 35, 35], size=10, min_height=8)

    quarantine = _period(book, household)
    paper.heading(word("period"))
    if quarantine is None:
        paper.paragraph("—")
    else:
        paper.fields([
            (word("start"), quarantine.start.isoformat()),
            (word("end"), quarantine.end.isoformat()),
            (word("length"), str(quarantine.length)),
            (word("released"), quarantine.released_on.isoformat() if quarantine.released_on
             else word("not_yet")),
        ])
        if quarantine.changes:
            paper.table([word("changed_on"), word("old_end"), word("new_end"), word("reason")],
                        [[c.on.isoformat(), c.old_end.isoformat(), c.new_end.isoformat(),
                          _text(c.reason, full)] for c in quarantine.changes],
                        [25, 25, 25, 80])
        else:
            paper.paragraph(word("changes") + word("no_changes"), size=9.5)
        _tests(paper, book, household, person, quarantine)
        _daily(paper, book, household, quarantine)


def _tests(paper: Paper, book: Book, household: Household, person: Person | None,
           quarantine: Quarantine) -> None:
    paper.heading(word("tests"))
    results = [t for t in book.tests_of(household.id)
               if quarantine.start <= t.on <= quarantine.end
               and (not t.person or person is None or t.person == person.name)]
    from store.book.policy import schedule

    planned = sorted({item.on for item in [*schedule(quarantine, book.policy),
                                           *book.items_of(household.id)]
                      if item.kind == ItemKind.TEST
                      and quarantine.start <= item.on <= quarantine.end})
    days = sorted(set(planned) | {t.on for t in results})
    rows = []
    for on in days:
        taken = [t for t in results if t.on == on]
        test = taken[-1] if taken else None
        rows.append([word("day_n", n=quarantine.day_number(on)), on.isoformat(),
                     word("planned") if on in planned else word("extra"),
                     _ui(f"test_{test.kind.value}") if test else "",
                     _ui(f"result_{test.result.value}") if test else "", ""])
    paper.table([word("day"), word("date"), word("plan"), word("kind"), word("result"),
                 word("sign")],
                rows, [16, 26, 16, 18, 20, 40], size=9.5, min_height=7)


def _daily(paper: Paper, book: Book, household: Household, quarantine: Quarantine) -> None:
    from datetime import timedelta

    paper.heading(word("daily"))
    from store.book.policy import schedule

    by_day: dict[date, dict[ItemKind, bool]] = {}
    for item in schedule(quarantine, book.policy):  # what is due, also on days to come
        by_day.setdefault(item.on, {})[item.kind] = False
    for item in book.items_of(household.id):
        if quarantine.start <= item.on <= quarantine.end:
            by_day.setdefault(item.on, {})[item.kind] = item.done
    headers = [word("date"), word("day"), *(_ui(f"kind_{k.value}") for k in DAILY_KINDS),
               word("other"), word("worker_sign"), word("resident_sign")]
    rows = []
    for offset in range(quarantine.length + 1):
        on = quarantine.start + timedelta(days=offset)
        items = by_day.get(on, {})
        marks = ["✓" if items.get(k) else "□" if k in items else "" for k in DAILY_KINDS]
        rows.append([on.strftime("%m-%d"), str(offset + 1), *marks, "", "", ""])
    paper.table(headers, rows, [13, 9, 14, 14, 14, 14, 14, 30, 22, 22], size=9,
                align=["CENTER"] * 7 + ["LEFT"] * 3, min_height=7.5, big=range(2, 7))
    paper.paragraph(word("legend"), size=8.5)


# -- the letter ----------------------------------------------------------------------------
def letters(book: Book, households: Sequence[Household], font: Path, template: str, *,
            today: date | None = None) -> bytes:
    """One letter per household, from the community's template (`store.office.printing.letter`)."""
    from store.office.printing.letter import fill

    if not households:
        raise BookError("nothing_to_print", what=word("letter_section", address=""))
    paper = Paper(font, lang=current_lang())
    today = today or date.today()
    for household in households:
        worker = _worker_of(book, household)
        quarantine = _period(book, household)
        party = household.parties.get
        values = {
            "head": household.head or household.address, "address": household.address,
            "worker_name": worker.name if worker else "", "worker_phone": worker.phone if worker else "",
            "community": worker.community if worker else community_of(book),
            "grid": worker.grid if worker else "",
            "start": quarantine.start.isoformat() if quarantine else "",
            "end": quarantine.end.isoformat() if quarantine else "",
            "today": today.isoformat(),
            **{f"{role.value}_phone": (party(role).phone if party(role) else "")  # type: ignore[union-attr]
               for role in ROLES},
        }
        text = fill(template, values).strip("\n")
        title, _, body = text.partition("\n")
        paper.new_section(word("letter_section", address=household.address), "")
        paper.pdf.ln(6)
        paper.title(title.strip(), size=18)
        paper.pdf.ln(4)
        _letter_body(paper, body)
    return paper.output()


def _letter_body(paper: Paper, body: str) -> None:
    paragraphs = [p.strip("\n") for p in body.strip("\n").split("\n\n")]
    last = len(paragraphs) - 1
    for index, block in enumerate(paragraphs):
        lines = block.split("\n")
        if index == last and len(lines) <= 3:  # the signature: right-aligned
            paper.pdf.ln(4)
            for line in lines:
                paper.paragraph(line, align="R", gap=0.5)
            continue
        for line in lines:
            if line.startswith("- "):
                paper.paragraph("•  " + line[2:], indent=6, gap=1.2, size=10.5)
            elif line.endswith(("：", ":")) and len(lines) > 1:
                paper.paragraph(line, gap=1.2, size=11.5)
            else:
                paper.paragraph(line, gap=1.2)
        paper.pdf.ln(2)


# -- the round sheet -----------------------------------------------------------------------
def round_sheet(book: Book, on: date, font: Path, *, full: bool = False,
                now: datetime | None = None) -> bytes:
    """The door-to-door sheet for day `on`, in walking order, with boxes to tick."""
    from store.views import sorted_households

    now = now or datetime.now()
    todo: dict[str, dict[ItemKind, bool]] = {}
    for item in book.items_on(on):
        todo.setdefault(item.household, {})[item.kind] = item.done
    errands: dict[str, list[str]] = {}
    for errand in views.errands(book):
        if errand.open and errand.due.date() <= on:
            late = f"（{word('overdue')}）" if errand.due.date() < on else ""
            money = f"，{word('advanced', yuan=yuan(errand.advanced))}" if errand.advanced else ""
            step = "" if errand.status == ErrandStatus.BOUGHT else f" [{_errand_step(errand.status)}]"
            errands.setdefault(errand.household, []).append(
                f"□ {_text(errand.items, full)}{money}{step}{late}")
    visit = [h for h in book.all(Household)
             if (h.id in todo or h.id in errands) and views.looks_after(book, h)]
    worker = book.worker()
    who = " ".join(x for x in (worker.community, worker.grid, worker.name, worker.phone)
                   if x) if worker else community_of(book)
    paper = Paper(font, landscape=False, lang=current_lang())
    title = word("round_title", on=on.isoformat())
    paper.new_section(word("round_section", on=on.isoformat()), f"{title}　{who}")
    paper.title(title)
    paper.subtitle(f"{who}　{word('made', at=_stamp(now))}")
    counts = word("round_counts", households=len(visit),
                  tests=sum(ItemKind.TEST in todo.get(h.id, {}) for h in visit),
                  errands=sum(len(errands.get(h.id, ())) for h in visit),
                  releases=sum(ItemKind.RELEASE in todo.get(h.id, {}) for h in visit))
    paper.paragraph(counts, size=10)
    if not visit:
        paper.paragraph(word("nothing_today"))
        return paper.output()
    # a column with a box to tick for each kind of item due that day (✓: already done)
    kinds = [k for k in DAILY_KINDS if any(k in todo.get(h.id, {}) for h in visit)]
    rows = []
    for number, household in enumerate(sorted_households(visit), start=1):
        due = todo.get(household.id, {})
        marks = ["✓" if due.get(k) else "□" if k in due else "" for k in kinds]
        rows.append([str(number), household.address, household.head,
                     _phone(household.phone or next((p.phone for p in household.people
                                                     if p.phone), ""), full), *marks,
                     "\n".join(errands.get(household.id, [])), ""])
    paper.table([word("no"), word("address"), word("head"), word("phone"),
                 *(_ui(f"kind_{k.value}") for k in kinds), word("errands"), word("notes")],
                rows, [9, 26, 14, 22, *([11] * len(kinds)), 60 - 4 * len(kinds), 26],
                size=9, align=["CENTER", "LEFT", "LEFT", "LEFT", *(["CENTER"] * len(kinds)),
                               "LEFT", "LEFT"],
                min_height=10, big=range(4, 4 + len(kinds)))
    paper.paragraph(word("legend"), size=8.5, gap=1)
    if not full:
        paper.paragraph(word("masked_note"), size=8)
    return paper.output()


def _errand_step(status: ErrandStatus) -> str:
    if status.value == "accepted":
        return _ui("errand_to_buy")
    return _ui(f"errand_{status.value}") if status.value == "requested" else status.value


# -- the report ----------------------------------------------------------------------------
def report_pdf(tables: Sequence[object], on: date, font: Path, heading: str, *,
               full: bool) -> bytes:
    """The daily report and the line list: A4 landscape, header repeated, page numbers.

    The summary is turned on its side as on a terminal (a row per figure, a column per
    worker, ten workers to a table) so that it fits the page.
    """
    from store.office.report import Table
    from store.office.report_labels import label

    paper = Paper(font, landscape=True, lang=current_lang())
    section = word("report_section", on=on.isoformat())
    for index, table in enumerate(tables):
        assert isinstance(table, Table)
        if index == 0:
            paper.new_section(section, f"{table.title}　{heading}")
            paper.title(table.title)
            paper.subtitle(heading)
        elif table.name == "line_list" or paper.pdf.will_page_break(45):
            paper.running = f"{table.title}　{heading}"
            paper.pdf.add_page()
            paper.title(table.title, size=15)
        else:  # a short section after the line list: on the same page when it fits
            paper.running = f"{table.title}　{heading}"
            paper.pdf.ln(4)
            paper.title(table.title, size=15)
        if not table.rows:
            paper.paragraph(label("none"))
            continue
        if table.name == "summary":
            for start in range(0, len(table.rows), 10):
                chunk = table.rows[start:start + 10]
                names = [f"{r['worker_name']} {r['grid']}".strip() for r in chunk]
                rows = [[label(k), *(str(r[k]) for r in chunk)] for k in table.keys[3:]]
                paper.table([label("item"), *names], rows, [34] + [24] * len(chunk), size=8.5,
                            align=["LEFT"] + ["RIGHT"] * len(chunk), stretch=False)
        else:
            widths = {"worker_name": 16, "grid": 16, "address": 24, "name": 16,
                      "id_number": 36, "phone": 24, "origin": 22, "start": 19, "end": 19,
                      "day": 14, "tests": 11}
            values = table.values()
            numeric = [all(isinstance(r[i], int | float) and not isinstance(r[i], bool)
                           for r in values) for i in range(len(table.keys))]
            paper.table(table.headers, [[_cell(v) for v in row] for row in values],
                        [widths.get(k, 20) for k in table.keys], size=8.5,
                        align=["RIGHT" if n else "LEFT" for n in numeric])
    if not full:
        paper.paragraph(word("masked_note"), size=8)
    return paper.output()


def _cell(value: object) -> str:
    if value is None or value is False:
        return ""
    return str(value)
