"""``sfilms browse``: the lists in a full-screen browser (Textual), for people who would rather look.

The themes on the left, the chosen theme's films in a table, the film under the cursor as
``sfilms show`` prints it below. Typing filters the films (titles in any alphabet, ids, a year or
decade, ``by:`` a director); ``/`` searches every list; Enter picks the film: the browser closes
and its id goes to stdout, so ``sfilms show "$(sfilms browse)"`` works. Everything it shows comes
through ``library.Browser`` and the terminal view, so list text is shown as text, never obeyed.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.notifications import SeverityLevel
from textual.widgets import DataTable, Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from soviet_films import library
from soviet_films.errors import SfilmsError
from soviet_films.model import FilmCard, FilmRow, LogChange, SearchHit
from soviet_films.safe import visible
from soviet_films.tui.cells import cell, yours
from soviet_films.tui.screens import DiaryScreen, HelpScreen
from soviet_films.views.terminal import TerminalView

SORTS = ("list", "year", "title", "director")
MOST = 100  # rows in the film table at once: a screen shows a dozen; typing narrows the rest
ALL = "__all__"


_BROWSER_ACTIONS = {"pick", "search", "move", "mark", "undo", "scroll_card", "sort", "watched", "watchlist",
                    "diary", "help", "back", "quit_quietly"}  # fmt: skip


class BrowseApp(App[str]):
    """The browser. ``theme`` is the theme to open on (None: every film)."""

    TITLE = "sfilms"
    CSS_PATH = "browser.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "pick", "Pick", priority=True),
        Binding("slash", "search", "Search", priority=True),
        Binding("up,ctrl+p,ctrl+k", "move(-1)", "Up", show=False, priority=True),
        Binding("down,ctrl+n,ctrl+j", "move(1)", "Down", show=False, priority=True),
        Binding("shift+down,ctrl+d", "scroll_card(1)", "Card down", show=False, priority=True),
        Binding("shift+up,ctrl+u", "scroll_card(-1)", "Card up", show=False, priority=True),
        Binding("ctrl+c,ctrl+q", "quit_now", "Quit", show=False, priority=True),
        Binding("tab", "mark", "Mark", show=False, priority=True),
        Binding("ctrl+z", "undo", "Undo", show=False, priority=True),
        Binding("pageup", "move(-10)", "Page up", show=False, priority=True),
        Binding("pagedown", "move(10)", "Page down", show=False, priority=True),
        Binding("f2", "sort", "Sort"),
        Binding("f3", "watched", "Watched"),
        Binding("f4", "watchlist", "Watchlist"),
        Binding("f5", "diary", "Your log"),
        Binding("f1", "help", "Help"),
        Binding("escape", "back", "Close", priority=True),
        Binding("q", "quit_quietly", "Quit", show=False),
    ]

    ENABLE_COMMAND_PALETTE = False  # ctrl+p moves up, as in fzf

    def __init__(self, theme: str | None = None, query: str = "") -> None:
        super().__init__()
        self.query_text = query
        self.last_change: tuple[LogChange, str] | None = None  # what F3 or F4 did last: Ctrl-Z takes it back
        self.marked: list[str] = []  # films marked with Tab, in the order marked: Enter prints them all
        self.browser = library.Browser()
        self.theme_id: str | None = self.browser.theme_id(theme) if theme else None
        self.sort = "list"
        self.searching = False
        self.rows: list[FilmRow] = []
        self.hits: list[SearchHit] = []
        self.view = TerminalView()
        self.card: FilmCard | None = None  # the card in the detail pane

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield OptionList(id="themes")
            with Vertical(id="main"):
                yield Input(placeholder="Filter: a title, 1970s, by:tarkovsky   (/ searches)", id="filter")
                yield DataTable(id="films", cursor_type="row", zebra_stripes=True)
                with VerticalScroll(id="detail"):
                    yield Static(id="card")
        yield Footer()

    def on_mount(self) -> None:
        self._fill_themes()
        self._show_films()
        self.call_after_refresh(self.browser.matcher, self.theme_id)  # ready before the first key
        box = self.query_one("#filter", Input)
        if self.query_text:  # sfilms browse --query TEXT: started filtered
            box.value = self.query_text
        box.focus()  # as in fzf: typing filters at once

    # ---------------------------------------------------------------- filling the panes

    def _fill_themes(self) -> None:
        themes = self.browser.themes()
        options = self.query_one("#themes", OptionList)
        options.clear_options()
        films = self.browser.film_count()
        options.add_option(Option(Text(f"All films ({films})"), id=ALL))
        for theme in themes.themes:
            label = Text(visible(theme.name), style="bold")
            label.append(f"\n{len(theme.entries)} films")
            if themes.seen is not None:
                label.append(f" · {themes.seen[theme.id]} seen", style="green")
            options.add_option(Option(label, id=theme.id))
        index = 0 if self.theme_id is None else 1 + [t.id for t in themes.themes].index(self.theme_id)
        options.highlighted = index

    def _film_columns(self, table: DataTable, logged: bool) -> None:
        # The table takes the pane's width: the title and the directors share what # and the year
        # (and, with a viewing log, your mark) leave (the id is in the card below), so it fits 80
        # columns and uses more when there.
        room = max(30, (table.size.width or self.size.width - 24) - 16 - (8 if logged else 0))
        table.clear(columns=True)
        table.add_column("#", width=3)
        table.add_column("Title", width=room * 3 // 5)
        table.add_column("Year", width=4)
        table.add_column("Directed by", width=room - room * 3 // 5)
        if logged:
            table.add_column("You", width=6)
        self._columns_for = (table.size.width, "films", logged)

    def _show_films(self) -> None:
        if not self.is_running or not self.screen.query("#films"):
            return
        table = self.query_one("#films", DataTable)
        text = self.query_one("#filter", Input).value
        listing = self.browser.listing(self.theme_id, text, self.sort)
        # A table of ten thousand rows takes half a second to fill; no one scrolls that far.
        # The first MOST are shown, and the last row says how many more typing would narrow.
        self.rows = listing.rows[:MOST]
        more = len(listing.rows) - len(self.rows)
        viewing = listing.viewing
        if getattr(self, "_columns_for", None) != (table.size.width, "films", viewing is not None):
            self._film_columns(table, viewing is not None)
        else:
            table.clear()
        mine = [
            (cell(yours(viewing.get(row.film.id)), "green"),) if viewing is not None else ()
            for row in self.rows
        ]
        table.add_rows(
            [
                (self._place(row), cell(row.title, "bold"), cell(row.year),
                 cell(", ".join(row.film.directors)), *marks)
                for row, marks in zip(self.rows, mine, strict=True)
            ]
        )  # fmt: skip
        if more:
            more_row = ["", cell(f"… and {more} more: type to narrow them", "dim italic"), "", ""]
            table.add_row(*more_row, *([""] if viewing is not None else []))
        self._show_card()

    def _show_hits(self, text: str) -> None:
        table = self.query_one("#films", DataTable)
        self.hits = self.browser.search(text)
        table.clear(columns=True)
        self._columns_for = (table.size.width, "hits")
        table.add_columns("Film", "Year", "Theme", "Field", "Snippet")
        table.add_rows(
            [
                (cell(hit.film.title, "bold"), cell(hit.film.year), cell(hit.theme.id), cell(hit.field),
                 cell(hit.snippet.text))
                for hit in self.hits
            ]
        )  # fmt: skip
        self._show_card()

    def _current_film(self) -> str | None:
        if not self.is_running or not self.screen.query("#films"):
            return None
        table = self.query_one("#films", DataTable)
        row = table.cursor_row
        if self.searching:
            return self.hits[row].film.id if 0 <= row < len(self.hits) else None
        return self.rows[row].film.id if 0 <= row < len(self.rows) else None

    def _show_card(self) -> None:
        if not self.is_running or not self.screen.query("#card"):
            return
        film_id = self._current_film()
        card = self.query_one("#card", Static)
        if self.card is not None and film_id == self.card.film.id:
            return  # the same film: nothing to draw again
        if film_id is None:
            self.card = None
            card.update(Text("No film matches." if not self.searching else "Nothing found.", style="dim"))
            return
        self.card = self.browser.card(film_id)
        card.update(self.view.film_card(self.card))

    # ---------------------------------------------------------------- events

    def on_resize(self) -> None:
        if not self.searching:
            self.call_after_refresh(self._show_films)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        chosen = None if event.option.id == ALL else event.option.id
        if chosen != self.theme_id:
            self.theme_id = chosen
            self.searching = False
            self._show_films()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_card()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        by_column = {"Title": "title", "Year": "year", "Directed by": "director", "#": "list"}
        if not self.searching and str(event.label) in by_column:
            self.sort = by_column[str(event.label)]
            self._show_films()

    def on_input_changed(self, event: Input.Changed) -> None:
        if not self.searching:
            self._show_films()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self.searching:
            self._show_hits(event.value)
            self.query_one("#films", DataTable).focus()

    # ---------------------------------------------------------------- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Over your log of a film or the help, their keys are their own: the browser's wait."""
        return not isinstance(self.screen, (DiaryScreen, HelpScreen)) or action not in _BROWSER_ACTIONS

    def action_pick(self) -> None:
        if self.focused is self.query_one("#filter", Input) and self.searching:
            self.on_input_submitted(
                Input.Submitted(self.query_one("#filter", Input), self.query_one("#filter", Input).value)
            )
            return
        if self.marked and not self.searching:
            self.exit("\n".join(self.marked))
            return
        film_id = self._current_film()
        if film_id is not None:
            self.exit(film_id)

    def action_search(self) -> None:
        if self.searching and self.focused is self.query_one("#filter", Input):
            self.query_one("#filter", Input).insert_text_at_cursor("/")
            return
        self.searching = True
        box = self.query_one("#filter", Input)
        box.placeholder = 'Search every list: words, "a phrase"   (Enter searches, Esc goes back)'
        box.value = ""
        box.focus()

    def action_back(self) -> None:
        box = self.query_one("#filter", Input)
        if self.searching:
            self.searching = False
            box.placeholder = "Filter: a title, 1970s, by:tarkovsky   (/ searches)"
            box.value = ""
            self._show_films()
            self.query_one("#films", DataTable).focus()
        elif box.value:
            box.value = ""
            self.query_one("#films", DataTable).focus()
        else:
            self.exit(None)

    def action_move(self, by: int) -> None:
        table = self.query_one("#films", DataTable)
        if self.focused is self.query_one("#themes", OptionList):
            themes = self.query_one("#themes", OptionList)
            themes.highlighted = max(0, min((themes.highlighted or 0) + by, themes.option_count - 1))
            return
        if table.row_count:
            table.move_cursor(row=max(0, min(table.cursor_row + by, table.row_count - 1)))

    def _place(self, row: FilmRow) -> Text:
        """The first cell of a film's row: ● where it is marked, else its place in the theme."""
        if row.film.id in self.marked:
            return cell("●", "bold")
        return cell(row.rank if row.rank is not None else "")

    def action_mark(self) -> None:
        """Tab, as in fzf: mark the film under the cursor (or unmark it) and move down; Enter then
        prints every film marked. From the themes, Tab goes back to the films."""
        if self.focused is self.query_one("#themes", OptionList):
            self.query_one("#filter", Input).focus()
            return
        film_id = self._current_film()
        if film_id is None or self.searching:
            return
        if film_id in self.marked:
            self.marked.remove(film_id)
        else:
            self.marked.append(film_id)
        table = self.query_one("#films", DataTable)
        row = self.rows[table.cursor_row]
        table.update_cell_at(
            (table.cursor_row, 0), cell("●" if film_id in self.marked else row.rank or "", "bold")
        )
        self.action_move(1)

    def action_scroll_card(self, by: int) -> None:
        """The card pane, half a page down or up (its text runs longer than the pane at 80x24)."""
        detail = self.query_one("#detail", VerticalScroll)
        detail.scroll_to(y=detail.scroll_y + by * max(1, detail.size.height // 2), animate=False)

    def action_quit_now(self) -> None:
        self.exit(None)  # Ctrl-C, anywhere, over any screen: as in fzf

    def action_quit_quietly(self) -> None:
        self.exit(None)  # only off the filter box: there, q is a letter to filter by

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self._tell(f"sorted by {self.sort}")
        self._show_films()

    def _tell(self, text: str, severity: SeverityLevel = "information") -> None:
        """A toast of plain text: a title's brackets are shown, never read as markup."""
        self.notify(visible(text), severity=severity, markup=False)

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def _log(self, mark: str) -> None:
        film_id = self._current_film()
        if film_id is None:
            return
        if not self.browser.has_log:
            self._tell("No viewing log yet: start one with 'sfilms watched FILM'", "warning")
            return
        if mark == "w" and self.browser.logged_on(film_id, dt.date.today().isoformat()):
            self._tell("Already in your log for today; F5 changes or removes that entry", "warning")
            return  # F3 twice is one viewing, not two
        try:
            change = (
                self.browser.mark_watched(film_id) if mark == "w" else self.browser.add_to_watchlist(film_id)
            )
        except SfilmsError as error:  # a log that cannot be written: say so, and keep browsing
            self._tell(str(error), "error")
            return
        done = {"logged": "logged as watched today", "added": "added to your watchlist",
                "already": "on your watchlist already"}[change.action]  # fmt: skip
        self.last_change = (change, film_id) if change.action in ("logged", "added") else None
        self._tell(f"{change.film.title}: {done} (Ctrl-Z takes it back)")
        self._fill_themes()
        self.card = None
        self._show_films()

    def action_undo(self) -> None:
        if self.last_change is None:
            self._tell("Nothing to take back", "warning")
            return
        change, film_id = self.last_change
        try:
            self.browser.undo(change, film_id)
        except SfilmsError as error:
            self._tell(str(error), "error")
            return
        self.last_change = None
        what = "not logged" if change.action == "logged" else "off your watchlist again"
        self._tell(f"{change.film.title}: taken back, {what}")
        self._fill_themes()
        self.card = None
        self._show_films()

    def action_watched(self) -> None:
        self._log("w")

    def action_watchlist(self) -> None:
        self._log("a")

    def action_diary(self) -> None:
        film = self._current_film()
        if film is None:
            return
        if not self.browser.has_log:
            self._tell("No viewing log yet: start one with 'sfilms watched FILM'", "warning")
            return

        def after(_: None) -> None:
            self.card = None  # drawn again, with the log as it is now
            self._fill_themes()
            self._show_films()

        self.push_screen(DiaryScreen(self.browser, film), after)
