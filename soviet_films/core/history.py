"""Bringing a viewing history in (Letterboxd's export, or sfilms' own): what is new to the log, what
changes in it, and what cannot be used, decided once, so that importing anything twice, or importing
your own export back, changes nothing. Pure: log contents and rows in, a plan out.

- A **film** of the history is its title (in the one spelling of ``core.identity``) and its year, as
  the history gives them: what a Letterboxd export writes the same way every time.
- A **diary entry** is the same entry when its Letterboxd link is the same, or, where one side has
  none, when its film, day, rewatch mark, rating and review are; a history that holds an entry twice
  adds it twice, once.
- A **review** (``reviews.csv``) gives its text to the diary entry it belongs to (the same link, else
  the same film and day), never a new entry; a **rating** is the film's one rating; a film **watched**
  without a day is marked once; a **watchlist** item is there once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from soviet_films.core.identity import title_key
from soviet_films.core.text import quoted
from soviet_films.errors import Problem
from soviet_films.model import HistoryRow, LogEntry, WatchlistItem


def film_key(title: str, year: int | None) -> tuple[str, int | None]:
    """The film a history's row or a log entry names, as compared."""
    return title_key(title), year


def entry_key(entry: LogEntry) -> tuple[object, ...]:
    """What makes two diary entries the same where no Letterboxd link tells."""
    return (*film_key(entry.title, entry.year), entry.watched_on, entry.rewatch, entry.rating, entry.note)


class ImportPlan(NamedTuple):
    """What an import does to the log: entries to add, entries to change (number -> the entry as it
    will be), watchlist items to add, and the rows it cannot use, each with why; and what it read."""

    add: list[LogEntry]
    change: dict[int, LogEntry]
    add_watchlist: list[WatchlistItem]
    reported: list[Problem]
    diary: int
    reviews: int
    ratings: int
    watched: int
    watchlist: int


def _entry(row: HistoryRow, film: str, kind: str | None = None) -> LogEntry:
    """The log entry a row makes (``kind``: what it is in the log, where that differs)."""
    kind = kind or row.kind
    diary = kind == "diary"
    return LogEntry(
        number=0,
        film=film,
        title=row.title,
        year=row.year,
        kind=kind,
        watched_on=row.watched_on if diary else "",
        rating=row.rating if kind != "watched" else None,
        rewatch=row.rewatch and diary,
        note=row.note if diary else "",
        source="letterboxd",
        uri=row.uri,
        tags=row.tags if diary else "",
    )


def plan_import(
    entries: Iterable[LogEntry], watchlist: Iterable[WatchlistItem], rows: Iterable[tuple[HistoryRow, str]]
) -> ImportPlan:
    """How ``rows`` (each with its film's identity in the log, or "") come into a log holding
    ``entries`` and ``watchlist`` (see the module)."""
    stored = list(entries)
    rows = list(rows)
    by_kind: dict[str, list[tuple[HistoryRow, str]]] = {}
    for row, film in rows:
        by_kind.setdefault(row.kind, []).append((row, film))
    diary = [_entry(row, film) for row, film in by_kind.get("diary", [])]
    change: dict[int, LogEntry] = {}
    reported: list[Problem] = []
    for row, _ in by_kind.get("review", []):
        if not _give_review(row, diary, stored, change):
            film = quoted(f"{row.title} ({row.year or 'no year'})")
            film_named = f"{film} on {row.watched_on or 'no day'}"
            reported.append(
                Problem(row.path, row.line, f"a review of {film_named}: no diary entry of that film and day")
            )
    in_diary = [change.get(entry.number, entry) for entry in stored if entry.kind == "diary"]
    add = _diary_to_add(diary, in_diary, change)
    add += _once_per_film(by_kind.get("rating", []), stored, "rating", change)
    add += _once_per_film(by_kind.get("watched", []), stored, "watched", change)
    held = {film_key(item.title, item.year) for item in watchlist} | {
        item.film for item in watchlist if item.film
    }
    add_watchlist: dict[tuple[str, int | None], WatchlistItem] = {}
    for row, film in by_kind.get("watchlist", []):
        key = film_key(row.title, row.year)
        if key not in held and (not film or film not in held):
            add_watchlist.setdefault(key, WatchlistItem(film, row.title, row.year, row.logged_on, row.uri))
    count = {kind: len(by_kind.get(kind, [])) for kind in ("review", "rating", "watched", "watchlist")}
    return ImportPlan(add, change, list(add_watchlist.values()), reported, len(diary), count["review"],
                      count["rating"], count["watched"], count["watchlist"])  # fmt: skip


