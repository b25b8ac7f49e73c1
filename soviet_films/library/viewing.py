"""Your viewing: logging films, the watchlist, the diary, and Letterboxd's export brought in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from soviet_films import places
from soviet_films.errors import BadValue
from soviet_films.library.session import Notes, answering, film_named, shelf, theme_named
from soviet_films.model import DiaryLine, HistoryImport, LogChange, WatchlistLine, YearRange

if TYPE_CHECKING:
    import datetime as dt

    from soviet_films.core.viewing import FilmFinder, ViewingIndex
    from soviet_films.model import Catalog, Film


def _today() -> dt.date:
    import datetime as dt

    return dt.date.today()


def parse_rating(text: str) -> float:
    """A rating from 0.5 to 5 in half steps. Raises BadValue saying what is accepted."""
    from soviet_films.core.viewing import parse_rating as parse

    try:
        return parse(text)
    except ValueError as error:
        raise BadValue("rating", text, str(error)) from None


def parse_day(text: str) -> str:
    """A day you watched a film, as 2026-11-30 (also 'today', 'yesterday'), not in the future.

    Raises BadValue saying what is accepted."""
    from soviet_films.core.viewing import parse_date

    try:
        return parse_date(text, _today()).isoformat()
    except ValueError as error:
        raise BadValue("date", text, str(error)) from None


@answering
def watched(
    notes: Notes,
    film: str,
    on: str | None = None,
    rating: float | None = None,
    rewatch: bool = False,
    note: str = "",
) -> LogChange:
    """Add a diary entry: ``film`` (resolved as ``show`` resolves it) watched ``on`` a day (as
    ``parse_day`` gives it; today if None), with an optional rating, rewatch mark and note.

    Raises NotFound, Ambiguous, LogUnusable, LogBusy or CannotWrite; nothing is written then.
    """
    from soviet_films.core.viewing import film_identity, watchlist_items_of
    from soviet_films.model import LogEntry
    from soviet_films.store import viewing_log

    found = film_named(shelf(notes), film)[0]
    day = on or _today().isoformat()
    entry = LogEntry(
        0, film_identity(found), found.title, found.year, "diary", day, rating, rewatch, note, "sfilms"
    )
    with viewing_log.writing(places.log_file()) as log:
        entry = viewing_log.add_entry(log, entry, logged_on=_today().isoformat())
        # As on Letterboxd, a film you log leaves your watchlist.
        listed = watchlist_items_of(viewing_log.contents(log)[1], found)
        viewing_log.remove_from_watchlist(log, listed)
    return LogChange("logged", found, (entry,), left_watchlist=bool(listed))


@answering
def unwatch(notes: Notes, film: str, on: str | None = None) -> LogChange:
    """Remove the film's entries from the log: all of them, or those of the day ``on``.

    Raises NothingLogged when there are none to remove (nothing is written then).
    """
    from soviet_films.core.viewing import ViewingIndex
    from soviet_films.errors import NothingLogged
    from soviet_films.store import viewing_log

    found = film_named(shelf(notes), film)[0]
    with viewing_log.writing(places.log_file()) as log:
        # Read inside the transaction: what is removed is what is there now.
        entries, watchlist = viewing_log.contents(log)
        chosen = [
            e for e in ViewingIndex(entries, watchlist).entries_of(found) if on is None or e.watched_on == on
        ]
        if not chosen:
            raise NothingLogged("entry" if on is None else f"entry on {on}", f"{found.title} ({found.year})")
        viewing_log.remove_entries(log, [entry.number for entry in chosen])
    return LogChange("removed", found, tuple(chosen))


@answering
def watchlist_change(notes: Notes, films: list[str], add: bool) -> list[LogChange]:
    """Put the films on the watchlist (``add``) or take them off, all in one write: every film is
    resolved first, so one that names nothing changes nothing.

    Each change says "added" or "already" (on it before), "dropped" or "absent" (not on it).
    """
    from soviet_films.core.viewing import ViewingIndex, film_identity, watchlist_items_of
    from soviet_films.model import WatchlistItem
    from soviet_films.store import viewing_log

    found_shelf = shelf(notes)
    found = list({film.id: film for film in (film_named(found_shelf, query)[0] for query in films)}.values())
    changes = []
    with viewing_log.writing(places.log_file()) as log:
        entries, items = viewing_log.contents(log)
        index = ViewingIndex(entries, items)
        for film in found:
            on_it = watchlist_items_of(items, film)
            if add:
                if index.on_watchlist(film):
                    changes.append(LogChange("already", film))
                    continue
                item = WatchlistItem(film_identity(film), film.title, film.year, _today().isoformat())
                viewing_log.add_to_watchlist(log, item)
                changes.append(LogChange("added", film))
            elif on_it:
                viewing_log.remove_from_watchlist(log, on_it)
                changes.append(LogChange("dropped", film))
            else:
                changes.append(LogChange("absent", film))
    return changes


def _viewing_required() -> ViewingIndex | None:
    """The viewing log for the log's own commands: one that cannot be read is an error."""
    path = places.log_file()
    if not path.exists():
        return None
    from soviet_films.core.viewing import ViewingIndex
    from soviet_films.store.viewing_log import read_log

    contents = read_log(path)
    return ViewingIndex(*contents) if contents is not None else None


