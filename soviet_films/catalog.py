"""Find the list files (bundled and the user's) and load the Catalog, from the cache when warm.

The bundled data is the source of truth: ``data/lists/*.yaml`` (one file per list) and
``data/films.yaml`` (verified film records, directors' other spellings, corrections). Reading and
checking the files is ``schema``'s job; this module only decides where they are and whether the
compiled catalogue in the cache can stand in for them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from soviet_films.models import Catalog

if TYPE_CHECKING:
    from soviet_films.schema import Problem

RECORDS_FILE = "films.yaml"
LIST_SUFFIXES = (".yaml", ".yml")


def bundled_data_dir() -> Path:
    """The bundled data: inside the installed package, or the source tree's ``data/``."""
    here = Path(__file__).resolve().parent
    packaged = here / "data"
    # An editable install or a source checkout has no copy inside the package.
    return packaged if packaged.is_dir() else here.parent / "data"


def user_lists_dir() -> Path:
    """Where the user's own lists live: $SFILMS_LISTS_DIR, else the XDG data folder."""
    override = os.environ.get("SFILMS_LISTS_DIR")
    if override:
        return Path(override).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "sfilms" / "lists"


def cache_dir() -> Path:
    """Where sfilms may keep a compiled catalogue: $XDG_CACHE_HOME/sfilms (~/.cache/sfilms)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sfilms"


def list_files(folder: Path) -> list[Path]:
    """The list files in ``folder``, sorted by name; none if the folder is missing."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    return [folder / name for name in names if name.endswith(LIST_SUFFIXES) and not name.startswith(".")]


def source_files() -> tuple[Path, list[Path], list[Path]]:
    """The records file, the bundled list files and the user's list files."""
    data_dir = bundled_data_dir()
    return data_dir / RECORDS_FILE, list_files(data_dir / "lists"), list_files(user_lists_dir())


def load_catalog(use_cache: bool = True) -> Catalog:
    """Load every list sfilms reads: the bundled lists, then the user's.

    A warm run reads the compiled catalogue from the cache (see ``soviet_films.cache``); a
    broken bundled file raises DataError; a broken user file is left out with a warning.
    """
    return _load(use_cache)[0]


def load_catalog_and_search_index() -> tuple[Catalog, str]:
    """The catalogue and its folded search index (see ``search.index_text``), cached beside it."""
    from soviet_films import cache, search

    catalog, sources, key = _load(use_cache=True)
    text = cache.load_text(cache_dir(), sources, key, "search")
    if text is None:
        text = search.index_text(catalog)
        cache.store_text(cache_dir(), sources, key, "search", text)
    return catalog, text


def _load(use_cache: bool) -> tuple[Catalog, list[Path], list[Any]]:
    """The catalogue, its source files, and their cache key (empty without the cache)."""
    from soviet_films.schema import build_from_files

    records_path, bundled, user = source_files()
    sources = [records_path, *bundled, *user]
    if not use_cache:
        return build_from_files(records_path, bundled, user), sources, []
    from soviet_films import cache

    key = cache.cache_key(sources)
    catalog = cache.load(cache_dir(), sources, key)
    if catalog is None:
        catalog = build_from_files(records_path, bundled, user)
        cache.store(cache_dir(), sources, key, catalog)
    return catalog, sources, key


def validate_paths(paths: list[Path] | None = None) -> tuple[int, list[Problem]]:
    """Check list files against the schema: the given files and folders, or by default every
    file sfilms reads (the records file, the bundled lists and the user's lists).

    Returns how many files were checked and every problem found.
    """
    from soviet_films.schema import parse_list, records_problems

    files: list[Path] = []
    if not paths:
        data_dir = bundled_data_dir()
        files = [*list_files(data_dir / "lists"), *list_files(user_lists_dir())]
        problems = records_problems(data_dir / RECORDS_FILE)
        checked = 1
    else:
        problems, checked = [], 0
        from soviet_films.schema import Problem

        for path in paths:
            if path.is_dir():
                files.extend(list_files(path))
            elif path.exists() or path.is_symlink():
                files.append(path)
            else:
                problems.append(Problem(str(path), 0, "no such file or folder"))
    for path in files:
        problems.extend(parse_list(path)[1])
    return checked + len(files), problems
