"""The catalogue compiled from its source files: every list file read and checked, the entries
linked to films. What the store keeps, and what sfilms reads where there is no store."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from soviet_films.model import Catalog, SkippedFile

if TYPE_CHECKING:
    from soviet_films.errors import Problem


def read_list_files(paths: list[Path]) -> list[tuple[str, tuple[Any, list[Problem]]]]:
    """(path, (checked data, problems)) for each list file, as ``store.list_files.read_list`` reads it."""
    from soviet_films.store.list_files import read_list

    return [(str(path), read_list(path)) for path in paths]


def build_from_files(
    records_path: Path, bundled: list[Path], user: list[Path], refused: list[Problem] | None = None
) -> Catalog:
    """Read and check every file and link the entries (see ``assemble``)."""
    from soviet_films.store.records import load_records

    records = load_records(records_path)
    return assemble(records, read_list_files(bundled), read_list_files(user), refused)


def assemble(
    records: Any,
    bundled: list[tuple[str, tuple[Any, list[Problem]]]],
    user: list[tuple[str, tuple[Any, list[Problem]]]],
    refused: list[Problem] | None = None,
) -> Catalog:
    """The catalogue from the records and each list file's reading (see ``assemble_with_index``)."""
    return assemble_with_index(records, bundled, user, refused)[0]


def assemble_with_index(
    records: Any,
    bundled: list[tuple[str, tuple[Any, list[Problem]]]],
    user: list[tuple[str, tuple[Any, list[Problem]]]],
    refused: list[Problem] | None = None,
) -> tuple[Catalog, Any]:
    """The catalogue, and linking's index of films (``core.linking.link_with_index``), from the
    records and each list file's reading (its checked data and problems): a broken bundled file
    raises FileProblems; a broken user file, one whose id another user file
    already has, and what ``refused`` names (an unreadable folder, a name that is not UTF-8) are
    left out and named in the catalogue's ``skipped``."""
    # Imported here, not at the top: only a cold start links entries.
    from soviet_films.core.linking import link_with_index
    from soviet_films.errors import FileProblems
    from soviet_films.store.list_files import id_taken

    themes_data: list[tuple[Any, str, bool]] = []
    skipped = [SkippedFile(problem.path, problem.line, problem.message) for problem in refused or []]
    user_ids: dict[str, str] = {}
    for path, (data, problems) in bundled:
        if problems:
            raise FileProblems(problems[:1])
        themes_data.append((data, path, True))
    for path, (data, problems) in user:
        problems = problems or id_taken(data, path, user_ids)
        if problems:
            first = problems[0]
            skipped.append(SkippedFile(first.path, first.line, first.message, len(problems) - 1))
            continue
        themes_data.append((data, path, False))
    return link_with_index(records, themes_data, tuple(skipped))
