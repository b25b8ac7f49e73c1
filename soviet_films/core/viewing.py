"""Your viewing: which film a log entry is about, what you have seen, ratings and dates.

Pure: takes log entries and model objects, returns model objects. A film's identity in the log
outlives the catalogue: the record's id where the editors hold a record, else the film's folded
title and year; an entry also finds its film by the title and year it was logged with, by the one
identity rule of ``core.identity`` (any title the film is known by, in any spelling; a year either
side), as linking and import do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from soviet_films.core import identity
from soviet_films.core.text import quoted, title_key
from soviet_films.model import Catalog, Film, FilmViewing, LogEntry, WatchlistItem

SEEN_FILTERS = ("seen", "unseen", "watchlist")
WATCH_KINDS = ("diary", "watched")


def film_identity(film: Film) -> str:
    """The film's identity in the viewing log: ``record:<id>``, or ``title:<folded title>:<year>``."""
    return f"record:{film.id}" if film.recorded else f"title:{title_key(film.title)}:{film.year}"


def parse_identity(text: str) -> tuple[str, str]:
    """A log identity's kind ("record" or "title") and what follows it ("" kind for none)."""
    kind, _, rest = text.partition(":")
    return (kind, rest) if kind in ("record", "title") and rest else ("", "")


def _keys(film: Film) -> set[tuple[str, int]]:
    """(title key, year) pairs a logged title and year may give for the film: a year either side."""
    names = identity.title_keys(identity.record_titles(film))
    return {(name, film.year + delta) for name in names for delta in (-1, 0, 1)}


def _key(title: str, year: int | None) -> tuple[str, int | None]:
    return identity.title_key(title), year


class FilmFinder:
    """Finds the catalogue's film for a title and a year, as a list or a Letterboxd export gives
    them, by the one identity rule (``core.identity.Matcher``); None when no film, or more than one
    equally near, fits."""

    def __init__(self, films: Iterable[Film]) -> None:
        self._films = {film.id: film for film in films}
        self._matcher = identity.Matcher()
        for film in self._films.values():
            self._matcher.know(film.id, film.year, identity.record_titles(film), film.directors)

    def find(self, title: str, year: int | None, directors: Iterable[str] = ()) -> Film | None:
        """The one film ``title`` and ``year`` name, or None."""
        found = self._matcher.match((title,), year, directors).film_id
        return self._films[found] if found is not None else None


class ViewingIndex:
    """The viewing log, ready to answer "what have I seen of this film?" for any film."""

    def __init__(self, entries: Iterable[LogEntry], watchlist: Iterable[WatchlistItem]) -> None:
        self._entries = sorted(entries, key=lambda e: (e.watched_on, e.number), reverse=True)
        self._entries_by_film: dict[str, list[LogEntry]] = {}
        self._entries_by_key: dict[tuple[str, int], list[LogEntry]] = {}
        for entry in self._entries:
            self._entries_by_film.setdefault(entry.film, []).append(entry)
            if entry.year is not None:
                self._entries_by_key.setdefault(_key(entry.title, entry.year), []).append(entry)
        self._watchlist = list(watchlist)
        self._watch_films = {item.film for item in self._watchlist if item.film}
        self._watch_keys = {_key(item.title, item.year) for item in self._watchlist if item.year is not None}

    @property
    def entries(self) -> list[LogEntry]:
        """Every entry, newest first."""
        return self._entries

    @property
    def watchlist(self) -> list[WatchlistItem]:
        """Every watchlist item, in the order added."""
        return self._watchlist

    def entries_of(self, film: Film) -> list[LogEntry]:
        """The film's entries, newest first: by its identity, or by the title and year logged."""
        found = {entry.number: entry for entry in self._entries_by_film.get(film_identity(film), ())}
        for key in _keys(film):
            found.update((entry.number, entry) for entry in self._entries_by_key.get(key, ()))
        return sorted(found.values(), key=lambda e: (e.watched_on, e.number), reverse=True)

    def on_watchlist(self, film: Film) -> bool:
        """Whether the film is on the watchlist."""
        return film_identity(film) in self._watch_films or bool(self._watch_keys & _keys(film))

    def of(self, film: Film) -> FilmViewing:
        """What the log says of ``film``."""
        entries = self.entries_of(film)
        dated = sum(1 for entry in entries if entry.kind == "diary")
        undated = not dated and any(entry.kind == "watched" for entry in entries)
        # The film's own rating (Letterboxd's ratings.csv, the last one given), else the newest entry's.
        rated = [entry for entry in entries if entry.kind == "rating"] or entries
        rating = next((entry.rating for entry in rated if entry.rating is not None), None)
        return FilmViewing(dated, rating, self.on_watchlist(film), tuple(entries), undated)

    def keeps(self, film: Film, choice: str | None) -> bool:
        """Whether ``film`` passes the ``choice`` filter (one of SEEN_FILTERS; None: every film)."""
        if choice is None:
            return True
        if choice == "watchlist":
            return self.on_watchlist(film)
        seen = self.of(film).seen
        return seen if choice == "seen" else not seen


def watchlist_items_of(items: Iterable[WatchlistItem], film: Film) -> list[WatchlistItem]:
    """The watchlist items that are ``film`` (by identity, or by the title and year added)."""
    own, keys = film_identity(film), _keys(film)
    return [item for item in items if item.film == own or _key(item.title, item.year) in keys]


def viewing_by_film(index: ViewingIndex, films: Iterable[Film]) -> dict[str, FilmViewing]:
    """Film id -> what the log says of it, for ``films``."""
    return {film.id: index.of(film) for film in films}


def seen_in(catalog: Catalog, index: ViewingIndex, film_ids: Iterable[str]) -> int:
    """How many of the films (each counted once) you have seen."""
    return sum(1 for film_id in dict.fromkeys(film_ids) if index.of(catalog.films[film_id]).seen)


def parse_rating(text: str) -> float:
    """A rating from 0.5 to 5 in half steps ('4', '4.5', '4,5', '★★★★½'). Raises ValueError."""
    value = text.strip().replace(",", ".")
    if value and set(value) <= {"★", "½"}:
        number = value.count("★") + 0.5 * value.count("½")
    else:
        try:
            number = float(value)
        except ValueError:
            raise ValueError(
                f"{quoted(text)} is not a rating from 0.5 to 5 in half steps (e.g. 4 or 3.5)"
            ) from None
    if not 0.5 <= number <= 5 or (number * 2) % 1:
        raise ValueError(f"{quoted(text)} is not a rating from 0.5 to 5 in half steps (e.g. 4 or 3.5)")
    return number


def parse_date(text: str, today: dt.date) -> dt.date:
    """A day you watched something: 'today', 'yesterday' or a date as 2026-11-30, not in the future.

    Raises ValueError saying what is accepted.
    """
    value = text.strip().lower()
    if value == "today":
        return today
    if value == "yesterday":
        return today - dt.timedelta(days=1)
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        forms = "give one as 2026-11-30, or today or yesterday"
        raise ValueError(f"{quoted(text)} is not a date: {forms}") from None
    if day > today:
        raise ValueError(f"{day.isoformat()} is in the future")
    return day
