"""The catalogue from the files: finding the bundled lists, the records and the user's lists, and
answering each command's question from the compiled store (``store.catalog_db``), or, where the
store cannot be used, from the files themselves.

A **shelf** answers with a catalogue holding what the question needs: ``whole`` every theme and film;
``for_film`` the films a typed title can name, with their themes; ``for_listing`` a theme's films or
the films a filter keeps; and so on. The rules that pick the answer are the domain's (``core``),
applied to that catalogue; a shelf only makes sure nothing the rules could pick is missing. Over
the files (``InMemoryShelf``) every question gets the whole catalogue.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from soviet_films import places
from soviet_films.model import Catalog, ListEntry, SkippedFile, Theme, YearRange

if TYPE_CHECKING:
    from soviet_films.errors import Problem
    from soviet_films.store.catalog_db import Store


class Shelf(Protocol):
    """What the library asks of the catalogue, one method per kind of question."""

    skipped: tuple[SkippedFile, ...]

    def whole(self) -> Catalog:
        """Every theme and film."""

    def for_film(self, query: str) -> Catalog:
        """Every film ``query`` (as ``core.resolve.resolve_film`` reads it) could name, with its themes."""

    def for_film_ids(self, film_ids: list[str]) -> Catalog:
        """These films, with their themes."""

    def for_themes(self) -> Catalog:
        """Every theme (their entries read when used)."""

    def for_listing(self, theme: str | None, director: str | None, years: YearRange | None) -> Catalog:
        """Every theme, and the films ``list`` could show: the theme's, else those the filters keep."""

    def for_search(
        self, terms: list[str], theme: str | None, director: str | None, years: YearRange | None
    ) -> tuple[Catalog, list[tuple[Theme, ListEntry]] | None]:
        """Every theme, and the entries that may hold every term (None: every entry)."""

    def for_film_completion(self, prefix: str) -> Catalog:
        """The films whose id starts with ``prefix``."""

    def for_director_completion(self, prefix: str) -> Catalog:
        """The directors with a surname that starts with ``prefix`` (casefolded)."""


def source_files() -> tuple[Path, list[Path], list[Path]]:
    """The records file, the bundled list files and the user's list files."""
    return places.records_file(), places.list_files(places.bundled_lists_dir()), _user_files()[0]


def _user_files() -> tuple[list[Path], list[Problem]]:
    return places.scan_list_files(places.user_lists_dir())


def open_shelf(use_store: bool = True) -> Shelf:
    """The catalogue's shelf: the compiled store brought up to date, or, where it cannot be used,
    the catalogue read from the files. A broken bundled file raises FileProblems; a broken user
    file is left out, and the shelf's ``skipped`` says so."""
    records_path, bundled = places.records_file(), places.list_files(places.bundled_lists_dir())
    user, refused = _user_files()
    skipped = tuple(SkippedFile(problem.path, problem.line, problem.message) for problem in refused)
    if use_store:
        from soviet_films.store import catalog_db

        # The store stays open, in its snapshot, while what was read from it is in use (a theme's
        # entries are read when first used); it closes when none of it is left.
        sources = catalog_db.Sources(records_path, bundled, user)
        try:
            store = catalog_db.open_store(places.cache_dir(), sources, _bring_up_to_date)
        except catalog_db.Unusable:
            pass
        else:
            return StoredShelf(store, skipped)
    from soviet_films.store.sources import build_from_files

    return InMemoryShelf(build_from_files(records_path, bundled, user, refused))


def _bring_up_to_date(connection: Any, sources: Any) -> None:
    # Imported here: only a stale store is written, and only then is the writing code loaded.
    from soviet_films.store.catalog_build import bring_up_to_date

    bring_up_to_date(connection, sources)


def load_catalog(use_cache: bool = True) -> Catalog:
    """Every theme sfilms reads, the bundled lists then the user's, from the store when it can."""
    return open_shelf(use_cache).whole()


