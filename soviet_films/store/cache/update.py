"""Bringing the cache up to date, in one transaction: imported only when it is stale.

One way for every change, a build from nothing included: the list files whose bytes changed are read;
``core.linking.arrange`` says which themes the catalogue now holds; the entries of the themes that
went or came, and every entry and record that shares a link key with them (``core.identity``), are
linked again by ``core.linking.link``, in catalogue order; the directors of the surnames they give are
named again by ``core.directors``; and only the rows whose content changed are written. Entries that
share no key with a change are neither read nor written, so a change costs what it touches.
"""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from soviet_films.core.identity import film_link_keys, record_titles, surname_key
from soviet_films.core.linking import EntryToLink, ListFile, Placed, arrange, link, named
from soviet_films.model import Film, SkippedFile
from soviet_films.store.cache import writer
from soviet_films.store.cache.readings import Prepared, Reading, prepare, read, read_many
from soviet_films.store.cache.rows import (
    ENTRY_COLUMNS,
    decode_texts,
    encode_texts,
    film_from_row,
    film_values,
    named_rows,
    named_rows_in,
)
from soviet_films.store.cache.schema import (
    BUSY_SECONDS,
    TABLES,
    TEXT_TABLES,
    Sources,
    Unusable,
    base_key,
    file_status,
    is_fresh,
    searchable,
    statuses_text,
)

# Pages in the write-ahead log past which a change is checkpointed and the log truncated at once.
_LARGE_LOG = 4096


def bring_up_to_date(connection: sqlite3.Connection, sources: Sources) -> None:
    """Bring a stale cache up to date, in one transaction that waits its turn."""
    if is_fresh(connection, sources):
        return
    try:
        connection.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise Unusable("the catalogue cache is busy") from None
        raise
    try:
        # Another process may have brought it up to date while this one waited for the lock.
        if not is_fresh(connection, sources):
            _update(connection, sources)
        connection.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            connection.execute("ROLLBACK")
        raise
    # After a large change the pages go into the database and the write-ahead log is emptied (reading
    # through a log of tens of thousands of pages made every later search twice as slow), without
    # waiting: a process still reading an older state keeps the log until it is done.
    (pages,) = connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[1:2]
    if pages > _LARGE_LOG:
        connection.execute("PRAGMA busy_timeout = 0")
        with contextlib.suppress(sqlite3.Error):
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")


def _update(connection: sqlite3.Connection, sources: Sources) -> None:
    base = base_key(sources)
    row = connection.execute("SELECT value FROM meta WHERE name = 'base'").fetchone()
    if row is None or row[0] != base:
        _start_afresh(connection, sources)
        connection.execute("INSERT INTO meta VALUES ('base', ?)", (base,))
        # The secondary indexes are made after the rows are in: sorting once beats keeping them up.
        indexes = [statement for statement in TABLES if statement.startswith("CREATE INDEX")]
        for statement in indexes:
            connection.execute(f"DROP INDEX {statement.split()[2]}")
        _relink(connection, every=True)
        for statement in indexes:
            connection.execute(statement)
    else:
        _read_changed_files(connection, sources)
        _relink(connection, every=False)
    statuses = statuses_text([(str(path), _stored_status(connection, str(path))) for path in sources.user])
    connection.execute("INSERT OR REPLACE INTO meta VALUES ('statuses', ?)", (statuses,))
    counts = connection.execute(
        "SELECT (SELECT count(*) FROM films), (SELECT count(*) FROM entries)"
    ).fetchone()
    connection.executemany(
        "INSERT OR REPLACE INTO meta VALUES (?, ?)", zip(("films", "entries"), map(str, counts), strict=True)
    )


def _stored_status(connection: sqlite3.Connection, path: str) -> tuple[int, ...] | None:
    row = connection.execute("SELECT size, mtime, inode, ctime FROM files WHERE path = ?", (path,)).fetchone()
    return tuple(row) if row and row[0] is not None else None


