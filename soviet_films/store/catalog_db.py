"""The compiled catalogue: a SQLite database in the cache folder, indexed for how the commands look
things up, so a command reads the rows its answer needs and no more.

- The list files are the source of truth; this is only a cache. Deleting it loses nothing, and
  where it cannot be used (a read-only or missing cache folder, a lock held too long) sfilms reads
  the files instead (``store.catalog``), slower.
- It is kept up to date file by file. Each list file's row holds its path, size, modification time,
  inode, change time and content hash: a file whose status changed but whose bytes did not (``touch``)
  only updates that row; one whose words changed but not which films it names rewrites its own rows;
  one that names other films, an added or removed file, relinks the catalogue from the files' stored
  readings, re-reading only the changed files. The records, the bundled lists or the sfilms version
  changing rebuilds it all.
- Every change is one transaction (``BEGIN IMMEDIATE``) in a write-ahead log, with a busy timeout:
  two processes that find it stale queue, and the second finds it fresh; readers see the state
  before or after, and read in one snapshot; a killed rebuild leaves the previous state. A file that
  is not such a database (corrupt, truncated, foreign, another format) is deleted and rebuilt.
- Search runs on an FTS5 full-text index of each entry's folded text, where this SQLite has FTS5;
  otherwise on a plain table scanned with ``instr``. Either only narrows the entries down: the rules
  themselves are ``core.search``'s, applied to the entries found.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
import stat
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from soviet_films import __version__
from soviet_films.model import Catalog, Correction, Film, ListEntry, SkippedFile, Theme

FORMAT = 1
APPLICATION_ID = 0x73666374  # "sfct"
# How long a process waits for another that is updating the store before reading the files itself.
BUSY_SECONDS = 20.0
# At most this many SQL parameters in one statement (old SQLite builds allow 999).
_CHUNK = 500

_TABLES = (
    "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    # One row per list file: its status, the hash of its bytes, and what reading it gave: the
    # checked data as JSON (and the line of its id), or its first problem and how many more.
    """CREATE TABLE files (
        path TEXT PRIMARY KEY, position INTEGER NOT NULL, bundled INTEGER NOT NULL,
        size INTEGER, mtime INTEGER, inode INTEGER, ctime INTEGER, hash TEXT,
        data TEXT, id_line INTEGER, problem TEXT, more INTEGER, theme_id TEXT
    )""",
    "CREATE INDEX files_by_theme ON files (theme_id)",
    """CREATE TABLE themes (
        rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, name TEXT NOT NULL, intro TEXT NOT NULL,
        folded_intro TEXT NOT NULL, source TEXT NOT NULL, bundled INTEGER NOT NULL,
        replaces INTEGER NOT NULL, count INTEGER NOT NULL, position TEXT NOT NULL
    )""",
    "CREATE INDEX themes_by_source ON themes (source)",
    """CREATE TABLE films (
        id TEXT PRIMARY KEY, title TEXT NOT NULL, year INTEGER NOT NULL, original_title TEXT,
        transliteration TEXT, other_titles TEXT, directors TEXT, studio TEXT, released TEXT,
        imdb TEXT, note TEXT, not_film INTEGER, recorded INTEGER,
        first_position TEXT NOT NULL, first_rank INTEGER NOT NULL
    )""",
    "CREATE INDEX films_by_year ON films (year)",
    "CREATE INDEX films_in_order ON films (first_position, first_rank)",
    """CREATE TABLE entries (
        rowid INTEGER PRIMARY KEY, theme INTEGER NOT NULL, rank INTEGER NOT NULL, title TEXT NOT NULL,
        year INTEGER NOT NULL, description TEXT NOT NULL, fact TEXT NOT NULL, film_id TEXT NOT NULL,
        verdict TEXT, correction TEXT
    )""",
    "CREATE INDEX entries_by_theme ON entries (theme, rank)",
    "CREATE INDEX entries_by_film ON entries (film_id)",
    # Every word of every folded key a film is known by (resolving a typed title), and of every
    # spelling of a director (resolving --director), and directors' surnames (completion).
    "CREATE TABLE film_words (word TEXT, film_id TEXT, PRIMARY KEY (word, film_id)) WITHOUT ROWID",
    "CREATE TABLE directors (name TEXT PRIMARY KEY, spellings TEXT NOT NULL, has_films INTEGER NOT NULL)",
    "CREATE TABLE director_words (word TEXT, name TEXT, PRIMARY KEY (word, name)) WITHOUT ROWID",
    "CREATE TABLE director_surnames (surname TEXT, name TEXT, PRIMARY KEY (surname, name)) WITHOUT ROWID",
    "CREATE TABLE film_directors (name TEXT, film_id TEXT, PRIMARY KEY (name, film_id)) WITHOUT ROWID",
    "CREATE INDEX film_directors_by_film ON film_directors (film_id)",
    # What linking knew at the end, so that one changed list can be linked alone where nothing it
    # names could link otherwise: the records' films and corrections, the directors the records
    # name, and every film linking knew (a replaced theme's too), by title and director's surname.
    """CREATE TABLE records (
        id TEXT PRIMARY KEY, title TEXT NOT NULL, year INTEGER NOT NULL, original_title TEXT,
        transliteration TEXT, other_titles TEXT, directors TEXT, studio TEXT, released TEXT,
        imdb TEXT, note TEXT, not_film INTEGER, recorded INTEGER
    )""",
    """CREATE TABLE corrections (
        theme_id TEXT, film_id TEXT, verdict TEXT, text TEXT, PRIMARY KEY (theme_id, film_id)
    ) WITHOUT ROWID""",
    "CREATE TABLE record_directors (name TEXT PRIMARY KEY) WITHOUT ROWID",
    "CREATE TABLE link_films (id TEXT PRIMARY KEY, recorded INTEGER NOT NULL) WITHOUT ROWID",
    "CREATE TABLE link_names (key TEXT, film_id TEXT, PRIMARY KEY (key, film_id)) WITHOUT ROWID",
    "CREATE INDEX link_names_by_film ON link_names (film_id)",
    "CREATE TABLE link_surnames (key TEXT, name TEXT, PRIMARY KEY (key, name)) WITHOUT ROWID",
    "CREATE INDEX link_surnames_by_name ON link_surnames (name)",
)
# Contentless: the index alone, its text never read back (the entries hold it).
_FTS_TABLE = (
    "CREATE VIRTUAL TABLE entry_text"
    " USING fts5(text, content = '', tokenize = 'unicode61 remove_diacritics 0')"
)
_SCAN_TABLE = "CREATE TABLE entry_text (rowid INTEGER PRIMARY KEY, text TEXT NOT NULL)"
_CATALOGUE_TABLES = ("themes", "films", "entries", "film_words", "directors", "director_words",
                     "director_surnames", "film_directors", "entry_text", "records", "corrections",
                     "record_directors", "link_films", "link_names", "link_surnames")  # fmt: skip


class Unusable(Exception):
    """The store cannot be used here (the folder cannot be written, a lock held too long)."""


class Sources(NamedTuple):
    """The files the catalogue is read from: the records, the bundled lists, the user's lists."""

    records: Path
    bundled: list[Path]
    user: list[Path]


