"""The shelf: what the library asks of the catalogue, answered from the cache (``store.cache``), or,
where the cache cannot be used, from the files themselves.

Each question fetches rows by keys and returns the catalogue the domain's rules need to answer it: the
films a typed title could name (by ``core.resolve.plan_film_query``'s words), the themes or directors
a typed name could name, a theme's films, the films of some directors or years, the entries a search
may find. The rules themselves are ``core``'s, applied by the library to what the shelf returns; a
shelf only makes sure nothing they could pick is missing (and on a miss the library asks for all).
Over the files (``FilesShelf``) every question gets the whole catalogue.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from soviet_films import places
from soviet_films.model import Catalog, Film, ListEntry, SkippedFile, Theme, YearRange

if TYPE_CHECKING:
    import sqlite3

    from soviet_films.store.cache.reader import Cache
    from soviet_films.store.cache.schema import Sources


class Shelf(Protocol):
    """What the library asks of the catalogue, one method per kind of question."""

    skipped: tuple[SkippedFile, ...]

    def records_for(self, keys: Iterable[str], surnames: Iterable[str] = ()) -> list[Film]:
        """The records (the editors' and the open ones) known by any of these title keys, or with a
        director of one of these surname keys."""

    def whole(self) -> Catalog:
        """Every theme and film."""

    def for_film(self, query: str) -> Catalog:
        """Every film ``query`` could name (see ``core.resolve.plan_film_query``), with its themes."""

    def for_film_ids(self, film_ids: Iterable[str]) -> Catalog:
        """These films, with their themes."""

    def for_themes(self) -> Catalog:
        """Every theme (their entries read when used)."""

    def themes_named(self, query: str) -> Catalog:
        """The themes with every word of ``query`` in their id or name."""

    def directors_named(self, query: str) -> Catalog:
        """The directors with every word of ``query`` in a spelling, with their spellings."""

    def every_director(self) -> Catalog:
        """Every director of a film, with their spellings."""

    def for_listing(
        self, theme: Theme | None, directors: set[str] | None, years: YearRange | None
    ) -> Catalog:
        """The films ``list`` could show: the theme's, else those of the directors, else of the years,
        else every film; with every theme."""

    def for_search(
        self, terms: list[str], theme: Theme | None, directors: set[str] | None
    ) -> tuple[Catalog, list[tuple[Theme, ListEntry]] | None]:
        """The entries that may hold every term (None: every entry), in the theme and of the
        directors given, with their films and themes."""

    def for_film_completion(self, prefix: str) -> Catalog:
        """The films whose id starts with ``prefix``."""

    def for_director_completion(self, prefix: str) -> Catalog:
        """The directors with a surname that starts with ``prefix`` (casefolded)."""


def sources() -> Sources:
    """The records file, the bundled list files and the user's list files."""
    from soviet_films.store.cache.schema import Sources

    return Sources(places.records_file(), places.list_files(places.bundled_lists_dir()), _user_files()[0])


def _user_files() -> tuple[list[Path], list[SkippedFile]]:
    files, problems = places.scan_list_files(places.user_lists_dir())
    return files, [
        SkippedFile(problem.path, problem.line, problem.message, kind=problem.kind or "broken")
        for problem in problems
    ]


def open_shelf(use_cache: bool = True) -> Shelf:
    """The catalogue's shelf: the cache brought up to date, or, where it cannot be used, the catalogue
    read from the files. A broken bundled file raises FileProblems; a broken user file is left out,
    and the shelf's ``skipped`` says so."""
    from soviet_films.store.cache.schema import Sources

    user, refused = _user_files()
    found = Sources(places.records_file(), places.list_files(places.bundled_lists_dir()), user)
    if use_cache:
        from soviet_films.store.cache.reader import Cache
        from soviet_films.store.cache.schema import Unusable, open_connection

        # The cache stays open, in its snapshot, while what was read from it is in use (a theme's
        # entries are read when first used); it closes when none of it is left.
        try:
            connection = open_connection(places.cache_dir(), found, _bring_up_to_date)
        except Unusable:
            pass
        else:
            return _Guarded(CachedShelf(Cache(connection), tuple(refused)), found, refused)  # type: ignore[return-value]
    from soviet_films.store.sources import build_from_files

    return FilesShelf(build_from_files(found, refused))


class _Guarded:
    """A cached shelf that, should a question find the cache damaged past its cheap checks (a full-text
    index's inner table gone, a cell that is not what was written), deletes the cache and answers
    that question and the rest from the files: a cache is never trusted over them, nor an exit 70."""

    def __init__(self, shelf: CachedShelf, found: Sources, refused: list[SkippedFile]) -> None:
        self._shelf: Shelf = shelf
        self._found, self._refused = found, refused

    def __getattr__(self, name: str) -> object:
        answer = getattr(self._shelf, name)
        if not callable(answer) or not isinstance(self._shelf, CachedShelf):
            return answer

        def guarded(*args: object, **options: object) -> object:
            import sqlite3

            try:
                return answer(*args, **options)
            except (sqlite3.DatabaseError, ValueError, KeyError, TypeError, IndexError) as error:
                if isinstance(error, sqlite3.OperationalError) and (
                    "locked" in str(error) or "busy" in str(error)
                ):
                    raise
                if os.environ.get("SFILMS_DEBUG"):
                    raise
                self._from_files()
                return getattr(self._shelf, name)(*args, **options)

        return guarded

    def _from_files(self) -> None:
        from soviet_films.store.cache.schema import discard
        from soviet_films.store.sources import build_from_files

        assert isinstance(self._shelf, CachedShelf)
        discard(self._shelf.cache.connection)
        self._shelf = FilesShelf(build_from_files(self._found, self._refused))


def _bring_up_to_date(connection: sqlite3.Connection, stale: Sources) -> None:
    # Imported here: only a stale cache is written, and only then is the writing code loaded.
    from soviet_films.store.cache.update import bring_up_to_date

    bring_up_to_date(connection, stale)


def load_catalog(use_cache: bool = True) -> Catalog:
    """Every theme sfilms reads, the bundled lists then the user's, from the cache when it can."""
    return open_shelf(use_cache).whole()


class FilesShelf:
    """The catalogue read from the files: every question gets all of it."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.skipped = catalog.skipped

    def whole(self) -> Catalog:
        return self.catalog

    def records_for(self, keys: Iterable[str], surnames: Iterable[str] = ()) -> list[Film]:
        from soviet_films.store.records import load_records

        return _records_for(load_records(places.records_file()).films, set(keys), set(surnames))

    def for_film(self, query: str) -> Catalog:
        return self.catalog

    def for_film_ids(self, film_ids: Iterable[str]) -> Catalog:
        return self.catalog

    def for_themes(self) -> Catalog:
        return self.catalog

    def themes_named(self, query: str) -> Catalog:
        return self.catalog

    def directors_named(self, query: str) -> Catalog:
        return self.catalog

    def every_director(self) -> Catalog:
        return self.catalog

    def for_listing(
        self, theme: Theme | None, directors: set[str] | None, years: YearRange | None
    ) -> Catalog:
        return self.catalog

    def for_search(
        self, terms: list[str], theme: Theme | None, directors: set[str] | None
    ) -> tuple[Catalog, list[tuple[Theme, ListEntry]] | None]:
        return self.catalog, None

    def for_film_completion(self, prefix: str) -> Catalog:
        return self.catalog

    def for_director_completion(self, prefix: str) -> Catalog:
        return self.catalog


class CachedShelf:
    """The catalogue in the cache: each question reads the rows it needs."""

    def __init__(self, cache: Cache, refused: tuple[SkippedFile, ...]) -> None:
        self.cache = cache
        self.skipped = (*refused, *cache.skipped())

    def _catalog(
        self,
        themes: tuple[Theme, ...] | None = None,
        films: dict[str, Film] | None = None,
        film_themes: dict[str, tuple[str, ...]] | None = None,
        spellings: dict[str, tuple[str, ...]] | None = None,
        directors: tuple[str, ...] | None = None,
    ) -> Catalog:
        films = films if films is not None else {}
        if film_themes is None:
            found = self.cache.film_themes(films)
            film_themes = {film_id: found.get(film_id, ()) for film_id in films}
        if spellings is None:
            names = {name for film in films.values() for name in film.directors} | set(directors or ())
            spellings = self.cache.spellings_of(names)
        themes = tuple(self.cache.themes().values()) if themes is None else themes
        return Catalog(themes, films, film_themes, spellings, self.skipped, directors)

    def records_for(self, keys: Iterable[str], surnames: Iterable[str] = ()) -> list[Film]:
        surnames = set(surnames)
        found = {film.id: film for film in self.cache.records_with_keys(keys)}
        if surnames:
            found.update((film.id, film) for film in _records_for(self.cache.every_record(), set(), surnames))
        return list(found.values())

    def whole(self) -> Catalog:
        cache = self.cache
        films = cache.all_films()
        found = cache.film_themes((), every=True)
        entries = cache.every_entry()
        themes = tuple(
            theme._replace(entries=entries.get(rowid, ())) for rowid, theme in cache.themes().items()
        )
        return self._catalog(
            themes, films, {film_id: found[film_id] for film_id in films}, cache.all_spellings()
        )

    def _with_themes_of(self, films: dict[str, Film]) -> Catalog:
        themes = self.cache.themes_by_rowid(self.cache.theme_rowids_of(films))
        return self._catalog(tuple(themes.values()), films)

    def for_film(self, query: str) -> Catalog:
        from soviet_films.core.resolve import plan_film_query

        plan = plan_film_query(query)
        ids = {query} | {
            film_id for words in plan.word_sets() for film_id in self.cache.films_with_words(words)
        }
        return self._with_themes_of(self.cache.films_by_id(ids))

    def for_film_ids(self, film_ids: Iterable[str]) -> Catalog:
        return self._with_themes_of(self.cache.films_by_id(film_ids))

    def for_themes(self) -> Catalog:
        return self._catalog(tuple(self.cache.themes().values()), {}, {}, {})

    def themes_named(self, query: str) -> Catalog:
        from soviet_films.core.text import fold

        words = fold(query).split()
        themes = self.cache.themes_by_rowid(self.cache.themes_with_words(words)) if words else {}
        return self._catalog(tuple(themes.values()), {}, {}, {})

    def directors_named(self, query: str) -> Catalog:
        from soviet_films.core.resolve import query_forms
        from soviet_films.core.text import fold

        folded = fold(query)
        names = {
            name
            for form in query_forms(folded)
            if form
            for name in self.cache.directors_with_words(form.split())
        }
        return Catalog((), {}, {}, self.cache.spellings_of(names), directors=tuple(sorted(names)))

    def every_director(self) -> Catalog:
        return Catalog(
            (), {}, {}, self.cache.all_spellings(), directors=tuple(sorted(self.cache.all_directors()))
        )

    def for_listing(
        self, theme: Theme | None, directors: set[str] | None, years: YearRange | None
    ) -> Catalog:
        cache = self.cache
        if theme is not None:
            films = cache.films_by_id({entry.film_id for entry in theme.entries})
            return self._catalog((theme,), films)
        if directors is not None:
            return self._catalog((), cache.films_by_id(cache.films_by_directors(directors)))
        if years is not None:
            return self._catalog((), cache.films_in_years(years.first, years.last))
        films = cache.all_films()  # every film: its rows and themes, not every entry
        found = cache.film_themes((), every=True)
        return self._catalog((), films, {film_id: found[film_id] for film_id in films})

    def for_search(
        self, terms: list[str], theme: Theme | None, directors: set[str] | None
    ) -> tuple[Catalog, list[tuple[Theme, ListEntry]] | None]:
        cache = self.cache
        found: set[int] | None = None
        for term in terms:  # each term narrows the entries to those that may hold it
            own = cache.entries_matching(term)
            if own is None:
                continue
            found = own if found is None else found & own
            if not found:
                break
        if theme is not None:
            rows = cache.entry_rowids_of_themes(cache.theme_rowids_with_id(theme.id))
            found = rows if found is None else found & rows
        if directors is not None:
            rows = cache.entry_rowids_of_films(cache.films_by_directors(directors))
            found = rows if found is None else found & rows
        if found is None:
            return self.whole(), None
        pairs = cache.entries_by_rowid(found)
        films = cache.films_by_id({entry.film_id for _, entry in pairs})
        themes = cache.themes_by_rowid({rowid for rowid, _ in pairs})
        catalog = self._catalog(tuple(themes.values()), films, {})
        return catalog, [(themes[rowid], entry) for rowid, entry in pairs]

    def for_film_completion(self, prefix: str) -> Catalog:
        from soviet_films.core.resolve import completion_forms

        films = self.cache.films_with_id_prefix(prefix)
        worded = {
            film_id
            for form in completion_forms(prefix)
            for film_id in self.cache.films_with_word_prefix(form)
        }
        if worded - films.keys():
            films = {**films, **self.cache.films_by_id(worded - films.keys())}
        return self._catalog((), films, {film_id: () for film_id in films}, {})

    def for_director_completion(self, prefix: str) -> Catalog:
        from soviet_films.core.resolve import completion_forms

        names = self.cache.directors_with_surname_prefix(prefix.casefold())
        if not names:  # by another word of a name, as the completion then offers
            names = {
                name
                for form in completion_forms(prefix)
                for name in self.cache.directors_with_word_prefix(form)
            }
        return self._catalog((), {}, {}, self.cache.spellings_of(names), tuple(sorted(names)))


def _records_for(records: Iterable[Film], keys: set[str], surnames: set[str]) -> list[Film]:
    from soviet_films.core.identity import record_titles, surname_keys, title_keys

    return [
        film
        for film in records
        if (surnames and surname_keys(film.directors) & surnames)
        or (keys and title_keys(record_titles(film)) & keys)
    ]
