"""Your viewing, as every layer shares it: the log's entries and watchlist items, what the log says of
a film, and what the log's commands return. NamedTuples, as the rest of the model."""

from typing import NamedTuple

from soviet_films.model.catalogue import Film


class LogEntry(NamedTuple):
    """One line of the viewing log: a watch (``kind`` "diary", on ``watched_on``; or "watched",
    seen on a day not known), or a rating alone ("rating").

    ``film`` is the film's identity in the catalogue when it was logged ("" when the catalogue
    did not know it); ``title`` and ``year`` are as logged or imported, so an entry finds its film
    again when a list naming it arrives. ``number`` is the entry's own, stable number.
    """

    number: int
    film: str
    title: str
    year: int | None
    kind: str
    watched_on: str
    rating: float | None
    rewatch: bool
    note: str
    source: str


class WatchlistItem(NamedTuple):
    """A film you mean to see: its identity (or ""), title and year as added, and the day added."""

    film: str
    title: str
    year: int | None
    added: str


class FilmViewing(NamedTuple):
    """What your log says of one film: how many times seen, your latest rating, whether it is on
    your watchlist, and the entries themselves (newest first)."""

    times_seen: int
    rating: float | None
    on_watchlist: bool
    entries: tuple[LogEntry, ...] = ()


class DiaryLine(NamedTuple):
    """An entry of your diary, with the catalogue's film where the catalogue knows it."""

    entry: LogEntry
    film: Film | None


class WatchlistLine(NamedTuple):
    """A film on your watchlist, with the catalogue's film where the catalogue knows it."""

    item: WatchlistItem
    film: Film | None


class LogChange(NamedTuple):
    """What a command did to the viewing log: ``action`` ("logged", "removed", "added",
    "already", "dropped", "absent"), the film, the entries it concerns, and whether logging the
    film took it off the watchlist."""

    action: str
    film: Film
    entries: tuple[LogEntry, ...] = ()
    left_watchlist: bool = False


class HistoryRow(NamedTuple):
    """One row of a Letterboxd export as read: where it stood, what it says, and its film (None:
    no list names it; it is kept, and matches when a list naming it arrives)."""

    path: str
    line: int
    kind: str
    title: str
    year: int | None
    watched_on: str
    logged_on: str
    rating: float | None
    rewatch: bool
    note: str
    uri: str
    film: Film | None


class HistoryImport(NamedTuple):
    """What ``letterboxd import`` did: the rows read, how many matched a film of the catalogue,
    how many are new to the log (the rest it held already), and the rows no list names."""

    rows: int
    matched: int
    added: int
    unmatched: list[HistoryRow]
