"""Widgets and helpers every screen shares: the book bar, the read-only banner, fields.

Widths are measured in terminal cells (Chinese characters take two), states are spelled
out in words or ASCII marks as well as colour, and the text cursor does not blink (a
blinking cursor repaints the terminal twice a second over a slow SSH link).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Vertical
from textual.dom import DOMNode
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import DataTable, Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from screens.host import host
from screens.letgo import skips_theme_watch
from screens.strings import STRINGS, t
from store.book.models import ErrandStatus, Household, ItemKind, Status
from store.visible import visible

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def described(binding: Binding) -> str:
    """What a binding does, in the current language: its description is a catalog key,
    looked up when shown (one process can show Chinese and English: the snapshot tests do)."""
    return t(binding.description) if binding.description in STRINGS else binding.description


def declared_bindings(node_class: type[DOMNode]) -> BindingsMap:
    """The keys a class of screen (or the app) declares, its bases' included, as Textual
    merges them: a key bound again lower down replaces the base's binding of that key."""
    keys: dict[str, list[Binding]] = {}
    for base in reversed(node_class.__mro__):
        if issubclass(base, DOMNode):
            keys.update(BindingsMap(base.__dict__.get("BINDINGS", [])).key_to_bindings)
    return BindingsMap.from_keys(keys)


def shown(value: object) -> str:
    """A value from a person or a file as one line on a screen: control characters (ESC,
    CR, backspace, newline, bidi overrides) made visible, never sent to the terminal raw
    (item 7 of issue 17; store.visible). Every cell, label and clip goes through it."""
    return visible(str(value), one_line=True)


def shown_lines(text: str) -> str:
    """Text of several lines built by a screen: its newlines kept, every other control
    character made visible."""
    return visible(text)


def clip(text: str, width: int) -> str:
    """`text` cut to at most `width` cells, not padded (control characters made visible)."""
    text = shown(text)
    return text if cell_len(text) <= width else set_cell_size(text, max(width - 1, 0)) + "~"


def plain(*values: object) -> list[Text]:
    """Table cells as plain text: what a person typed is never read as markup, and its
    control characters are shown, not obeyed (`shown`)."""
    return [_shown_text(value) if isinstance(value, Text) else Text(shown(value))
            for value in values]


def _shown_text(text: Text) -> Text:
    if shown(text.plain) == text.plain:
        return text
    return Text(shown(text.plain), style=text.style)


def money(fen: int) -> str:
    """Fen as yuan: ¥12.50."""
    return f"¥{fen // 100}.{fen % 100:02d}"


def day_label(on: date) -> str:
    """2022-03-21 Mon / 2022-03-21 周一."""
    return f"{on.isoformat()} {t('wd_' + WEEKDAYS[on.weekday()])}"


def status_text(status: Status) -> str:
    return t(f"status_{status.value}")


def kind_text(kind: ItemKind) -> str:
    return t(f"kind_{kind.value}")


def errand_status_text(status: ErrandStatus) -> str:
    return t(f"errand_{status.value}")


def household_label(household: Household | None) -> str:
    """3栋2单元501 王伟 (or a dash when the household is gone)."""
    if household is None:
        return "-"
    return shown(f"{household.address} {household.head}".strip())


class TextField(Input):
    """A one-line input whose cursor does not blink; pasted lines are joined with a space
    (Textual's Input keeps only the first line of a paste, and the rest was lost)."""

    cursor_blink = reactive(False, init=False)

    def __init__(self, value: str | None = None, *args: Any, **kwargs: Any) -> None:
        # what a book holds is shown, never obeyed: control characters as their symbols
        # (a form then asks for a name without them: screens.parsing.a_name)
        value = shown(value) if value else value
        super().__init__(value, *args, **kwargs)
        self.initial = value or ""

    @property
    def changed(self) -> bool:
        return self.value != self.initial

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()
        text = shown(" ".join(line.strip() for line in event.text.splitlines() if line.strip()))
        if not text:
            return
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *selection)