def store_file(folder: Path, sources: Sources) -> Path:
    """The database for this set of lists folders (several lists folders do not thrash)."""
    folders = sorted({str(path.parent) for path in [sources.records, *sources.bundled, *sources.user]})
    return folder / f"catalog-{zlib.crc32(chr(0).join(folders).encode('utf-8', 'replace')):08x}.sqlite3"


def fts5_available() -> bool:
    """Whether this Python's SQLite has the FTS5 full-text index."""
    try:
        sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE probe USING fts5(text)")
    except sqlite3.Error:
        return False
    return True


def _status(path: Path) -> tuple[int, int, int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns, found.st_ino, found.st_ctime_ns


def _base_key(sources: Sources) -> str:
    """What a change of rebuilds everything: the version, the format, the records and bundled files."""
    return json.dumps(
        [__version__, FORMAT, [[str(path), _status(path)] for path in [sources.records, *sources.bundled]]]
    )


# ---------------------------------------------------------------- opening


def open_store(folder: Path, sources: Sources) -> Store:
    """The store for these sources, brought up to date and open for reading in one snapshot.

    Raises Unusable where it cannot be used (the caller reads the files instead), and the files'
    own errors (FileProblems for a broken bundled list or records file).
    """
    path = store_file(folder, sources)
    for attempt in range(2):
        try:
            connection = _connect(path)
            try:
                _bring_up_to_date(connection, sources)
                connection.execute("BEGIN")
                connection.execute("SELECT 1 FROM meta").fetchone()  # the snapshot starts here
                return Store(connection)
            except BaseException:
                connection.close()
                raise
        except _Foreign:
            if attempt:
                raise Unusable(f"{path}: not a catalogue after rebuilding it") from None
            _remove(path)
        except sqlite3.DatabaseError as error:
            if isinstance(error, sqlite3.OperationalError) and not _is_damage(error):
                raise Unusable(f"{path}: {error}") from None
            if attempt:
                raise Unusable(f"{path}: {error}") from None
            _remove(path)  # corrupt or truncated: a cache, so it is rebuilt
    raise Unusable(str(path))  # not reached


class _Foreign(Exception):
    """The file is a database, but not this format of ours."""


def _is_damage(error: sqlite3.Error) -> bool:
    text = str(error).lower()
    return any(word in text for word in ("malformed", "not a database", "corrupt", "no such table",
                                         "no such column", "has no column"))  # fmt: skip


def _connect(path: Path) -> sqlite3.Connection:
    """Open (or create) the database, refusing to follow anything but a regular file."""
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        found = None
    except OSError as error:
        raise Unusable(f"{path}: {error}") from None
    if found is not None and not stat.S_ISREG(found.st_mode):
        _remove(path)  # a link, a FIFO or a device where our cache should be: ours to replace
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
    except (OSError, sqlite3.Error) as error:
        raise Unusable(f"{path}: {error}") from None
    try:
        application_id, version, tables = connection.execute(
            "SELECT a.application_id, v.user_version, (SELECT count(*) FROM sqlite_master)"
            " FROM pragma_application_id AS a, pragma_user_version AS v"
        ).fetchone()
        if (application_id, version) != (APPLICATION_ID, FORMAT):
            if application_id or version or tables:
                raise _Foreign()
            _create(connection)
        elif connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            connection.execute("PRAGMA journal_mode = WAL")
    except BaseException:
        connection.close()
        raise
    connection.execute("PRAGMA synchronous = NORMAL")  # a cache: a power cut may lose the last change
    return connection


def _create(connection: sqlite3.Connection) -> None:
    """The tables, in one transaction; a second process creating them at once waits, then finds them."""
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("BEGIN IMMEDIATE")
    try:
        if connection.execute("PRAGMA user_version").fetchone()[0] == FORMAT:
            connection.execute("COMMIT")
            return
        for statement in _TABLES:
            connection.execute(statement)
        connection.execute(_FTS_TABLE if fts5_available() else _SCAN_TABLE)
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute(f"PRAGMA user_version = {FORMAT}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def _remove(path: Path) -> None:
    """Delete a database file that is not ours to read, with its journal files."""
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        try:
            name.unlink()
        except FileNotFoundError:
            pass
        except OSError as error:
            raise Unusable(f"{name}: {error}") from None


# ---------------------------------------------------------------- keeping it up to date


def _stored_status(connection: sqlite3.Connection) -> dict[str, tuple[Any, ...]]:
    rows = connection.execute("SELECT path, size, mtime, inode, ctime FROM files WHERE bundled = 0")
    return {path: tuple(status) for path, *status in rows}


def _is_fresh(connection: sqlite3.Connection, sources: Sources, base: str) -> bool:
    row = connection.execute("SELECT value FROM meta WHERE name = 'base'").fetchone()
    if row is None or row[0] != base:
        return False
    stored = _stored_status(connection)
    return len(stored) == len(sources.user) and all(
        stored.get(str(path)) == _status(path) for path in sources.user
    )


def _bring_up_to_date(connection: sqlite3.Connection, sources: Sources) -> None:
    base = _base_key(sources)
    if _is_fresh(connection, sources, base):
        return
    try:
        connection.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise Unusable("the catalogue store is busy") from None
        raise
    try:
        # Another process may have brought it up to date while this one waited for the lock.
        if not _is_fresh(connection, sources, base):
            _update(connection, sources, base)
        connection.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            connection.execute("ROLLBACK")
        raise


class _Reading(NamedTuple):
    """What reading one list file gave: its checked data (None if it has problems), the line of its
    id, its first problem and how many more, and the status and hash of the bytes read."""

    data: dict[str, Any] | None
    id_line: int
    problem: tuple[str, int, str] | None
    more: int
    status: tuple[int, int, int, int] | None
    hash: str


def _read(path: Path) -> _Reading:
    """Read and check one list file, hashing exactly the bytes that were parsed."""
    import hashlib
    import io

    from soviet_films.errors import FileProblems
    from soviet_films.store import yamlsafe
    from soviet_films.store.files import MAX_BYTES, open_for_reading, read_bounded
    from soviet_films.store.list_files import check_list

    status = _status(path)
    try:
        with open_for_reading(path) as stream:
            raw = stream.read(MAX_BYTES + 1)
        digest = hashlib.blake2b(raw, digest_size=16).hexdigest()
        data = yamlsafe.load(read_bounded(io.BytesIO(raw), str(path)), str(path))
        problems = check_list(data, str(path))
    except FileProblems as error:
        problems, data, digest = error.problems, None, locals().get("digest", "")
    except OSError as error:
        from soviet_films.errors import Problem

        problems, data, digest = [Problem(str(path), 0, f"cannot read: {error.strerror or error}")], None, ""
    if problems:
        first = problems[0]
        return _Reading(None, 0, (first.path, first.line, first.message), len(problems) - 1, status, digest)
    id_line = getattr(data, "key_lines", {}).get("id", 0)
    return _Reading(_plain(data), id_line, None, 0, status, digest)


def _plain(value: Any) -> Any:
    """The checked data as plain JSON-able values (the reader's own dict, list and str kinds)."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, str):
        return str(value)
    return value


def _update(connection: sqlite3.Connection, sources: Sources, base: str) -> None:
    """Bring the store up to date inside the caller's transaction."""
    stored = {
        path: (tuple(status), digest, data, id_line, problem, more)
        for path, *status, digest, data, id_line, problem, more in connection.execute(
            "SELECT path, size, mtime, inode, ctime, hash, data, id_line, problem, more FROM files"
            " WHERE bundled = 0"
        )
    }
    row = connection.execute("SELECT value FROM meta WHERE name = 'base'").fetchone()
    if row is None or row[0] != base:
        _rebuild(connection, sources, base, {}, full=True)
        return
    readings: dict[str, _Reading] = {}
    changed: list[str] = []
    for path in sources.user:
        name = str(path)
        now = _status(path)
        if name in stored and stored[name][0] == now:
            continue
        reading = _read(path)
        before = stored.get(name)
        if before is not None and before[1] and reading.hash == before[1]:
            # The same bytes (touched, or copied with its time kept): only the status is new.
            connection.execute(
                "UPDATE files SET size = ?, mtime = ?, inode = ?, ctime = ? WHERE path = ?",
                (*(reading.status or (None,) * 4), name),
            )
            continue
        readings[name] = reading
        changed.append(name)
    removed = set(stored) - {str(path) for path in sources.user}
    if not changed and not removed:
        return
    # Only the words of lists already read changed, not the films they name: rewrite those lists.
    if not removed and all(name in stored and _same_films(stored[name], readings[name]) for name in changed):
        for name in changed:
            _rewrite_words(connection, name, readings[name])
        return
    _rebuild(connection, sources, base, readings, full=False)


def _link_signature(data: dict[str, Any] | None) -> Any:
    """What linking reads of a list: its id, and each entry's title, year, original title, directors."""
    if data is None:
        return None
    return data["id"], [
        (raw["title"], raw["year"], raw.get("original_title") or "", raw.get("directors") or [])
        for raw in data["films"]
    ]


def _same_films(before: tuple[Any, ...], reading: _Reading) -> bool:
    """Whether a changed file still names the same films the same way (only its words changed)."""
    data_before = json.loads(before[2]) if before[2] else None
    return data_before is not None and _link_signature(data_before) == _link_signature(reading.data)


def _rewrite_words(connection: sqlite3.Connection, path: str, reading: _Reading) -> None:
    """A list whose words changed but not its films: its theme's text, its entries' and their search text."""
    from soviet_films.core.search import entry_text
    from soviet_films.core.text import fold

    assert reading.data is not None
    data = reading.data
    rowid, position = connection.execute(
        "SELECT rowid, position FROM themes WHERE source = ?", (path,)
    ).fetchone()
    intro = data.get("intro") or ""
    connection.execute(
        "UPDATE themes SET name = ?, intro = ?, folded_intro = ? WHERE rowid = ?",
        (data["name"], intro, fold(intro), rowid),
    )
    store = Store(connection)
    theme = store.theme_row(rowid)
    rows = connection.execute(
        "SELECT rowid, film_id FROM entries WHERE theme = ? ORDER BY rank", (rowid,)
    ).fetchall()
    films = store.films_by_id({film_id for _, film_id in rows})
    spellings = store.spellings_of({name for film in films.values() for name in film.directors})
    partial = Catalog((theme,), films, {}, spellings)
    for (entry_rowid, film_id), raw in zip(rows, data["films"], strict=True):
        description, fact = raw.get("description") or "", raw.get("fact") or ""
        before = entry_text(partial, films[film_id], theme, store.entry(entry_rowid))
        connection.execute(
            "UPDATE entries SET description = ?, fact = ? WHERE rowid = ?", (description, fact, entry_rowid)
        )
        after = entry_text(partial, films[film_id], theme, store.entry(entry_rowid))
        _forget_text(connection, entry_rowid, before)
        connection.execute("INSERT INTO entry_text (rowid, text) VALUES (?, ?)", (entry_rowid, after))
    _write_file_row(connection, path, position, False, reading)


def _forget_text(connection: sqlite3.Connection, rowid: int, text: str) -> None:
    """Take one entry's text out of the search index (a contentless index must be told the text)."""
    if Store(connection).searchable:
        connection.execute(
            "INSERT INTO entry_text (entry_text, rowid, text) VALUES ('delete', ?, ?)", (rowid, text)
        )
    else:
        connection.execute("DELETE FROM entry_text WHERE rowid = ?", (rowid,))


def _write_file_row(
    connection: sqlite3.Connection, path: str, position: int, bundled: bool, reading: _Reading
) -> None:
    connection.execute(
        "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            path, position, int(bundled), *(reading.status or (None,) * 4), reading.hash,
            json.dumps(reading.data, ensure_ascii=False) if reading.data is not None else None,
            reading.id_line, json.dumps(reading.problem) if reading.problem else None, reading.more,
            reading.data["id"] if reading.data is not None else None,
        ),
    )  # fmt: skip


def _stored_reading(row: tuple[Any, ...]) -> _Reading:
    status, digest, data, id_line, problem, more = row
    return _Reading(
        json.loads(data) if data else None,
        id_line or 0,
        tuple(json.loads(problem)) if problem else None,  # type: ignore[arg-type]
        more or 0,
        status,
        digest,
    )


def _rebuild(
    connection: sqlite3.Connection, sources: Sources, base: str, readings: dict[str, _Reading], full: bool
) -> None:
    """Relink the whole catalogue and rewrite it. A ``full`` rebuild reads every file; otherwise a
    user list is read only where ``readings`` (the files just read) and the store have no reading."""
    from soviet_films.store.records import load_records
    from soviet_films.store.sources import assemble_with_index

    stored = {} if full else {
        path: _stored_reading((tuple(status), digest, data, id_line, problem, more))
        for path, *status, digest, data, id_line, problem, more in connection.execute(
            "SELECT path, size, mtime, inode, ctime, hash, data, id_line, problem, more FROM files"
        )
    }  # fmt: skip
    # The bundled lists are unchanged unless this is a full rebuild (they are part of the base).
    bundled_readings = [stored.get(str(path)) or _read(path) for path in sources.bundled]
    user_readings = []
    for path in sources.user:
        name = str(path)
        reading = readings.get(name) or stored.get(name)
        user_readings.append(reading if reading is not None else _read(path))
    records = load_records(sources.records)
    catalog, index = assemble_with_index(
        records,
        [(str(path), _as_read(reading)) for path, reading in zip(sources.bundled, bundled_readings, strict=True)],
        [(str(path), _as_read(reading)) for path, reading in zip(sources.user, user_readings, strict=True)],
    )  # fmt: skip
    row = connection.execute("SELECT value FROM meta WHERE name = 'rebuilds'").fetchone()
    rebuilds = int(row[0]) + 1 if row else 1
    for table in (*_CATALOGUE_TABLES, "files", "meta"):
        if table == "entry_text" and Store(connection).searchable:
            connection.execute("INSERT INTO entry_text (entry_text) VALUES ('delete-all')")
        else:
            connection.execute(f"DELETE FROM {table}")
    connection.execute("PRAGMA cache_size = -65536")  # 64 MiB while the rows go in
    for position, (path, reading) in enumerate(zip(sources.bundled, bundled_readings, strict=True)):
        _write_file_row(connection, str(path), position, True, reading)
    for position, (path, reading) in enumerate(zip(sources.user, user_readings, strict=True)):
        _write_file_row(connection, str(path), position, False, reading)
    _write_catalog(connection, catalog)
    _write_linking(connection, records, index, user_readings, catalog)
    _write_skipped(connection, list(catalog.skipped))
    connection.execute("INSERT INTO meta VALUES ('base', ?)", (base,))
    connection.execute("INSERT INTO meta VALUES ('rebuilds', ?)", (str(rebuilds),))  # for tests to count


def _write_skipped(connection: sqlite3.Connection, skipped: list[SkippedFile]) -> None:
    connection.execute(
        "INSERT OR REPLACE INTO meta VALUES ('skipped', ?)", (json.dumps([list(each) for each in skipped]),)
    )


def _as_read(reading: _Reading) -> tuple[Any, list[Any]]:
    """A stored reading as ``store.list_files.read_list`` gives one: (data, problems)."""
    from soviet_films.errors import Problem
    from soviet_films.store.yamlsafe import Mapping

    if reading.data is None:
        path, line, message = reading.problem or ("", 0, "")
        return {}, [Problem(path, line, message)] + [Problem(path, line, message)] * reading.more
    data = Mapping(reading.data)
    data.key_lines = {"id": reading.id_line}
    return data, []


def _texts(values: Sequence[str]) -> str:
    return json.dumps(list(values), ensure_ascii=False) if values else ""


def _theme_places(catalog: Catalog) -> list[str]:
    """Each theme's place, as text that sorts in catalogue order and stays put when a user list is
    added or removed: the bundled lists (and the user lists that replace them) by their order, the
    user's other lists by file name, as the lists folder is read."""
    places, bundled_area = [], True
    for number, theme in enumerate(catalog.themes):
        bundled_area = bundled_area and (theme.bundled or theme.replaces_bundled)
        places.append(f"0{number:06d}" if bundled_area else _user_place(theme.source))
    return places


def _user_place(source: str) -> str:
    return "1" + Path(source).name


def _film_row(film: Film, first: tuple[str, int]) -> tuple[Any, ...]:
    return (film.id, film.title, film.year, film.original_title, film.transliteration, _texts(film.other_titles),
            _texts(film.directors), film.studio, film.released, film.imdb, film.note, int(not film.is_film),
            int(film.recorded), *first)  # fmt: skip


def _entry_rows(
    catalog: Catalog, theme: Theme, theme_rowid: int, first_rowid: int
) -> tuple[list[tuple[Any, ...]], list[tuple[int, str]]]:
    """The rows of a theme's entries (numbered from ``first_rowid``) and of their search text."""
    from soviet_films.core.search import entry_text

    entry_rows, text_rows = [], []
    for rowid, entry in enumerate(theme.entries, start=first_rowid):
        correction = entry.correction
        entry_rows.append(
            (rowid, theme_rowid, entry.rank, entry.title, entry.year, entry.description, entry.fact, entry.film_id,
             correction.verdict if correction else None, correction.text if correction else None)
        )  # fmt: skip
        text_rows.append((rowid, entry_text(catalog, catalog.films[entry.film_id], theme, entry)))
    return entry_rows, text_rows


def _write_catalog(connection: sqlite3.Connection, catalog: Catalog) -> None:
    """Every row of the compiled catalogue."""
    from soviet_films.core.resolve import director_names
    from soviet_films.core.text import fold

    firsts: dict[str, tuple[str, int]] = {}
    entry_rows, text_rows = [], []
    for number, (theme, place) in enumerate(
        zip(catalog.themes, _theme_places(catalog), strict=True), start=1
    ):
        connection.execute(
            "INSERT INTO themes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (number, theme.id, theme.name, theme.intro, fold(theme.intro), theme.source,
             int(theme.bundled), int(theme.replaces_bundled), len(theme.entries), place),
        )  # fmt: skip
        for entry in theme.entries:
            firsts.setdefault(entry.film_id, (place, entry.rank))
        entries, texts = _entry_rows(catalog, theme, number, len(entry_rows) + 1)
        entry_rows += entries
        text_rows += texts
    connection.executemany("INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", entry_rows)
    connection.executemany("INSERT INTO entry_text (rowid, text) VALUES (?, ?)", text_rows)
    films = catalog.films.values()
    connection.executemany(
        "INSERT INTO films VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (_film_row(film, firsts[film.id]) for film in films),
    )
    _index_films(connection, films)
    with_films = set(director_names(catalog))
    names = with_films | set(catalog.director_spellings)
    connection.executemany(
        "INSERT INTO directors VALUES (?, ?, ?)",
        ((name, _texts(catalog.director_spellings.get(name, ())), int(name in with_films)) for name in names),
    )
    _index_directors(connection, with_films, catalog.director_spellings)


