"""The results the views receive: what each command answers, built by the library from the catalogue
and the viewing log. NamedTuples, as the rest of the model."""

from collections.abc import Mapping
from typing import NamedTuple

from soviet_films.errors import Problem
from soviet_films.model.catalogue import Appearance, Catalog, Film, ListEntry, Theme
from soviet_films.model.viewing import FilmViewing


class FilmRow(NamedTuple):
    """A film as ``list`` shows it: the title and year the theme gives (the film's own across all
    themes), its place in the theme (if one), and every theme it is in."""

    film: Film
    title: str
    year: int
    rank: int | None
    themes: tuple[str, ...]


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


class ListChange(NamedTuple):
    """One of your lists renamed or removed: its id and name now, its file, and (removed) where the
    file went."""

    theme_id: str
    name: str
    path: str
    moved_to: str


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
    mentioned: int = 0  # films named in passing, left out


class PreviewRow(NamedTuple):
    """How ``import --dry-run`` read one entry: at its line, the title, year, original title and
    directors, the description, the existing film it joins (None: a new film) or nearly matched,
    the fact, and what was read by the shape of its words alone."""

    line: int
    title: str
    year: int
    original_title: str
    directors: tuple[str, ...]
    description: str
    joins: Film | None
    near: Film | None
    fact: str | None = None
    unsure: str = ""  # what was read by the shape of its words alone


class ImportPreview(NamedTuple):
    """What ``import --dry-run`` would write: the theme's id and name, each entry as read, and the
    notes and warnings the import would give."""

    theme_id: str
    name: str
    rows: list[PreviewRow]
    notes: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    unsure: int = 0
    mentioned: tuple[PreviewRow, ...] = ()  # films named in passing: no entries unless asked


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
