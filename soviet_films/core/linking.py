"""Linking list entries to films: which entries name the same film, and the films' ids.

Pure: takes the film records and the themes' checked data, returns the Catalog.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from soviet_films.core.text import slugify, title_key
from soviet_films.model import Catalog, Film, ListEntry, Records, SkippedFile, Theme, index_film_themes


def entry_key(title: str, year: int) -> tuple[str, int]:
    """What makes two entries of one theme the same film: the folded title without a leading
    article, and the year. Both list formats refuse a second entry with the same key."""
    return title_key(title), year


def link_entries(
    records: Records,
    themes_data: list[tuple[Mapping[str, Any], str, bool]],
    skipped: tuple[SkippedFile, ...] = (),
) -> Catalog:
    """Link every theme's entries to films and return the Catalog.

    ``themes_data`` holds (checked list data, source path, bundled?) in reading order; a user
    theme with a bundled theme's id takes that theme's place. An entry is tied to a record by
    title and year, where the title may be any title the record knows; entries no record knows
    that share a title and year are one film, with an id made from the title.
    """
    by_title: dict[tuple[str, int], Film] = {}
    for film in records.films:
        for name in (film.title, film.original_title, film.transliteration, *film.other_titles):
            if name:
                by_title.setdefault(entry_key(name, film.year), film)
    films: dict[str, Film] = {}
    taken = {film.id for film in records.films}
    themes: dict[str, Theme] = {}
    for data, source, bundled in themes_data:
        entries = []
        for rank, raw in enumerate(data["films"], start=1):
            title, year = raw["title"], raw["year"]
            film = by_title.get(entry_key(title, year))
            if film is None:
                film = Film(id=_unique_id(slugify(title), year, taken), title=title, year=year)
                taken.add(film.id)
                by_title[entry_key(title, year)] = film
            films[film.id] = film
            entries.append(
                ListEntry(
                    theme_id=data["id"],
                    rank=rank,
                    title=title,
                    year=year,
                    description=raw["description"],
                    fact=raw.get("fact") or "",
                    film_id=film.id,
                    correction=records.corrections.get((data["id"], film.id)),
                )
            )
        theme = Theme(
            id=data["id"],
            name=data["name"],
            intro=data["intro"],
            entries=tuple(entries),
            source=source,
            bundled=bundled,
        )
        previous = themes.get(theme.id)
        if previous is not None and previous.bundled and not bundled:
            theme = theme._replace(replaces_bundled=True)
        themes[theme.id] = theme
    # Films only a replaced theme named are no longer in any theme.
    named = {entry.film_id for theme in themes.values() for entry in theme.entries}
    chosen = tuple(themes.values())
    return Catalog(
        themes=chosen,
        films={film_id: film for film_id, film in films.items() if film_id in named},
        film_themes=index_film_themes(chosen),
        director_spellings=records.director_spellings,
        skipped=skipped,
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
