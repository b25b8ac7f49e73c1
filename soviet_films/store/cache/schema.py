"""The cache's tables, and opening it: created when missing, checked before it is trusted, deleted and
rebuilt when it is not a cache sfilms can use (corrupt, truncated, foreign, another format, damaged
rows), never followed through a link or a special file."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from soviet_films import __version__
from soviet_films.store.files import follow_umask

FORMAT = 4
APPLICATION_ID = 0x73666374  # "sfct"
# How long a process waits for another that is updating the cache before reading the files itself.
BUSY_SECONDS = 20.0

TABLES = (
    "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    # One row per list file: its status, the hash of its bytes, and what reading it gave: the checked
    # data as JSON and the line of its id, or its first problem (as JSON) and how many more.
    """CREATE TABLE files (
        path TEXT PRIMARY KEY, position INTEGER NOT NULL, bundled INTEGER NOT NULL,
        size INTEGER, mtime INTEGER, inode INTEGER, ctime INTEGER, hash TEXT NOT NULL,
        data TEXT, id_line INTEGER NOT NULL, problem TEXT, more INTEGER NOT NULL, theme_id TEXT
    )""",
    """CREATE TABLE themes (
        rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, name TEXT NOT NULL, intro TEXT NOT NULL,
        source TEXT NOT NULL UNIQUE, bundled INTEGER NOT NULL, replaces INTEGER NOT NULL,
        count INTEGER NOT NULL, place TEXT NOT NULL, hash TEXT NOT NULL
    )""",
    "CREATE INDEX themes_in_order ON themes (place)",
    # Every word of a theme's folded id and name (resolving a typed theme).
    "CREATE TABLE theme_words (word TEXT, theme INTEGER, PRIMARY KEY (word, theme)) WITHOUT ROWID",
    # Each entry as its list gives it (directors as given, joined by the separator of rows.py).
    """CREATE TABLE entries (
        rowid INTEGER PRIMARY KEY, theme INTEGER NOT NULL, rank INTEGER NOT NULL, title TEXT NOT NULL,
        year INTEGER NOT NULL, original_title TEXT NOT NULL, directors TEXT NOT NULL,
        description TEXT NOT NULL, fact TEXT NOT NULL, film_id TEXT NOT NULL, place TEXT NOT NULL
    )""",
    "CREATE INDEX entries_by_theme ON entries (theme, rank)",
    "CREATE INDEX entries_by_film ON entries (film_id)",
    # The keys each entry is linked by (core.identity.link_keys), and the names it gives directors by
    # surname key (core.identity.surname_key): what a change is linked and named together with.
    "CREATE TABLE entry_keys (key TEXT, entry INTEGER, PRIMARY KEY (key, entry)) WITHOUT ROWID",
    "CREATE INDEX entry_keys_by_entry ON entry_keys (entry)",
    "CREATE TABLE given_names (surname TEXT, name TEXT, entry INTEGER, PRIMARY KEY (surname, name, entry))"
    " WITHOUT ROWID",
    "CREATE INDEX given_names_by_entry ON given_names (entry)",
    # The films, with the directors as the lists give them (``given``) and as shown (``directors``).
    """CREATE TABLE films (
        id TEXT PRIMARY KEY, title TEXT NOT NULL, year INTEGER NOT NULL, original_title TEXT NOT NULL,
        transliteration TEXT NOT NULL, other_titles TEXT NOT NULL, directors TEXT NOT NULL,
        studio TEXT NOT NULL, released TEXT NOT NULL, imdb TEXT NOT NULL, note TEXT NOT NULL,
        is_film INTEGER NOT NULL, recorded INTEGER NOT NULL, runtime INTEGER, wikidata TEXT NOT NULL,
        tmdb TEXT NOT NULL, record TEXT NOT NULL, given TEXT NOT NULL,
        first_place TEXT NOT NULL, first_rank INTEGER NOT NULL
    ) WITHOUT ROWID""",
    "CREATE INDEX films_by_year ON films (year)",
    "CREATE INDEX films_with_record ON films (record) WHERE record != ''",
    "CREATE INDEX films_in_order ON films (first_place, first_rank)",
    # Every word of every title a film is known by (resolving a typed title, narrowing a search).
    "CREATE TABLE film_words (word TEXT, film_id TEXT, PRIMARY KEY (word, film_id)) WITHOUT ROWID",
    "CREATE INDEX film_words_by_film ON film_words (film_id)",
    "CREATE TABLE film_directors (name TEXT, film_id TEXT, PRIMARY KEY (name, film_id)) WITHOUT ROWID",
    "CREATE INDEX film_directors_by_film ON film_directors (film_id)",
    # Directors as shown, with their other spellings, the surname keys they are named by (for bringing
    # one surname's naming up to date), every word of every spelling and every surname (completion).
    """CREATE TABLE directors (
        name TEXT PRIMARY KEY, spellings TEXT NOT NULL, has_films INTEGER NOT NULL
    ) WITHOUT ROWID""",
    "CREATE TABLE director_keys (surname TEXT, name TEXT, PRIMARY KEY (surname, name)) WITHOUT ROWID",
    "CREATE INDEX director_keys_by_name ON director_keys (name)",
    "CREATE TABLE director_words (word TEXT, name TEXT, PRIMARY KEY (word, name)) WITHOUT ROWID",
    "CREATE INDEX director_words_by_name ON director_words (name)",
    "CREATE TABLE director_surnames (surname TEXT, name TEXT, PRIMARY KEY (surname, name)) WITHOUT ROWID",
    "CREATE INDEX director_surnames_by_name ON director_surnames (name)",
    # The records, as films, and the keys they are linked by; the editors' corrections.
    """CREATE TABLE records (
        id TEXT PRIMARY KEY, title TEXT NOT NULL, year INTEGER NOT NULL, original_title TEXT NOT NULL,
        transliteration TEXT NOT NULL, other_titles TEXT NOT NULL, directors TEXT NOT NULL,
        studio TEXT NOT NULL, released TEXT NOT NULL, imdb TEXT NOT NULL, note TEXT NOT NULL,
        is_film INTEGER NOT NULL, recorded INTEGER NOT NULL, runtime INTEGER, wikidata TEXT NOT NULL,
        tmdb TEXT NOT NULL, record TEXT NOT NULL
    ) WITHOUT ROWID""",
    "CREATE TABLE record_keys (key TEXT, record TEXT, PRIMARY KEY (key, record)) WITHOUT ROWID",
    """CREATE TABLE corrections (
        theme_id TEXT, film_id TEXT, verdict TEXT NOT NULL, text TEXT NOT NULL,
        PRIMARY KEY (theme_id, film_id)
    ) WITHOUT ROWID""",
)
# Contentless full-text indexes: the index alone; its text is made again from the row to delete it.
_FTS = (
    "CREATE VIRTUAL TABLE {name} USING fts5(text, content = '', tokenize = 'unicode61 remove_diacritics 0')"
)
_SCAN = "CREATE TABLE {name} (rowid INTEGER PRIMARY KEY, text TEXT NOT NULL)"
# An entry's own words (title, description, fact), and a theme's intro.
TEXT_TABLES = ("entry_text", "intro_text")
# What a cache must hold to be trusted, with the columns read by name.
EXPECTED = {statement.split()[2] for statement in TABLES if statement.startswith("CREATE TABLE")}


class Unusable(Exception):
    """The cache cannot be used here (the folder cannot be written, a lock held too long)."""


class Sources(NamedTuple):
    """The files the catalogue is read from: the records, the bundled lists, the user's lists."""

    records: Path
    bundled: list[Path]
    user: list[Path]


