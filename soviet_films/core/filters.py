"""Years, filters, sorting and the random pick: pure functions over the model."""

from __future__ import annotations

import re
from collections.abc import Iterable

from soviet_films.core.text import quoted, title_key
from soviet_films.model import Catalog, Film, FilmRow, Theme, YearRange

SORT_ORDERS = ("list", "year", "title")

_YEAR_FORMS = "a year (1975), a range (1970-1979) or a decade (1970s)"


def parse_year_filter(text: str) -> YearRange:
    """Parse '1975', '1970-1979' or '1970s' (also "1970's", '70s' and an en dash).

    Raises ValueError with a message saying what is accepted.
    """
    value = text.strip().replace("–", "-").replace("—", "-").replace("’", "'")
    if re.fullmatch(r"\d{4}", value):
        return YearRange(int(value), int(value))
    if match := re.fullmatch(r"(\d{4})\s*-\s*(\d{4})", value):
        first, last = int(match[1]), int(match[2])
        if first > last:
            raise ValueError(f"the range '{text}' runs backwards; did you mean {last}-{first}?")
        return YearRange(first, last)
    if match := re.fullmatch(r"(\d{3})0'?s", value):
        start = int(match[1]) * 10
        return YearRange(start, start + 9)
    if match := re.fullmatch(r"(\d)0'?s", value):
        start = 1900 + int(match[1]) * 10
        return YearRange(start, start + 9)
    raise ValueError(f"{quoted(text)} is not {_YEAR_FORMS}")


def film_rows(catalog: Catalog, theme: Theme | None = None) -> list[FilmRow]:
    """The theme's films in list order, or, with no theme, every film once in catalogue order."""
    themes = catalog.film_themes
    if theme is not None:
        return [
            FilmRow(catalog.films[e.film_id], e.title, e.year, e.rank, themes[e.film_id])
            for e in theme.entries
        ]
    return [FilmRow(film, film.title, film.year, None, themes[film.id]) for film in catalog.all_films()]


def filter_rows(
    rows: Iterable[FilmRow], years: YearRange | None = None, directors: set[str] | None = None
) -> list[FilmRow]:
    """The rows whose film is in ``years`` and made by one of ``directors`` (None: any)."""
    return [
        row
        for row in rows
        if (years is None or row.year in years)
        and (directors is None or directors.intersection(row.film.directors))
    ]


def sort_rows(rows: list[FilmRow], order: str) -> list[FilmRow]:
    """Rows in list order ('list'), by year ('year') or by title without article ('title')."""
    if order == "year":
        return sorted(rows, key=lambda row: row.year)
    if order == "title":
        return sorted(rows, key=lambda row: title_key(row.title))
    return list(rows)


def pick_random(rows: list[FilmRow], seed: int | None = None) -> Film:
    """One film chosen uniformly among ``rows`` (each film counted once); the same ``seed``
    and the same rows give the same film. Raises IndexError when there are no rows."""
    import random  # imported here: only `sfilms random` pays for it

    films = list({row.film.id: row.film for row in rows}.values())
    if not films:
        raise IndexError("no films to choose from")
    return random.Random(seed).choice(films)


def fuzzy_rows(rows: Iterable[FilmRow], typed: str) -> list[FilmRow]:
    """The rows whose title, original title, directors and year hold the letters of ``typed`` in
    order (as fzf matches: 'stalkr', 'trkvsky'), best first: letters that follow one another, and
    start words, count more; a tie keeps the rows' order."""
    from soviet_films.core.text import fold

    letters = "".join(fold(typed).split())
    if not letters:
        return list(rows)
    scored = []
    for index, row in enumerate(rows):
        film = row.film
        text = fold(
            " ".join([row.title, film.original_title, film.transliteration, *film.directors, str(row.year)])
        )
        score = _subsequence_score(text, letters)
        if score is not None:
            scored.append((-score, index, row))
    return [row for _, _, row in sorted(scored, key=lambda item: item[:2])]


def _subsequence_score(text: str, letters: str) -> int | None:
    """How well ``letters`` stand in ``text`` in order (None: they do not), the best of the first
    few starts (more rarely score better, and each costs a pass: the filter runs on every key)."""
    best = None
    start, tries = text.find(letters[0]), 0
    while start != -1 and tries < 4:
        tries += 1
        score, at, previous = 0, start, -2
        for letter in letters:
            at = text.find(letter, at)
            if at == -1:
                return best
            score += 16 + (8 if at == 0 or text[at - 1] == " " else 0) + (8 if at == previous + 1 else 0)
            score -= min(at - previous - 1, 8) if previous >= 0 else 0
            previous, at = at, at + 1
        best = score if best is None else max(best, score)
        start = text.find(letters[0], start + 1)
    return best
