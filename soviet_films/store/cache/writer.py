"""Writing the cache's rows: themes, entries and films with the indexes that find them, and the
directors. Each function writes what it is given; ``update`` decides what that is."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from soviet_films.model import Film
from soviet_films.store.cache.rows import (
    ENTRY_COLUMNS,
    FILM_COLUMNS,
    decode_texts,
    encode_texts,
    film_values,
    named_rows_in,
)
from soviet_films.store.cache.schema import searchable


def _marks(count: int) -> str:
    return ", ".join("?" * count)


def add_text(connection: sqlite3.Connection, table: str, rows: Iterable[tuple[int, str]]) -> None:
    """Index these (rowid, folded text) in a full-text table."""
    connection.executemany(f"INSERT INTO {table} (rowid, text) VALUES (?, ?)", rows)


def forget_text(connection: sqlite3.Connection, table: str, rows: Iterable[tuple[int, str]]) -> None:
    """Take these (rowid, folded text) out of a full-text table (a contentless index is told the text)."""
    if searchable(connection):
        connection.executemany(f"INSERT INTO {table} ({table}, rowid, text) VALUES ('delete', ?, ?)", rows)
    else:
        connection.executemany(f"DELETE FROM {table} WHERE rowid = ?", ((rowid,) for rowid, _ in rows))


# ---------------------------------------------------------------- themes and entries


def add_theme(
    connection: sqlite3.Connection, values: dict[str, Any], folded_intro: str, words: set[str]
) -> int:
    """A theme's row and its indexes; returns its rowid."""
    columns = ("id", "name", "intro", "source", "bundled", "replaces", "count", "place", "hash")
    cursor = connection.execute(
        f"INSERT INTO themes ({', '.join(columns)}) VALUES ({_marks(len(columns))})",
        [values[column] for column in columns],
    )
    rowid = cursor.lastrowid
    assert rowid is not None
    connection.executemany(
        "INSERT OR IGNORE INTO theme_words VALUES (?, ?)", ((word, rowid) for word in words)
    )
    if folded_intro:
        add_text(connection, "intro_text", [(rowid, folded_intro)])
    return rowid


def remove_theme(connection: sqlite3.Connection, rowid: int, folded_intro: str) -> None:
    """A theme's row and its indexes (not its entries)."""
    connection.execute("DELETE FROM theme_words WHERE theme = ?", (rowid,))
    if folded_intro:
        forget_text(connection, "intro_text", [(rowid, folded_intro)])
    connection.execute("DELETE FROM themes WHERE rowid = ?", (rowid,))


def add_entries(
    connection: sqlite3.Connection,
    rows: Sequence[dict[str, Any]],
    keys: Sequence[Sequence[str]],
    names: Sequence[Sequence[tuple[str, str]]],
    texts: Sequence[str],
) -> None:
    """Entries (each a dict of ENTRY_COLUMNS, rowid included) with their link keys, given names and text."""
    connection.executemany(
        f"INSERT INTO entries ({', '.join(ENTRY_COLUMNS)}) VALUES ({_marks(len(ENTRY_COLUMNS))})",
        ([row[column] for column in ENTRY_COLUMNS] for row in rows),
    )
    connection.executemany(
        "INSERT OR IGNORE INTO entry_keys VALUES (?, ?)",
        ((key, row["rowid"]) for row, each in zip(rows, keys, strict=True) for key in each),
    )
    connection.executemany(
        "INSERT OR IGNORE INTO given_names VALUES (?, ?, ?)",
        (
            (surname, name, row["rowid"])
            for row, each in zip(rows, names, strict=True)
            for surname, name in each
        ),
    )
    add_text(connection, "entry_text", ((row["rowid"], text) for row, text in zip(rows, texts, strict=True)))


def remove_entries(connection: sqlite3.Connection, rowids: Sequence[int], texts: Sequence[str]) -> None:
    """These entries (their own words, ``texts``, as they were indexed) and their indexes."""
    forget_text(connection, "entry_text", zip(rowids, texts, strict=True))
    for table, column in (("entry_keys", "entry"), ("given_names", "entry"), ("entries", "rowid")):
        connection.executemany(f"DELETE FROM {table} WHERE {column} = ?", ((rowid,) for rowid in rowids))


