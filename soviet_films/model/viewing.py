"""Your viewing, as every layer shares it: the log's entries and watchlist items, what the log says of
a film, and what the log's commands return. NamedTuples, as the rest of the model."""

from typing import NamedTuple

from soviet_films.errors import Problem
from soviet_films.model.catalogue import Film


class LogEntry(NamedTuple):
    """One line of the viewing log: a diary entry (``kind`` "diary", watched on ``watched_on``), a
    film marked seen on a day not known ("watched"), or a film's rating ("rating").

    ``film`` is the film's identity in the catalogue when it was logged ("" when the catalogue
    did not know it); ``title`` and ``year`` are as logged or imported, so an entry finds its film
    again when a list naming it arrives. ``number`` is the entry's own, stable number; ``note`` is
    your review; ``uri`` the entry's Letterboxd link where it came from Letterboxd; ``tags`` its
    Letterboxd tags.
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
    uri: str = ""
    tags: str = ""


class WatchlistItem(NamedTuple):
    """A film you mean to see: its identity (or ""), title and year as added, the day added, and
    its Letterboxd link where it came from Letterboxd."""

    film: str
    title: str
    year: int | None
    added: str
    uri: str = ""


class FilmViewing(NamedTuple):
    """What your log says of one film: how many times seen (its diary entries), your rating,
    whether it is on your watchlist, the entries themselves (newest first), and whether it is
    marked seen on a day not known (``seen_undated``: a watched mark, and no diary entry)."""

    times_seen: int
    rating: float | None
    on_watchlist: bool
    entries: tuple[LogEntry, ...] = ()
    seen_undated: bool = False

    @property
    def seen(self) -> bool:
        """Whether you have seen it at all."""
        return bool(self.times_seen) or self.seen_undated


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
    "already", "dropped", "absent", "changed"), the film, the entries it concerns (for "changed",
    the entry as it was, then as it is), and whether logging the film took it off the watchlist."""

    action: str
    film: Film
    entries: tuple[LogEntry, ...] = ()
    left_watchlist: bool = False


class HistoryRow(NamedTuple):
    """One row of a Letterboxd export as read: where it stood, what it says (``kind`` "diary",
    "review", "rating", "watched" or "watchlist"), and its film (None: no list names it; it is kept,
    and matches when a list naming it arrives)."""

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
    tags: str = ""


class UnmatchedFilm(NamedTuple):
    """A film of an export no film of the lists is: its title and year, its rows, and why none is
    (no list names it; two films of the lists fit as well; the nearest is years off)."""

    title: str
    year: int | None
    rows: tuple[HistoryRow, ...]
    reason: str


class HistoryImport(NamedTuple):
    """What ``letterboxd import`` did, or with ``dry_run`` would do: what it read (rows; films the
    lists name and films they do not; diary entries, reviews, ratings, films seen without a day,
    watchlist items), what changed in the log (``added`` entries and items, ``updated`` entries: a
    rating or a review), what it read past (``skipped``: members that are not your history), the
    rows it could not use, each with why (``reported``), and your own Letterboxd lists in the
    export (``lists``: their names; with ``imported`` the themes written from them)."""

    rows: int
    matched: int
    unmatched: list[UnmatchedFilm]
    diary: int
    reviews: int
    ratings: int
    watched: int
    watchlist: int
    added: int
    updated: int
    skipped: tuple[str, ...] = ()
    reported: tuple[Problem, ...] = ()
    lists: tuple[str, ...] = ()
    imported: tuple[str, ...] = ()
    dry_run: bool = False
