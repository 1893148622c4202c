"""Places (场所): the grid's premises, gates and garbage points with today's state, and one
place's record with its inspections.

The list shows for each place what today needs (an inspection due by the policy, checks
failed and not yet put right, done); `a` registers a place, `i` inspects the one under the
cursor with the checks its kind gets, `f` follows up the checks still failed, `s` changes
how it runs (open, limited, closed management, closed), `n` records a notice the office
issued (a "posted" item for every unit door). Enter opens the place's record.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from screens.base import BookScreen
from screens.confirm import ConfirmScreen
from screens.place_forms import InspectForm, NoticeForm, PlaceForm, PlaceStateForm
from screens.strings import t
from screens.widgets import clip, cursor_row_id, header, plain, shown_lines
from store import places
from store.book.models import Place, PlaceState
from store.place_words import check_words, place_word


def today_text(view: places.PlaceToday, disinfected: bool | None) -> str:
    """What a place needs today, in a word and a mark (never colour alone)."""
    if view.open:
        return t("place_failed_n", n=len(view.open))
    if view.due:
        return t("place_due")
    if view.inspected:
        return t("place_done")
    if disinfected is not None:
        return t("place_disinfected") if disinfected else t("place_not_disinfected")
    return "-"


class PlaceActions:
    """Inspect, follow up and change the state of one place: the list and the record share
    these (each says which place through `current_place`)."""

    def current_place(self) -> Place | None:
        raise NotImplementedError

    def action_inspect(self) -> None:
        screen: Any = self
        place = self.current_place()
        if place is None:
            return
        checks = list(places.checks_of(screen.book, place))
        if not checks:
            screen.notify(t("place_no_checks", kind=place_word(place.kind.value)))
            return
        self._ask_inspection(place, checks, {}, follow_up=False)

    def action_follow_up(self) -> None:
        screen: Any = self
        place = self.current_place()
        if place is None:
            return
        still = places.open_checks(screen.book, place.id, screen.today())
        if not still:
            screen.notify(t("place_nothing_open"))
            return
        self._ask_inspection(place, [c.check for c in still], {c.check: c.note for c in still},
                             follow_up=True)

    def _ask_inspection(self, place: Place, checks: list[str], notes: dict[str, str], *,
                        follow_up: bool) -> None:
        screen: Any = self
        on, at = screen.today(), screen.now().strftime("%H:%M")

        def answered(results: dict[str, tuple[bool, str]] | None) -> None:
            if results is None:
                return
            failed = [c for c, (passed, _note) in results.items() if not passed]
            done = t("done_inspected_failed", checks=check_words(failed)) if failed \
                else t("done_inspected_passed")
            screen.write(lambda book: places.inspect_place(book, place.id, results, on, at),
                         done=done)
        screen.app.push_screen(InspectForm(place, checks, notes, follow_up=follow_up), answered)

    def action_place_state(self) -> None:
        screen: Any = self
        place = self.current_place()
        if place is None:
            return
        on = screen.today()

        def answered(state: PlaceState | None) -> None:
            if state is not None and state != place.state:
                screen.write(lambda book: places.set_place_state(book, place.id, state, on),
                             done=t("done_place_state", place=place.name,
                                    state=place_word(state.value)))
        screen.app.push_screen(PlaceStateForm(place), answered)


class PlacesScreen(PlaceActions, BookScreen):
    """The register of places, with what each needs today."""

    CSS_PATH = "places.tcss"
    TITLE_KEY = "title_places"
    MODE = "places"
    BINDINGS = [
        Binding("enter", "open", "k_open", priority=True, id="places.open"),
        Binding("i", "inspect", "k_inspect", id="places.inspect"),
        Binding("f", "follow_up", "k_follow_up", id="places.follow_up"),
        Binding("a", "add", "k_add_place", id="places.add"),
        Binding("s", "place_state", "k_place_state", id="places.state"),
        Binding("n", "notice", "k_notice", id="places.notice"),
        Binding("r", "reload", "k_reload", show=False, id="places.reload"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.focus_place: str | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_bar()
        yield Static("", markup=False, id="places-counts")
        yield DataTable(id="places-list", cursor_type="row", zebra_stripes=True)
        yield Static("", markup=False, id="places-empty")
        yield from self.compose_footer()

    def set_up(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(header(t("col_today")), width=10, key="today")
        table.add_column(header(t("col_place")), width=16, key="name")
        table.add_column(header(t("col_kind")), width=10, key="kind")
        table.add_column(header(t("col_place_state")), width=8, key="state")
        table.add_column(header(t("col_last")), width=5, key="last")
        table.add_column(header(t("col_address")), key="address")
        table.focus()

    def current_place(self) -> Place | None:
        key = cursor_row_id(self.query_one(DataTable))
        return self.book.get(Place, key) if key else None

    def reload(self) -> None:
        book, on = self.book, self.today()
        table = self.query_one(DataTable)
        cursor_key = self.focus_place or cursor_row_id(table)
        self.focus_place = None
        table.clear()
        groups = {g.group: g for g in places.round_groups(book, on)}
        due = failed = 0
        shown = places.places_of(book)
        for place in shown:
            view = places.place_today(book, place, on)
            due += view.due
            failed += len(view.open)
            group = groups.get(f"p:{place.id}")
            table.add_row(*plain(
                today_text(view, group.done if group is not None and not view.last else None),
                clip(place.name, 16), clip(place_word(place.kind.value), 10),
                clip(place_word(view.state.value), 8),
                f"{view.last.on:%m-%d}" if view.last else "-", clip(place.address, 30)),
                key=place.id)
        done_groups = sum(1 for g in groups.values() if g.done)
        self.query_one("#places-counts", Static).update(t(
            "places_counts", places=len(shown), due=due, failed=failed, done=done_groups,
            groups=len(groups)))
        empty = table.row_count == 0
        self.query_one("#places-empty", Static).update(t("places_none") if empty else "")
        self.query_one("#places-empty", Static).display = empty
        if cursor_key is not None and cursor_key in table.rows:
            table.move_cursor(row=table.get_row_index(cursor_key))

    def show_place(self, place_id: str) -> None:
        """Put the cursor on one place (from Today)."""
        self.focus_place = place_id
        self.reload()

    # actions -------------------------------------------------------------------------------
    def action_reload(self) -> None:
        self.reload()

    def action_open(self) -> None:
        place = self.current_place()
        if place is not None:
            self.app.push_screen(PlaceScreen(place.id))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_add(self) -> None:
        on = self.today()

        def added(values: dict[str, Any] | None) -> None:
            if values is None:
                return

            def then(place: Place) -> None:
                self.show_place(place.id)
            self.write(lambda book: places.add_place(book, on=on, **values),
                       done=t("done_place_added"), then=then)
        self.app.push_screen(PlaceForm(), added)

    def action_notice(self) -> None:
        on = self.today()

        def answered(notice: str | None) -> None:
            if notice:
                self.write(lambda book: places.issue_notice(book, notice, on),
                           then=lambda count: self.notify(t("done_notice", notice=notice,
                                                            count=count)))
        self.app.push_screen(NoticeForm(), answered)


class PlaceScreen(PlaceActions, BookScreen):
    """One place's record: who keeps it, its state, its checks, and every inspection."""

    CSS_PATH = "places.tcss"
    TITLE_KEY = "title_place"
    BINDINGS = [
        Binding("escape", "back", "k_back", id="place.back"),
        Binding("i", "inspect", "k_inspect", id="place.inspect"),
        Binding("f", "follow_up", "k_follow_up", id="place.follow_up"),
        Binding("s", "place_state", "k_place_state", id="place.state"),
        Binding("e", "edit", "k_edit", id="place.edit"),
        Binding("d", "delete", "k_delete", show=False, id="place.delete"),
    ]

    def __init__(self, place_id: str) -> None:
        super().__init__()
        self.place_id = place_id

    def compose(self) -> ComposeResult:
        yield from self.compose_bar()
        yield Static("", markup=False, id="place-head")
        with VerticalScroll(id="place-body"):
            yield Static("", markup=False, id="place-text")
        yield from self.compose_footer()

    def set_up(self) -> None:
        self.query_one("#place-body").focus()

    def current_place(self) -> Place | None:
        return self.book.get(Place, self.place_id)

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_delete(self) -> None:
        """A place registered by mistake goes (asked first); its inspections stay on file."""
        place = self.current_place()
        if place is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.write(lambda book: book.delete(Place, place.id),
                           done=t("done_place_deleted"), then=lambda _r: self.action_back())
        self.app.push_screen(ConfirmScreen(t("place_delete_confirm", place=place.name)),
                             answered)

    def action_edit(self) -> None:
        """Put right a name, kind, address or keeper typed wrong (only what changed)."""
        place = self.current_place()
        if place is None:
            return

        def answered(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            changed = {k: v for k, v in values.items() if getattr(place, k) != v}
            if changed:
                self.write(lambda book: places.edit_place(book, place.id, **changed),
                           done=t("done_saved"))
        self.app.push_screen(PlaceForm(place), answered)

    def reload(self) -> None:
        place = self.current_place()
        if place is None:
            self.query_one("#place-head", Static).update(t("place_gone"))
            return
        book, on = self.book, self.today()
        view = places.place_today(book, place, on)
        head = [(f"{place.name}  [{place_word(place.kind.value)}]  "
                 f"[{place_word(view.state.value)}]  {today_text(view, None)}")]
        who = "  ".join(p for p in (place.address, place.keeper, place.phone) if p)
        if who:
            head.append(who)
        self.query_one("#place-head", Static).update(shown_lines("\n".join(head)))
        lines: list[str] = []
        checks = places.checks_of(book, place)
        lines.append(t("sec_checks") + (check_words(checks) if checks else t("place_no_checks_short")))
        if view.open:
            lines.append(t("sec_open_checks"))
            for still in view.open:
                lines.append("  " + t("open_check_line", check=place_word(still.check),
                                      since=f"{still.failed_on:%m-%d}", note=still.note or "-"))
        lines.append(t("sec_inspections"))
        history = places.inspections_of(book, place.id)
        if not history:
            lines.append("  " + t("no_inspections"))
        order = {name: index for index, name in enumerate(checks)}
        for inspection in reversed(history):
            mark = t("follow_up_mark") + " " if inspection.follows else ""
            results = sorted(inspection.checks.items(), key=lambda cr: (order.get(cr[0], 99), cr[0]))
            passed = [check for check, result in results if result.passed]
            failed = [(check, result) for check, result in results if not result.passed]
            line = f"  {inspection.on:%m-%d} {inspection.at} {mark}"
            if passed:
                line += "✓ " + check_words(passed)
            lines.append(line)
            for check, result in failed:
                note = f"  {result.note}" if result.note else ""
                lines.append(f"      ✗ {place_word(check)}{note}")
        if place.changes:
            lines.append(t("sec_state_changes"))
            for change in place.changes:
                lines.append(f"  {change.on:%m-%d} {place_word(change.state.value)}")
        self.query_one("#place-text", Static).update(shown_lines("\n".join(lines)))
