"""Linking list entries to films: which entries name the same film, and the films' ids.

Pure: takes the film records and the themes' checked data, returns the Catalog. One film, one
identity: an entry joins a film (a record, or a film another list names) when one of its titles
(the title, the original title) folds to one the film is known by, the years are equal or one
apart, no other film of that title is as close, and the directors agree where both give them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from soviet_films.core.text import fold, slugify, title_key, transliterations
from soviet_films.model import Catalog, Film, ListEntry, Records, SkippedFile, Theme, index_film_themes


def entry_key(title: str, year: int) -> tuple[str, int]:
    """What makes two entries of one theme the same film: the folded title without a leading
    article, and the year. Both list formats refuse a second entry with the same key."""
    return title_key(title), year


def surname_key(name: str) -> str:
    """A director's name as compared: the folded last word ('A. Tarkovsky' -> 'tarkovsky')."""
    words = fold(name).split()
    return words[-1] if words else ""


# Linking asks these of the same few names again and again (every entry, every film it joins).
@functools.lru_cache(maxsize=65536)
def surname_keys(name: str) -> frozenset[str]:
    """The surname as compared, in Latin too where it is written in Cyrillic."""
    keys = {surname_key(name)} | {spelling.split()[-1] for spelling in transliterations(name)}
    return frozenset(keys - {""})


@functools.lru_cache(maxsize=65536)
def name_keys(name: str) -> frozenset[str]:
    """The folded forms a title is compared in: itself, and its Latin spellings if it is Cyrillic."""
    return frozenset(({title_key(name)} | transliterations(name)) - {""})


class Match(NamedTuple):
    """Which film an entry joins (None: it is a new film), and a film it nearly matched (the same
    title two or more years apart, or the same year and a title one word off), for a note."""

    film: Film | None
    near: Film | None


class FilmIndex:
    """The films known so far, by every folded title they are known by, to link entries to."""

    def __init__(self, records: Records) -> None:
        self.films: dict[str, Film] = {}
        self._names: dict[str, set[str]] = {}  # folded title -> film ids
        self._spellings = {name: list(spellings) for name, spellings in records.director_spellings.items()}
        self._director_by_surname: dict[str, str] = {}
        for name in self._spellings:
            self._know_director(name)
        for film in records.films:
            self.add(film, (film.title, film.original_title, film.transliteration, *film.other_titles))
            for name in film.directors:
                self._know_director(name)

    def add(self, film: Film, names: Iterable[str]) -> None:
        """Know ``film`` (again, perhaps with more facts) by ``names`` as well."""
        self.films[film.id] = film
        for name in names:
            for key in name_keys(name) if name else ():
                self._names.setdefault(key, set()).add(film.id)

    def _surnames(self, film: Film) -> set[str]:
        spellings = [s for name in film.directors for s in (name, *self._spellings.get(name, ()))]
        return {key for name in spellings for key in surname_keys(name)}

    def match(
        self, titles: Iterable[str], year: int, directors: Iterable[str] = (), near: bool = False
    ) -> Match:
        """The film an entry with these titles, year and directors joins; with ``near``, when it
        joins none, a film it nearly matched (looking for one costs a pass over every title)."""
        keys = {key for title in titles if title for key in name_keys(title)}
        ids = {film_id for key in keys for film_id in self._names.get(key, ())}
        given = {key for name in directors for key in surname_keys(name)}
        near_by_year = [self.films[film_id] for film_id in ids if abs(self.films[film_id].year - year) > 1]
        candidates = [self.films[film_id] for film_id in ids if abs(self.films[film_id].year - year) <= 1]
        if given:  # directors, where both sides give them, must agree
            candidates = [
                film for film in candidates if not self._surnames(film) or self._surnames(film) & given
            ]
        if candidates:
            nearest = min(abs(film.year - year) for film in candidates)
            closest = [film for film in candidates if abs(film.year - year) == nearest]
            if len(closest) == 1:
                return Match(closest[0], None)
            return Match(None, closest[0])
        if near_by_year:
            return Match(None, min(near_by_year, key=lambda film: abs(film.year - year)))
        return Match(None, self._one_word_off(keys, year) if near else None)

    def _one_word_off(self, keys: set[str], year: int) -> Film | None:
        for key in keys:
            words = set(key.split())
            for name, film_ids in self._names.items():
                other = set(name.split())
                added_or_dropped = len(words ^ other) == 1 and min(len(words), len(other)) >= 1
                replaced = len(words) == len(other) >= 2 and len(words - other) == 1
                if added_or_dropped or replaced:
                    for film_id in film_ids:
                        if self.films[film_id].year == year:
                            return self.films[film_id]
        return None

    def names(self) -> list[tuple[str, str]]:
        """(folded title, film id) for every title every film is known by."""
        return [(key, film_id) for key, ids in self._names.items() for film_id in ids]

    def surnames(self) -> dict[str, str]:
        """Every director's surname as compared (see ``surname_keys``) -> the director it names."""
        return dict(self._director_by_surname)

    def director_spellings(self) -> dict[str, tuple[str, ...]]:
        """Every director's other spellings: the records' and those the lists gave."""
        return {name: tuple(spellings) for name, spellings in self._spellings.items()}

    def _know_director(self, name: str) -> None:
        for spelling in (name, *self._spellings.get(name, ())):
            for key in surname_keys(spelling):
                self._director_by_surname.setdefault(key, name)

    def known_directors(self, given: Iterable[str]) -> tuple[str, ...]:
        """The directors a list names, each as the records (or an earlier list) already spell them,
        where one of those has the same surname: 'Андрей Тарковский' -> 'Andrei Tarkovsky', and the
        list's spelling is learned as one more."""
        names = []
        for name in given:
            same = next(
                (self._director_by_surname[k] for k in surname_keys(name) if k in self._director_by_surname),
                None,
            )
            if same is None:
                self._know_director(name)
                names.append(name)
                continue
            if fold(name) not in {fold(s) for s in (same, *self._spellings.get(same, ()))}:
                self._spellings.setdefault(same, []).append(name)
            names.append(same)
        return tuple(dict.fromkeys(names))

    def learn_spellings(self, film: Film, given: Iterable[str]) -> None:
        """The list's spellings of a recorded film's directors become known spellings."""
        for name in given:
            for director in film.directors:
                spellings = (director, *self._spellings.get(director, ()))
                if surname_keys(name) & {key for spelling in spellings for key in surname_keys(spelling)}:
                    known = {fold(s) for s in (director, *self._spellings.get(director, ()))}
                    if fold(name) not in known:
                        self._spellings.setdefault(director, []).append(name)


