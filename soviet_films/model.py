"""The catalogue's model, and the results the library hands to the views: plain, immutable
records with no I/O and no printing, shared by every layer.

They are NamedTuples, not dataclasses: every run defines them all, and a frozen dataclass costs
about ten times as much to define (measured: ~0.2 ms against ~1.3 ms each on our 2-core machines),
which on this module alone was more than sfilms' whole start-up cost over typer's.

Words, used the same way everywhere: a **theme** is one curated list (its id, name, intro and
entries in order); a **list file** holds one theme; a **list entry** is one film's place in a
theme, with what that theme's list says about it; a **film** is one film however many themes
name it; a **record** is what the editors verified about a film.
"""

# No ``from __future__ import annotations`` here: NamedTuple turns each string annotation into a
# ForwardRef, compiling it, which made this module (on every command's path) slower by half.
from collections.abc import Mapping, Sequence
from typing import Generic, NamedTuple, TypeVar

from soviet_films.errors import Problem

# Years a list entry may plausibly give: the first films to the far future.
MIN_YEAR, MAX_YEAR = 1890, 2100


class Correction(NamedTuple):
    """The editors' correction of a list's fact.

    ``verdict`` is ``"false"`` when the list's fact is wrong, ``"partly"`` when only part
    of it holds.
    """

    verdict: str
    text: str


class Film(NamedTuple):
    """A film, or a listed work that is not one (``is_film`` false; ``note`` says why).

    ``title`` and ``year`` are those the lists give; everything else comes from the film
    records and is empty where no verified fact is known.
    """

    id: str
    title: str
    year: int
    original_title: str = ""
    transliteration: str = ""
    other_titles: tuple[str, ...] = ()
    directors: tuple[str, ...] = ()
    studio: str = ""
    released: str = ""
    imdb: str = ""
    note: str = ""
    is_film: bool = True
    recorded: bool = False  # the editors hold a record of it: ``id`` is then stable for good


class ListEntry(NamedTuple):
    """One film's place in one theme, with what that theme's list says about it."""

    theme_id: str
    rank: int
    title: str
    year: int
    description: str
    fact: str
    film_id: str
    correction: Correction | None = None


class Theme(NamedTuple):
    """One curated list: its id, name, intro paragraph and entries in list order.

    ``source`` is the list file it was read from; ``bundled`` is false for the user's own
    lists, and ``replaces_bundled`` marks a user list that took a bundled theme's id.
    """

    id: str
    name: str
    intro: str
    entries: Sequence[ListEntry]
    source: str = ""
    bundled: bool = True
    replaces_bundled: bool = False


class Records(NamedTuple):
    """What the film records file holds: verified films, directors' other spellings, and the
    editors' corrections keyed by (theme id, film id)."""

    films: tuple[Film, ...]
    director_spellings: dict[str, tuple[str, ...]]
    corrections: dict[tuple[str, str], Correction]


class SkippedFile(NamedTuple):
    """A user list file left out of the catalogue: its first problem and how many more it has.
    ``kind`` says why: "broken" (its problem), "plain-text" (a list saved to import, not a list file)."""

    path: str
    line: int
    message: str
    more: int = 0
    kind: str = "broken"


class LogNote(NamedTuple):
    """The viewing log could not be read, so the answer was made without it: its path, why, and
    whether it was only busy (another sfilms writing it)."""

    path: str
    reason: str
    busy: bool = False


Value = TypeVar("Value")


class Answer(NamedTuple, Generic[Value]):
    """What the library answers a command: the ``value`` for the view, and what the user should be
    told beside it (``notes``: the list files left out, a viewing log that could not be read)."""

    value: Value
    notes: tuple[SkippedFile | LogNote, ...] = ()


class Catalog(NamedTuple):
    """Every theme sfilms reads, the films they name, and the directors' other spellings.

    ``film_themes`` maps each film id to the ids of the themes that name it, in theme order: an
    index built with the catalogue (and kept in the store), so finding a film's themes never walks
    every entry of a large catalogue. ``skipped`` holds the user list files left out.

    A catalogue may be partial: what the store read to answer one question (see
    ``store.shelf``). ``directors`` is then every director that question could name (None: the
    directors of ``films``).
    """

    themes: Sequence[Theme]
    films: Mapping[str, Film]
    film_themes: Mapping[str, tuple[str, ...]]
    director_spellings: Mapping[str, tuple[str, ...]] = {}
    skipped: tuple[SkippedFile, ...] = ()
    directors: Sequence[str] | None = None

    def theme(self, theme_id: str) -> Theme:
        """Return the theme with this exact id (KeyError if there is none)."""
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)

    def appearances(self, film_id: str) -> "list[Appearance]":
        """Every theme that names the film, with its entry there, in theme order."""
        themes = [self.theme(theme_id) for theme_id in self.film_themes.get(film_id, ())]
        return [
            Appearance(theme, entry)
            for theme in themes
            for entry in theme.entries
            if entry.film_id == film_id
        ]

    def all_films(self) -> list[Film]:
        """Every film once, in order of first appearance across the themes."""
        return [self.films[film_id] for film_id in self.film_themes]