def _index_films(connection: sqlite3.Connection, films: Iterable[Film]) -> None:
    """The words films are known by, and their directors."""
    from soviet_films.core.resolve import film_keys

    films = list(films)
    connection.executemany(
        "INSERT OR IGNORE INTO film_words VALUES (?, ?)",
        ((word, film.id) for film in films for key in film_keys(film) for word in key.split()),
    )
    connection.executemany(
        "INSERT OR IGNORE INTO film_directors VALUES (?, ?)",
        ((name, film.id) for film in films for name in film.directors),
    )


def _index_directors(connection: sqlite3.Connection, names: Iterable[str], spellings: Any) -> None:
    """The words of every spelling of these directors (of films), and their surnames, casefolded."""
    from soviet_films.core.text import fold

    names = list(names)
    connection.executemany(
        "INSERT OR IGNORE INTO director_words VALUES (?, ?)",
        (
            (word, name)
            for name in names
            for spelling in (name, *spellings.get(name, ()))
            for word in fold(spelling).split()
        ),
    )
    connection.executemany(
        "INSERT OR IGNORE INTO director_surnames VALUES (?, ?)",
        (
            (spelling.split()[-1].casefold(), name)
            for name in names
            for spelling in (name, *spellings.get(name, ()))
            if spelling.split()
        ),
    )


