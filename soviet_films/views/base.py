"""The one interface every view implements: a method per result, returning what to print.

Plain and JSON views return text; the terminal view returns a rich renderable (or text). Views
are pure: no I/O, and nothing from the data is ever read as markup.
"""

from __future__ import annotations

from typing import Any, Protocol

from soviet_films.errors import Problem
from soviet_films.model import (
    DiaryLine,
    FilmCard,
    HistoryImport,
    ImportedList,
    ImportPreview,
    Listing,
    Places,
    SearchHit,
    Stats,
    ThemeList,
    WatchlistLine,
)

# Text, or a rich renderable on the terminal view (rich is never imported to say so).
Output = Any


class View(Protocol):
    """What ``sfilms`` prints for each result, in one of the plain, JSON or terminal views."""

    def themes(self, themes: ThemeList, intros: bool = False) -> Output:
        """Every theme: id, name, number of films (and how many you have seen, with a log); on a
        terminal each intro's first sentence, or (``intros``) all of it."""
        ...

    def listing(self, listing: Listing) -> Output:
        """A theme's films in list order, or every film once with its themes."""
        ...

    def film_card(self, card: FilmCard) -> Output:
        """One film's card and what every theme that names it says about it."""
        ...

    def hits(self, hits: list[SearchHit]) -> Output:
        """Search hits: the film, the theme, the field that matched and a snippet."""
        ...

    def stats(self, stats: Stats) -> Output:
        """Totals, films per decade, top directors and films in several themes."""
        ...

    def places(self, places: Places) -> Output:
        """Where sfilms reads lists from and keeps its cache."""
        ...

    def imported(self, imported: ImportedList) -> Output:
        """What ``import`` wrote: the new theme's id, its number of films, and the file."""
        ...

    def import_preview(self, preview: ImportPreview) -> Output:
        """How ``import --dry-run`` read each entry, and which film it joins."""
        ...

    def problems(self, problems: list[Problem]) -> Output:
        """Problems found in files, one ``file:line: message`` each."""
        ...

    def diary(self, lines: list[DiaryLine]) -> Output:
        """Your diary entries, newest first: the day, the film, your rating, rewatch, note."""
        ...

    def watchlist(self, lines: list[WatchlistLine]) -> Output:
        """The films on your watchlist, in the order added."""
        ...

    def history_import(self, result: HistoryImport) -> Output:
        """What ``letterboxd import`` read and did; the films no list names, each once, with why."""
        ...
