"""A compiled catalogue in the user's cache folder, so a warm run parses no YAML at all.

The cache is keyed on every source file (path, size, modification time), the program version
and the cache format; it is rebuilt when stale, unreadable or corrupt, written atomically, and
never required: with a read-only or missing cache folder sfilms works, only slower. It is JSON,
so a damaged or hostile cache file can at worst be ignored, never executed.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import zlib
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from soviet_films import __version__
from soviet_films.model import Catalog, Correction, Film, ListEntry, SkippedFile, Theme

FORMAT = 4


def cache_file(folder: Path, sources: list[Path]) -> Path:
    """The cache file for this set of source folders (several lists folders do not thrash)."""
    folders = sorted({str(path.parent) for path in sources})
    return folder / f"catalog-{zlib.crc32(chr(0).join(folders).encode('utf-8', 'replace')):08x}.json"


def cache_key(sources: list[Path]) -> list[Any]:
    """What the cached catalogue was built from: the version, then for each file its path, size,
    modification time, and the inode and change time (which no one can set: a file replaced by one
    of the same size with its time kept, as ``cp -p`` or ``touch -r`` do, still changes the key)."""
    key: list[Any] = [__version__, FORMAT]
    for path in sources:
        try:
            status = os.stat(path)
            key.append([str(path), status.st_size, status.st_mtime_ns, status.st_ino, status.st_ctime_ns])
        except OSError:
            key.append([str(path), None, None, None, None])
    return key


# A cache larger than this is not ours (50,000 entries compile to about 30 MB).
MAX_CACHE_BYTES = 512 * 1024 * 1024


def _read_cache(path: Path) -> bytes | None:
    """The bytes of a cache file: a regular file only, bounded in size; None if unusable."""
    from soviet_films.errors import FileProblems
    from soviet_films.store.files import open_for_reading

    try:
        with open_for_reading(path) as stream:
            data = stream.read(MAX_CACHE_BYTES + 1)
    except (FileProblems, OSError):
        return None
    return data if len(data) <= MAX_CACHE_BYTES else None


def load(folder: Path, sources: list[Path], key: list[Any]) -> Catalog | None:
    """The cached catalogue if it is there, readable, well formed and built from exactly these
    sources (``key`` is their ``cache_key``); None otherwise, and the caller rebuilds it."""
    data = _read_cache(cache_file(folder, sources))
    if data is None:
        return None
    try:
        cached = json.loads(data)
        if type(cached) is not dict or cached.get("key") != key or not _well_formed(cached.get("catalog")):
            return None
        return from_data(cached["catalog"])
    except (ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError):
        return None


def store(folder: Path, sources: list[Path], key: list[Any], catalog: Catalog) -> None:
    """Write the catalogue to the cache, quietly doing nothing where the cache cannot be written."""
    from soviet_films.errors import CannotWrite
    from soviet_films.store.files import write_atomically

    text = json.dumps({"key": key, "catalog": to_data(catalog)}, ensure_ascii=False)
    with contextlib.suppress(CannotWrite, OSError):
        write_atomically(cache_file(folder, sources), text, overwrite=True, owned=True)


def load_text(folder: Path, sources: list[Path], key: list[Any], kind: str) -> str | None:
    """Text derived from the catalogue (e.g. the search index), if cached for these sources."""
    data = _read_cache(cache_file(folder, sources).with_suffix(f".{kind}"))
    if data is None:
        return None
    header, _, text = data.partition(b"\n")
    try:
        if json.loads(header) != key:
            return None
        return text.decode("utf-8")
    except (ValueError, RecursionError):
        return None


def store_text(folder: Path, sources: list[Path], key: list[Any], kind: str, text: str) -> None:
    """Keep text derived from the catalogue beside it, quietly skipping an unwritable cache."""
    from soviet_films.errors import CannotWrite
    from soviet_films.store.files import write_atomically

    with contextlib.suppress(CannotWrite, OSError):
        header = json.dumps(key, ensure_ascii=False)
        write_atomically(
            cache_file(folder, sources).with_suffix(f".{kind}"),
            f"{header}\n{text}",
            overwrite=True,
            owned=True,
        )


def to_data(catalog: Catalog) -> dict[str, Any]:
    """The catalogue as plain JSON data: rows in the model's field order, trailing empty
    fields left out (most films in large user lists have no record: just id, title and year)."""
    return {
        "films": [_trimmed(_film_row(film)) for film in catalog.films.values()],
        "themes": [
            [t.id, t.name, t.intro, t.source, t.bundled, t.replaces_bundled,
             [_entry_row(entry) for entry in t.entries]]
            for t in catalog.themes
        ],
        "film_themes": {film_id: list(ids) for film_id, ids in catalog.film_themes.items()},
        "director_spellings": {name: list(names) for name, names in catalog.director_spellings.items()},
        "skipped": [[s.path, s.line, s.message, s.more] for s in catalog.skipped],
    }  # fmt: skip


def _film_row(f: Film) -> list[Any]:
    # The last fields are "not a film" and "recorded", so a film no record knows trims to three.
    return [f.id, f.title, f.year, f.original_title, f.transliteration, list(f.other_titles),
            list(f.directors), f.studio, f.released, f.imdb, f.note, not f.is_film, f.recorded]  # fmt: skip


def _entry_row(e: ListEntry) -> list[Any]:
    row: list[Any] = [e.title, e.year, e.description, e.fact, e.film_id]
    if e.correction:
        row.append([e.correction.verdict, e.correction.text])
    return row


def _trimmed(row: list[Any]) -> list[Any]:
    while row and not row[-1]:
        row.pop()
    return row


# Each row's types, as to_data writes them (a film's row trimmed of its empty tail). Compared as
# tuples of types, made by map() at C speed: checking 10,000 entries costs a few milliseconds.
_FILM_SIGNATURE = (str, str, int, str, str, list, list, str, str, str, str, bool, bool)
_FILM_SIGNATURES = {_FILM_SIGNATURE[:length] for length in range(3, len(_FILM_SIGNATURE) + 1)}
_ENTRY_SIGNATURES = {(str, int, str, str, str), (str, int, str, str, str, list)}
_THEME_SIGNATURE = (str, str, str, str, bool, bool, list)
_SKIPPED_SIGNATURE = (str, int, str, int)


def _only(values: Any, kind: type) -> bool:
    return set(map(type, values)) <= {kind}


def _signatures(rows: Any, allowed: set[tuple[type, ...]]) -> bool:
    return (
        type(rows) is list
        and _only(rows, list)
        and set(map(tuple, map(lambda row: map(type, row), rows))) <= allowed
    )


def _well_formed(data: Any) -> bool:
    """Whether ``data`` has the shape ``to_data`` writes, down to the type of every field of every
    row: a damaged or foreign cache with the right key must be rebuilt, never half used."""
    if type(data) is not dict:
        return False
    films, themes = data.get("films"), data.get("themes")
    if not _signatures(films, _FILM_SIGNATURES) or not _signatures(themes, {_THEME_SIGNATURE}):
        return False
    if not all(_only(row[5], str) and _only(row[6], str) for row in films if len(row) > 5):
        return False
    for theme in themes:
        entries = theme[6]
        if not _signatures(entries, _ENTRY_SIGNATURES):
            return False
        if not all(_only(row[5], str) and len(row[5]) == 2 for row in entries if len(row) > 5):
            return False
    film_themes, spellings = data.get("film_themes"), data.get("director_spellings")
    return (
        type(film_themes) is dict
        and _only(film_themes.values(), list)
        and _only(itertools.chain.from_iterable(film_themes.values()), str)
        and type(spellings) is dict
        and _only(spellings.values(), list)
        and _only(itertools.chain.from_iterable(spellings.values()), str)
        and _signatures(data.get("skipped"), {_SKIPPED_SIGNATURE})
    )


def from_data(data: dict[str, Any]) -> Catalog:
    """Rebuild the catalogue from ``to_data``'s output."""
    themes = []
    for theme_id, name, intro, source, bundled, replaces, rows in data["themes"]:
        themes.append(
            Theme(theme_id, name, intro, EntriesFromRows(theme_id, rows), source, bundled, replaces)
        )
    return Catalog(
        themes=tuple(themes),
        films=FilmsFromRows(data["films"]),
        film_themes={film_id: tuple(ids) for film_id, ids in data["film_themes"].items()},
        director_spellings={name: tuple(spellings) for name, spellings in data["director_spellings"].items()},
        skipped=tuple(SkippedFile(*row) for row in data["skipped"]),
    )