def _write_linking(
    connection: sqlite3.Connection, records: Any, index: Any, readings: list[_Reading], catalog: Catalog
) -> None:
    """What linking knew at the end (see the tables' comment)."""
    connection.executemany(
        "INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (_film_row(film, ("", 0))[:13] for film in records.films),
    )
    connection.executemany(
        "INSERT INTO corrections VALUES (?, ?, ?, ?)",
        ((theme_id, film_id, c.verdict, c.text) for (theme_id, film_id), c in records.corrections.items()),
    )
    named = set(records.director_spellings) | {name for film in records.films for name in film.directors}
    connection.executemany("INSERT INTO record_directors VALUES (?)", ((name,) for name in named))
    connection.executemany(
        "INSERT INTO link_films VALUES (?, ?)",
        ((film.id, int(film.recorded)) for film in index.films.values()),
    )
    connection.executemany("INSERT INTO link_names VALUES (?, ?)", index.names())
    connection.executemany("INSERT INTO link_surnames VALUES (?, ?)", index.surnames().items())


# ---------------------------------------------------------------- reading


_FILM_COLUMNS = (
    "id, title, year, original_title, transliteration, other_titles, directors, studio, released, imdb,"
    " note, not_film, recorded, first_position, first_rank"
)
_ENTRY_COLUMNS = "rowid, theme, rank, title, year, description, fact, film_id, verdict, correction"


