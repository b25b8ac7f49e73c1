"""Resolving what a person typed to a film, a theme or directors, and shell completion.

Pure: every function takes model objects and returns model objects, or raises NotFound or
Ambiguous with the facts (the candidates, the closest names).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from soviet_films.core import identity
from soviet_films.core.text import fold, strip_article, title_key
from soviet_films.errors import Ambiguous, NotFound
from soviet_films.model import Catalog, Film, Theme

# ---------------------------------------------------------------- matching what people type


# Queries longer than this get no suggestions (difflib's comparison is quadratic in the length).
MAX_SUGGESTED = 120


def _words_in(query: str, key: str) -> bool:
    """True when the words of ``query`` stand together, as whole words, in ``key``."""
    return f" {query} " in f" {key} "


def _all_words_in(query: str, key: str) -> bool:
    words = set(key.split())
    return all(word in words for word in query.split())


def _closest(query: str, names: dict[str, str], count: int = 3) -> list[str]:
    """Labels of the names closest to ``query`` (names maps a folded name to a label)."""
    import difflib  # imported here: only a miss pays for it

    if not query or len(query) > MAX_SUGGESTED:  # comparing is quadratic; no title is that long
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


def _match_by_keys(queries: tuple[str, ...], keyed: dict[str, set[str]]) -> list[str]:
    """Ids whose keys match one of ``queries`` (a query's forms): exactly, else as whole words, else
    all words anywhere.

    ``keyed`` maps an id to its folded keys. The first rule that matches anything wins, so
    an exact title is never lost among titles that merely contain it.
    """
    for rule in (str.__eq__, _words_in, _all_words_in):
        found = [
            item_id
            for item_id, keys in keyed.items()
            if any(rule(query, key) for key in keys for query in queries)
        ]
        if found:
            return found
    return []


def query_forms(folded: str) -> tuple[str, ...]:
    """The forms a folded query is matched in: as typed, and in the one spelling of
    ``core.identity`` (so 'solyaris', 'tarkovskiy' and 'roublev' find what they name)."""
    same = " ".join(identity.spelling(word) for word in folded.split())
    return (folded, same) if same != folded else (folded,)


class FilmQuery(NamedTuple):
    """How a typed film query narrows: the forms of the whole query, and, where it ends in a year,
    the forms of the title before it and that year ("mirror 1975"). The resolver applies its rules
    to them; a store fetches the films whose words hold the words of one of them."""

    forms: tuple[str, ...]
    titled: tuple[str, ...]
    year: int | None

    def word_sets(self) -> list[list[str]]:
        """The words a film must be known by to be named by one of the forms."""
        return [form.split() for form in (*self.forms, *self.titled)]


def plan_film_query(query: str) -> FilmQuery:
    """The forms ``query`` is matched in (see FilmQuery); no forms for a query with no letters or digits."""
    folded = strip_article(fold(query))
    match = re.fullmatch(r"(.*?)\s*(\d{4})", folded)
    if match and match[1]:
        return FilmQuery(query_forms(folded), query_forms(strip_article(match[1])), int(match[2]))
    return FilmQuery(query_forms(folded) if folded else (), (), None)


def _require_text(kind: str, query: str) -> str:
    """The folded query; an empty one (or only punctuation) is refused, never matched to all."""
    folded = fold(query)
    if not folded:
        raise NotFound(kind, query, [], blank=True)
    return folded


def film_keys(film: Film) -> set[str]:
    """Every folded form a person may type for the film: id, titles, original, transliteration, each
    also in the one spelling of ``core.identity``."""
    names = [
        name
        for name in (film.id, film.title, film.original_title, film.transliteration, *film.other_titles)
        if name
    ]
    keys = {title_key(name) for name in names}
    keys |= {fold(name) for name in names}
    keys |= {identity.title_key(name) for name in names}
    return keys - {""}


def film_words(film: Film) -> set[str]:
    """Every word of every key ``film_keys`` gives (what a typed title's words are looked up by)."""
    names = (film.id, film.title, film.original_title, film.transliteration, *film.other_titles)
    return {word for name in names if name for word in name_words(name)}


def name_words(name: str) -> frozenset[str]:
    """The words of the keys ``film_keys`` makes of one title."""
    return frozenset(fold(name).split()) | frozenset(identity.title_key(name).split())


def director_words(spelling: str) -> set[str]:
    """The words a director's spelling is found by: folded, and in the one spelling."""
    words = fold(spelling).split()
    return {*words, *(identity.spelling(word) for word in words)}


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
    _require_text("film", query)
    plan = plan_film_query(query)
    films, forms = catalog.films, plan.forms
    if plan.year is not None and not any(
        form in film_keys(film) for film in films.values() for form in forms
    ):
        forms = plan.titled
        films = {film_id: film for film_id, film in films.items() if film.year == plan.year}
    found = _match_by_keys(forms, {film_id: film_keys(film) for film_id, film in films.items()})
    if len(found) == 1:
        return films[found[0]]
    if found:
        raise Ambiguous("film", query, [film_label(films[film_id]) for film_id in found])
    names = {key: film_label(film) for film in films.values() for key in film_keys(film)}
    suggestions = _closest(forms[0], names)
    if films is not catalog.films:  # a year was given: the title may match in another year
        keyed = {film_id: film_keys(film) for film_id, film in catalog.films.items()}
        suggestions = [
            film_label(catalog.films[film_id]) for film_id in _match_by_keys(forms, keyed)
        ] or suggestions
    try:
        names_director = bool(resolve_directors(catalog, query))
    except NotFound:
        names_director = False
    raise NotFound("film", query, suggestions, names_director=names_director)


def theme_keys(theme: Theme) -> set[str]:
    """Folded forms of a theme: its id and its name (dashes, underscores and spaces alike)."""
    return {fold(theme.id), fold(theme.name)}


def resolve_theme(catalog: Catalog, query: str) -> Theme:
    """The theme ``query`` names: its id or name in any case, with spaces, dashes or
    underscores, or whole words of either ("self esteem").

    Raises Ambiguous or NotFound (naming the themes that exist).
    """
    folded = _require_text("theme", query)
    by_id = {theme.id: theme for theme in catalog.themes}
    found = _match_by_keys((folded,), {theme_id: theme_keys(theme) for theme_id, theme in by_id.items()})
    if len(found) == 1:
        return by_id[found[0]]
    if found:
        raise Ambiguous("theme", query, [f"{theme_id} ({by_id[theme_id].name})" for theme_id in found])
    names = {key: theme_id for theme_id, theme in by_id.items() for key in theme_keys(theme)}
    raise NotFound("theme", query, _closest(folded, names), known=tuple(by_id))


def director_names(catalog: Catalog) -> list[str]:
    """Every director of a film in the catalogue, in their usual spelling, sorted."""
    if catalog.directors is not None:
        return sorted(catalog.directors)
    return sorted({name for film in catalog.films.values() for name in film.directors})


def director_keys(catalog: Catalog, name: str) -> set[str]:
    """Folded spellings of a director: the usual one and every other the records list, each also in
    the one spelling of ``core.identity``."""
    spellings = (name, *catalog.director_spellings.get(name, ()))
    return {fold(spelling) for spelling in spellings} | {
        identity.name_key(spelling) for spelling in spellings
    }


def resolve_directors(catalog: Catalog, query: str) -> set[str]:
    """The directors ``query`` names, in their usual spelling: any spelling the records
    list, Latin or Cyrillic, the full name or whole words of it (the surname alone).

    Several directors may match a partial name ("andrei"); the filter keeps all of them.
    Raises NotFound with the closest names.
    """
    folded = _require_text("director", query)
    keyed = {name: director_keys(catalog, name) for name in director_names(catalog)}
    found = _match_by_keys(query_forms(folded), keyed)
    if found:
        return set(found)
    names = {key: name for name, keys in keyed.items() for key in keys}
    raise NotFound("director", query, _closest(folded, names))


# ---------------------------------------------------------------- shell completion


def complete_films(catalog: Catalog, incomplete: str) -> list[tuple[str, str]]:
    """(id, "Title (Year)") for the films whose id starts with ``incomplete``, then those known by a
    word that starts with it, in any of their titles and alphabets ('asya', 'cloak', 'Зерк'): the
    shell puts the id in place of the word typed."""
    films = catalog.all_films()
    by_id = [film for film in films if film.id.startswith(incomplete)]
    forms = completion_forms(incomplete)
    taken = {film.id for film in by_id}
    by_word = [
        film
        for film in films
        if forms and film.id not in taken and any(word.startswith(forms) for word in film_words(film))
    ]
    return [(film.id, f"{film.title} ({film.year})") for film in (*by_id, *by_word)]


def completion_forms(incomplete: str) -> tuple[str, ...]:
    """The forms a word being typed is looked for at the start of a film's words (none for one
    that has no letters or digits, or is a single letter: every film would do)."""
    folded = fold(incomplete)
    if len(folded) < 2 or " " in folded:
        return ()
    return tuple(dict.fromkeys((folded, *(identity.spelling(folded),))))


def complete_themes(catalog: Catalog, incomplete: str) -> list[tuple[str, str]]:
    """(id, name) for the themes whose id starts with ``incomplete``."""
    return [(theme.id, theme.name) for theme in catalog.themes if theme.id.startswith(incomplete)]


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
    if offers:
        return sorted(offers)
    # No surname starts so: a director known by another word that does ('eldar', 'андрей') is
    # offered by surname, in the spelling that has the word (the shell puts it in the word's place).
    forms = completion_forms(incomplete)
    cyrillic = bool(re.search("[а-яё]", typed))
    for name in director_names(catalog):
        spellings = (name, *catalog.director_spellings.get(name, ()))
        for spelling in sorted(
            spellings, key=lambda text: bool(re.search("[а-яё]", text.casefold())) != cyrillic
        ):
            if forms and any(word.startswith(forms) for word in director_words(spelling)):
                offers.add(spelling.split()[-1])
                break
    return sorted(offers)


class FilmMatcher:
    """The films a filter box's text names, as a person types it: every film whose titles, id,
    original title or transliteration hold the typed words (whole words, the last one perhaps
    still being typed), in any alphabet, case and accents ignored: the rules of ``resolve_film``,
    for many films at once. The keys are folded once, so each keystroke only compares."""

    def __init__(self, films: list[Film]) -> None:
        self._films = [(film.id, [f" {key} " for key in film_keys(film)]) for film in films]

    def matching(self, text: str) -> set[str]:
        """Ids of the films ``text`` names (every film for empty text)."""
        words = strip_article(fold(text)).split() if fold(text) else []
        if not words:
            return {film_id for film_id, _ in self._films}
        done, typing = [f" {word} " for word in words[:-1]], f" {words[-1]}"
        return {
            film_id
            for film_id, keys in self._films
            if any(typing in key and all(word in key for word in done) for key in keys)
        }
