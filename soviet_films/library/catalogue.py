"""The catalogue's questions: the themes, a theme's films, one film's card, search, a random pick,
stats, what an export holds, where things are, and shell completion."""

from __future__ import annotations

from typing import TYPE_CHECKING

from soviet_films import places
from soviet_films.core.filters import SORT_ORDERS
from soviet_films.errors import BadValue, NothingToPick
from soviet_films.library.session import (
    Notes,
    answering,
    directors_named,
    film_named,
    has_log,
    shelf,
    theme_named,
    viewing,
)
from soviet_films.model import Export, FilmCard, Listing, Places, SearchHit, Stats, ThemeList, YearRange

if TYPE_CHECKING:
    from soviet_films.core.viewing import ViewingIndex
    from soviet_films.model import Film, FilmViewing

__all__ = ["EXPORT_FORMATS", "SORT_ORDERS"]

EXPORT_FORMATS = ("letterboxd", "csv", "markdown", "json")

# A search is a few words a person types; more costs time for nothing (each term scans the index).
MAX_TERMS, MAX_TERM_LENGTH = 32, 200


def parse_years(text: str) -> YearRange:
    """A year filter: '1975', '1970-1979' or '1970s'. Raises BadValue saying what is accepted."""
    from soviet_films.core.filters import parse_year_filter

    try:
        return parse_year_filter(text)
    except ValueError as error:
        raise BadValue("year", text, str(error)) from None


def _log_for(notes: Notes, choice: str | None) -> ViewingIndex | None:
    """The viewing log; with a seen/unseen/watchlist filter, an empty one when there is none."""
    index = viewing(notes)
    if index is None and choice is not None:
        from soviet_films.core.viewing import ViewingIndex

        return ViewingIndex([], [])
    return index


def _viewing_of(index: ViewingIndex | None, films: list[Film]) -> dict[str, FilmViewing] | None:
    if index is None:
        return None
    from soviet_films.core.viewing import viewing_by_film

    return viewing_by_film(index, films)


@answering
def themes(notes: Notes) -> ThemeList:
    """Every theme, bundled then the user's, with how many of each you have seen (with a log)."""
    found = shelf(notes)
    index = viewing(notes)
    if index is None:
        return ThemeList(list(found.for_themes().themes))
    from soviet_films.core.viewing import seen_in

    catalog = found.whole()
    seen = {theme.id: seen_in(catalog, index, (e.film_id for e in theme.entries)) for theme in catalog.themes}
    return ThemeList(list(catalog.themes), seen)


@answering
def listing(
    notes: Notes,
    theme: str | None = None,
    years: YearRange | None = None,
    director: str | None = None,
    sort: str = "list",
    seen: str | None = None,
) -> Listing:
    """The films of ``theme`` (every film once without one), filtered and in ``sort`` order; ``seen``
    keeps only the films you have seen ("seen"), not seen ("unseen") or mean to ("watchlist").

    Raises NotFound or Ambiguous for a theme or director that names nothing or several.
    """
    from soviet_films.core.filters import film_rows, filter_rows, sort_rows

    found = shelf(notes)
    chosen = theme_named(found, theme)
    directors = directors_named(found, director)
    catalog = found.for_listing(chosen, directors, years)
    rows = sort_rows(filter_rows(film_rows(catalog, chosen), years, directors), sort)
    index = _log_for(notes, seen)
    if index is not None and seen is not None:
        rows = [row for row in rows if index.keeps(row.film, seen)]
    return Listing(chosen, rows, _viewing_of(index if has_log() else None, [row.film for row in rows]))


@answering
def film_card(notes: Notes, film: str) -> FilmCard:
    """The film ``film`` names, with what every theme says about it and your viewing of it.

    Raises NotFound or Ambiguous.
    """
    from soviet_films.errors import NotFound
    from soviet_films.library.session import film_or_logged

    found_shelf, index = shelf(notes), viewing(notes)
    try:
        found, catalog = film_named(found_shelf, film)
        appearances = catalog.appearances(found.id)
    except NotFound:  # a film no list names may be one your log names
        found, appearances = film_or_logged(found_shelf, film, index), []
    return FilmCard(found, appearances, index.of(found) if index is not None else None)