class ManyLineField(TextArea):
    """A field of several lines (a log entry, a note): a paste keeps its lines, Enter still
    saves the form as in every other field, and its text is `text` (or `value`)."""

    DEFAULT_CSS = """
    ManyLineField { height: 3; border: none; padding: 0 1; }
    """

    class Submitted(Message):
        """Enter was pressed in the field; `text` is what it held at that moment."""

        def __init__(self, field: ManyLineField, text: str) -> None:
            super().__init__()
            self.field = field
            self.text = text

    def __init__(self, value: str = "", *, id: str | None = None) -> None:  # noqa: A002
        value = shown_lines(value)  # what a book holds is shown, never obeyed
        super().__init__(value, id=id, soft_wrap=True, show_line_numbers=False,
                         tab_behavior="focus", compact=True)
        self.cursor_blink = False
        self.initial = value

    async def _on_paste(self, event: events.Paste) -> None:
        """A paste keeps its lines; its control characters come in as their symbols (␛),
        never raw into what the terminal is sent (item 7 of issue 17)."""
        event.stop()
        event.prevent_default()
        if self.read_only:
            return
        # a terminal pastes a line end as CR (tmux, many others) or CRLF: a line break here,
        # not a control character to show (it would be stored as ␍ in the resident's record)
        lines = event.text.replace("\r\n", "\n").replace("\r", "\n")
        if result := self.replace(shown_lines(lines), *self.selection):
            self.move_cursor(result.end_location)
            self.focus()

    def watch(self, obj: DOMNode, attribute_name: str, callback: Any,
              init: bool = True) -> None:
        if skips_theme_watch(self, obj, attribute_name):
            return  # it would keep this field alive after its form closed (screens/letgo.py)
        super().watch(obj, attribute_name, callback, init)

    @property
    def changed(self) -> bool:
        return self.text != self.initial

    def on_mount(self) -> None:
        self.move_cursor(self.document.end)

    @property
    def value(self) -> str:
        return self.text

    @value.setter
    def value(self, text: str) -> None:
        self.load_text(text)

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self, self.text))


