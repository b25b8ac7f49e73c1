"""A compiled catalogue in the user's cache folder, so a warm run parses no YAML at all.

The cache is keyed on every source file (path, size, modification time), the program version
and the cache format; it is rebuilt when stale, unreadable or corrupt, written atomically, and
never required: with a read-only or missing cache folder sfilms works, only slower. It is JSON,
so a damaged or hostile cache file can at worst be ignored, never executed.
"""

from __future__ import annotations

import contextlib
import json
import os
import zlib
from pathlib import Path
from typing import Any

from soviet_films import __version__
from soviet_films.models import Catalog, Correction, Film, FilmList, ListEntry

FORMAT = 1


def cache_file(folder: Path, sources: list[Path]) -> Path:
    """The cache file for this set of source folders (several lists folders do not thrash)."""
    folders = sorted({str(path.parent) for path in sources})
    return folder / f"catalog-{zlib.crc32(chr(0).join(folders).encode('utf-8', 'replace')):08x}.json"


def cache_key(sources: list[Path]) -> list[Any]:
    """What the cached catalogue was built from: the version, then path, size and mtime of each file."""
    key: list[Any] = [__version__, FORMAT]
    for path in sources:
        try:
            status = os.stat(path)
            key.append([str(path), status.st_size, status.st_mtime_ns])
        except OSError:
            key.append([str(path), None, None])
    return key


def load(folder: Path, sources: list[Path]) -> Catalog | None:
    """The cached catalogue if it is there, readable and built from exactly these sources."""
    try:
        with open(cache_file(folder, sources), "rb") as stream:
            cached = json.loads(stream.read())
        if cached["key"] != cache_key(sources):
            return None
        return from_data(cached["catalog"])
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None


def store(folder: Path, sources: list[Path], catalog: Catalog) -> None:
    """Write the catalogue to the cache, quietly doing nothing where the cache cannot be written."""
    from soviet_films.errors import CannotWrite
    from soviet_films.files import write_atomically

    text = json.dumps({"key": cache_key(sources), "catalog": to_data(catalog)}, ensure_ascii=False)
    with contextlib.suppress(CannotWrite, OSError):
        write_atomically(cache_file(folder, sources), text, overwrite=True)


def to_data(catalog: Catalog) -> dict[str, Any]:
    """The catalogue as plain JSON data (rows in the dataclasses' field order)."""
    return {
        "films": [
            [f.id, f.title, f.year, f.original_title, f.transliteration, list(f.other_titles),
             list(f.directors), f.studio, f.released, f.imdb, f.not_a_film]
            for f in catalog.films.values()
        ],
        "lists": [
            [fl.id, fl.name, fl.intro, fl.source, fl.bundled, fl.replaces_bundled,
             [[e.title, e.year, e.description, e.fact, e.film_id,
               [e.correction.verdict, e.correction.text] if e.correction else None] for e in fl.entries]]
            for fl in catalog.lists
        ],
        "director_spellings": {name: list(names) for name, names in catalog.director_spellings.items()},
        "warnings": list(catalog.warnings),
    }  # fmt: skip


def from_data(data: dict[str, Any]) -> Catalog:
    """Rebuild the catalogue from ``to_data``'s output."""
    films = {}
    for row in data["films"]:
        row[5], row[6] = tuple(row[5]), tuple(row[6])
        films[row[0]] = Film(*row)
    lists = []
    for list_id, name, intro, source, bundled, replaces, rows in data["lists"]:
        entries = tuple(
            ListEntry(list_id, rank, title, year, description, fact, film_id,
                      Correction(*correction) if correction else None)
            for rank, (title, year, description, fact, film_id, correction) in enumerate(rows, start=1)
        )  # fmt: skip
        lists.append(FilmList(list_id, name, intro, entries, source, bundled, replaces))
    return Catalog(
        lists=tuple(lists),
        films=films,
        director_spellings={name: tuple(spellings) for name, spellings in data["director_spellings"].items()},
        warnings=tuple(data["warnings"]),
    )