@answering
def search(
    notes: Notes,
    words: list[str],
    theme: str | None = None,
    years: YearRange | None = None,
    director: str | None = None,
    seen: str | None = None,
) -> list[SearchHit]:
    """Every entry in which all ``words`` match (a "quoted phrase" whole), narrowed by the filters.

    Raises BadValue when the words hold nothing to search for, NotFound or Ambiguous for a theme or
    director that names nothing or several.
    """
    from soviet_films.core import search as searching

    terms = searching.parse_terms(words)
    if not terms:
        raise BadValue("words", " ".join(words), "give at least one word to search for")
    if len(terms) > MAX_TERMS or max(len(term) for term in terms) > MAX_TERM_LENGTH:
        reason = f"give at most {MAX_TERMS} words or phrases, each at most {MAX_TERM_LENGTH} characters"
        raise BadValue("words", " ".join(words), reason)
    found = shelf(notes)
    chosen = theme_named(found, theme)
    directors = directors_named(found, director)
    catalog, entries = found.for_search(terms, chosen, directors)
    hits = searching.search(catalog, terms, chosen, years, directors, entries)
    log = _log_for(notes, seen)
    if log is not None and seen is not None:
        hits = [hit for hit in hits if log.keeps(hit.film, seen)]
    return hits


@answering
def random_film(
    notes: Notes,
    theme: str | None = None,
    years: YearRange | None = None,
    director: str | None = None,
    seed: int | None = None,
    seen: str | None = None,
) -> FilmCard:
    """One film chosen uniformly among those the filters allow, as ``film_card`` gives it (``seen``:
    as for ``listing``; ``random --unseen`` picks tonight's film).

    Raises NothingToPick when the filters leave none.
    """
    from soviet_films.core.filters import film_rows, filter_rows, pick_random

    found = shelf(notes)
    chosen = theme_named(found, theme)
    directors = directors_named(found, director)
    catalog = found.for_listing(chosen, directors, years)
    rows = filter_rows(film_rows(catalog, chosen), years, directors)
    index = _log_for(notes, seen)
    if index is not None and seen is not None:
        rows = [row for row in rows if index.keeps(row.film, seen)]
    if not rows:
        raise NothingToPick()
    film = pick_random(rows, seed)
    viewed = index.of(film) if index is not None and has_log() else None
    return FilmCard(film, found.for_film_ids([film.id]).appearances(film.id), viewed)


@answering
def stats(notes: Notes, theme: str | None = None) -> Stats:
    """Counts for one theme or every theme: films per decade, directors, films in several themes, and
    with a viewing log, the films you have seen per decade."""
    from soviet_films.core.resolve import resolve_theme
    from soviet_films.core.stats import compute_stats

    catalog = shelf(notes).whole()
    chosen = resolve_theme(catalog, theme) if theme is not None else None
    result = compute_stats(catalog, chosen)
    index = viewing(notes)
    if index is None:
        return result
    from soviet_films.core.stats import seen_per_decade

    return result._replace(seen_decades=seen_per_decade(catalog, chosen, index.of))


@answering
def export(notes: Notes, theme: str | None, format: str) -> Export:
    """What an export in ``format`` (one of EXPORT_FORMATS) holds: the chosen themes, and for
    Letterboxd the films (the theme's in list order, or every film once) and the listed works left
    out because they are not films."""
    from soviet_films.core.resolve import resolve_theme

    catalog = shelf(notes).whole()
    chosen = resolve_theme(catalog, theme) if theme is not None else None
    films = [catalog.films[e.film_id] for e in chosen.entries] if chosen is not None else catalog.all_films()
    return Export(
        format=format,
        catalog=catalog,
        themes=[chosen] if chosen is not None else list(catalog.themes),
        films=[film for film in films if film.is_film],
        left_out=[film for film in films if not film.is_film],
    )


def paths() -> Places:
    """Where sfilms reads lists from, keeps your viewing log, and keeps its cache."""
    return places.current()


# ---------------------------------------------------------------- shell completion (no notes: a TAB)


def complete_films(incomplete: str) -> list[tuple[str, str]]:
    """(id, "Title (Year)") for the films whose id starts with ``incomplete``."""
    from soviet_films.core.resolve import complete_films as complete

    return complete(shelf(None).for_film_completion(incomplete), incomplete)


def complete_themes(incomplete: str) -> list[tuple[str, str]]:
    """(id, name) for the themes whose id starts with ``incomplete``."""
    from soviet_films.core.resolve import complete_themes as complete

    return complete(shelf(None).for_themes(), incomplete)


def complete_directors(incomplete: str) -> list[str]:
    """Directors' surnames, in any spelling the records know, that start with ``incomplete``."""
    from soviet_films.core.resolve import complete_directors as complete

    return complete(shelf(None).for_director_completion(incomplete), incomplete)