class Choice(Static, can_focus=True):
    """Pick one of a few values with left/right (or space): `< label >` on one line."""

    BINDINGS = [
        Binding("left", "step(-1)", "k_prev_choice", show=False),
        Binding("right,space", "step(1)", "k_next_choice", show=False),
    ]
    DEFAULT_CSS = """
    Choice { height: 1; width: 1fr; padding: 0 1; }
    Choice:focus { text-style: reverse; }
    """

    class Changed(Message):
        def __init__(self, choice: Choice) -> None:
            super().__init__()
            self.choice = choice

    index: reactive[int] = reactive(0)

    def __init__(self, options: list[tuple[str, object]], value: object = None, *,
                 id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.options = options
        values = [v for _, v in options]
        self.set_reactive(Choice.index, values.index(value) if value in values else 0)
        self.initial_index = self.index

    @property
    def changed(self) -> bool:
        return self.index != self.initial_index

    @property
    def value(self) -> object:
        return self.options[self.index][1]

    def render(self) -> Text:
        return Text(f"< {self.options[self.index][0]} >")

    def action_step(self, delta: int) -> None:
        self.index = (self.index + delta) % len(self.options)
        self.post_message(self.Changed(self))


MODE_TABS = (("1", "today"), ("2", "log"), ("3", "households"), ("4", "errands"),
             ("5", "places"))


class BookBar(Static):
    """The top line: the four screens (1-4, the current one marked), the worker, the day, and
    whether edits are saved. A pushed screen (a household's record) adds its own name."""

    DEFAULT_CSS = """
    BookBar { height: 1; background: $primary; color: $text; }
    """

    def __init__(self, title_key: str, mode: str | None = None) -> None:
        super().__init__(markup=False)
        self.title_key = title_key
        self.mode = mode

    def on_mount(self) -> None:
        self.watch(self.app, "save_state", self._show, init=True)

    def _show(self, _state: str = "") -> None:
        self.update(self.line())

    def line(self) -> Text:
        app = host(self)
        book = app.book
        state = app.save_state
        line = Text()
        current = self.mode or self.app.current_mode
        for key, mode in MODE_TABS:
            label = f"{key}{t('k_' + mode)}"
            if mode == current:
                line.append(f"[{label}]", style="bold reverse")
            elif self.mode is not None:
                line.append(f" {label} ")
        if self.mode is None and self.title_key != "app_title":
            line.append(f" > {t(self.title_key)}", style="bold")
        if book is not None:
            # the day and whether edits are saved always show; the worker's name takes what
            # room is left (five screens' tabs and a long name cut "saved" off at 80 columns)
            tail = " | " + day_label(app.today())[5:] + " | " + (
                t("readonly_mark") if book.readonly else t(f"save_{state}"))
            room = (self.app.size.width or 80) - line.cell_len - cell_len(tail) - 3
            worker = book.worker()
            if worker is not None and room >= 4:
                line.append(" | " + clip(" ".join(p for p in (worker.name, worker.grid) if p),
                                         min(18, room)))
            line.append(tail)
        return line

    def render(self) -> Text:
        return self.line()


class ReadonlyBanner(Static):
    """Shown under the bar when the book cannot be written: edits will not be kept."""

    DEFAULT_CSS = """
    ReadonlyBanner { height: auto; background: $error; color: $text; padding: 0 1;
                     text-style: bold; }
    """

    def on_mount(self) -> None:
        self.sync()

    def sync(self) -> None:
        """Show or hide as the book is now: a book can become read-only after the first
        screen (its deferred checks found it could not be saved again)."""
        book = host(self).book
        self.display = bool(book is not None and book.readonly)
        if self.display:
            self.update(t("readonly_banner"))


def household_matches(households: list[Household], query: str) -> list[Household]:
    """Households whose address, a person's name or a phone contains `query`."""
    query = query.strip().lower()
    if not query:
        return households
    found = []
    for household in households:
        names = " ".join(p.name for p in household.people)
        phones = " ".join([household.phone] + [p.phone for p in household.people])
        haystack = f"{household_label(household)} {household.address} " \
                   f"{household.building}-{household.unit}-{household.room} {names} {phones}".lower()
        if query in haystack:
            found.append(household)
    return found


class HouseholdPicker(Vertical):
    """Type part of a name, address or phone; pick the household from the matches below.

    The match that Enter will take is marked with ">" even while the typing field has the
    focus (visible without colour), and Up/Down in the field move it.
    """

    BINDINGS = [
        Binding("down", "move_match(1)", "k_next_choice", show=False),
        Binding("up", "move_match(-1)", "k_prev_choice", show=False),
    ]
    DEFAULT_CSS = """
    HouseholdPicker { height: auto; }
    HouseholdPicker OptionList { height: auto; max-height: 5; border: none;
                                 background: $boost; }
    """

    def __init__(self, households: list[Household], selected: str | None = None, *,
                 optional: bool = True, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.households = households
        self.optional = optional
        self.selected = selected

    def compose(self) -> ComposeResult:
        current = next((h for h in self.households if h.id == self.selected), None)
        yield TextField(value=household_label(current) if current else "",
                        placeholder=t("pick_household_hint"), id="picker-query")
        matches = OptionList(id="picker-matches", markup=False)
        # Not a stop for Tab: Up/Down in the typing field move through the matches, and a
        # Tab that landed in the list sent the text typed next into it, where it was lost.
        matches.can_focus = False
        yield matches

    def on_mount(self) -> None:
        self._fill("" if self.selected else self.query_one(Input).value)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        chosen = next((h for h in self.households if h.id == self.selected), None)
        if chosen is not None and event.value == household_label(chosen):
            return  # the field showing the chosen household (as on opening) keeps it
        self.selected = None
        self._fill(event.value)

    def _fill(self, query: str) -> None:
        matches = household_matches(self.households, query)[:20] if query.strip() else []
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option("  " + household_label(h), id=h.id) for h in matches])
        if matches:
            options.highlighted = 0
        options.display = bool(matches)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Move the ">" mark to the match Enter will take."""
        event.stop()
        options = event.option_list
        for index in range(options.option_count):
            option = options.get_option_at_index(index)
            household = next((h for h in self.households if h.id == option.id), None)
            mark = "> " if index == event.option_index else "  "
            options.replace_option_prompt_at_index(index, mark + household_label(household))

    def action_move_match(self, delta: int) -> None:
        options = self.query_one(OptionList)
        if options.display and options.option_count:
            current = options.highlighted if options.highlighted is not None else -delta
            options.highlighted = max(0, min(options.option_count - 1, current + delta))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.choose(event.option.id)

    def choose(self, household_id: str | None) -> None:
        self.selected = household_id
        household = next((h for h in self.households if h.id == household_id), None)
        field = self.query_one(Input)
        with field.prevent(Input.Changed):
            field.value = household_label(household)
        self.query_one(OptionList).display = False

    def value(self) -> str | None:
        """The chosen household's id: the one picked, else the single or first match."""
        if self.selected:
            return self.selected
        query = self.query_one(Input).value
        if not query.strip():
            return None
        matches = household_matches(self.households, query)
        options = self.query_one(OptionList)
        if options.display and options.highlighted is not None and options.option_count:
            return options.get_option_at_index(options.highlighted).id
        return matches[0].id if matches else None