def _count(connection: sqlite3.Connection, name: str) -> None:
    """How often the cache was built from nothing: kept across builds, for the tests to count."""
    row = connection.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
    connection.execute(
        "INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, str(int(row[0]) + 1 if row else 1))
    )


# ---------------------------------------------------------------- the files


def _start_afresh(connection: sqlite3.Connection, sources: Sources) -> None:
    """Empty every table and read every file (the records, the version or a bundled list changed)."""
    from soviet_films.errors import FileProblems, Problem
    from soviet_films.store.records import load_records

    kept = dict(connection.execute("SELECT name, value FROM meta WHERE name IN ('builds')"))
    statements = [statement.split()[2] for statement in TABLES if statement.startswith("CREATE TABLE")]
    for table in statements:
        connection.execute(f"DELETE FROM {table}")
    for table in TEXT_TABLES:
        if searchable(connection):
            connection.execute(f"INSERT INTO {table} ({table}) VALUES ('delete-all')")
        else:
            connection.execute(f"DELETE FROM {table}")
    connection.executemany("INSERT INTO meta VALUES (?, ?)", kept.items())
    _count(connection, "builds")
    connection.execute("PRAGMA cache_size = -65536")  # 64 MiB while the rows go in
    records = load_records(sources.records)
    readings = read_many([*sources.bundled, *sources.user])
    for reading in readings[: len(sources.bundled)]:
        if reading.problem is not None:
            raise FileProblems([Problem(*reading.problem)])
    for position, (path, reading) in enumerate(zip([*sources.bundled, *sources.user], readings, strict=True)):
        _write_file(
            connection, str(path), reading, bundled=position < len(sources.bundled), position=position
        )
    record_rows = [film_values(film) for film in records.films]
    connection.executemany(f"INSERT INTO records VALUES ({', '.join('?' * 13)})", record_rows)
    connection.executemany(
        "INSERT OR IGNORE INTO record_keys VALUES (?, ?)",
        ((key, film.id) for film in records.films for key in film_link_keys(film.id, record_titles(film))),
    )
    connection.executemany(
        "INSERT INTO corrections VALUES (?, ?, ?, ?)",
        ((theme, film, c.verdict, c.text) for (theme, film), c in records.corrections.items()),
    )
    spellings = json.dumps([[name, list(each)] for name, each in records.director_spellings.items()])
    connection.execute("INSERT INTO meta VALUES ('director_spellings', ?)", (spellings,))


_fresh: dict[str, Reading] = {}  # the readings of this update, their entries made ready


def _read_changed_files(connection: sqlite3.Connection, sources: Sources) -> None:
    """Read the user's list files whose status changed; keep the readings of those whose bytes did."""
    stored = {
        path: ((size, mtime, inode, ctime), digest)
        for path, size, mtime, inode, ctime, digest in connection.execute(
            "SELECT path, size, mtime, inode, ctime, hash FROM files WHERE bundled = 0"
        )
    }
    for position, path in enumerate(sources.user, start=len(sources.bundled)):
        name = str(path)
        if name in stored and stored[name][0] == file_status(path):
            continue
        reading = read(path)
        if name in stored and reading.hash and reading.hash == stored[name][1]:
            # The same bytes (touched, or copied with its time kept): only the status is new.
            connection.execute(
                "UPDATE files SET size = ?, mtime = ?, inode = ?, ctime = ? WHERE path = ?",
                (*(reading.status or (None,) * 4), name),
            )
            continue
        _write_file(connection, name, reading, bundled=False, position=position)
    present = {str(path) for path in sources.user}
    connection.executemany(
        "DELETE FROM files WHERE path = ?", ((name,) for name in stored if name not in present)
    )


def _write_file(
    connection: sqlite3.Connection, path: str, reading: Reading, bundled: bool, position: int
) -> None:
    _fresh[path] = reading
    connection.execute(
        "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (path, position, int(bundled), *(reading.status or (None,) * 4), reading.hash,
         json.dumps(reading.data, ensure_ascii=False) if reading.data is not None else None, reading.id_line,
         json.dumps(reading.problem) if reading.problem else None, reading.more,
         reading.data["id"] if reading.data is not None else None),
    )  # fmt: skip


