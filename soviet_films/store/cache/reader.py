"""Reading the cache: the queries the commands ask, each returning the model's records and reading only
the rows its question needs, in one read snapshot."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from soviet_films.model import Film, ListEntry, SkippedFile, Theme
from soviet_films.store.cache.rows import (
    FILM_COLUMNS,
    decode_texts,
    entry_from_row,
    film_from_row,
    named_rows,
    named_rows_in,
)
from soviet_films.store.cache.schema import searchable

_FILMS = f"SELECT {', '.join(FILM_COLUMNS)}, first_place, first_rank FROM films"
# An entry with its theme's id and place, and the editors' correction of its fact where there is one.
_ENTRIES = (
    "SELECT e.rowid, e.theme, e.rank, e.title, e.year, e.description, e.fact, e.film_id, t.id AS theme_id,"
    " t.place, c.verdict, c.text AS correction FROM entries AS e JOIN themes AS t ON t.rowid = e.theme"
    " LEFT JOIN corrections AS c ON c.theme_id = t.id AND c.film_id = e.film_id"
)


class StoredEntries(Sequence[ListEntry]):
    """A theme's entries, read from the cache on first use (its length is known without them)."""

    # It holds the connection, not the Cache (which holds it): no cycle, so the connection and its
    # read snapshot close as soon as nothing read from them is left.
    def __init__(self, connection: sqlite3.Connection, theme_rowid: int, count: int) -> None:
        self._connection, self._rowid, self._count = connection, theme_rowid, count
        self._entries: tuple[ListEntry, ...] | None = None

    def _all(self) -> tuple[ListEntry, ...]:
        if self._entries is None:
            try:
                rows = named_rows(
                    self._connection, _ENTRIES + " WHERE e.theme = ? ORDER BY e.rank", (self._rowid,)
                )
                self._entries = tuple(entry_from_row(row["theme_id"], row) for row in rows)
            except (sqlite3.Error, ValueError, TypeError, KeyError) as error:
                # Read after the shelf's question was answered: too late to answer it from the files
                # there. The cache goes; the library's door asks its question again, of the files.
                from soviet_films.errors import StoreDamaged
                from soviet_films.store.cache.schema import discard

                discard(self._connection)
                raise StoreDamaged from error
        return self._entries

    def __getitem__(self, index: Any) -> Any:
        return self._all()[index]

    def __iter__(self) -> Iterator[ListEntry]:
        return iter(self._all())

    def __len__(self) -> int:
        return self._count