def _film(row: Sequence[Any]) -> Film:
    return Film(
        row[0], row[1], row[2], row[3] or "", row[4] or "",
        tuple(json.loads(row[5])) if row[5] else (), tuple(json.loads(row[6])) if row[6] else (),
        row[7] or "", row[8] or "", row[9] or "", row[10] or "", not row[11], bool(row[12]),
    )  # fmt: skip


def _chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    values = list(values)
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _entry(theme_id: str, row: Sequence[Any]) -> ListEntry:
    correction = Correction(row[8], row[9]) if row[8] is not None else None
    return ListEntry(theme_id, row[2], row[3], row[4], row[5], row[6], row[7], correction)


def _entries_of(connection: sqlite3.Connection, theme_rowid: int, theme_id: str) -> list[ListEntry]:
    rows = connection.execute(
        f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE theme = ? ORDER BY rank", (theme_rowid,)
    )
    return [_entry(theme_id, row) for row in rows]


class StoredEntries(Sequence[ListEntry]):
    """A theme's entries, read from the store on first use (its length is known without them)."""

    # It holds the connection, not the Store (which holds it): no cycle, so the connection and its
    # read snapshot close as soon as nothing read from them is left.
    def __init__(self, connection: sqlite3.Connection, theme_rowid: int, theme_id: str, count: int) -> None:
        self._connection, self._rowid, self._theme_id, self._count = connection, theme_rowid, theme_id, count
        self._entries: tuple[ListEntry, ...] | None = None

    def _all(self) -> tuple[ListEntry, ...]:
        if self._entries is None:
            self._entries = tuple(_entries_of(self._connection, self._rowid, self._theme_id))
        return self._entries

    def __getitem__(self, index: Any) -> Any:
        return self._all()[index]

    def __iter__(self) -> Iterator[ListEntry]:
        return iter(self._all())

    def __len__(self) -> int:
        return self._count