class InMemoryShelf:
    """The catalogue read from the files: every question gets all of it."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.skipped = catalog.skipped

    def whole(self) -> Catalog:
        return self.catalog

    def for_film(self, query: str) -> Catalog:
        return self.catalog

    def for_film_ids(self, film_ids: list[str]) -> Catalog:
        return self.catalog

    def for_themes(self) -> Catalog:
        return self.catalog

    def for_listing(self, theme: str | None, director: str | None, years: YearRange | None) -> Catalog:
        return self.catalog

    def for_search(
        self, terms: list[str], theme: str | None, director: str | None, years: YearRange | None
    ) -> tuple[Catalog, list[tuple[Theme, ListEntry]] | None]:
        return self.catalog, None

    def for_film_completion(self, prefix: str) -> Catalog:
        return self.catalog

    def for_director_completion(self, prefix: str) -> Catalog:
        return self.catalog


class StoredShelf:
    """The catalogue in the compiled store: each question reads the rows it needs."""

    def __init__(self, store: Store, refused: tuple[SkippedFile, ...]) -> None:
        self.store = store
        self.skipped = (*refused, *store.skipped())

    def _catalog(
        self,
        themes: Any = None,
        films: Any = None,
        film_themes: Any = None,
        spellings: Any = None,
        directors: Any = None,
    ) -> Catalog:
        store = self.store
        films = films if films is not None else {}
        if film_themes is None:
            found = store.film_themes(films)
            film_themes = {film_id: found.get(film_id, ()) for film_id in films}
        if spellings is None:
            names = {name for film in films.values() for name in film.directors} | set(directors or ())
            spellings = store.spellings_of(names)
        themes = tuple(store.themes().values()) if themes is None else themes
        return Catalog(themes, films, film_themes, spellings, self.skipped, directors)

    def whole(self) -> Catalog:
        store = self.store
        films = store.all_films()
        found = store.film_themes((), every=True)
        entries = store.every_entry()
        themes = tuple(
            theme._replace(entries=entries.get(rowid, ())) for rowid, theme in store.themes().items()
        )
        return self._catalog(
            themes, films, {film_id: found[film_id] for film_id in films}, store.all_spellings()
        )

    def _with_themes_of(self, films: dict[str, Any]) -> Catalog:
        themes = self.store.themes_by_rowid(self.store.theme_rowids_of(films))
        return self._catalog(tuple(themes.values()), films)

    def for_film(self, query: str) -> Catalog:
        from soviet_films.core.text import fold, strip_article

        store = self.store
        folded = strip_article(fold(query))
        words = folded.split()
        if not words:
            return self.whole() if fold(query) else self._with_themes_of(store.films_by_id([query]))
        ids = store.films_with_words(words) | {query}
        year, by_year = None, set()
        match = re.fullmatch(r"(.*?)\s*(\d{4})", folded)
        if match and match[1]:  # "mirror 1975": the title words, in that year
            year, by_year = int(match[2]), store.films_with_words(strip_article(match[1]).split())
        films = store.films_by_id(ids | by_year)
        films = {film_id: film for film_id, film in films.items() if film_id in ids or film.year == year}
        return self._with_themes_of(films)

    def for_film_ids(self, film_ids: list[str]) -> Catalog:
        return self._with_themes_of(self.store.films_by_id(film_ids))

    def for_themes(self) -> Catalog:
        return self._catalog(tuple(self.store.themes().values()), {}, {}, {})

    def _theme(self, query: str | None) -> tuple[Theme | None, dict[int, Theme]]:
        """The theme ``query`` names (None: none, or several), and the themes a partial catalogue
        needs for ``query`` to resolve as over the whole one: those with every word of it in their
        id or name, or every theme when it names none (the closest and the known are named then)."""
        from soviet_films.core.resolve import resolve_theme
        from soviet_films.core.text import fold
        from soviet_films.errors import Ambiguous, NotFound

        if query is None:
            return None, {}
        store = self.store
        words = fold(query).split()
        themes = store.themes_by_rowid(store.themes_with_words(words)) if words else {}
        try:
            return resolve_theme(Catalog(tuple(themes.values()), {}, {}), query), themes
        except Ambiguous:
            return None, themes
        except NotFound:
            return None, store.themes()

    def _directors(self, query: str | None) -> tuple[tuple[str, ...] | None, set[str] | None]:
        """The directors a partial catalogue must know for ``query`` to resolve as over the whole
        one (every director when it names none), and those it names (None: none)."""
        from soviet_films.core.resolve import resolve_directors
        from soviet_films.core.text import fold
        from soviet_films.errors import NotFound

        if query is None:
            return None, None
        store = self.store
        words = fold(query).split()
        if words:
            names = store.directors_with_words(words)
            partial = Catalog((), {}, {}, store.spellings_of(names), directors=tuple(sorted(names)))
            try:
                return partial.directors, resolve_directors(partial, query)
            except NotFound:
                pass
        return tuple(sorted(store.all_directors())), None

    def for_listing(self, theme: str | None, director: str | None, years: YearRange | None) -> Catalog:
        store = self.store
        directors, named = self._directors(director)
        spellings = None
        if directors is not None and named is None:  # a director that names none: the suggestions need all
            spellings = store.all_spellings()
        chosen, themes = self._theme(theme)
        if theme is not None:
            if chosen is None:
                return self._catalog(tuple(themes.values()), {}, {}, spellings or {}, directors)
            films = store.films_by_id({entry.film_id for entry in chosen.entries})
        elif named is not None:
            films = store.films_by_id(store.films_by_directors(named))
        elif directors is not None:
            films = {}
        elif years is not None:
            films = store.films_in_years(years.first, years.last)
        else:  # every film: its rows and themes, not every entry
            films = store.all_films()
            found = store.film_themes((), every=True)
            return self._catalog((), films, {film_id: found[film_id] for film_id in films}, None, directors)
        return self._catalog(tuple(themes.values()), films, None, spellings, directors)

    def for_search(
        self, terms: list[str], theme: str | None, director: str | None, years: YearRange | None
    ) -> tuple[Catalog, list[tuple[Theme, ListEntry]] | None]:
        store = self.store
        directors, named = self._directors(director)
        spellings = store.all_spellings() if directors is not None and named is None else None
        chosen, themes = self._theme(theme)
        if (theme is not None and chosen is None) or (directors is not None and named is None):
            return self._catalog(tuple(themes.values()), {}, {}, spellings or {}, directors), []
        # Each term narrows the entries to those whose own text, or their theme's intro, may hold it.
        found: set[int] | None = None
        for term in terms:
            own = store.entries_matching(term)
            if own is None:
                continue
            own |= store.entry_rowids_of_themes(store.themes_matching(term) or ())
            found = own if found is None else found & own
            if not found:
                break
        if chosen is not None:
            (rowid,) = (rowid for rowid, each in themes.items() if each is chosen)
            in_theme = store.entry_rowids_of_themes([rowid])
            found = in_theme if found is None else found & in_theme
        if found is None:
            found = store.entry_rowids_of_themes(store.themes())
        pairs = store.entries_by_rowid(found)
        films = store.films_by_id({entry.film_id for _, entry in pairs})
        if named is not None:
            films = {film_id: film for film_id, film in films.items() if named.intersection(film.directors)}
        pairs = [(rowid, entry) for rowid, entry in pairs if entry.film_id in films]
        themes |= store.themes_by_rowid({rowid for rowid, _ in pairs} - set(themes))
        catalog = self._catalog(tuple(themes.values()), films, {}, None, directors)
        return catalog, [(themes[rowid], entry) for rowid, entry in pairs]

    def for_film_completion(self, prefix: str) -> Catalog:
        films = self.store.films_with_id_prefix(prefix)
        return self._catalog((), films, {film_id: () for film_id in films}, {})

    def for_director_completion(self, prefix: str) -> Catalog:
        names = self.store.directors_with_surname_prefix(prefix.casefold())
        return self._catalog((), {}, {}, self.store.spellings_of(names), tuple(sorted(names)))