# ---------------------------------------------------------------- the themes, and relinking


class _Theme(NamedTuple):
    placed: Placed
    hash: str


def _relink(connection: sqlite3.Connection, every: bool) -> None:
    """Bring the themes, entries, films and directors in line with the files table."""
    files = []
    hashes: dict[str, str] = {}
    query = (
        "SELECT path, bundled, theme_id, id_line, problem, more, hash FROM files"
        " ORDER BY bundled DESC, CASE WHEN bundled THEN position ELSE 0 END, path"
    )
    for row in named_rows(connection, query):
        problem = json.loads(row["problem"]) if row["problem"] else None
        skipped = SkippedFile(*problem, row["more"]) if problem else None
        files.append(ListFile(row["path"], bool(row["bundled"]), row["theme_id"], row["id_line"], skipped))
        hashes[row["path"]] = row["hash"]
    placed, skipped = arrange(files)
    connection.execute(
        "INSERT OR REPLACE INTO meta VALUES ('skipped', ?)",
        (json.dumps([list(each) for each in sorted(skipped, key=lambda each: Path(each.path).name)]),),
    )
    wanted = {_Theme(each, hashes[each.source]) for each in placed}
    current = {}
    for row in named_rows(
        connection, "SELECT rowid, id, intro, source, bundled, replaces, place, hash FROM themes"
    ):
        key = _Theme(
            Placed(row["source"], row["id"], bool(row["bundled"]), bool(row["replaces"]), row["place"]),
            row["hash"],
        )
        current[key] = (row["rowid"], row["intro"])
    going = [current[key] for key in current if key not in wanted]
    coming = sorted((key for key in wanted if key not in current), key=lambda key: key.placed.place)
    if going or coming or every:
        _Change(connection, going, coming, every).apply()
    _fresh.clear()


class _Change:
    """One change of the themes: ``going`` (rowid, intro) out, ``coming`` in, and what they touch
    linked and named again (``every_record_director``: name all the records' directors, as a build
    from nothing does)."""

    def __init__(
        self, connection: sqlite3.Connection, going: list[tuple[int, str]], coming: list[_Theme], every: bool
    ) -> None:
        self.connection = connection
        self.going = going
        self.coming = coming
        self.every_record_director = every

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
        linked = link(records, [entry for _, entry, _ in linking])
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
            for name in (*decode_texts(row[6]), *decode_texts(row[13]))
        }
        naming = _Naming(connection, surnames - {""}, afresh)
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

    def _arriving(self) -> list[tuple[_Theme, dict[str, Any], tuple[Prepared, ...]]]:
        """The themes coming in, with their checked data and their entries made ready."""
        found = []
        for theme in self.coming:
            reading = _fresh.get(theme.placed.source)
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


def _values_in(connection: sqlite3.Connection, query: str, values: Iterable[Any]) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in named_rows_in(connection, query, values)]


def _component(
    connection: sqlite3.Connection, seeds: set[str], every_record: bool = False
) -> tuple[list[dict[str, Any]], list[Film]]:
    """Every entry kept and every record that shares a link key with ``seeds``, or with what does,
    and so on: all that linking the change could touch (``every_record``: the cache holds no entry
    yet, and every record is wanted). Each entry a dict of its columns and its title ``keys``."""
    if every_record:
        return [], [film_from_row(row) for row in named_rows(connection, "SELECT * FROM records")]
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

    def __init__(self, connection: sqlite3.Connection, surnames: set[str], every: bool = False) -> None:
        from soviet_films.core.directors import RecordDirectors, name_directors
        from soviet_films.model import Records

        self.connection = connection
        (text,) = connection.execute("SELECT value FROM meta WHERE name = 'director_spellings'").fetchone()
        spellings = {name: tuple(each) for name, each in json.loads(text)}
        recorded_names = {
            name
            for (value,) in connection.execute("SELECT directors FROM records")
            for name in decode_texts(value)
        }
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
