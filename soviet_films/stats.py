"""Counts over the catalogue for `sfilms stats`: pure functions over the model.

Films are counted once however many lists name them, and listed works that are not films
(no record of a film) are left out of the film counts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from soviet_films.models import Catalog, Film, FilmList


@dataclass(frozen=True)
class Stats:
    """What `stats` shows: totals, films per decade, directors by films, films in several lists."""

    lists: int
    entries: int
    films: int
    not_films: int
    decades: list[tuple[str, int]]
    directors: list[tuple[str, int]]
    overlap: list[tuple[Film, tuple[str, ...]]]


def compute_stats(catalog: Catalog, theme: FilmList | None = None, top: int = 10) -> Stats:
    """Stats for one theme, or for every list. ``top`` limits the directors shown."""
    lists = [theme] if theme is not None else list(catalog.lists)
    themes = catalog.film_themes  # overlap is between all lists, even when one is chosen
    chosen = list(dict.fromkeys(entry.film_id for fl in lists for entry in fl.entries))
    films = [catalog.films[film_id] for film_id in chosen]
    real = [film for film in films if film.is_film]
    decades = Counter(f"{film.year // 10 * 10}s" for film in real)
    directors = Counter(name for film in real for name in film.directors)
    return Stats(
        lists=len(lists),
        entries=sum(len(fl.entries) for fl in lists),
        films=len(real),
        not_films=len(films) - len(real),
        decades=sorted(decades.items()),
        directors=sorted(directors.items(), key=lambda item: (-item[1], item[0]))[:top],
        overlap=[(film, themes[film.id]) for film in films if len(themes[film.id]) > 1],
    )