class EntriesFromRows(Sequence[ListEntry]):
    """A list's entries, built from their cached rows on first use (all at once when iterated).

    A search that matches three entries of ten thousand builds three.
    """

    def __init__(self, theme_id: str, rows: list[list[Any]]) -> None:
        self._theme_id = theme_id
        self._rows = rows
        self._built: dict[int, ListEntry] = {}
        self._all: tuple[ListEntry, ...] | None = None

    def _entry(self, index: int) -> ListEntry:
        entry = self._built.get(index)
        if entry is None:
            row = self._rows[index]
            correction = Correction(*row[5]) if len(row) > 5 else None
            entry = self._built[index] = ListEntry(self._theme_id, index + 1, *row[:5], correction)
        return entry

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return tuple(self._entry(i) for i in range(*index.indices(len(self._rows))))
        return self._entry(range(len(self._rows))[index])

    def __iter__(self) -> Iterator[ListEntry]:
        if self._all is None:
            self._all = tuple(self._entry(index) for index in range(len(self._rows)))
        return iter(self._all)

    def __len__(self) -> int:
        return len(self._rows)


class FilmsFromRows(Mapping[str, Film]):
    """The catalogue's films, each built from its cached row on first use.

    A run that shows one theme of a large catalogue builds only the films it shows, not ten
    thousand it does not.
    """

    def __init__(self, rows: list[list[Any]]) -> None:
        self._rows = {row[0]: row for row in rows}
        self._films: dict[str, Film] = {}

    def __getitem__(self, film_id: str) -> Film:
        film = self._films.get(film_id)
        if film is None:
            row = self._rows[film_id] + [""] * (13 - len(self._rows[film_id]))
            other_titles, directors = tuple(row[5]), tuple(row[6])
            film = Film(
                *row[:5], other_titles, directors, *row[7:11], is_film=not row[11], recorded=bool(row[12])
            )
            self._films[film_id] = film
        return film

    def __contains__(self, film_id: object) -> bool:
        return film_id in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)
