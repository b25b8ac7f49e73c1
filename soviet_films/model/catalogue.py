"""The catalogue's records: films, list entries, themes, the records file's contents, the catalogue
itself, and what an answer carries (``Answer``, with the notes beside it).
"""

# No ``from __future__ import annotations`` here: NamedTuple turns each string annotation into a
# ForwardRef, compiling it, which made this module (on every command's path) slower by half.
from collections.abc import Mapping, Sequence
from typing import Generic, NamedTuple, TypeVar

# Years a list entry may plausibly give: the first films to the far future.
MIN_YEAR, MAX_YEAR = 1890, 2100


class Correction(NamedTuple):
    """The editors' correction of a list's fact.

    ``verdict`` is ``"false"`` when the list's fact is wrong, ``"partly"`` when only part
    of it holds.
    """

    verdict: str
    text: str


# Where a film's runtime, ids and (for a film no editor's record knows) directors come from.
OPEN_RECORDS_SOURCE = "Soviet Bloc Cinema Data, CC BY-SA 4.0 (github.com/soviet-kino/soviet-cinema-data)"


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
    runtime: int | None = None  # minutes, from the open records
    wikidata: str = ""
    tmdb: str = ""
    record: str = ""  # the open record it is linked to, by its id there ("" for none)


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
    # The title keys of records that came with them made (the open records): by id, so linking and
    # the cache need not make them again. A record not here has its keys made when needed.
    title_keys: Mapping[str, frozenset[str]] | None = None


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
    index built with the catalogue (and kept in the cache), so finding a film's themes never walks
    every entry of a large catalogue. ``skipped`` holds the user list files left out.

    A catalogue may be partial: what the shelf fetched to answer one question (see
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
