"""The interactive browser's session: one read of the catalogue and the viewing log, asked as the user
looks around; the log written only as the commands write it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from soviet_films.errors import BadValue
from soviet_films.library import catalogue
from soviet_films.library import viewing as log_commands
from soviet_films.library.session import Notes, has_log, shelf, viewing
from soviet_films.model import Answer, Film, FilmCard, FilmRow, Listing, LogChange, SearchHit, ThemeList

if TYPE_CHECKING:
    from soviet_films.core.resolve import FilmMatcher


class Browser:
    """What the interactive browser asks for: the themes, a theme's films filtered as the user types,
    a film's card, a search. ``notes`` holds what the user should be told (list files left out, a
    viewing log that could not be read), as the commands tell it."""

    def __init__(self) -> None:
        self.notes = Notes()
        self.catalog = shelf(self.notes).whole()
        self._index = viewing(self.notes)
        self._matchers: dict[str | None, FilmMatcher] = {}
        self._rows: dict[str | None, list[FilmRow]] = {}

    def theme_id(self, query: str) -> str:
        """The id of the theme ``query`` names. Raises NotFound or Ambiguous."""
        from soviet_films.core.resolve import resolve_theme

        return resolve_theme(self.catalog, query).id

    @property
    def has_log(self) -> bool:
        """Whether a viewing log is there to show and to mark films in."""
        return has_log()

    def themes(self) -> ThemeList:
        """Every theme, with your progress where you keep a log."""
        if self._index is None:
            return ThemeList(list(self.catalog.themes))
        from soviet_films.core.viewing import seen_in

        catalog, index = self.catalog, self._index
        seen = {t.id: seen_in(catalog, index, (e.film_id for e in t.entries)) for t in catalog.themes}
        return ThemeList(list(catalog.themes), seen)

    def _theme_rows(self, theme_id: str | None) -> list[FilmRow]:
        from soviet_films.core.filters import film_rows

        rows = self._rows.get(theme_id)
        if rows is None:
            theme = self.catalog.theme(theme_id) if theme_id is not None else None
            rows = film_rows(self.catalog, theme)
            if theme is None:  # every film: those only your log names too
                rows += [FilmRow(film, film.title, film.year, None, ()) for film in self._logged().values()]
            self._rows[theme_id] = rows
        return rows

    def film_count(self) -> int:
        """How many films there are to browse: every film the lists name, and those only your log
        names."""
        return len(self._theme_rows(None))

    def _logged(self) -> dict[str, Film]:
        """The films only your log names, each by its key in the browser: its title and year, as
        the commands take it ("Pulp Fiction 1994")."""
        from soviet_films.library.session import logged_films

        films = logged_films(self._index).values()
        return {key: film._replace(id=key) for film in films for key in [f"{film.title} {film.year}"]}

    def listing(self, theme_id: str | None, text: str = "", sort: str = "list") -> Listing:
        """The films of a theme (None: every film once) that the filter ``text`` names: words of a
        title in any alphabet or an id (else, where no title has them, of a director's name), a
        year, range or decade (``1970s``), ``by:`` a director."""
        from soviet_films.core.filters import filter_rows, fuzzy_rows, parse_year_filter, sort_rows
        from soviet_films.core.viewing import viewing_by_film

        theme = self.catalog.theme(theme_id) if theme_id is not None else None
        words, years, directors = [], None, None
        for word in text.split():
            if word.lower().startswith("by:"):
                directors = self._directors_typed(word[3:]) if word[3:] else None
                continue
            try:
                years = parse_year_filter(word)
            except ValueError:
                words.append(word)
        rows = filter_rows(self._theme_rows(theme_id), years, directors)
        if words:
            named = self.matcher(theme_id).matching(" ".join(words))
            by_title = [row for row in rows if row.film.id in named]
            if not by_title and directors is None:  # no title has the words: a director's name may ('tark')
                by_title = filter_rows(rows, None, self._directors_typed(" ".join(words)))
            if not by_title:  # nor a name: the letters in order, as fzf matches ('stalkr'), best first
                by_title = fuzzy_rows(rows, " ".join(words))
                sort = "fuzzy"
            rows = by_title
        if sort == "fuzzy":
            pass  # already best first
        elif sort == "director":
            rows = sorted(rows, key=lambda row: (row.film.directors or ("~",))[0].split()[-1])
        else:
            rows = sort_rows(rows, sort)
        viewed = viewing_by_film(self._index, [row.film for row in rows]) if self._index is not None else None
        return Listing(theme, rows, viewed)

    def _directors_typed(self, typed: str) -> set[str]:
        """The directors a ``by:`` word names: as ``--director`` resolves it, or, while it is still
        being typed, every director with a name that begins so ('tark')."""
        from soviet_films.core.resolve import director_keys, director_names, resolve_directors
        from soviet_films.core.text import fold
        from soviet_films.errors import NotFound

        try:
            return resolve_directors(self.catalog, typed)
        except NotFound:
            start = fold(typed)
            return {
                name
                for name in director_names(self.catalog)
                if any(
                    word.startswith(start)
                    for key in director_keys(self.catalog, name)
                    for word in key.split()
                )
            }

    def matcher(self, theme_id: str | None) -> FilmMatcher:
        """The filter's matcher for a theme's films, made once (folding every title takes a moment in
        a large catalogue; each keystroke after only compares)."""
        from soviet_films.core.resolve import FilmMatcher

        matcher = self._matchers.get(theme_id)
        if matcher is None:
            matcher = self._matchers[theme_id] = FilmMatcher([row.film for row in self._theme_rows(theme_id)])
        return matcher

    def card(self, film_id: str) -> FilmCard:
        """The film's card, every list's words on it, and your viewing (``film_id``: a film the lists
        name, or a film only your log names, by its title and year)."""
        film = self.catalog.films.get(film_id)
        if film is None:
            film = self._logged()[film_id]._replace(id="")
            return FilmCard(film, [], self._index.of(film) if self._index is not None else None)
        viewed = self._index.of(film) if self._index is not None else None
        return FilmCard(film, self.catalog.appearances(film_id), viewed)

    def change_entry(
        self,
        number: int,
        on: str | None = None,
        rating: float | None = None,
        rewatch: bool | None = None,
        note: str | None = None,
        clear_rating: bool = False,
    ) -> LogChange:
        """Change one entry of your log, as ``sfilms diary edit`` does."""
        change = log_commands.change_entry(number, on, rating, rewatch, note, clear_rating).value
        self._reread_log()
        return change

    def remove_entry(self, number: int) -> LogChange:
        """Remove one entry of your log, as ``sfilms diary remove`` does."""
        change = log_commands.remove_entry(number).value
        self._reread_log()
        return change

    def _reread_log(self) -> None:
        self._index = viewing(self.notes)
        self._rows.pop(None, None)  # the films only your log names may have changed
        self._matchers.pop(None, None)

    def search(self, text: str) -> list[SearchHit]:
        """What ``sfilms search`` finds for ``text`` (empty: nothing)."""
        try:
            return catalogue.search(text.split()).value
        except BadValue:
            return []

    def logged_on(self, film_id: str, day: str) -> bool:
        """Whether your log has a diary entry of the film on ``day`` (2026-12-02)."""
        if self._index is None:
            return False
        viewed = self.card(film_id).viewing
        return viewed is not None and any(entry.watched_on == day for entry in viewed.entries)

    def mark_watched(self, film_id: str) -> LogChange:
        """Log the film as watched today, as ``sfilms watched`` does."""
        change = log_commands.watched(film_id).value
        self._reread_log()
        return change

    def undo(self, change: LogChange, film_id: str) -> None:
        """Take back what F3 or F4 did (``change``, for ``film_id``): the entry logged is removed
        (and the film put back on the watchlist it left), the film added taken off the watchlist."""
        if change.action == "logged":
            for entry in change.entries:
                log_commands.remove_entry(entry.number)
            if change.left_watchlist:
                log_commands.watchlist_change([film_id], add=True)
        elif change.action == "added":
            log_commands.watchlist_change([film_id], add=False)
        self._reread_log()

    def add_to_watchlist(self, film_id: str) -> LogChange:
        """Put the film on the watchlist, as ``sfilms watchlist add`` does."""
        [change] = log_commands.watchlist_change([film_id], add=True).value
        self._reread_log()
        return change


def browser_filter(theme: str | None, text: str) -> Answer[list[str]]:
    """The films the browser shows for the filter ``text`` (on ``theme``, or every film), in its
    order, without drawing anything: their ids (a film only your log names, its title and year),
    as the browser's Enter would print them. ``sfilms browse --filter``; for scripts and tests.
    Raises NotFound or Ambiguous for ``theme``."""
    browser = Browser()
    theme_id = browser.theme_id(theme) if theme is not None else None
    rows = browser.listing(theme_id, text).rows
    return Answer([row.film.id for row in rows], tuple(browser.notes))