def _texts(value: Any) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, list) else ()


def link_entries(
    records: Records,
    themes_data: list[tuple[Mapping[str, Any], str, bool]],
    skipped: tuple[SkippedFile, ...] = (),
) -> Catalog:
    """Link every theme's entries to films and return the Catalog (see ``link_with_index``)."""
    return link_with_index(records, themes_data, skipped)[0]


def link_with_index(
    records: Records,
    themes_data: list[tuple[Mapping[str, Any], str, bool]],
    skipped: tuple[SkippedFile, ...] = (),
) -> tuple[Catalog, FilmIndex]:
    """Link every theme's entries to films: the Catalog, and the index of every film linking knew
    (those of a replaced theme too), by every title and director's surname it knows them by.

    ``themes_data`` holds (checked list data, source path, bundled?) in reading order; a user
    theme with a bundled theme's id takes that theme's place. An entry joins a film as the module
    says; otherwise it is a new film, with an id made from its title, and with the original title
    and directors the list gives (a record's facts always win; a list's spelling of a recorded
    director becomes one more known spelling).
    """
    index = FilmIndex(records)
    taken = set(index.films)
    themes: dict[str, Theme] = {}
    for data, source, bundled in themes_data:
        entries = []
        for rank, raw in enumerate(data["films"], start=1):
            title, year = raw["title"], raw["year"]
            original, directors = raw.get("original_title") or "", _texts(raw.get("directors"))
            film = index.match((title, original), year, directors).film
            if directors and (film is None or not film.recorded):
                directors = index.known_directors(directors)
            if film is None:
                film = Film(id=_unique_id(slugify(title), year, taken), title=title, year=year,
                            original_title=original, directors=directors)  # fmt: skip
                taken.add(film.id)
            elif film.recorded:
                index.learn_spellings(film, directors)
            else:
                film = _enriched(film, title, original, directors)

            index.add(film, (title, original))
            entries.append(
                ListEntry(
                    theme_id=data["id"],
                    rank=rank,
                    title=title,
                    year=year,
                    description=raw.get("description") or "",
                    fact=raw.get("fact") or "",
                    film_id=film.id,
                    correction=records.corrections.get((data["id"], film.id)),
                )
            )
        theme = Theme(
            id=data["id"],
            name=data["name"],
            intro=data.get("intro") or "",
            entries=tuple(entries),
            source=source,
            bundled=bundled,
        )
        previous = themes.get(theme.id)
        if previous is not None and previous.bundled and not bundled:
            theme = theme._replace(replaces_bundled=True)
        themes[theme.id] = theme
    # Films only a replaced theme named are no longer in any theme.
    # Films in order of first appearance across the themes, as ``film_themes`` holds them.
    chosen = tuple(themes.values())
    film_themes = index_film_themes(chosen)
    catalog = Catalog(
        themes=chosen,
        films={film_id: index.films[film_id] for film_id in film_themes},
        film_themes=film_themes,
        director_spellings=index.director_spellings(),
        skipped=skipped,
    )
    return catalog, index


def _enriched(film: Film, title: str, original: str, directors: tuple[str, ...]) -> Film:
    """A film no record knows, with what one more list says of it: an original title or directors
    where it had none, and the list's title as one more title it is known by."""
    names = {title_key(name) for name in (film.title, *film.other_titles)}
    other_titles = film.other_titles + ((title,) if title_key(title) not in names else ())
    return film._replace(
        original_title=film.original_title or original,
        directors=film.directors or directors,
        other_titles=other_titles,
    )


def _unique_id(slug: str, year: int, taken: set[str]) -> str:
    if slug not in taken:
        return slug
    candidate = f"{slug}-{year}"
    counter = 2
    while candidate in taken:
        candidate = f"{slug}-{year}-{counter}"
        counter += 1
    return candidate