def cache_file(folder: Path, sources: Sources) -> Path:
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


def file_status(path: Path | str) -> tuple[int, int, int, int] | None:
    """A file's size, modification time, inode and change time (None: it cannot be looked at)."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns, found.st_ino, found.st_ctime_ns


def base_key(sources: Sources) -> str:
    """What a change of rebuilds everything: the version, the format, the identity rule's edition,
    the records and bundled files."""
    from soviet_films.core.identity import RULES

    return repr(
        [
            __version__,
            FORMAT,
            RULES,
            [[str(path), file_status(path)] for path in [sources.records, *sources.bundled]],
        ]
    )


def statuses_text(pairs: list[tuple[str, object]]) -> str:
    """Every user list's path and status as one text, compared in one read."""
    return "\n".join(f"{name}\0{status}" for name, status in pairs)


def is_fresh(connection: sqlite3.Connection, sources: Sources) -> bool:
    """Whether the cache holds the catalogue of exactly these files as they are now: the base, and every
    user list's status as one text (one row to read, however many lists there are)."""
    stored = dict(connection.execute("SELECT name, value FROM meta WHERE name IN ('base', 'statuses')"))
    return stored.get("base") == base_key(sources) and stored.get("statuses") == statuses_text(
        [(name, file_status(name)) for name in map(os.fspath, sources.user)]
    )


class Damaged(Exception):
    """The file is a database, but not a cache of ours that can be trusted."""