class KeyBar(Static):
    """The footer: the keys that work here now, each with what it does, on one line, or two
    when one is not enough (the record screen at 80 columns hid r m s e before): every key a
    screen shows is on the screen, not only in F1.

    One widget rather than Textual's Footer (a widget per key): it halves the cost of
    switching screens on an old laptop, and a key is shown in reverse video so it stands
    out without colour. Only whole entries are shown: help, this screen's keys, quit and the
    palette always; the four screens' keys (also on the top bar) when they fit too.
    """

    DEFAULT_CSS = """
    KeyBar { height: auto; max-height: 3; background: $panel; color: $text; }
    """

    def __init__(self) -> None:
        super().__init__(markup=False)
        self._entries: list[tuple[str, str, bool, str]] = []
        self._lines_for = 0  # the width the line count was worked out for

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self) -> None:
        self.refresh(layout=True)

    def _bindings_changed(self, _screen: object) -> None:
        entries: list[tuple[str, str, bool, str]] = []
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            role = ("help" if binding.action == "help" else "quit" if binding.action == "quit"
                    else "mode" if binding.action.startswith("switch_mode") else "screen")
            entries.append((self.app.get_key_display(binding), described(binding),
                            active.enabled, role))
        entries.append(("^p", t("palette"), True, "palette"))
        self._entries = entries
        self.refresh(layout=True)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return len(self.lines(self.app.size.width))

    def render(self) -> Text:
        lines = self.lines(self.app.size.width)
        return Text("\n", no_wrap=True, overflow="crop", end="").join(lines)

    def line(self, width: int) -> Text:
        """The first line (what fits in `width` cells)."""
        return self.lines(width)[0]

    def lines(self, width: int) -> list[Text]:
        """Whole entries in `width` cells: help, the screen's keys, quit and the palette on the
        first line; the screen's keys that do not fit there on a second; the screens' keys
        (1-5) after them when they all fit, else on a third line, after any of the screen's
        keys that the second had no room for."""
        def by_role(*roles: str) -> list[tuple[str, str, bool, str]]:
            return [e for e in self._entries if e[3] in roles]

        def cells(entry: tuple[str, str, bool, str]) -> int:
            return cell_len(f"{entry[0]} {entry[1]} ")

        room = width - sum(cells(e) for e in by_role("help", "quit", "palette"))
        first: list[tuple[str, str, bool, str]] = []
        rest = by_role("screen")
        while rest and cells(rest[0]) <= room:
            room -= cells(rest[0])
            first.append(rest.pop(0))
        second: list[tuple[str, str, bool, str]] = []
        second_room = width
        for entry in rest:
            if cells(entry) <= second_room:
                second.append(entry)
                second_room -= cells(entry)
        left = [e for e in rest if e not in second]  # for the third line, before 1-5
        modes = by_role("mode")  # all four or none (the top bar shows them anyway)
        rows = [by_role("help") + first + by_role("quit") + by_role("palette")]
        if not second and sum(cells(e) for e in modes) <= room:
            rows[0] += modes
        elif second:
            if not left and sum(cells(e) for e in modes) <= second_room:
                second += modes
                modes = []
            rows.append(second)
            third: list[tuple[str, str, bool, str]] = []
            third_room = width - sum(cells(e) for e in modes)
            for entry in left:
                if cells(entry) <= third_room:
                    third.append(entry)
                    third_room -= cells(entry)
            if third or modes:  # a pushed screen (a record) shows no screen keys on its top bar
                rows.append(third + modes)
        out = []
        for row in rows:
            line = Text(no_wrap=True, overflow="crop", end="")
            for key, description, enabled, _role in row:
                line.append(key, style="bold reverse")
                line.append(f" {description} ", style="" if enabled else "dim")
            out.append(line)
        return out


class NoticeLine(Static):
    """One line above the keys for what just happened or went wrong; it clears itself.

    The app's `notify` writes here when the screen has one (a toast floating over tables
    had Chinese characters cut where it crossed a column edge). Severity is spelled out in
    a word as well as shown in colour.
    """

    DEFAULT_CSS = """
    NoticeLine { height: auto; max-height: 3; padding: 0 1; display: none; }
    NoticeLine.-information { background: $success 40%; }
    NoticeLine.-warning { background: $warning 50%; text-style: bold; }
    NoticeLine.-error { background: $error; text-style: bold; }
    """

    def __init__(self) -> None:
        super().__init__(markup=False)
        self._timer: Timer | None = None

    def show(self, message: str, severity: str, timeout: float) -> None:
        prefix = {"error": t("notice_error"), "warning": t("notice_warning")}.get(severity, "")
        self.update(f"{prefix}{message}")
        self.set_classes(f"-{severity}")
        self.display = True
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(timeout, self.clear)

    def clear(self) -> None:
        self.update("")
        self.display = False


class BottomLines(Vertical):
    """The notice line above the key bar, kept at the bottom of every book screen."""

    DEFAULT_CSS = """
    BottomLines { dock: bottom; height: auto; }
    """


def cursor_row_id(table: DataTable) -> str | None:
    """The key of the row under the table's cursor (our record ids), or None."""
    if table.row_count == 0:
        return None
    try:
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    except Exception:  # noqa: BLE001 - an empty or stale cursor simply starts at the top
        return None
    return None if key is None else str(key)
