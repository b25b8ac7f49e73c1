"""Your viewing: logging films, the watchlist, the diary, and Letterboxd's export brought in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from soviet_films import places
from soviet_films.errors import BadValue
from soviet_films.library.session import Notes, answering, film_or_logged, shelf, theme_named
from soviet_films.model import DiaryLine, LogChange, LogEntry, WatchlistLine, YearRange

if TYPE_CHECKING:
    import datetime as dt
    import sqlite3

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

    found = film_or_logged(shelf(notes), film, _viewing_required(), new=True)
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

    found = film_or_logged(shelf(notes), film, _viewing_required())
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

    found_shelf, index = shelf(notes), _viewing_required()
    named = [film_or_logged(found_shelf, query, index, new=add) for query in films]
    found = list({(film.id, film.title, film.year): film for film in named}.values())
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


@answering
def change_entry(
    notes: Notes,
    number: int,
    on: str | None = None,
    rating: float | None = None,
    rewatch: bool | None = None,
    note: str | None = None,
    clear_rating: bool = False,
) -> LogChange:
    """Change one entry of the log (by its number): its day, rating (``clear_rating``: none), rewatch
    mark or note. The change holds the entry as it was and as it is.

    Raises NoSuchEntry, LogUnusable, LogBusy; nothing is written then.
    """
    from soviet_films.store import viewing_log

    with viewing_log.writing(places.log_file()) as log:
        was = _entry_numbered(log, number)
        now = was._replace(
            watched_on=on if on is not None and was.kind == "diary" else was.watched_on,
            rating=None if clear_rating else rating if rating is not None else was.rating,
            rewatch=rewatch if rewatch is not None else was.rewatch,
            note=note if note is not None else was.note,
        )
        if now != was:
            viewing_log.change_entry(log, now)
    return LogChange("changed", _film_of_entry(notes, was), (was, now))


@answering
def remove_entry(notes: Notes, number: int) -> LogChange:
    """Remove one entry of the log, by its number. Raises NoSuchEntry; nothing is written then."""
    from soviet_films.store import viewing_log

    with viewing_log.writing(places.log_file()) as log:
        was = _entry_numbered(log, number)
        viewing_log.remove_entries(log, [number])
    return LogChange("removed", _film_of_entry(notes, was), (was,))


def _entry_numbered(log: sqlite3.Connection, number: int) -> LogEntry:
    from soviet_films.errors import NoSuchEntry
    from soviet_films.store import viewing_log

    found = [entry for entry in viewing_log.contents(log)[0] if entry.number == number]
    if not found:
        raise NoSuchEntry(number)
    return found[0]


def _film_of_entry(notes: Notes, entry: LogEntry) -> Film:
    """The catalogue's film an entry is of, else the film as logged."""
    from soviet_films.core.viewing import FilmFinder
    from soviet_films.library.session import NO_LIST
    from soviet_films.model import Film

    catalog = shelf(notes).whole()
    found = _film_of(catalog, FilmFinder(catalog.films.values()), entry.film, entry.title, entry.year)
    return found or Film(id="", title=entry.title, year=entry.year or 0, note=NO_LIST)


def _viewing_required() -> ViewingIndex | None:
    """The viewing log for the log's own commands: one that cannot be read is an error."""
    from soviet_films.core.viewing import ViewingIndex
    from soviet_films.store.viewing_log import read_log

    contents = read_log(places.log_file())
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
