"""The screens the browser opens over itself: the keys, and your log of one film."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from soviet_films import library
from soviet_films.errors import SfilmsError
from soviet_films.model import LogEntry
from soviet_films.safe import visible

HELP = """\
Keys

  Type       filter the films: a title's words in
             any alphabet, an id, a director's name,
             1975, 1970-1979, 1970s, by:director
  /          search every list's text
             (Enter runs it; Esc goes back)
  ↑ ↓        move (Ctrl-N/P, Ctrl-J/K too)
  PgUp PgDn  a page up or down
  Shift-↓ ↑  scroll the card (Ctrl-D/U too)
  Tab        mark the film (again: unmark it)
  Shift-Tab  the themes (Tab: back to the films)
  Enter      pick the film, or every one marked:
             close, and print their ids
  F2         sort: list, year, title, director
  F3         mark it watched today (with a log)
  F4         put it on your watchlist
  Ctrl-Z     take back the last F3 or F4
  F5         your log of it: correct or remove
             an entry
  F1         this help (↑ ↓ scroll it)
  Esc        clear the filter; on an empty one,
             close
  Ctrl-C     close, printing nothing

The mouse works too: click a theme, a film, a
column.
"""


class HelpScreen(ModalScreen[None]):
    """The keys, over the browser; any key closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,f1", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):  # on a small terminal the keys scroll
            yield Static(HELP)

    def on_key(self, event: events.Key) -> None:
        scroll = self.query_one("#help", VerticalScroll)
        moves = {"down": 1, "up": -1, "pagedown": scroll.size.height, "pageup": -scroll.size.height}
        if event.key in moves:
            scroll.scroll_to(y=scroll.scroll_y + moves[event.key], animate=False)
            event.stop()
            return
        self.dismiss()  # any other key closes the help


class DiaryScreen(ModalScreen[None]):
    """One film's entries in your log, to correct one at a time: its day, rating, note and rewatch
    mark, or remove it; each change said in a line, as ``sfilms diary edit|remove`` says it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("d", "edit('day')", "Day"),
        Binding("r", "edit('rating')", "Rating"),
        Binding("n", "edit('note')", "Note"),
        Binding("w", "rewatch", "Rewatch"),
        Binding("x,delete", "remove", "Remove"),
    ]
    PROMPTS: ClassVar[dict[str, str]] = {
        "day": "The day you watched it: 2026-11-30, today, yesterday (Enter sets it, Esc leaves it)",
        "rating": "A rating from 0.5 to 5 in half steps; empty for none (Enter sets it, Esc leaves it)",
        "note": "Your note; empty for none (Enter sets it, Esc leaves it)",
    }

    def __init__(self, browser: library.Browser, film: str) -> None:
        super().__init__()
        self.browser, self.film = browser, film
        self.entries: list[LogEntry] = []
        self.editing = ""
        self.said = ""  # what the last change did, as the screen says it

    def compose(self) -> ComposeResult:
        with Vertical(id="diary"):
            yield Static(id="diary-title")
            yield OptionList(id="entries")
            yield Input(id="value")
            yield Static(id="said")
            yield Static("d day · r rating · n note · w rewatch · x remove · Esc close", id="diary-keys")

    def on_mount(self) -> None:
        self.query_one("#value", Input).display = False
        self._fill()

    def _fill(self) -> None:
        card = self.browser.card(self.film)
        self.entries = list(card.viewing.entries) if card.viewing is not None else []
        title = self.query_one("#diary-title", Static)
        title.update(Text(f"Your log of {visible(card.film.title)} ({card.film.year})", style="bold"))
        options = self.query_one("#entries", OptionList)
        highlighted = options.highlighted or 0
        options.clear_options()
        for entry in self.entries:
            options.add_option(Option(_entry_line(entry)))
        if not self.entries:
            options.add_option(Option(Text("Nothing in your log for this film.", style="dim"), disabled=True))
        options.highlighted = min(highlighted, max(0, len(self.entries) - 1))
        options.focus()

    def _chosen(self) -> LogEntry | None:
        index = self.query_one("#entries", OptionList).highlighted
        return self.entries[index] if index is not None and 0 <= index < len(self.entries) else None

    def _said(self, text: str, style: str = "") -> None:
        self.said = text
        self.query_one("#said", Static).update(Text(text, style=style))

    def action_edit(self, field: str) -> None:
        if self._chosen() is None:
            return
        self.editing = field
        box = self.query_one("#value", Input)
        box.placeholder, box.value, box.display = self.PROMPTS[field], "", True
        box.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        entry, field, text = self._chosen(), self.editing, event.value.strip()
        self._stop_editing()
        if entry is None:
            return
        try:
            if field == "day":
                self._change(entry, on=library.parse_day(text))
            elif field == "rating" and text:
                self._change(entry, rating=library.parse_rating(text))
            elif field == "rating":
                self._change(entry, clear_rating=True)
            else:
                self._change(entry, note=text)
        except SfilmsError as error:  # not a day or a rating: said, and nothing changed
            self._said(visible(str(error)), "red")

    def _change(
        self,
        entry: LogEntry,
        on: str | None = None,
        rating: float | None = None,
        rewatch: bool | None = None,
        note: str | None = None,
        clear_rating: bool = False,
    ) -> None:
        try:
            change = self.browser.change_entry(entry.number, on, rating, rewatch, note, clear_rating)
        except SfilmsError as error:  # a log that cannot be written: said, and the screen stays
            self._said(visible(str(error)), "red")
            return
        was, now = change.entries
        said = f"entry {entry.number} changed: {_entry_line(was).plain} -> {_entry_line(now).plain}"
        self._said(said, "green")
        self._fill()

    def action_rewatch(self) -> None:
        entry = self._chosen()
        if entry is not None:
            self._change(entry, rewatch=not entry.rewatch)

    def action_remove(self) -> None:
        entry = self._chosen()
        if entry is None:
            return
        try:
            self.browser.remove_entry(entry.number)
        except SfilmsError as error:
            self._said(visible(str(error)), "red")
            return
        self._said(f"entry {entry.number} removed: {_entry_line(entry).plain}", "green")
        self._fill()

    def _stop_editing(self) -> None:
        self.editing = ""
        self.query_one("#value", Input).display = False
        self.query_one("#entries", OptionList).focus()

    def action_close(self) -> None:
        if self.editing:
            self._stop_editing()
        else:
            self.dismiss()


def _entry_line(entry: LogEntry) -> Text:
    """One entry of the log on a line: its number, day (or what kind of mark it is), rating,
    rewatch, note."""
    day = entry.watched_on or {"rating": "rated", "watched": "seen, no day"}.get(entry.kind, "no day")
    parts = [f"#{entry.number}", day]
    if entry.rating is not None:
        parts.append(f"{entry.rating:g}/5")
    if entry.rewatch:
        parts.append("rewatch")
    if entry.note:
        parts.append(" ".join(entry.note.split())[:60])
    return Text(visible("  ".join(parts)))
