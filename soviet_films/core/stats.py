"""Counts over the catalogue for `sfilms stats`: pure functions over the model.

Films are counted once however many lists name them, and listed works that are not films
(no record of a film) are left out of the film counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from soviet_films.model import Catalog, Film, FilmViewing, Stats, Theme


def compute_stats(catalog: Catalog, theme: Theme | None = None, top: int = 10) -> Stats:
    """Stats for one theme, or for every theme. ``top`` limits the directors shown (those tied
    with the last one shown are shown too: equals are never cut by their names)."""
    chosen_themes = [theme] if theme is not None else list(catalog.themes)
    themes = catalog.film_themes  # overlap is between all themes, even when one is chosen
    chosen = list(dict.fromkeys(entry.film_id for each in chosen_themes for entry in each.entries))
    films = [catalog.films[film_id] for film_id in chosen]
    real = [film for film in films if film.is_film]
    decades = Counter(f"{film.year // 10 * 10}s" for film in real)
    directors = Counter(name for film in real for name in film.directors)
    return Stats(
        themes=len(chosen_themes),
        entries=sum(len(each.entries) for each in chosen_themes),
        films=len(real),
        not_films=len(films) - len(real),
        decades=sorted(decades.items()),
        directors=_top(sorted(directors.items(), key=lambda item: (-item[1], item[0])), top),
        overlap=[(film, themes[film.id]) for film in films if len(themes[film.id]) > 1],
    )


def seen_per_decade(
    catalog: Catalog, theme: Theme | None, viewing_of: Callable[[Film], FilmViewing]
) -> dict[str, int]:
    """For each decade, how many of the films (of ``theme``, or of every theme) you have seen."""
    chosen = [theme] if theme is not None else list(catalog.themes)
    films = [
        catalog.films[film_id]
        for film_id in dict.fromkeys(e.film_id for each in chosen for e in each.entries)
    ]
    seen = Counter(f"{film.year // 10 * 10}s" for film in films if film.is_film and viewing_of(film).seen)
    return dict(seen)


def _top(ranked: list[tuple[str, int]], top: int) -> list[tuple[str, int]]:
    """The first ``top`` of ``ranked`` (by count, highest first), and every one tied with the last."""
    if len(ranked) <= top:
        return ranked
    last = ranked[top - 1][1]
    return [item for index, item in enumerate(ranked) if index < top or item[1] == last]