def open_connection(
    folder: Path, sources: Sources, bring_up_to_date: Callable[[sqlite3.Connection, Sources], None]
) -> sqlite3.Connection:
    """The cache for these sources, brought up to date (by ``bring_up_to_date``, called only when it is
    stale) and open for reading in one snapshot.

    Raises Unusable where it cannot be used (the caller reads the files instead), and the files' own
    errors (FileProblems for a broken bundled list or records file).
    """
    path = cache_file(folder, sources)
    for attempt in range(2):
        try:
            connection = _connect(path)
            try:
                if not is_fresh(connection, sources):
                    bring_up_to_date(connection, sources)
                connection.execute("BEGIN")
                _check(connection)  # the snapshot starts here
                return connection
            except BaseException:
                connection.close()
                raise
        except (Damaged, sqlite3.DatabaseError, UnicodeDecodeError) as error:  # a text cell not UTF-8: damage
            if isinstance(error, sqlite3.OperationalError) and not _is_damage(error):
                raise Unusable(f"{path}: {error}") from None
            if attempt:
                raise Unusable(f"{path}: {error or 'not a catalogue after rebuilding it'}") from None
            _remove(path)  # a cache: deleted and built again
    raise Unusable(str(path))  # not reached


def _is_damage(error: sqlite3.Error) -> bool:
    text = str(error).lower()
    words = ("malformed", "not a database", "corrupt", "no such table", "no such column", "has no column",
             "constraint", "datatype mismatch")  # fmt: skip
    return any(word in text for word in words)


# The rows the cache counts when it is written, and checks before it is trusted.
COUNTED = ("films", "entries", "themes")
COUNTS = "SELECT (SELECT count(*) FROM films), (SELECT count(*) FROM entries), (SELECT count(*) FROM themes)"


def _check(connection: sqlite3.Connection) -> None:
    """The cheap checks before the cache is trusted: its tables, and the counts it recorded."""
    tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables >= EXPECTED or not set(TEXT_TABLES) <= tables:
        raise Damaged("tables are missing")
    recorded = dict(
        connection.execute("SELECT name, value FROM meta WHERE name IN ('films', 'entries', 'themes')")
    )
    counted = connection.execute(COUNTS).fetchone()
    if tuple(recorded.get(name) for name in COUNTED) != tuple(map(str, counted)):
        raise Damaged("its rows are not the ones it recorded")


def _connect(path: Path) -> sqlite3.Connection:
    """Open (or create) the database, refusing to follow anything but a regular file."""
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        found = None
    except OSError as error:
        raise Unusable(f"{path}: {error}") from None
    fresh = found is None or not stat.S_ISREG(found.st_mode)
    if found is not None and fresh:
        _remove(path)  # a link, a FIFO or a device where our cache should be: ours to replace
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
        if fresh:
            follow_umask(path)
    except (OSError, sqlite3.Error) as error:
        raise Unusable(f"{path}: {error}") from None
    try:
        application_id, version, tables = connection.execute(
            "SELECT a.application_id, v.user_version, (SELECT count(*) FROM sqlite_master)"
            " FROM pragma_application_id AS a, pragma_user_version AS v"
        ).fetchone()
        if (application_id, version) != (APPLICATION_ID, FORMAT):
            if application_id or version or tables:
                raise Damaged("not this format")
            _create(connection)
            _remove_old_caches(path.parent)
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
        for statement in TABLES:
            connection.execute(statement)
        text_table = _FTS if fts5_available() else _SCAN
        for name in TEXT_TABLES:
            connection.execute(text_table.format(name=name))
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute(f"PRAGMA user_version = {FORMAT}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def _remove_old_caches(folder: Path) -> None:
    """The JSON catalogues and search indexes sfilms kept before this cache: stale."""
    for pattern in ("catalog-*.json", "catalog-*.search"):
        for old in folder.glob(pattern):
            with contextlib.suppress(OSError):
                old.unlink()


def discard(connection: sqlite3.Connection) -> None:
    """Close a cache found damaged while answering, and delete it: the next run builds it again."""
    try:
        rows = connection.execute("PRAGMA database_list").fetchall()
    except sqlite3.Error:  # closed already: discarded by another reader of it
        return
    connection.close()
    for _, name, file in rows:
        if name == "main" and file:
            with contextlib.suppress(Unusable):
                _remove(Path(file))


def _remove(path: Path) -> None:
    """Delete a database file that is not ours to read, with its journal files."""
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        try:
            name.unlink()
        except FileNotFoundError:
            pass
        except OSError as error:
            raise Unusable(f"{name}: {error}") from None


def searchable(connection: sqlite3.Connection) -> bool:
    """Whether the text tables are FTS5 full-text indexes (else plain tables scanned with instr)."""
    row = connection.execute("SELECT sql FROM sqlite_master WHERE name = 'entry_text'").fetchone()
    return bool(row and "fts5" in row[0])
