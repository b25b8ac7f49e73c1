"""The catalogue from the files: finding the bundled lists, the records and the user's lists, and
compiling them into a Catalog, or taking it from the cache when it is warm.

The list files are the source of truth; the compiled catalogue in the cache (``store.cache``)
only stands in for them while they are unchanged. A warm run imports neither yaml nor the
modules that read list files.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from soviet_films import places
from soviet_films.model import Catalog

if TYPE_CHECKING:
    from soviet_films.errors import Problem


def source_files() -> tuple[Path, list[Path], list[Path]]:
    """The records file, the bundled list files and the user's list files."""
    return places.records_file(), places.list_files(places.bundled_lists_dir()), _user_files()[0]


def _user_files() -> tuple[list[Path], list[Problem]]:
    return places.scan_list_files(places.user_lists_dir())


def load_catalog(use_cache: bool = True) -> Catalog:
    """Load every theme sfilms reads: the bundled lists, then the user's.

    A warm run reads the compiled catalogue from the cache; a broken bundled file raises
    FileProblems; a broken user file is left out, and the catalogue's ``skipped`` says so.
    """
    return _load(use_cache)[0]


def load_catalog_and_search_index() -> tuple[Catalog, str]:
    """The catalogue and its folded search index (see ``core.search.index_text``), cached beside it."""
    from soviet_films.core import search
    from soviet_films.store import cache

    catalog, sources, key = _load(use_cache=True)
    text = cache.load_text(places.cache_dir(), sources, key, "search")
    if text is None:
        text = search.index_text(catalog)
        cache.store_text(places.cache_dir(), sources, key, "search", text)
    return catalog, text


def _load(use_cache: bool) -> tuple[Catalog, list[Path], list[Any]]:
    """The catalogue, its source files, and their cache key (empty without the cache)."""
    records_path, bundled = places.records_file(), places.list_files(places.bundled_lists_dir())
    user, refused = _user_files()
    sources = [records_path, *bundled, *user]
    if not use_cache:
        return build_from_files(records_path, bundled, user, refused), sources, []
    from soviet_films.store import cache

    # What could not be read is part of the key: the warnings about it must come and go with it.
    key = [*cache.cache_key(sources), [str(problem) for problem in refused]]
    catalog = cache.load(places.cache_dir(), sources, key)
    if catalog is None:
        catalog = build_from_files(records_path, bundled, user, refused)
        cache.store(places.cache_dir(), sources, key, catalog)
    return catalog, sources, key


def build_from_files(
    records_path: Path, bundled: list[Path], user: list[Path], refused: list[Problem] | None = None
) -> Catalog:
    """Read and check every file and link the entries: a broken bundled file raises
    FileProblems; a broken user file, one whose id another user file already has, and what
    ``refused`` names (an unreadable folder, a name that is not UTF-8) are left out and named in
    the catalogue's ``skipped``."""
    # Imported here, not at the top: only a cold start reads list files (and pays for yaml).
    from soviet_films.core.linking import link_entries
    from soviet_films.errors import FileProblems
    from soviet_films.model import SkippedFile
    from soviet_films.store.list_files import id_taken, read_list
    from soviet_films.store.records import load_records

    records = load_records(records_path)
    themes_data: list[tuple[dict[str, Any], str, bool]] = []
    skipped = [SkippedFile(problem.path, problem.line, problem.message) for problem in refused or []]
    user_ids: dict[str, str] = {}
    for path in bundled:
        data, problems = read_list(path)
        if problems:
            raise FileProblems(problems[:1])
        themes_data.append((data, str(path), True))
    for path in user:
        data, problems = read_list(path)
        problems = problems or id_taken(data, str(path), user_ids)
        if problems:
            first = problems[0]
            skipped.append(SkippedFile(first.path, first.line, first.message, len(problems) - 1))
            continue
        themes_data.append((data, str(path), False))
    return link_entries(records, themes_data, tuple(skipped))
