"""The catalogue read from its source files alone, with no cache: every list file read and checked,
then arranged and linked by ``core.linking``. What sfilms reads where the cache cannot be used."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from soviet_films.model import Catalog, SkippedFile

if TYPE_CHECKING:
    from soviet_films.store.cache.schema import Sources


def build_from_files(sources: Sources, refused: Iterable[SkippedFile] = ()) -> Catalog:
    """Read and check every file and link the entries. A broken bundled file or records file raises
    FileProblems; a broken user file is left out and named in the catalogue's ``skipped``."""
    from soviet_films.core.linking import build_catalog
    from soviet_films.errors import FileProblems
    from soviet_films.store.list_files import read_list
    from soviet_films.store.records import load_records

    records = load_records(sources.records)
    readings = []
    for paths, bundled in ((sources.bundled, True), (sources.user, False)):
        for path in paths:
            data, problems = read_list(path)
            if bundled and problems:
                raise FileProblems(problems[:1])
            readings.append((str(path), bundled, data if not problems else None, problems))
    return build_catalog(records, readings, refused)
