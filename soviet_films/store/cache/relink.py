"""Linking a change again: the entries of the themes that go and come, and every entry and record
that shares a link key with them (``core.identity.link_keys``), linked by ``core.linking.link`` in
catalogue order; the directors of the surnames they give named again by ``core.directors``; and only
the rows whose content changed written (``writer``)."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable
from typing import Any, NamedTuple

from soviet_films.core.identity import film_link_keys, record_titles, surname_key
from soviet_films.core.linking import EntryToLink, Placed, claimed, link, named
from soviet_films.model import Film
from soviet_films.store.cache import writer
from soviet_films.store.cache.readings import Prepared, Reading, prepare
from soviet_films.store.cache.rows import (
    ENTRY_COLUMNS,
    decode_texts,
    encode_texts,
    film_from_row,
    named_rows,
    named_rows_in,
)


class Coming(NamedTuple):
    """A theme coming into the catalogue: where it is placed, and the hash of its file's bytes."""

    placed: Placed
    hash: str


class Change:
    """One change of the themes: ``going`` (rowid, intro) out, ``coming`` in, and what they touch
    linked and named again (``every_record_director``: name all the records' directors, as a build
    from nothing does)."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        going: list[tuple[int, str]],
        coming: list[Coming],
        every: bool,
        fresh: dict[str, Reading],
    ) -> None:
        self.connection = connection
        self.going = going
        self.coming = coming
        self.every_record_director = every
        self.fresh = fresh

    def apply(self) -> None:
        connection = self.connection
        old_films, names, seeds = self._remove_going()
        arriving = self._arriving()
        words: dict[str, frozenset[str]] = {}
        for _, data, prepared in arriving:
            for raw, ready in zip(data["films"], prepared, strict=True):
                seeds.update(ready.keys)
                names.update(name for _, name in ready.names)
                words.update(zip((raw["title"], raw.get("original_title") or ""), ready.words, strict=True))
        afresh = self.every_record_director
        kept, records = _component(connection, seeds, every_record=afresh)
        old_films |= {row["film_id"] for row in kept}
        # Linked in catalogue order: the entries kept and those arriving, by their theme's place and rank.
        linking: list[tuple[tuple[str, int], EntryToLink, int | tuple[str, int]]] = []
        for row in kept:
            directors = decode_texts(row["directors"])
            entry = EntryToLink(row["title"], row["year"], row["original_title"], directors, row["keys"])
            linking.append(((row["place"], row["rank"]), entry, row["rowid"]))
        for theme, data, prepared in arriving:
            for rank, (raw, ready) in enumerate(zip(data["films"], prepared, strict=True), start=1):
                keys = frozenset(key for key in ready.keys if not key.startswith("id:"))
                entry = EntryToLink(raw["title"], raw["year"], raw.get("original_title") or "",
                                    tuple(raw.get("directors") or ()), keys)  # fmt: skip
                linking.append(((theme.placed.place, rank), entry, (theme.placed.source, rank)))
        linking.sort(key=lambda item: item[0])
        linked = link(records, [entry for _, entry, _ in linking], _record_keys(connection, records))
        # How many entries this change linked again: what it cost (the tests read it).
        connection.execute("INSERT OR REPLACE INTO meta VALUES ('linked', ?)", (str(len(linking)),))
        firsts: dict[str, tuple[str, int]] = {}
        film_of: dict[int | tuple[str, int], str] = {}
        for (place, _, which), film_id in zip(linking, linked.film_ids, strict=True):
            firsts.setdefault(film_id, place)
            film_of[which] = film_id
        was = {row["rowid"]: row["film_id"] for row in kept}
        connection.executemany(
            "UPDATE entries SET film_id = ? WHERE rowid = ?",
            [(film_of[rowid], rowid) for rowid, film_id in was.items() if film_of[rowid] != film_id],
        )
        self._write_arriving(arriving, film_of)
        stored = {} if afresh else writer.stored_films(connection, old_films | set(linked.films))
        surnames = {surname_key(name) for name in names}
        surnames |= {surname_key(name) for film in linked.films.values() for name in film.directors}
        surnames |= {
            surname_key(name)
            for row in stored.values()
            for name in (*decode_texts(row["directors"]), *decode_texts(row["given"]))
        }
        refreshed = old_films | set(linked.films)
        claimed_names = {name for film in claimed(linked.films.values()) for name in film.directors}
        claimed_names |= {
            name
            for film_id, value in connection.execute(
                "SELECT id, directors FROM films WHERE record != '' AND recorded = 0"
            )
            if film_id not in refreshed
            for name in decode_texts(value)
        }
        naming = _Naming(connection, surnames - {""}, afresh, claimed_names)
        rows, film_words = [], []
        for film_id, film in linked.films.items():
            shown = named(film, naming.naming)
            row = writer.film_row(shown, film.directors if not film.recorded else (), firsts[film_id])
            if stored.get(film_id) != row:
                rows.append(row)
                film_words.append(_film_words(shown, words))
        writer.remove_films(connection, sorted(old_films - set(linked.films)))
        writer.write_films(connection, rows, film_words, fresh=afresh)
        if afresh or naming.changed():
            if not afresh:
                naming.rename_others(set(linked.films))
            naming.write()
        else:  # the same names: only whether each has films may have changed
            has_films = "EXISTS (SELECT 1 FROM film_directors WHERE name = ?)"
            connection.executemany(
                f"UPDATE directors SET has_films = {has_films} WHERE name = ?",
                [(name, name) for name, _, _ in naming.rows()],
            )

    def _remove_going(self) -> tuple[set[str], set[str], set[str]]:
        """Take the going themes and their entries out; return the films those entries named, the
        directors they gave, and their link keys."""
        from soviet_films.core.text import fold
        from soviet_films.store.cache.readings import entry_text

        connection = self.connection
        query = (
            "SELECT rowid, title, description, fact, film_id, directors FROM entries WHERE theme IN ({marks})"
        )
        gone = list(named_rows_in(connection, query, [rowid for rowid, _ in self.going]))
        gone_ids = [row["rowid"] for row in gone]
        query = "SELECT key FROM entry_keys WHERE entry IN ({marks})"
        seeds = {key for (key,) in _values_in(connection, query, gone_ids)}
        names = {name for row in gone for name in decode_texts(row["directors"])}
        texts = [entry_text(row["title"], row["description"], row["fact"], fold) for row in gone]
        writer.remove_entries(connection, gone_ids, texts)
        for rowid, intro in self.going:
            writer.remove_theme(connection, rowid, fold(intro))
        return {row["film_id"] for row in gone}, names, seeds

    def _arriving(self) -> list[tuple[Coming, dict[str, Any], tuple[Prepared, ...]]]:
        """The themes coming in, with their checked data and their entries made ready."""
        found = []
        for theme in self.coming:
            reading = self.fresh.get(theme.placed.source)
            if reading is not None and reading.data is not None:
                data, prepared = reading.data, reading.prepared
            else:
                query = "SELECT data FROM files WHERE path = ?"
                (text,) = self.connection.execute(query, (theme.placed.source,)).fetchone()
                data = json.loads(text)
                prepared = prepare(data)
            found.append((theme, data, prepared))
        return found

    def _write_arriving(self, arriving: list[Any], film_of: dict[Any, str]) -> None:
        """The arriving themes' rows, and their entries' with the films they were linked to."""
        from soviet_films.core.text import fold

        (next_rowid,) = self.connection.execute("SELECT coalesce(max(rowid), 0) + 1 FROM entries").fetchone()
        rows, keys, names, texts = [], [], [], []
        for theme, data, prepared in arriving:
            placed = theme.placed
            intro = data.get("intro") or ""
            values = {"id": placed.theme_id, "name": data["name"], "intro": intro, "source": placed.source,
                      "bundled": int(placed.bundled), "replaces": int(placed.replaces_bundled),
                      "count": len(data["films"]), "place": placed.place, "hash": theme.hash}  # fmt: skip
            words = {word for text in (placed.theme_id, data["name"]) for word in fold(text).split()}
            rowid = writer.add_theme(self.connection, values, fold(intro), words)
            for rank, (raw, ready) in enumerate(zip(data["films"], prepared, strict=True), start=1):
                rows.append({"rowid": next_rowid, "theme": rowid, "rank": rank, "title": raw["title"],
                             "year": raw["year"], "original_title": raw.get("original_title") or "",
                             "directors": encode_texts(raw.get("directors") or ()),
                             "description": raw.get("description") or "", "fact": raw.get("fact") or "",
                             "film_id": film_of[(placed.source, rank)], "place": placed.place})  # fmt: skip
                keys.append(ready.keys)
                names.append(ready.names)
                texts.append(ready.text)
                next_rowid += 1
        writer.add_entries(self.connection, rows, keys, names, texts)


def _record_keys(connection: sqlite3.Connection, records: list[Film]) -> dict[str, frozenset[str]]:
    """The title keys of these records, as the cache holds them (made once, when it was built)."""
    query = "SELECT key, record FROM record_keys WHERE record IN ({marks})"
    rows = _values_in(connection, query, [film.id for film in records])
    keys: dict[str, set[str]] = {}
    for key, record in rows:
        if not key.startswith("id:"):
            keys.setdefault(record, set()).add(key)
    return {record: frozenset(each) for record, each in keys.items()}


def _values_in(connection: sqlite3.Connection, query: str, values: Iterable[Any]) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in named_rows_in(connection, query, values)]


def _component(
    connection: sqlite3.Connection, seeds: set[str], every_record: bool = False
) -> tuple[list[dict[str, Any]], list[Film]]:
    """Every entry kept and every record that shares a link key with ``seeds``, or with what does,
    and so on: all that linking the change could touch (``every_record``: the cache holds no entry
    yet, and every record is wanted). Each entry a dict of its columns and its title ``keys``."""
    if every_record:  # the editors' records, and the open ones a title of these entries names
        query = "SELECT record FROM record_keys WHERE key IN ({marks})"
        named = {record for (record,) in _values_in(connection, query, seeds)}
        editors = named_rows(connection, "SELECT * FROM records WHERE recorded = 1")
        opened = named_rows_in(
            connection, "SELECT * FROM records WHERE recorded = 0 AND id IN ({marks})", named
        )
        return [], [film_from_row(row) for row in (*editors, *opened)]
    seen: set[str] = set()
    entries: dict[int, dict[str, Any]] = {}
    records: dict[str, Film] = {}
    frontier = set(seeds)
    while frontier:
        seen |= frontier
        query = "SELECT entry FROM entry_keys WHERE key IN ({marks})"
        found = {rowid for (rowid,) in _values_in(connection, query, frontier)} - set(entries)
        query = f"SELECT {', '.join(ENTRY_COLUMNS)} FROM entries WHERE rowid IN ({{marks}})"
        rows = {row["rowid"]: {**dict(row), "keys": set()} for row in named_rows_in(connection, query, found)}
        keys: set[str] = set()
        for key, rowid in _values_in(
            connection, "SELECT key, entry FROM entry_keys WHERE entry IN ({marks})", rows
        ):
            keys.add(key)
            rows[rowid]["keys"].add(key)
        for row in rows.values():
            row["keys"] = frozenset(key for key in row["keys"] if not key.startswith("id:"))
        entries.update(rows)
        query = "SELECT record FROM record_keys WHERE key IN ({marks})"
        held = {film_id for (film_id,) in _values_in(connection, query, frontier)} - set(records)
        for row in named_rows_in(connection, "SELECT * FROM records WHERE id IN ({marks})", held):
            records[row["id"]] = film_from_row(row)
            keys |= film_link_keys(row["id"], record_titles(records[row["id"]]))
        frontier = keys - seen
    return list(entries.values()), list(records.values())


def _film_words(film: Film, known: dict[str, frozenset[str]]) -> set[str]:
    """The words a film is known by (``core.resolve.film_words``), from those its entries' titles
    were prepared with where they were."""
    from soviet_films.core.resolve import name_words

    words = set(known.get(film.title) or name_words(film.title))
    for name in (film.original_title, film.transliteration, *film.other_titles):
        if name:
            words.update(known.get(name) or name_words(name))
    return words | _id_words(film.id)


def _id_words(film_id: str) -> set[str]:
    """``core.resolve.name_words`` of an id, made the quick way (an id is folded already)."""
    from soviet_films.core.identity import spelling
    from soviet_films.core.resolve import name_words

    if not _PLAIN_ID.fullmatch(film_id):
        return set(name_words(film_id))
    words = film_id.split("-")
    return {*words, *map(spelling, words)}


_PLAIN_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class _Naming:
    """The naming of the directors of some surnames, brought up to date (see ``core.directors``)."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        surnames: set[str],
        every: bool = False,
        claimed: Iterable[str] = (),
    ) -> None:
        from soviet_films.core.directors import RecordDirectors, name_directors
        from soviet_films.model import Records

        self.connection = connection
        (text,) = connection.execute("SELECT value FROM meta WHERE name = 'director_spellings'").fetchone()
        spellings = {name: tuple(each) for name, each in json.loads(text)}
        recorded_names = {
            name
            for (value,) in connection.execute("SELECT directors FROM records WHERE recorded = 1")
            for name in decode_texts(value)
        } | set(claimed)  # the directors of the open records the lists name, as the editors'
        self.recorded = RecordDirectors(Records((), {**{n: () for n in recorded_names}, **spellings}, {}))
        # Every surname of a record director touching these surnames belongs with them.
        for name in self.recorded.spellings:
            keys = self.recorded.surname_keys_of(name)
            if every or keys & surnames:
                surnames |= keys
        self.surnames = surnames
        given = {
            name
            for (name,) in _values_in(
                connection, "SELECT DISTINCT name FROM given_names WHERE surname IN ({marks})", surnames
            )
        }
        self.before = {
            name
            for (name,) in _values_in(
                connection, "SELECT DISTINCT name FROM director_keys WHERE surname IN ({marks})", surnames
            )
        }
        self.naming = name_directors(self.recorded, given)
        # Only the records' directors of these surnames: the naming is asked of all of them.
        self.record_names = {
            name for name in self.recorded.spellings if self.recorded.surname_keys_of(name) & surnames
        }

    def rows(self) -> list[tuple[str, tuple[str, ...], set[str]]]:
        """The directors' rows of these surnames, as named now: (name, spellings, surname keys)."""
        shown = set(self.naming.shown.values()) | self.record_names
        return [
            (name, self.naming.spellings.get(name, ()), _surnames_of(name, self.naming))
            for name in sorted(shown)
        ]

    def changed(self) -> bool:
        """Whether these surnames' directors are named otherwise than the cache holds them (if not,
        no film outside the change is shown otherwise either)."""
        query = "SELECT name, spellings FROM directors WHERE name IN ({marks})"
        held = {
            (row["name"], decode_texts(row["spellings"]))
            for row in named_rows_in(self.connection, query, self.before)
        }
        return held != {(name, spellings) for name, spellings, _ in self.rows()}

    def rename_others(self, done: set[str]) -> None:
        """The films outside the change whose directors these surnames name: shown as named now."""
        query = "SELECT film_id FROM film_directors WHERE name IN ({marks})"
        films = {film_id for (film_id,) in _values_in(self.connection, query, self.before)}
        rows, words = [], []
        for row in named_rows_in(
            self.connection, "SELECT * FROM films WHERE id IN ({marks})", sorted(films - done)
        ):
            film = film_from_row(row)
            if film.recorded:
                continue
            now = named(film._replace(directors=decode_texts(row["given"])), self.naming)
            if now.directors != film.directors:
                rows.append(
                    writer.film_row(now, decode_texts(row["given"]), (row["first_place"], row["first_rank"]))
                )
                words.append(_film_words(now, {}))
        writer.write_films(self.connection, rows, words)

    def write(self) -> None:
        """The directors' rows of these surnames."""
        from soviet_films.core.resolve import director_words

        writer.write_directors(self.connection, self.before, self.rows(), director_words)


def _surnames_of(name: str, naming: Any) -> set[str]:
    return {surname_key(each) for each in (name, *naming.spellings.get(name, ()))} - {""}