def _give_review(
    row: HistoryRow, diary: list[LogEntry], stored: list[LogEntry], change: dict[int, LogEntry]
) -> bool:
    """Give a review's text to its diary entry: one coming in, else one in the log. False: none."""
    key = (film_key(row.title, row.year), row.watched_on)

    def day_of(entry: LogEntry) -> tuple[object, str]:
        return film_key(entry.title, entry.year), entry.watched_on

    for index, entry in enumerate(diary):
        if (row.uri and entry.uri == row.uri) or (not entry.note and day_of(entry) == key):
            diary[index] = entry._replace(note=row.note, tags=entry.tags or row.tags)
            return True
    for entry in stored:
        entry = change.get(entry.number, entry)
        if entry.kind != "diary":
            continue
        if (row.uri and entry.uri == row.uri) or day_of(entry) == key:
            if entry.note != row.note:
                change[entry.number] = entry._replace(note=row.note)
            return True
    return False


def _diary_to_add(
    incoming: list[LogEntry], stored: list[LogEntry], change: dict[int, LogEntry]
) -> list[LogEntry]:
    """The diary entries coming in that the log does not hold; entries it holds by their Letterboxd
    link that Letterboxd now says otherwise of go into ``change``. A link is a diary entry's own only
    where one entry has it on each side (an export of sfilms' gives a film's link to its every entry)."""
    once = {uri for uri, count in Counter(entry.uri for entry in stored if entry.uri).items() if count == 1}
    coming = Counter(entry.uri for entry in incoming if entry.uri)
    once &= {uri for uri, count in coming.items() if count == 1}
    by_uri = {entry.uri: entry for entry in stored if entry.uri in once}
    paired: set[int] = set()
    rest = []
    for entry in incoming:
        held = by_uri.get(entry.uri)
        if held is None or held.number in paired:
            rest.append(entry)
            continue
        paired.add(held.number)
        now = held._replace(watched_on=entry.watched_on, rating=entry.rating, rewatch=entry.rewatch,
                            note=entry.note, tags=entry.tags)  # fmt: skip
        if now != held:
            change[held.number] = now
    have = Counter(entry_key(entry) for entry in stored if entry.number not in paired)
    add = []
    for entry in rest:
        key = entry_key(entry)
        if have[key] > 0:
            have[key] -= 1
        else:
            add.append(entry)
    return add


def _once_per_film(
    rows: list[tuple[HistoryRow, str]], stored: list[LogEntry], kind: str, change: dict[int, LogEntry]
) -> list[LogEntry]:
    """A rating, or a mark of a film seen without a day: one per film (the last a history gives)."""
    held = {
        film_key(entry.title, entry.year): change.get(entry.number, entry)
        for entry in stored
        if entry.kind == kind
    }
    coming: dict[tuple[str, int | None], LogEntry] = {}
    for row, film in rows:
        coming[film_key(row.title, row.year)] = _entry(row, film, kind)
    add = []
    for key, entry in coming.items():
        was = held.get(key)
        if was is None:
            add.append(entry)
        elif kind == "rating" and was.rating != entry.rating:
            change[was.number] = was._replace(rating=entry.rating)
    return add