def _film_of(
    catalog: Catalog, finder: FilmFinder, identity: str, title: str, year: int | None
) -> Film | None:
    """The catalogue's film for a log line: by its identity, else by its title and year."""
    from soviet_films.core.viewing import parse_identity

    kind, value = parse_identity(identity)
    if kind == "record" and value in catalog.films:
        return catalog.films[value]
    return finder.find(title, year)


@answering
def watchlist(notes: Notes) -> list[WatchlistLine]:
    """The films on your watchlist, in the order added, with the catalogue's film where it knows it."""
    from soviet_films.core.viewing import FilmFinder

    index = _viewing_required()
    if index is None:
        return []
    catalog = shelf(notes).whole()
    finder = FilmFinder(catalog.films.values())
    return [
        WatchlistLine(item, _film_of(catalog, finder, item.film, item.title, item.year))
        for item in index.watchlist
    ]


@answering
def diary(notes: Notes, years: YearRange | None = None, theme: str | None = None) -> list[DiaryLine]:
    """Your diary entries (watches with a day), newest first, narrowed to a range of years watched and
    to the films of a theme."""
    from soviet_films.core.viewing import FilmFinder

    index = _viewing_required()
    if index is None:
        return []
    found = shelf(notes)
    chosen = theme_named(found, theme)
    catalog = found.whole()
    in_theme = {entry.film_id for entry in chosen.entries} if chosen is not None else None
    finder = FilmFinder(catalog.films.values())
    lines = []
    for entry in index.entries:
        if entry.kind != "diary" or (years is not None and int(entry.watched_on[:4] or 0) not in years):
            continue
        film = _film_of(catalog, finder, entry.film, entry.title, entry.year)
        if in_theme is not None and (film is None or film.id not in in_theme):
            continue
        lines.append(DiaryLine(entry, film))
    return lines


@answering
def letterboxd_import(notes: Notes, path: str) -> HistoryImport:
    """Bring a Letterboxd export (the ZIP, or any of its watched, diary, ratings and watchlist CSV
    files) into the viewing log, in one transaction. Each row is matched to a film of the catalogue
    by the one identity rule; rows of films no list names are kept too. Importing the same export
    again adds nothing.

    Raises FileProblems (every bad row, at its line; nothing written), LogUnusable, LogBusy.
    """
    from soviet_films.core.viewing import FilmFinder, film_identity
    from soviet_films.errors import FileProblems, NothingImported
    from soviet_films.store import viewing_log
    from soviet_films.store.letterboxd import read_export

    try:
        rows = read_export(path)
    except FileProblems as error:
        raise NothingImported(path, error.problems) from None
    finder = FilmFinder(shelf(notes).whole().films.values())
    matched = [row._replace(film=finder.find(row.title, row.year)) for row in rows]
    with viewing_log.writing(places.log_file()) as log:
        added = viewing_log.import_history(
            log, [(row, film_identity(row.film) if row.film is not None else "") for row in matched]
        )
    unmatched = [row for row in matched if row.film is None]
    return HistoryImport(len(rows), len(rows) - len(unmatched), added, unmatched)