class Cache:
    """The cache, open in one read snapshot: queries that give model records."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self._themes: dict[int, Theme] | None = None
        self.searchable = searchable(connection)

    # -- themes and entries

    def themes(self) -> dict[int, Theme]:
        """Every theme by its row, in catalogue order; entries are read when first used."""
        if self._themes is None:
            self._themes = self._themes_where("1")
        return self._themes

    def _themes_where(self, where: str, parameters: Sequence[Any] = ()) -> dict[int, Theme]:
        columns = "rowid, id, name, intro, source, bundled, replaces, count"
        query = f"SELECT {columns} FROM themes WHERE {where} ORDER BY place"
        return {row["rowid"]: self._theme(row) for row in named_rows(self.connection, query, parameters)}

    def _theme(self, row: sqlite3.Row) -> Theme:
        entries = StoredEntries(self.connection, row["rowid"], row["count"])
        return Theme(row["id"], row["name"], row["intro"], entries, row["source"], bool(row["bundled"]),
                     bool(row["replaces"]))  # fmt: skip

    def themes_by_rowid(self, rowids: Iterable[int]) -> dict[int, Theme]:
        """These themes by their rows, in catalogue order."""
        chosen = list(rowids)
        if len(chosen) > 400:
            wanted = set(chosen)
            return {rowid: theme for rowid, theme in self.themes().items() if rowid in wanted}
        return self._themes_where(f"rowid IN ({','.join('?' * len(chosen))})", chosen) if chosen else {}

    def theme_rowids_with_id(self, theme_id: str) -> set[int]:
        """The row of the theme with this id (none, or one)."""
        return {
            rowid
            for (rowid,) in self.connection.execute("SELECT rowid FROM themes WHERE id = ?", (theme_id,))
        }

    def themes_with_words(self, words: list[str]) -> set[int]:
        """Rows of the themes whose id or name, folded, holds every one of ``words`` (among them)."""
        return self._holding_every("SELECT theme FROM theme_words WHERE word = ?", words)

    def _holding_every(self, query: str, words: list[str]) -> set[Any]:
        """What ``query`` (one word as its parameter) gives for every one of ``words``."""
        found: set[Any] | None = None
        for word in dict.fromkeys(words):
            rows = {value for (value,) in self.connection.execute(query, (word,))}
            found = rows if found is None else found & rows
            if not found:
                return set()
        return found or set()

    def every_entry(self) -> dict[int, tuple[ListEntry, ...]]:
        """Theme row -> its entries in list order, for every theme."""
        found: dict[int, list[ListEntry]] = {}
        for row in named_rows(self.connection, _ENTRIES + " ORDER BY e.theme, e.rank"):
            found.setdefault(row["theme"], []).append(entry_from_row(row["theme_id"], row))
        return {rowid: tuple(entries) for rowid, entries in found.items()}

    def entries_by_rowid(self, rowids: Iterable[int]) -> list[tuple[int, ListEntry]]:
        """(theme row, entry) for these entry rows, in catalogue order."""
        rows = list(named_rows_in(self.connection, _ENTRIES + " WHERE e.rowid IN ({marks})", rowids))
        rows.sort(key=lambda row: (row["place"], row["rank"]))
        return [(row["theme"], entry_from_row(row["theme_id"], row)) for row in rows]

    def entry_rowids_of_themes(self, theme_rowids: Iterable[int]) -> set[int]:
        """The rows of every entry of these themes."""
        return self._values_in("SELECT rowid FROM entries WHERE theme IN ({marks})", theme_rowids)

    def entry_rowids_of_films(self, film_ids: Iterable[str]) -> set[int]:
        """The rows of every entry naming these films."""
        return self._values_in("SELECT rowid FROM entries WHERE film_id IN ({marks})", film_ids)

    def _values_in(self, query: str, values: Iterable[Any]) -> set[Any]:
        return {row[0] for row in named_rows_in(self.connection, query, values)}

    # -- records

    def records_with_keys(self, keys: Iterable[str]) -> list[Film]:
        """The records known by any of these link keys (``core.identity.film_link_keys``)."""
        ids = self._values_in("SELECT record FROM record_keys WHERE key IN ({marks})", keys)
        return [
            film_from_row(row)
            for row in named_rows_in(self.connection, "SELECT * FROM records WHERE id IN ({marks})", ids)
        ]

    def every_record(self) -> list[Film]:
        """Every record (the editors' and the open ones)."""
        return [film_from_row(row) for row in named_rows(self.connection, "SELECT * FROM records")]

    # -- films

    def _films(self, rows: Iterable[sqlite3.Row]) -> dict[str, Film]:
        ordered = sorted(rows, key=lambda row: (row["first_place"], row["first_rank"]))
        return {row["id"]: film_from_row(row) for row in ordered}

    def films_by_id(self, film_ids: Iterable[str]) -> dict[str, Film]:
        """These films, in catalogue order (ids the cache does not hold are left out)."""
        return self._films(named_rows_in(self.connection, _FILMS + " WHERE id IN ({marks})", film_ids))

    def all_films(self) -> dict[str, Film]:
        """Every film, in catalogue order."""
        query = _FILMS + " ORDER BY first_place, first_rank"
        return {row["id"]: film_from_row(row) for row in named_rows(self.connection, query)}

    def films_in_years(self, first: int, last: int) -> dict[str, Film]:
        """The films of these years, in catalogue order."""
        return self._films(named_rows(self.connection, _FILMS + " WHERE year BETWEEN ? AND ?", (first, last)))

    def films_with_id_prefix(self, prefix: str) -> dict[str, Film]:
        """The films whose id starts with ``prefix``, in catalogue order."""
        query = _FILMS + " WHERE id >= ? AND id < ?"
        return self._films(named_rows(self.connection, query, (prefix, prefix + "\U0010ffff")))

    def films_with_words(self, words: list[str]) -> set[str]:
        """Ids of the films known by keys that hold every one of ``words`` (among them)."""
        return self._holding_every("SELECT film_id FROM film_words WHERE word = ?", words)

    def films_with_word_prefix(self, prefix: str) -> set[str]:
        """Ids of the films known by a word that starts with ``prefix``."""
        rows = self.connection.execute(
            "SELECT film_id FROM film_words WHERE word >= ? AND word < ?", (prefix, prefix + "\U0010ffff")
        )
        return {film_id for (film_id,) in rows}

    def films_by_directors(self, names: Iterable[str]) -> set[str]:
        """Ids of the films made by any of these directors."""
        return self._values_in("SELECT film_id FROM film_directors WHERE name IN ({marks})", names)

    def film_themes(self, film_ids: Iterable[str], every: bool = False) -> dict[str, tuple[str, ...]]:
        """Film id -> the ids of the themes naming it, in theme order (``every``: for every film)."""
        query = (
            "SELECT DISTINCT e.film_id, t.id, t.place FROM entries AS e JOIN themes AS t ON t.rowid = e.theme"
        )
        rows = (
            named_rows(self.connection, query)
            if every
            else named_rows_in(self.connection, query + " WHERE e.film_id IN ({marks})", film_ids)
        )
        found: dict[str, list[tuple[str, str]]] = {}
        for film_id, theme_id, place in rows:
            found.setdefault(film_id, []).append((place, theme_id))
        return {
            film_id: tuple(theme_id for _, theme_id in sorted(places)) for film_id, places in found.items()
        }

    def theme_rowids_of(self, film_ids: Iterable[str]) -> set[int]:
        """The rows of the themes naming any of these films."""
        return self._values_in("SELECT theme FROM entries WHERE film_id IN ({marks})", film_ids)

    # -- directors

    def spellings_of(self, names: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """Director -> the other spellings the records and lists know, for these directors."""
        query = "SELECT name, spellings FROM directors WHERE name IN ({marks})"
        return {
            row["name"]: decode_texts(row["spellings"])
            for row in named_rows_in(self.connection, query, set(names))
            if row["spellings"]
        }

    def directors_with_words(self, words: list[str]) -> set[str]:
        """Directors with a spelling that holds every one of ``words``."""
        query = ("SELECT w.name FROM director_words AS w JOIN directors AS d ON d.name = w.name"
                 " WHERE d.has_films AND w.word = ?")  # fmt: skip
        return self._holding_every(query, words)

    def directors_with_word_prefix(self, prefix: str) -> set[str]:
        """Directors of films with a spelling holding a word that starts with ``prefix``."""
        rows = self.connection.execute(
            "SELECT DISTINCT w.name FROM director_words AS w JOIN directors AS d ON d.name = w.name"
            " WHERE d.has_films AND w.word >= ? AND w.word < ?",
            (prefix, prefix + "\U0010ffff"),
        )
        return {name for (name,) in rows}

    def directors_with_surname_prefix(self, prefix: str) -> set[str]:
        """Directors of films with a spelling whose surname, casefolded, starts with ``prefix``."""
        rows = self.connection.execute(
            "SELECT DISTINCT s.name FROM director_surnames AS s JOIN directors AS d ON d.name = s.name"
            " WHERE d.has_films AND s.surname >= ? AND s.surname < ?",
            (prefix, prefix + "\U0010ffff"),
        )
        return {name for (name,) in rows}

    def all_directors(self) -> set[str]:
        """Every director of a film in the catalogue."""
        return {name for (name,) in self.connection.execute("SELECT name FROM directors WHERE has_films")}

    def all_spellings(self) -> dict[str, tuple[str, ...]]:
        """Every director's other spellings."""
        rows = self.connection.execute("SELECT name, spellings FROM directors WHERE spellings != ''")
        return {name: decode_texts(spellings) for name, spellings in rows}

    def skipped(self) -> list[SkippedFile]:
        """The user's list files left out (broken, or with an id another has), in reading order."""
        row = self.connection.execute("SELECT value FROM meta WHERE name = 'skipped'").fetchone()
        if row is None or row[0] == "[]":
            return []
        import json

        return [SkippedFile(*fields) for fields in json.loads(row[0])]

    # -- search

    def entries_matching(self, term: str) -> set[int] | None:
        """Rows of the entries that may hold ``term`` at a word start in any field of theirs, their
        film's or its directors', or their theme's intro (a superset: the rules are applied after);
        None when the index cannot narrow it (no words in the term)."""
        tokens = re.findall(r"[^\W_]+", term)
        if not tokens:
            return None
        found = self._matching("entry_text", tokens, term)
        themes = self._matching("intro_text", tokens, term)
        found |= self.entry_rowids_of_themes(themes)
        films = self.films_with_word_prefix(tokens[0])
        films |= self.films_by_directors(self.directors_with_word_prefix(tokens[0]))
        found |= self.entry_rowids_of_films(films)
        found |= self._corrected_entries(term)
        return found

    def _matching(self, table: str, tokens: list[str], term: str) -> set[int]:
        if self.searchable:
            query = '"' + " ".join(tokens) + '"*'
            rows = self.connection.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ?", (query,))
        else:
            rows = self.connection.execute(f"SELECT rowid FROM {table} WHERE instr(text, ?)", (term,))
        return {rowid for (rowid,) in rows}

    def _corrected_entries(self, term: str) -> set[int]:
        """The entries whose correction holds ``term`` (corrections are few: each is looked at)."""
        from soviet_films.core.text import fold

        corrections = self.connection.execute("SELECT theme_id, film_id, text FROM corrections")
        pairs = [(theme_id, film_id) for theme_id, film_id, text in corrections if term in fold(text)]
        found: set[int] = set()
        for theme_id, film_id in pairs:
            query = "SELECT e.rowid FROM entries AS e JOIN themes AS t ON t.rowid = e.theme"
            rows = self.connection.execute(query + " WHERE t.id = ? AND e.film_id = ?", (theme_id, film_id))
            found |= {rowid for (rowid,) in rows}
        return found
