"""Pure functions over the Catalog: resolving what a person typed, filters, sorting.

Nothing here reads files or prints; every function takes model objects and returns model
objects (or raises a domain error from ``soviet_films.errors``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from soviet_films.errors import Ambiguous, NotFound
from soviet_films.models import Catalog, Film, FilmList
from soviet_films.text import fold, strip_article, title_key

SORT_KEYS = ("list", "year", "title")

# ---------------------------------------------------------------- years


@dataclass(frozen=True)
class YearRange:
    """An inclusive range of years; a single year or a decade is a range too."""

    first: int
    last: int

    def __contains__(self, year: object) -> bool:
        return isinstance(year, int) and self.first <= year <= self.last

    def __str__(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"


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
    raise ValueError(f"'{text}' is not {_YEAR_FORMS}")


# ---------------------------------------------------------------- matching what people type


def _words_in(query: str, key: str) -> bool:
    """True when the words of ``query`` stand together, as whole words, in ``key``."""
    return f" {query} " in f" {key} "


def _all_words_in(query: str, key: str) -> bool:
    words = set(key.split())
    return all(word in words for word in query.split())


def _closest(query: str, names: dict[str, str], count: int = 3) -> list[str]:
    """Labels of the names closest to ``query`` (names maps a folded name to a label)."""
    import difflib  # imported here: only a miss pays for it

    if not query:
        return []
    # Compare with each whole name and with each longer word of it, so a typo in one word
    # of a long title ("klyachna") still finds the title.
    scored: dict[str, float] = {}
    for name, label in names.items():
        pieces = [name] + [word for word in name.split() if len(word) >= 4]
        score = max(difflib.SequenceMatcher(None, query, piece).ratio() for piece in pieces)
        scored[label] = max(score, scored.get(label, 0.0))
    ranked = sorted(scored.items(), key=lambda item: -item[1])
    if not ranked:
        return []
    # Only names nearly as close as the closest: one clear typo gets one suggestion.
    floor = max(0.6, ranked[0][1] - 0.1)
    return [label for label, score in ranked[:count] if score >= floor]


def _match_by_keys(query: str, keyed: dict[str, set[str]]) -> list[str]:
    """Ids whose keys match ``query``: exactly, else as whole words, else all words anywhere.

    ``keyed`` maps an id to its folded keys. The first rule that matches anything wins, so
    an exact title is never lost among titles that merely contain it.
    """
    for rule in (str.__eq__, _words_in, _all_words_in):
        found = [item_id for item_id, keys in keyed.items() if any(rule(query, key) for key in keys)]
        if found:
            return found
    return []


def _require_text(kind: str, query: str, example: str) -> str:
    """The folded query; an empty one (or only punctuation) is refused, never matched to all."""
    folded = fold(query)
    if not folded:
        raise NotFound(kind, query, [], f"give some of its name, e.g. {example}")
    return folded


def film_keys(film: Film) -> set[str]:
    """Every folded form a person may type for the film: id, titles, original, transliteration."""
    names = (film.id, film.title, film.original_title, film.transliteration, *film.other_titles)
    keys = {title_key(name) for name in names if name}
    keys |= {fold(name) for name in names if name}
    return keys - {""}


def film_label(film: Film) -> str:
    """How a film is named in messages: 'mirror (The Mirror, 1975)'."""
    return f"{film.id} ({film.title}, {film.year})"


def resolve_film(catalog: Catalog, query: str) -> Film:
    """The one film ``query`` names: an id, any title the film is known by (any case, with or
    without a leading article, Cyrillic or transliterated), a whole word or words of a title,
    optionally followed by a year ("mirror 1975").

    Raises Ambiguous listing every candidate, or NotFound with the closest titles.
    """
    if query in catalog.films:
        return catalog.films[query]
    folded = strip_article(_require_text("film", query, "sfilms show stalker"))
    films = catalog.films
    match = re.fullmatch(r"(.*?)\s*(\d{4})", folded)
    if match and match[1] and not any(folded in film_keys(film) for film in films.values()):
        folded, year = strip_article(match[1]), int(match[2])
        films = {film_id: film for film_id, film in films.items() if film.year == year}
    found = _match_by_keys(folded, {film_id: film_keys(film) for film_id, film in films.items()})
    if len(found) == 1:
        return films[found[0]]
    if found:
        raise Ambiguous("film", query, [film_label(films[film_id]) for film_id in found])
    names = {key: film_label(film) for film in films.values() for key in film_keys(film)}
    suggestions = _closest(folded, names)
    if films is not catalog.films:  # a year was given: the title may match in another year
        keyed = {film_id: film_keys(film) for film_id, film in catalog.films.items()}
        suggestions = [
            film_label(catalog.films[film_id]) for film_id in _match_by_keys(folded, keyed)
        ] or suggestions
    hint = "" if suggestions else "'sfilms list' shows every film"
    try:
        if resolve_directors(catalog, query):
            hint = f"to see a director's films, try: sfilms list --director '{query}'"
    except NotFound:
        pass
    raise NotFound("film", query, suggestions, hint)


def theme_keys(film_list: FilmList) -> set[str]:
    """Folded forms of a theme: its id and its name (dashes, underscores and spaces alike)."""
    return {fold(film_list.id), fold(film_list.name)}


def resolve_theme(catalog: Catalog, query: str) -> FilmList:
    """The theme ``query`` names: its id or name in any case, with spaces, dashes or
    underscores, or whole words of either ("self esteem").

    Raises Ambiguous or NotFound (naming the themes that exist).
    """
    folded = _require_text("theme", query, "sfilms list loneliness")
    by_id = {film_list.id: film_list for film_list in catalog.lists}
    found = _match_by_keys(folded, {theme_id: theme_keys(fl) for theme_id, fl in by_id.items()})
    if len(found) == 1:
        return by_id[found[0]]
    if found:
        raise Ambiguous("theme", query, [f"{theme_id} ({by_id[theme_id].name})" for theme_id in found])
    names = {key: theme_id for theme_id, fl in by_id.items() for key in theme_keys(fl)}
    suggestions = _closest(folded, names)
    raise NotFound("theme", query, suggestions, "" if suggestions else f"themes: {', '.join(by_id)}")


def director_names(catalog: Catalog) -> list[str]:
    """Every director of a film in the catalogue, in their usual spelling, sorted."""
    return sorted({name for film in catalog.films.values() for name in film.directors})


def director_keys(catalog: Catalog, name: str) -> set[str]:
    """Folded spellings of a director: the usual one and every other the records list."""
    return {fold(spelling) for spelling in (name, *catalog.director_spellings.get(name, ()))}


def resolve_directors(catalog: Catalog, query: str) -> set[str]:
    """The directors ``query`` names, in their usual spelling: any spelling the records
    list, Latin or Cyrillic, the full name or whole words of it (the surname alone).

    Several directors may match a partial name ("andrei"); the filter keeps all of them.
    Raises NotFound with the closest names.
    """
    folded = _require_text("director", query, "--director tarkovsky")
    keyed = {name: director_keys(catalog, name) for name in director_names(catalog)}
    found = _match_by_keys(folded, keyed)
    if found:
        return set(found)
    names = {key: name for name, keys in keyed.items() for key in keys}
    raise NotFound("director", query, _closest(folded, names))


# ---------------------------------------------------------------- listing and filtering


@dataclass(frozen=True)
class FilmRow:
    """A film as ``list`` shows it: the title and year the list gives (the film's own across all
    lists), its place in the theme (if one), and every theme it is in."""

    film: Film
    title: str
    year: int
    rank: int | None
    themes: tuple[str, ...]


def film_rows(catalog: Catalog, theme: FilmList | None = None) -> list[FilmRow]:
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


def sort_rows(rows: list[FilmRow], key: str) -> list[FilmRow]:
    """Rows in list order ('list'), by year ('year') or by title without article ('title')."""
    if key == "year":
        return sorted(rows, key=lambda row: row.year)
    if key == "title":
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


# ---------------------------------------------------------------- shell completion


def complete_films(catalog: Catalog, incomplete: str) -> list[tuple[str, str]]:
    """(id, "Title (Year)") for the films whose id starts with ``incomplete``."""
    return [
        (film.id, f"{film.title} ({film.year})")
        for film in catalog.all_films()
        if film.id.startswith(incomplete)
    ]


def complete_themes(catalog: Catalog, incomplete: str) -> list[tuple[str, str]]:
    """(id, name) for the themes whose id starts with ``incomplete``."""
    return [(fl.id, fl.name) for fl in catalog.lists if fl.id.startswith(incomplete)]


def complete_directors(catalog: Catalog, incomplete: str) -> list[str]:
    """Surnames, in any spelling the records know, that start with ``incomplete``.

    Shells insert a completion as one word and keep what was typed, so a surname (which the
    --director filter accepts) is offered, beginning with exactly the letters typed.
    """
    typed = incomplete.casefold()
    offers = set()
    for name in director_names(catalog):
        for spelling in (name, *catalog.director_spellings.get(name, ())):
            surname = spelling.split()[-1]
            if surname.casefold().startswith(typed):
                offers.add(incomplete + surname[len(incomplete) :])
                break
    return sorted(offers)
