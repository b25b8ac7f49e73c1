"""The catalogue's model: plain, frozen dataclasses with no I/O and no printing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

# Years a list entry may plausibly give: the first films to the far future.
MIN_YEAR, MAX_YEAR = 1890, 2100


@dataclass(frozen=True)
class Correction:
    """The editors' correction of a list's fact.

    ``verdict`` is ``"false"`` when the list's fact is wrong, ``"partly"`` when only part
    of it holds.
    """

    verdict: str
    text: str


@dataclass(frozen=True)
class Film:
    """A film (or, when ``not_a_film`` is set, a listed work that is not a film).

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
    not_a_film: str = ""

    @property
    def is_film(self) -> bool:
        """False for list entries that name no real film (the record's note says why)."""
        return not self.not_a_film


@dataclass(frozen=True)
class ListEntry:
    """One film's place in one list, with what that list says about it."""

    theme_id: str
    rank: int
    title: str
    year: int
    description: str
    fact: str
    film_id: str
    correction: Correction | None = None


# Lists and the catalogue compare by identity: comparing thousands of entries is never meant.
@dataclass(frozen=True, eq=False)
class FilmList:
    """A themed list: its id, name, intro paragraph and entries in list order."""

    id: str
    name: str
    intro: str
    entries: Sequence[ListEntry]
    source: str = ""
    bundled: bool = True
    replaces_bundled: bool = False


@dataclass(frozen=True, eq=False, repr=False)
class Catalog:
    """Every list sfilms reads, the films they name, and the directors' other spellings.

    ``film_themes`` maps each film id to the ids of the lists that name it, in theme order: an
    index built with the catalogue (and cached with it), so finding a film's lists never walks
    every entry of a large catalogue.
    """

    lists: tuple[FilmList, ...]
    films: Mapping[str, Film]
    film_themes: Mapping[str, tuple[str, ...]]
    director_spellings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    def theme(self, theme_id: str) -> FilmList:
        """Return the list with this exact id (KeyError if there is none)."""
        for film_list in self.lists:
            if film_list.id == theme_id:
                return film_list
        raise KeyError(theme_id)

    def appearances(self, film_id: str) -> list[tuple[FilmList, ListEntry]]:
        """Every (list, entry) pair that names the film, in theme order."""
        lists = [self.theme(theme_id) for theme_id in self.film_themes.get(film_id, ())]
        return [
            (film_list, entry)
            for film_list in lists
            for entry in film_list.entries
            if entry.film_id == film_id
        ]

    def all_films(self) -> list[Film]:
        """Every film once, in order of first appearance across the lists."""
        return [self.films[film_id] for film_id in self.film_themes]


def index_film_themes(lists: tuple[FilmList, ...]) -> dict[str, tuple[str, ...]]:
    """For each film id, the ids of the lists that name it, in theme order (films in order of
    first appearance)."""
    themes: dict[str, list[str]] = {}
    for film_list in lists:
        for entry in film_list.entries:
            ids = themes.setdefault(entry.film_id, [])
            if film_list.id not in ids:
                ids.append(film_list.id)
    return {film_id: tuple(ids) for film_id, ids in themes.items()}
