"""The cache's rows read into the model's records, and records written as rows, by column name."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from soviet_films.model import MAX_YEAR, MIN_YEAR, Correction, Film, ListEntry

# Lists of text (other titles, directors, spellings) are kept joined by this separator; a list that
# could not be read back so (one holding it, an empty text, a first text starting '[') as JSON.
SEPARATOR = "\x1f"
# At most this many SQL parameters in one statement (old SQLite builds allow 999).
CHUNK = 500

FILM_COLUMNS = ("id", "title", "year", "original_title", "transliteration", "other_titles", "directors",
                "studio", "released", "imdb", "note", "is_film", "recorded", "runtime", "wikidata", "tmdb",
                "record")  # fmt: skip
ENTRY_COLUMNS = ("rowid", "theme", "rank", "title", "year", "original_title", "directors", "description",
                 "fact", "film_id", "place")  # fmt: skip


def encode_texts(values: Sequence[str]) -> str:
    """A list of text as one column value (see SEPARATOR); empty for none."""
    if not values:
        return ""
    if all(value and SEPARATOR not in value for value in values) and not values[0].startswith("["):
        return SEPARATOR.join(values)
    import json

    return json.dumps(list(values), ensure_ascii=False)


def decode_texts(value: str | None) -> tuple[str, ...]:
    """What ``encode_texts`` made, as a tuple of text (JSON read only for the rare list that needs it)."""
    if not value:
        return ()
    if value.startswith("["):
        import json

        decoded = json.loads(value)
        if not isinstance(decoded, list) or not all(isinstance(each, str) for each in decoded):
            raise sqlite3.DatabaseError("malformed list of text in the cache")
        return tuple(decoded)
    return tuple(value.split(SEPARATOR))


def named_rows(
    connection: sqlite3.Connection, query: str, parameters: Sequence[Any] = ()
) -> list[sqlite3.Row]:
    """The rows of ``query``, each read by column name."""
    cursor = connection.cursor()
    cursor.row_factory = sqlite3.Row
    return cursor.execute(query, parameters).fetchall()


def named_rows_in(connection: sqlite3.Connection, query: str, values: Iterable[Any]) -> Iterator[sqlite3.Row]:
    """The rows of ``query`` for ``values``, its ``{marks}`` standing for as many parameters, asked a
    few hundred at a time."""
    for chunk in chunks(values):
        yield from named_rows(connection, query.format(marks=",".join("?" * len(chunk))), chunk)


def chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    """``values`` in lists of at most CHUNK."""
    values = list(values)
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def film_from_row(row: sqlite3.Row) -> Film:
    """A film (or a record) from its row."""
    return Film(
        id=row["id"],
        title=row["title"],
        year=_year(row["year"]),
        original_title=row["original_title"],
        transliteration=row["transliteration"],
        other_titles=decode_texts(row["other_titles"]),
        directors=decode_texts(row["directors"]),
        studio=row["studio"],
        released=row["released"],
        imdb=row["imdb"],
        note=row["note"],
        is_film=bool(row["is_film"]),
        recorded=bool(row["recorded"]),
        runtime=row["runtime"],
        wikidata=row["wikidata"],
        tmdb=row["tmdb"],
        record=row["record"],
    )


def film_values(film: Film) -> tuple[Any, ...]:
    """A film's values for FILM_COLUMNS."""
    return (film.id, film.title, film.year, film.original_title, film.transliteration,
            encode_texts(film.other_titles), encode_texts(film.directors), film.studio, film.released,
            film.imdb, film.note, int(film.is_film), int(film.recorded), film.runtime, film.wikidata,
            film.tmdb, film.record)  # fmt: skip


def entry_from_row(theme_id: str, row: sqlite3.Row) -> ListEntry:
    """A list entry from its row (``verdict`` and ``correction`` joined in from the corrections)."""
    verdict = row["verdict"]
    correction = Correction(verdict, row["correction"]) if verdict is not None else None
    return ListEntry(theme_id, row["rank"], row["title"], _year(row["year"]), row["description"], row["fact"],
                     row["film_id"], correction)  # fmt: skip


def _year(value: Any) -> int:
    if type(value) is not int or not MIN_YEAR <= value <= MAX_YEAR:  # the lists' years are checked so
        raise sqlite3.DatabaseError("a year in the cache is not a film's year")
    return value