def index_film_themes(themes: tuple[Theme, ...]) -> dict[str, tuple[str, ...]]:
    """For each film id, the ids of the themes that name it, in theme order (films in order of
    first appearance)."""
    found: dict[str, list[str]] = {}
    for theme in themes:
        for entry in theme.entries:
            ids = found.setdefault(entry.film_id, [])
            if theme.id not in ids:
                ids.append(theme.id)
    return {film_id: tuple(ids) for film_id, ids in found.items()}


# ---------------------------------------------------------------- results the views receive


class YearRange(NamedTuple):
    """An inclusive range of years; a single year or a decade is a range too."""

    first: int
    last: int

    def __contains__(self, year: object) -> bool:
        return isinstance(year, int) and self.first <= year <= self.last

    def __str__(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"


class Appearance(NamedTuple):
    """A film's place in one theme: the theme, and the entry that names the film there."""

    theme: Theme
    entry: ListEntry


class FilmRow(NamedTuple):
    """A film as ``list`` shows it: the title and year the theme gives (the film's own across all
    themes), its place in the theme (if one), and every theme it is in."""

    film: Film
    title: str
    year: int
    rank: int | None
    themes: tuple[str, ...]


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


class Listing(NamedTuple):
    """The films ``list`` shows: one theme's (``theme`` set) or every theme's (``theme`` None);
    ``viewing`` (film id -> FilmViewing) where you keep a viewing log, else None."""

    theme: Theme | None
    rows: list[FilmRow]
    viewing: Mapping[str, FilmViewing] | None = None


class ThemeList(NamedTuple):
    """Every theme, and where you keep a viewing log, how many of each theme's films you have seen."""

    themes: list[Theme]
    seen: Mapping[str, int] | None = None


class FilmCard(NamedTuple):
    """One film with what every theme that names it says about it, and your viewing of it."""

    film: Film
    appearances: list[Appearance]
    viewing: FilmViewing | None = None


class Snippet(NamedTuple):
    """An excerpt of a field and where the search terms stand in it (start, end)."""

    text: str
    spans: tuple[tuple[int, int], ...]


class SearchHit(NamedTuple):
    """One entry that matched: the field shown, its text, where the terms stand in it, and
    excerpts around the first match (``snippet`` for lines, ``wide_snippet`` for a terminal)."""

    film: Film
    theme: Theme
    entry: ListEntry
    field: str
    text: str
    spans: tuple[tuple[int, int], ...]
    snippet: Snippet
    wide_snippet: Snippet


class Stats(NamedTuple):
    """What ``stats`` shows: totals, films per decade, directors by films, films in several themes."""

    themes: int
    entries: int
    films: int
    not_films: int
    decades: list[tuple[str, int]]
    directors: list[tuple[str, int]]
    overlap: list[tuple[Film, tuple[str, ...]]]
    seen_decades: Mapping[str, int] | None = None  # decade -> films you have seen, with a log


class Export(NamedTuple):
    """What ``export`` writes: the chosen themes (every one, or the one asked for), the films a
    Letterboxd list holds, and the listed works it leaves out because they are not films."""

    format: str
    catalog: Catalog
    themes: list[Theme]
    films: list[Film]
    left_out: list[Film]


class ImportedList(NamedTuple):
    """A list written into the user's lists folder: its id, name, number of films, where it
    went, what is worth a look, and whether it takes a bundled theme's place."""

    theme_id: str
    name: str
    count: int
    path: str
    warnings: tuple[Problem, ...]
    replaces_bundled: bool
    notes: tuple[Problem, ...] = ()
    unsure: int = 0  # parentheses read by the shape of their words alone


class PreviewRow(NamedTuple):
    """How ``import --dry-run`` read one entry: at its line, the title, year, original title and
    directors, the description, and the existing film it joins (None: a new film) or nearly
    matched."""

    line: int
    title: str
    year: int
    original_title: str
    directors: tuple[str, ...]
    description: str
    joins: Film | None
    near: Film | None


class ImportPreview(NamedTuple):
    """What ``import --dry-run`` would write: the theme's id and name, each entry as read, and the
    notes and warnings the import would give."""

    theme_id: str
    name: str
    rows: list[PreviewRow]
    notes: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    unsure: int = 0


class Validation(NamedTuple):
    """What ``validate`` found: how many files it checked, and every problem in them."""

    checked: int
    problems: list[Problem]


class Places(NamedTuple):
    """Where sfilms reads and keeps things (see ``soviet_films.places``)."""

    bundled_lists: str
    records: str
    user_lists: str
    cache: str
    log: str = ""


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