# ---------------------------------------------------------------- films


# A film's row: its fields (rows.FILM_COLUMNS), the directors as the lists give them, its first place.
FILM_ROW = (*FILM_COLUMNS, "given", "first_place", "first_rank")


def stored_films(connection: sqlite3.Connection, film_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The rows of these films, by id, each as ``film_row`` makes one."""
    query = f"SELECT {', '.join(FILM_ROW)} FROM films WHERE id IN ({{marks}})"
    return {row["id"]: dict(row) for row in named_rows_in(connection, query, film_ids)}


def film_row(film: Film, given: Sequence[str], first: tuple[str, int]) -> dict[str, Any]:
    """A film's row, by column: its fields, the directors as the lists give them, its first place."""
    values = (*film_values(film), encode_texts(given), *first)
    return dict(zip(FILM_ROW, values, strict=True))


def write_films(
    connection: sqlite3.Connection,
    rows: Sequence[dict[str, Any]],
    words: Sequence[set[str]],
    fresh: bool = False,
) -> None:
    """Insert or replace these film rows, with the words they are known by and their directors
    (``fresh``: none of them is in the cache yet)."""
    if not fresh:
        remove_films(connection, [row["id"] for row in rows], keep_rows=True)
    marks = ", ".join(f":{column}" for column in FILM_ROW)
    connection.executemany(f"INSERT OR REPLACE INTO films ({', '.join(FILM_ROW)}) VALUES ({marks})", rows)
    connection.executemany(
        "INSERT OR IGNORE INTO film_words VALUES (?, ?)",
        ((word, row["id"]) for row, each in zip(rows, words, strict=True) for word in each),
    )
    connection.executemany(
        "INSERT OR IGNORE INTO film_directors VALUES (?, ?)",
        ((name, row["id"]) for row in rows for name in decode_texts(row["directors"])),
    )


def remove_films(connection: sqlite3.Connection, film_ids: Sequence[str], keep_rows: bool = False) -> None:
    """These films' indexes, and (unless ``keep_rows``) their rows."""
    tables = [("film_words", "film_id"), ("film_directors", "film_id")]
    if not keep_rows:
        tables.append(("films", "id"))
    for table, column in tables:
        connection.executemany(
            f"DELETE FROM {table} WHERE {column} = ?", ((film_id,) for film_id in film_ids)
        )


# ---------------------------------------------------------------- directors


def write_directors(
    connection: sqlite3.Connection,
    gone: Iterable[str],
    rows: Iterable[tuple[str, tuple[str, ...], set[str]]],
    words: Any,
) -> None:
    """Replace the directors ``gone`` with ``rows``: (name, spellings, surname keys). ``words`` gives
    the words a spelling is found by. Whether each has films is read from the films' directors."""
    for name in gone:
        for table in ("directors", "director_keys", "director_words", "director_surnames"):
            connection.execute(f"DELETE FROM {table} WHERE name = ?", (name,))
    for name, spellings, surnames in rows:
        has_films = connection.execute(
            "SELECT 1 FROM film_directors WHERE name = ? LIMIT 1", (name,)
        ).fetchone()
        connection.execute(
            "INSERT OR REPLACE INTO directors VALUES (?, ?, ?)",
            (name, encode_texts(spellings), int(bool(has_films))),
        )
        connection.executemany(
            "INSERT OR IGNORE INTO director_keys VALUES (?, ?)", ((key, name) for key in surnames)
        )
        every = (name, *spellings)
        connection.executemany(
            "INSERT OR IGNORE INTO director_words VALUES (?, ?)",
            ((word, name) for spelling in every for word in words(spelling)),
        )
        connection.executemany(
            "INSERT OR IGNORE INTO director_surnames VALUES (?, ?)",
            ((spelling.split()[-1].casefold(), name) for spelling in every if spelling.split()),
        )
