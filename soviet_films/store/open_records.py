"""The open film records: Soviet Bloc Cinema Data (CC BY-SA 4.0), compiled by
``tools/compile_open_records.py`` into ``open-records.tsv.gz`` beside the editors' records.

Each row is a film as the source knows it: its Russian title and a transliteration, year, directors
(Latin and Cyrillic), runtime, studio and ids. Read into films with the id ``open:<its id there>``:
no list names them yet; linking gives a film a list names the facts of the record it joins.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import NamedTuple

from soviet_films.core.linking import OPEN
from soviet_films.errors import FileProblems, Problem
from soviet_films.model import Film

OPEN_RECORDS_FILE = "open-records.tsv.gz"
_COLUMNS = ("id", "year", "title", "original_title", "transliteration", "directors", "directors_ru",
            "runtime", "studio", "wikidata", "imdb", "tmdb", "keys")  # fmt: skip
_MOST_BYTES = 32 * 2**20  # decompressed: the file ships with sfilms, but a damaged one is no reason to hang


def open_records_beside(records_file: Path) -> Path:
    """Where the open records are: beside the editors' records file."""
    return records_file.with_name(OPEN_RECORDS_FILE)


class OpenRecords(NamedTuple):
    """The open records as films, each director's Cyrillic spelling by the Latin name, and each
    film's title keys by its id (made when the file was compiled, under these identity rules)."""

    films: tuple[Film, ...]
    spellings: dict[str, tuple[str, ...]]
    title_keys: dict[str, frozenset[str]]


def load_open_records(path: Path) -> OpenRecords:
    """The open records (none when the file is not there). Raises FileProblems naming the file
    and line of what cannot be read."""
    from soviet_films.core.identity import RULES, record_titles, title_keys

    if not path.exists():
        return OpenRecords((), {}, {})
    try:
        with gzip.open(path, "rb") as file:
            data = file.read(_MOST_BYTES + 1)
        if len(data) > _MOST_BYTES:
            raise FileProblems([Problem(str(path), 0, "larger than sfilms reads; reinstall sfilms")])
        text = data.decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError) as error:
        raise FileProblems([Problem(str(path), 0, f"cannot be read ({error}); reinstall sfilms")]) from None
    films: list[Film] = []
    spellings: dict[str, tuple[str, ...]] = {}
    keys: dict[str, frozenset[str]] = {}
    header_seen, current = False, False
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith("# identity rules "):
            current = line.split()[3].rstrip(":") == str(RULES)  # else the keys are made again
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            if tuple(cells) != _COLUMNS:
                raise FileProblems(
                    [Problem(str(path), number, "not the columns sfilms reads; reinstall sfilms")]
                )
            header_seen = True
            continue
        if len(cells) != len(_COLUMNS) or not cells[1].isdigit():
            raise FileProblems([Problem(str(path), number, "a row sfilms cannot read; reinstall sfilms")])
        row = dict(zip(_COLUMNS, cells, strict=True))
        directors = tuple(name for name in row["directors"].split("|") if name)
        for latin, cyrillic in zip(directors, row["directors_ru"].split("|"), strict=False):
            if cyrillic and cyrillic != latin:
                spellings[latin] = tuple(dict.fromkeys((*spellings.get(latin, ()), cyrillic)))
        films.append(
            Film(
                id=OPEN + row["id"],
                title=row["title"],
                year=int(row["year"]),
                original_title=row["original_title"],
                transliteration=row["transliteration"],
                directors=directors,
                studio=row["studio"],
                imdb=row["imdb"],
                runtime=int(row["runtime"]) if row["runtime"].isdigit() else None,
                wikidata=row["wikidata"],
                tmdb=row["tmdb"],
                record=row["id"],
            )
        )
        keys[films[-1].id] = (
            frozenset(row["keys"].split("|")) if current else title_keys(record_titles(films[-1]))
        )
    return OpenRecords(tuple(films), spellings, keys)