class Store:
    """The store, open in one read snapshot: queries that give model objects, each reading only the
    rows its question needs."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self._themes: dict[int, Theme] | None = None
        self.searchable = bool(
            connection.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'entry_text' AND sql LIKE '%fts5%'"
            ).fetchone()
        )

    def close(self) -> None:
        """End the read snapshot and close the database."""
        with contextlib.suppress(sqlite3.Error):
            self.connection.close()

    # -- themes and entries

    def themes(self) -> dict[int, Theme]:
        """Every theme by its row, in catalogue order; entries are read when first used."""
        if self._themes is None:
            self._themes = {}
            rows = self.connection.execute(
                "SELECT rowid, id, name, intro, source, bundled, replaces, count"
                " FROM themes ORDER BY position"
            )
            for rowid, theme_id, name, intro, source, bundled, replaces, count in rows:
                entries = StoredEntries(self.connection, rowid, theme_id, count)
                self._themes[rowid] = Theme(
                    theme_id, name, intro, entries, source, bool(bundled), bool(replaces)
                )
        return self._themes

    def theme_row(self, rowid: int) -> Theme:
        """One theme by its row, read afresh."""
        theme_id, name, intro, source, bundled, replaces, count = self.connection.execute(
            "SELECT id, name, intro, source, bundled, replaces, count FROM themes WHERE rowid = ?", (rowid,)
        ).fetchone()
        entries = StoredEntries(self.connection, rowid, theme_id, count)
        return Theme(theme_id, name, intro, entries, source, bool(bundled), bool(replaces))

    def theme_positions(self) -> dict[int, int]:
        """Each theme's row -> its place in catalogue order."""
        return {
            rowid: position
            for rowid, position in self.connection.execute("SELECT rowid, position FROM themes")
        }

    def folded_intros(self) -> list[tuple[int, str]]:
        """(theme row, folded intro) of every theme with an intro."""
        return self.connection.execute(
            "SELECT rowid, folded_intro FROM themes WHERE folded_intro != ''"
        ).fetchall()

    def entries_of(self, theme_rowid: int, theme_id: str) -> list[ListEntry]:
        """A theme's entries in list order."""
        return _entries_of(self.connection, theme_rowid, theme_id)

    def every_entry(self) -> dict[int, tuple[ListEntry, ...]]:
        """Theme row -> its entries in list order, for every theme."""
        ids = {rowid: theme.id for rowid, theme in self.themes().items()}
        found: dict[int, list[ListEntry]] = {}
        for row in self.connection.execute(f"SELECT {_ENTRY_COLUMNS} FROM entries ORDER BY theme, rank"):
            found.setdefault(row[1], []).append(_entry(ids[row[1]], row))
        return {rowid: tuple(entries) for rowid, entries in found.items()}

    def entry(self, rowid: int) -> ListEntry:
        """One entry by its row."""
        row = self.connection.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE rowid = ?", (rowid,)
        ).fetchone()
        (theme_id,) = self.connection.execute("SELECT id FROM themes WHERE rowid = ?", (row[1],)).fetchone()
        return _entry(theme_id, row)

    def entries_by_rowid(self, rowids: Iterable[int]) -> list[tuple[int, ListEntry]]:
        """(theme row, entry) for these entry rows, in catalogue order."""
        themes, positions = self.themes(), self.theme_positions()
        found = []
        for chunk in _chunks(rowids):
            marks = ",".join("?" * len(chunk))
            for row in self.connection.execute(
                f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE rowid IN ({marks})", chunk
            ):
                found.append((row[1], _entry(themes[row[1]].id, row)))
        found.sort(key=lambda pair: (positions[pair[0]], pair[1].rank))
        return found

    def entry_rowids_of_themes(self, theme_rowids: Iterable[int]) -> set[int]:
        """The rows of every entry of these themes."""
        found: set[int] = set()
        for chunk in _chunks(theme_rowids):
            marks = ",".join("?" * len(chunk))
            found.update(
                r
                for (r,) in self.connection.execute(
                    f"SELECT rowid FROM entries WHERE theme IN ({marks})", chunk
                )
            )
        return found

    # -- films

    def _films_where(self, where: str, parameters: Sequence[Any] = ()) -> dict[str, Film]:
        rows = self.connection.execute(
            f"SELECT {_FILM_COLUMNS} FROM films WHERE {where} ORDER BY first_position, first_rank", parameters
        )
        return {row[0]: _film(row) for row in rows}

    def films_by_id(self, film_ids: Iterable[str]) -> dict[str, Film]:
        """These films, in catalogue order (ids the store does not hold are left out)."""
        rows = []
        for chunk in _chunks(film_ids):
            marks = ",".join("?" * len(chunk))
            rows += self.connection.execute(
                f"SELECT {_FILM_COLUMNS} FROM films WHERE id IN ({marks})", chunk
            ).fetchall()
        rows.sort(key=lambda row: (row[13], row[14]))
        return {row[0]: _film(row) for row in rows}

    def all_films(self) -> dict[str, Film]:
        """Every film, in catalogue order."""
        return self._films_where("1")

    def films_in_years(self, first: int, last: int) -> dict[str, Film]:
        """The films of these years, in catalogue order."""
        return self._films_where("year BETWEEN ? AND ?", (first, last))

    def films_with_id_prefix(self, prefix: str) -> dict[str, Film]:
        """The films whose id starts with ``prefix``, in catalogue order."""
        return self._films_where("id >= ? AND id < ?", (prefix, prefix + "\U0010ffff"))

    def films_with_words(self, words: list[str]) -> set[str]:
        """Ids of the films known by keys that hold every one of ``words`` (among them)."""
        found: set[str] | None = None
        for word in dict.fromkeys(words):
            ids = {film_id for (film_id,) in self.connection.execute(
                "SELECT film_id FROM film_words WHERE word = ?", (word,))}  # fmt: skip
            found = ids if found is None else found & ids
            if not found:
                return set()
        return found or set()

    def films_by_directors(self, names: Iterable[str]) -> set[str]:
        """Ids of the films made by any of these directors."""
        found: set[str] = set()
        for name in names:
            found.update(
                f
                for (f,) in self.connection.execute(
                    "SELECT film_id FROM film_directors WHERE name = ?", (name,)
                )
            )
        return found

    def film_themes(self, film_ids: Iterable[str], every: bool = False) -> dict[str, tuple[str, ...]]:
        """Film id -> the ids of the themes naming it, in theme order (``every``: for every film)."""
        themes = self.themes()
        positions = self.theme_positions()
        found: dict[str, set[int]] = {}
        if every:
            rows: Iterable[tuple[str, int]] = self.connection.execute(
                "SELECT DISTINCT film_id, theme FROM entries"
            )
            for film_id, theme in rows:
                found.setdefault(film_id, set()).add(theme)
        else:
            for chunk in _chunks(film_ids):
                marks = ",".join("?" * len(chunk))
                for film_id, theme in self.connection.execute(
                    f"SELECT DISTINCT film_id, theme FROM entries WHERE film_id IN ({marks})", chunk
                ):
                    found.setdefault(film_id, set()).add(theme)
        return {
            film_id: tuple(themes[rowid].id for rowid in sorted(rowids, key=positions.__getitem__))
            for film_id, rowids in found.items()
        }

    def theme_rowids_of(self, film_ids: Iterable[str]) -> set[int]:
        """The rows of the themes naming any of these films."""
        found: set[int] = set()
        for chunk in _chunks(film_ids):
            marks = ",".join("?" * len(chunk))
            found.update(
                t
                for (t,) in self.connection.execute(
                    f"SELECT theme FROM entries WHERE film_id IN ({marks})", chunk
                )
            )
        return found

    # -- directors

    def spellings_of(self, names: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """Director -> the other spellings the records and lists know, for these directors."""
        found = {}
        for chunk in _chunks(set(names)):
            marks = ",".join("?" * len(chunk))
            for name, spellings in self.connection.execute(
                f"SELECT name, spellings FROM directors WHERE name IN ({marks})", chunk
            ):
                found[name] = tuple(json.loads(spellings)) if spellings else ()
        return found

    def directors_with_words(self, words: list[str]) -> set[str]:
        """Directors of films, with a spelling that holds every one of ``words``."""
        found: set[str] | None = None
        for word in dict.fromkeys(words):
            names = {
                n
                for (n,) in self.connection.execute("SELECT name FROM director_words WHERE word = ?", (word,))
            }
            found = names if found is None else found & names
            if not found:
                return set()
        return found or set()

    def directors_with_surname_prefix(self, prefix: str) -> set[str]:
        """Directors of films with a spelling whose surname, casefolded, starts with ``prefix``."""
        rows = self.connection.execute(
            "SELECT name FROM director_surnames WHERE surname >= ? AND surname < ?",
            (prefix, prefix + "\U0010ffff"),
        )
        return {name for (name,) in rows}

    def all_directors(self) -> set[str]:
        """Every director of a film in the catalogue."""
        return {name for (name,) in self.connection.execute("SELECT name FROM directors WHERE has_films")}

    def all_spellings(self) -> dict[str, tuple[str, ...]]:
        """Every director's other spellings."""
        return {
            name: tuple(json.loads(spellings)) if spellings else ()
            for name, spellings in self.connection.execute("SELECT name, spellings FROM directors")
            if spellings
        }

    def skipped(self) -> list[SkippedFile]:
        """The user's list files left out (broken, or with an id another has), in reading order."""
        row = self.connection.execute("SELECT value FROM meta WHERE name = 'skipped'").fetchone()
        return [SkippedFile(*fields) for fields in json.loads(row[0])] if row else []

    # -- search

    def entries_matching(self, term: str) -> set[int] | None:
        """Rows of the entries whose own text may hold ``term`` at a word start (a superset: the
        rules are applied after); None when the index cannot narrow it (no words in the term)."""
        tokens = re.findall(r"[^\W_]+", term)
        if not tokens:
            return None
        if self.searchable:
            query = '"' + " ".join(tokens) + '"*'
            rows = self.connection.execute("SELECT rowid FROM entry_text WHERE entry_text MATCH ?", (query,))
        else:
            rows = self.connection.execute("SELECT rowid FROM entry_text WHERE instr(text, ?)", (term,))
        return {rowid for (rowid,) in rows}
