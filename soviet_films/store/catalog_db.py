"""The compiled catalogue: a SQLite database in the cache folder, indexed for how the commands look
things up, so a command reads the rows its answer needs and no more.

- The list files are the source of truth; this is only a cache. Deleting it loses nothing, and
  where it cannot be used (a read-only or missing cache folder, a lock held too long) sfilms reads
  the files instead (``store.catalog``), slower.
- It is kept up to date file by file. Each list file's row holds its path, size, modification time,
  inode, change time and content hash, and what reading it gave: a file whose status changed but
  whose bytes did not (``touch``) only updates that row; a changed, added or removed file is read (it
  alone) and, where nothing it names could link otherwise, linked alone and its rows rewritten
  (``_relink_alone``); otherwise the catalogue is relinked from the stored readings. The records, the
  bundled lists or the sfilms version changing rebuilds it all.
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
    # Every word of a theme's folded id and name (resolving a typed theme).
    "CREATE TABLE theme_words (word TEXT, theme INTEGER, PRIMARY KEY (word, theme)) WITHOUT ROWID",
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
# The themes' folded intros, searched as the entries are (an intro's words count for its entries).
_FTS_INTROS = (
    "CREATE VIRTUAL TABLE intro_text"
    " USING fts5(text, content = '', tokenize = 'unicode61 remove_diacritics 0')"
)
_SCAN_INTROS = "CREATE TABLE intro_text (rowid INTEGER PRIMARY KEY, text TEXT NOT NULL)"
_CATALOGUE_TABLES = (
    "themes",
    "theme_words",
    "intro_text",
    "films",
    "entries",
    "film_words",
    "directors",
    "director_words",
    "director_surnames",
    "film_directors",
    "entry_text",
    "records",
    "corrections",
    "record_directors",
    "link_films",
    "link_names",
    "link_surnames",
)


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


def _status(path: Path | str) -> tuple[int, int, int, int] | None:
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
    return any(
        word in text
        for word in (
            "malformed",
            "not a database",
            "corrupt",
            "no such table",
            "no such column",
            "has no column",
        )
    )


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
        searchable = fts5_available()
        connection.execute(_FTS_TABLE if searchable else _SCAN_TABLE)
        connection.execute(_FTS_INTROS if searchable else _SCAN_INTROS)
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
    """Whether the store was built from exactly these files as they are now: the base, and every
    user list's status as one text (one row to read, however many lists there are)."""
    stored = dict(connection.execute("SELECT name, value FROM meta WHERE name IN ('base', 'statuses')"))
    return stored.get("base") == base and stored.get("statuses") == _statuses(
        (name, _status(name)) for name in map(os.fspath, sources.user)
    )


def _statuses(pairs: Iterable[tuple[str, Any]]) -> str:
    return "\n".join(f"{name}\0{status}" for name, status in pairs)


def _keep_statuses(connection: sqlite3.Connection, sources: Sources) -> None:
    """The statuses of the files as the store holds them now, for ``_is_fresh`` to compare."""
    stored = _stored_status(connection)
    text = _statuses((name, stored.get(name)) for name in map(os.fspath, sources.user))
    connection.execute("INSERT OR REPLACE INTO meta VALUES ('statuses', ?)", (text,))


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
            _keep_statuses(connection, sources)
        connection.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            connection.execute("ROLLBACK")
        raise
    # After a large change, the pages go into the database and the write-ahead log is emptied:
    # reading through a log of tens of thousands of pages made every later search twice as slow.
    # (Where another process still reads, this does what it can and leaves the rest for later.)
    (pages,) = connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[1:2]
    if pages > _LARGE_LOG:
        # Without waiting: a process still reading an older state keeps the log until it is done.
        connection.execute("PRAGMA busy_timeout = 0")
        with contextlib.suppress(sqlite3.Error):
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")


# Pages in the write-ahead log past which a change is checkpointed and the log truncated at once.
_LARGE_LOG = 4096


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


# Reading this many list files pays for starting processes to read them on every core.
_MANY_FILES = 200


def _read_many(paths: list[Path]) -> list[_Reading]:
    """``_read`` of every file, shared among processes on several cores when there are many (a build
    from nothing); read here, one by one, where that cannot be done."""
    workers = min(os.cpu_count() or 1, 4)
    if len(paths) < _MANY_FILES or workers < 2:
        return [_read(path) for path in paths]
    import pickle
    import subprocess
    import sys

    shares = [paths[start::workers] for start in range(workers)]
    # Isolated (-I): the folder sfilms runs in is not on its path, nor PYTHON* variables in its way.
    command = [
        sys.executable,
        "-I",
        "-c",
        "from soviet_films.store.catalog_db import serve_readings; serve_readings()",
    ]
    processes: list[subprocess.Popen[bytes]] = []
    try:
        for share in shares:
            process = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
            )
            processes.append(process)
            assert process.stdin is not None
            process.stdin.write(pickle.dumps([str(path) for path in share]))
            process.stdin.close()
        answers = []
        for process in processes:
            assert process.stdout is not None
            answers.append(pickle.loads(process.stdout.read()))
            if process.wait() != 0:
                raise OSError("a reading process failed")
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError):
        for process in processes:
            process.kill()
            process.wait()
        return [_read(path) for path in paths]
    readings: list[_Reading] = [None] * len(paths)  # type: ignore[list-item]
    for start, answer in enumerate(answers):
        readings[start::workers] = [_Reading(*reading) for reading in answer]
    return readings


def serve_readings() -> None:
    """A reading process (see ``_read_many``): paths in on stdin, their readings out on stdout."""
    import pickle
    import signal
    import sys

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for sfilms itself, which ends this one
    paths = pickle.loads(sys.stdin.buffer.read())
    sys.stdout.buffer.write(pickle.dumps([tuple(_read(Path(path))) for path in paths]))
    sys.stdout.buffer.flush()


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
        path: (tuple(status), digest)
        for path, *status, digest in connection.execute(
            "SELECT path, size, mtime, inode, ctime, hash FROM files WHERE bundled = 0"
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
    # One list at a time, alone, where nothing it names could link otherwise; else everything.
    positions = {str(path): position for position, path in enumerate(sources.user)}
    for name in [*changed, *sorted(removed)]:
        row = connection.execute(
            "SELECT size, mtime, inode, ctime, hash, data, id_line, problem, more FROM files WHERE path = ?",
            (name,),
        ).fetchone()
        before = _stored_reading((tuple(row[:4]), *row[4:])) if row else None
        if not _relink_alone(connection, name, positions.get(name), before, readings.get(name)):
            _rebuild(connection, sources, base, readings, full=False)
            return


def _signatures(data: dict[str, Any] | None) -> list[tuple[Any, ...]]:
    """What linking reads of each entry of a list: its title, year, original title and directors."""
    if data is None:
        return []
    return [
        (raw["title"], raw["year"], raw.get("original_title") or "", tuple(raw.get("directors") or ()))
        for raw in data["films"]
    ]


def _kept_and_changed(
    signatures: list[tuple[Any, ...]], common: Any
) -> tuple[list[tuple[Any, ...]], list[int]]:
    """The entries ``common`` (a Counter) keeps, in order, and the indexes of the others."""
    left, kept, others = common.copy(), [], []
    for index, signature in enumerate(signatures):
        if left[signature] > 0:
            left[signature] -= 1
            kept.append(signature)
        else:
            others.append(index)
    return kept, others


def _ids_starting(connection: sqlite3.Connection, slug: str) -> set[str]:
    """Ids linking knows that are ``slug`` or begin ``slug-`` (a film made unique from that slug)."""
    rows = connection.execute(
        "SELECT id FROM link_films WHERE id = ? OR (id >= ? AND id < ?)", (slug, slug + "-", slug + ".")
    )
    return {film_id for (film_id,) in rows}


def _holders(connection: sqlite3.Connection, keys: Iterable[str]) -> set[str]:
    """The films linking knows by any of these folded titles."""
    found: set[str] = set()
    for key in keys:
        found.update(f for (f,) in connection.execute("SELECT film_id FROM link_names WHERE key = ?", (key,)))
    return found


def _surname_holders(connection: sqlite3.Connection, keys: Iterable[str]) -> set[str]:
    """The directors linking knows by any of these surnames."""
    found: set[str] = set()
    for key in keys:
        found.update(n for (n,) in connection.execute("SELECT name FROM link_surnames WHERE key = ?", (key,)))
    return found


def _stored_film(connection: sqlite3.Connection, film_id: str, table: str = "films") -> Film | None:
    row = connection.execute(
        f"SELECT {_FILM_COLUMNS[: -len(', first_position, first_rank')]} FROM {table} WHERE id = ?",
        (film_id,),
    ).fetchone()
    return _film(row) if row else None


def _relink_alone(
    connection: sqlite3.Connection,
    name: str,
    position: int | None,
    before: _Reading | None,
    after: _Reading | None,
) -> bool:
    """Bring one changed, added or removed user list into the store by linking it alone, where that
    gives what relinking every list would: its kept entries name the films they named; the entries
    it drops name films no other list names (or the records' films), and the entries it adds join a
    record or are new films, none of them sharing a title, a director's surname or an id's stem
    with any other film. Return False, writing nothing, where that cannot be shown."""
    from collections import Counter

    from soviet_films.core.linking import name_keys, surname_keys
    from soviet_films.core.text import slugify

    old = before.data if before is not None else None
    new = after.data if after is not None else None
    if old is not None and new is not None and old["id"] != new["id"]:
        return False
    for theme_id in {data["id"] for data in (old, new) if data is not None}:
        holders = connection.execute(
            "SELECT path FROM files WHERE theme_id = ? AND path != ?", (theme_id, name)
        )
        if holders.fetchone() is not None:  # another list has the id (or a bundled one: it would replace it)
            return False
    old_signatures, new_signatures = _signatures(old), _signatures(new)
    common = Counter(old_signatures) & Counter(new_signatures)
    kept_old, dropped = _kept_and_changed(old_signatures, common)
    kept_new, added = _kept_and_changed(new_signatures, common)
    if kept_old != kept_new:  # the kept entries in another order
        return False
    theme_row = connection.execute("SELECT rowid FROM themes WHERE source = ?", (name,)).fetchone()
    if (theme_row is None) != (old is None):
        return False
    old_films = (
        [
            f
            for (f,) in connection.execute(
                "SELECT film_id FROM entries WHERE theme = ? ORDER BY rank", (theme_row[0],)
            )
        ]
        if theme_row
        else []
    )
    dropped_ranks = {index + 1 for index in dropped}

    gone: set[str] = set()  # films no list will name any more
    for index in dropped:
        film_id = old_films[index]
        title, _, original, directors = old_signatures[index]
        (recorded,) = connection.execute(
            "SELECT recorded FROM link_films WHERE id = ?", (film_id,)
        ).fetchone()
        if recorded:
            record = _stored_film(connection, film_id, "records")
            assert record is not None
            known = {
                key
                for text in (
                    record.title,
                    record.original_title,
                    record.transliteration,
                    *record.other_titles,
                )
                if text
                for key in name_keys(text)
            }
            given = name_keys(title) | (name_keys(original) if original else frozenset())
            if directors or not given <= known:  # it taught the record a title or a spelling
                return False
            continue
        others = [
            (theme, rank)
            for theme, rank in connection.execute(
                "SELECT theme, rank FROM entries WHERE film_id = ?", (film_id,)
            )
            if theme != theme_row[0] or rank not in dropped_ranks
        ]
        if others:
            return False
        gone.add(film_id)
    gone_directors: set[str] = set()
    for film_id in gone:
        film = _stored_film(connection, film_id)
        assert film is not None
        keys = {k for (k,) in connection.execute("SELECT key FROM link_names WHERE film_id = ?", (film_id,))}
        if _holders(connection, keys) - gone or _ids_starting(connection, slugify(film.title)) - gone:
            return False
        for director in film.directors:
            films_by = {
                f
                for (f,) in connection.execute(
                    "SELECT film_id FROM film_directors WHERE name = ?", (director,)
                )
            }
            spelled = connection.execute(
                "SELECT spellings FROM directors WHERE name = ?", (director,)
            ).fetchone()
            recorded = connection.execute(
                "SELECT 1 FROM record_directors WHERE name = ?", (director,)
            ).fetchone()
            if films_by - gone or (spelled and spelled[0]) or recorded:
                return False
            if _surname_holders(connection, surname_keys(director)) - {director}:
                return False
            gone_directors.add(director)

    plan: dict[int, Film] = {}  # the film each added entry names
    joined: dict[int, tuple[str, frozenset[str]]] = {}  # added entries that join a record: its id, titles
    keys_taken: set[str] = set()
    slugs_taken: set[str] = set()
    surnames_taken: set[str] = set()
    for index in added:
        title, year, original, directors = new_signatures[index]
        keys = name_keys(title) | (name_keys(original) if original else frozenset())
        if keys & keys_taken:
            return False
        keys_taken |= keys
        holders = _holders(connection, keys) - gone
        if holders:
            records = [_stored_film(connection, film_id, "records") for film_id in holders]
            if directors or None in records:
                return False
            close = [film for film in records if film is not None and abs(film.year - year) <= 1]
            nearest = min((abs(film.year - year) for film in close), default=None)
            closest = [film for film in close if abs(film.year - year) == nearest]
            if len(closest) != 1 or holders != {closest[0].id}:
                return False
            plan[index] = closest[0]
            joined[index] = (closest[0].id, frozenset(keys))
            continue
        slug = slugify(title)
        if slug in slugs_taken or _ids_starting(connection, slug) - gone:
            return False
        slugs_taken.add(slug)
        for director in directors:
            keys_of = surname_keys(director)
            if keys_of & surnames_taken or _surname_holders(connection, keys_of) - gone_directors:
                return False
            surnames_taken |= keys_of
        plan[index] = Film(
            id=slug,
            title=title,
            year=year,
            original_title=original,
            directors=tuple(dict.fromkeys(directors)),
        )

    _write_alone(
        connection,
        name,
        position,
        theme_row[0] if theme_row else None,
        new,
        old_films,
        dropped,
        plan,
        joined,
        gone,
        gone_directors,
        after,
    )
    row = connection.execute("SELECT value FROM meta WHERE name = 'alone'").fetchone()
    connection.execute(
        "INSERT OR REPLACE INTO meta VALUES ('alone', ?)", (str(int(row[0]) + 1 if row else 1),)
    )
    return True


def _write_alone(
    connection: sqlite3.Connection,
    name: str,
    position: int | None,
    theme_rowid: int | None,
    new: dict[str, Any] | None,
    old_films: list[str],
    dropped: list[int],
    plan: dict[int, Film],
    joined: dict[int, tuple[str, frozenset[str]]],
    gone: set[str],
    gone_directors: set[str],
    after: _Reading | None,
) -> None:
    """Write what ``_relink_alone`` found: the list's theme and entries, its films, the indexes."""
    from soviet_films.core.linking import name_keys, surname_keys
    from soviet_films.core.search import entry_text
    from soviet_films.core.text import fold

    store = Store(connection)
    touched = set(old_films)
    directors = gone_directors | {d for film in plan.values() for d in film.directors}
    # Out with the old entries (and their search text, which a contentless index must be told).
    if theme_rowid is not None:
        theme = store.theme_row(theme_rowid)
        entries = store.entries_of(theme_rowid, theme.id)
        films = store.films_by_id(touched)
        directors |= {d for film in films.values() for d in film.directors}
        partial = Catalog((theme,), films, {}, store.spellings_of(directors))
        rowids = [
            r
            for (r,) in connection.execute(
                "SELECT rowid FROM entries WHERE theme = ? ORDER BY rank", (theme_rowid,)
            )
        ]
        for rowid, entry in zip(rowids, entries, strict=True):
            _forget_text(connection, rowid, entry_text(partial, films[entry.film_id], theme, entry))
        connection.execute("DELETE FROM entries WHERE theme = ?", (theme_rowid,))
    for film_id in gone:
        for table, column in (
            ("films", "id"),
            ("film_words", "film_id"),
            ("film_directors", "film_id"),
            ("link_films", "id"),
            ("link_names", "film_id"),
        ):
            connection.execute(f"DELETE FROM {table} WHERE {column} = ?", (film_id,))
    for director in gone_directors:
        connection.execute("DELETE FROM link_surnames WHERE name = ?", (director,))
    if theme_rowid is not None:
        _forget_theme(connection, theme_rowid)
    if new is None:
        if theme_rowid is not None:
            connection.execute("DELETE FROM themes WHERE rowid = ?", (theme_rowid,))
    else:
        # In with the new: the kept entries name the films they named, the added ones their plan's.
        kept_films = iter(old_films[index] for index in range(len(old_films)) if index not in set(dropped))
        film_ids = [
            plan[index].id if index in plan else next(kept_films) for index in range(len(new["films"]))
        ]
        new_films = {film.id: film for index, film in plan.items() if index not in joined}
        for record_id, keys in joined.values():
            connection.executemany(
                "INSERT OR IGNORE INTO link_names VALUES (?, ?)", ((k, record_id) for k in keys)
            )
        for film in new_films.values():
            connection.execute("INSERT INTO link_films VALUES (?, 0)", (film.id,))
            keys = name_keys(film.title) | (
                name_keys(film.original_title) if film.original_title else frozenset()
            )
            connection.executemany(
                "INSERT OR IGNORE INTO link_names VALUES (?, ?)", ((k, film.id) for k in keys)
            )
            for director in film.directors:
                connection.executemany(
                    "INSERT OR IGNORE INTO link_surnames VALUES (?, ?)",
                    ((key, director) for key in surname_keys(director)),
                )
        place = _user_place(name)
        intro = new.get("intro") or ""
        values = (new["id"], new["name"], intro, fold(intro), name, len(new["films"]), place)
        if theme_rowid is None:
            cursor = connection.execute(
                "INSERT INTO themes (id, name, intro, folded_intro, source, bundled, replaces, count,"
                " position) VALUES (?, ?, ?, ?, ?, 0, 0, ?, ?)",
                values,
            )
            theme_rowid = cursor.lastrowid
        else:
            connection.execute(
                "UPDATE themes SET id = ?, name = ?, intro = ?, folded_intro = ?, source = ?,"
                " count = ?, position = ? WHERE rowid = ?",
                (*values, theme_rowid),
            )
        assert theme_rowid is not None
        _index_theme(connection, theme_rowid, new["id"], new["name"], fold(intro))
        corrections = {
            film_id: Correction(verdict, text)
            for film_id, verdict, text in connection.execute(
                "SELECT film_id, verdict, text FROM corrections WHERE theme_id = ?", (new["id"],)
            )
        }
        theme = Theme(
            new["id"],
            new["name"],
            intro,
            tuple(
                ListEntry(
                    new["id"],
                    rank,
                    raw["title"],
                    raw["year"],
                    raw.get("description") or "",
                    raw.get("fact") or "",
                    film_id,
                    corrections.get(film_id),
                )
                for rank, (raw, film_id) in enumerate(zip(new["films"], film_ids, strict=True), start=1)
            ),
            name,
            False,
            False,
        )
        touched |= set(film_ids)
        films = store.films_by_id(set(film_ids) - set(new_films))
        for index, (record_id, _) in joined.items():
            if record_id not in films:
                films[record_id] = plan[index]
        films |= new_films
        spellings = store.spellings_of({d for f in films.values() for d in f.directors})
        (first_rowid,) = connection.execute("SELECT coalesce(max(rowid), 0) + 1 FROM entries").fetchone()
        entry_rows, text_rows = _entry_rows(
            Catalog((theme,), films, {}, spellings), theme, theme_rowid, first_rowid
        )
        connection.executemany("INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", entry_rows)
        connection.executemany("INSERT INTO entry_text (rowid, text) VALUES (?, ?)", text_rows)
        arriving = [
            films[film_id]
            for film_id in dict.fromkeys(film_ids)
            if not connection.execute("SELECT 1 FROM films WHERE id = ?", (film_id,)).fetchone()
        ]
        connection.executemany(
            "INSERT INTO films VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (_film_row(film, (place, 0)) for film in arriving),
        )
        _index_films(connection, arriving)
    # Films that left the list and no other names: out of the catalogue (a record stays known).
    for film_id in touched:
        if not connection.execute("SELECT 1 FROM entries WHERE film_id = ?", (film_id,)).fetchone():
            for table, column in (("films", "id"), ("film_words", "film_id"), ("film_directors", "film_id")):
                connection.execute(f"DELETE FROM {table} WHERE {column} = ?", (film_id,))
            continue
        first = connection.execute(
            "SELECT t.position, e.rank FROM entries AS e JOIN themes AS t ON t.rowid = e.theme"
            " WHERE e.film_id = ? ORDER BY t.position, e.rank LIMIT 1",
            (film_id,),
        ).fetchone()
        connection.execute(
            "UPDATE films SET first_position = ?, first_rank = ? WHERE id = ?", (*first, film_id)
        )
    _refresh_directors(connection, directors)
    skipped = [
        SkippedFile(*fields)
        for fields in json.loads(
            connection.execute("SELECT value FROM meta WHERE name = 'skipped'").fetchone()[0]
        )
    ]
    skipped = [each for each in skipped if each.path != name]
    if after is not None and after.problem is not None:
        skipped.append(SkippedFile(*after.problem, after.more))
    _write_skipped(connection, sorted(skipped, key=lambda each: Path(each.path).name))
    if after is None:
        connection.execute("DELETE FROM files WHERE path = ?", (name,))
    else:
        _write_file_row(connection, name, position if position is not None else 0, False, after)


def _refresh_directors(connection: sqlite3.Connection, names: set[str]) -> None:
    """The director tables' rows for these directors, as their films now stand."""
    for name in names:
        has_films = (
            connection.execute("SELECT 1 FROM film_directors WHERE name = ?", (name,)).fetchone() is not None
        )
        row = connection.execute("SELECT spellings FROM directors WHERE name = ?", (name,)).fetchone()
        spellings = row[0] if row else ""
        connection.execute("DELETE FROM director_words WHERE name = ?", (name,))
        connection.execute("DELETE FROM director_surnames WHERE name = ?", (name,))
        connection.execute("DELETE FROM directors WHERE name = ?", (name,))
        if has_films or spellings:
            connection.execute("INSERT INTO directors VALUES (?, ?, ?)", (name, spellings, int(has_films)))
        if has_films:
            _index_directors(connection, [name], {name: tuple(json.loads(spellings)) if spellings else ()})


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
            path,
            position,
            int(bundled),
            *(reading.status or (None,) * 4),
            reading.hash,
            json.dumps(reading.data, ensure_ascii=False) if reading.data is not None else None,
            reading.id_line,
            json.dumps(reading.problem) if reading.problem else None,
            reading.more,
            reading.data["id"] if reading.data is not None else None,
        ),
    )


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

    stored = (
        {}
        if full
        else {
            path: _stored_reading((tuple(status), digest, data, id_line, problem, more))
            for path, *status, digest, data, id_line, problem, more in connection.execute(
                "SELECT path, size, mtime, inode, ctime, hash, data, id_line, problem, more FROM files"
            )
        }
    )
    # The bundled lists are unchanged unless this is a full rebuild (they are part of the base).
    known = {**stored, **readings}
    unread = [path for path in [*sources.bundled, *sources.user] if str(path) not in known]
    known |= dict(zip(map(str, unread), _read_many(unread), strict=True))
    bundled_readings = [known[str(path)] for path in sources.bundled]
    user_readings = [known[str(path)] for path in sources.user]
    records = load_records(sources.records)
    catalog, index = assemble_with_index(
        records,
        [
            (str(path), _as_read(reading))
            for path, reading in zip(sources.bundled, bundled_readings, strict=True)
        ],
        [(str(path), _as_read(reading)) for path, reading in zip(sources.user, user_readings, strict=True)],
    )
    # How often it was rebuilt, and lists linked alone: kept across rebuilds, for the tests to count.
    counts = dict(connection.execute("SELECT name, value FROM meta WHERE name IN ('rebuilds', 'alone')"))
    counts["rebuilds"] = str(int(counts.get("rebuilds", 0)) + 1)
    for table in (*_CATALOGUE_TABLES, "files", "meta"):
        if table in ("entry_text", "intro_text") and Store(connection).searchable:
            connection.execute(f"INSERT INTO {table} ({table}) VALUES ('delete-all')")
        else:
            connection.execute(f"DELETE FROM {table}")
    connection.execute("PRAGMA cache_size = -65536")  # 64 MiB while the rows go in
    # The secondary indexes are made after the rows are in: sorting once beats keeping them up.
    indexes = [statement for statement in _TABLES if statement.startswith("CREATE INDEX")]
    for statement in indexes:
        connection.execute(f"DROP INDEX {statement.split()[2]}")
    for position, (path, reading) in enumerate(zip(sources.bundled, bundled_readings, strict=True)):
        _write_file_row(connection, str(path), position, True, reading)
    for position, (path, reading) in enumerate(zip(sources.user, user_readings, strict=True)):
        _write_file_row(connection, str(path), position, False, reading)
    _write_catalog(connection, catalog)
    _write_linking(connection, records, index, user_readings, catalog)
    for statement in indexes:
        connection.execute(statement)
    _write_skipped(connection, list(catalog.skipped))
    connection.execute("INSERT INTO meta VALUES ('base', ?)", (base,))
    connection.executemany("INSERT INTO meta VALUES (?, ?)", counts.items())


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
    return (
        film.id,
        film.title,
        film.year,
        film.original_title,
        film.transliteration,
        _texts(film.other_titles),
        _texts(film.directors),
        film.studio,
        film.released,
        film.imdb,
        film.note,
        int(not film.is_film),
        int(film.recorded),
        *first,
    )


def _entry_rows(
    catalog: Catalog, theme: Theme, theme_rowid: int, first_rowid: int
) -> tuple[list[tuple[Any, ...]], list[tuple[int, str]]]:
    """The rows of a theme's entries (numbered from ``first_rowid``) and of their search text."""
    from soviet_films.core.search import entry_text

    entry_rows, text_rows = [], []
    for rowid, entry in enumerate(theme.entries, start=first_rowid):
        correction = entry.correction
        entry_rows.append(
            (
                rowid,
                theme_rowid,
                entry.rank,
                entry.title,
                entry.year,
                entry.description,
                entry.fact,
                entry.film_id,
                correction.verdict if correction else None,
                correction.text if correction else None,
            )
        )
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
            (
                number,
                theme.id,
                theme.name,
                theme.intro,
                fold(theme.intro),
                theme.source,
                int(theme.bundled),
                int(theme.replaces_bundled),
                len(theme.entries),
                place,
            ),
        )
        _index_theme(connection, number, theme.id, theme.name, fold(theme.intro))
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


def _index_theme(connection: sqlite3.Connection, rowid: int, theme_id: str, name: str, intro: str) -> None:
    """A theme's words (of its id and name) and its folded intro, for finding it."""
    from soviet_films.core.text import fold

    words = {word for text in (theme_id, name) for word in fold(text).split()}
    connection.executemany(
        "INSERT OR IGNORE INTO theme_words VALUES (?, ?)", ((word, rowid) for word in words)
    )
    if intro:
        connection.execute("INSERT INTO intro_text (rowid, text) VALUES (?, ?)", (rowid, intro))


def _forget_theme(connection: sqlite3.Connection, rowid: int) -> None:
    """Take a theme out of the theme indexes (before it changes or goes)."""
    connection.execute("DELETE FROM theme_words WHERE theme = ?", (rowid,))
    row = connection.execute("SELECT folded_intro FROM themes WHERE rowid = ?", (rowid,)).fetchone()
    if row and row[0]:
        if Store(connection).searchable:
            connection.execute(
                "INSERT INTO intro_text (intro_text, rowid, text) VALUES ('delete', ?, ?)", (rowid, row[0])
            )
        else:
            connection.execute("DELETE FROM intro_text WHERE rowid = ?", (rowid,))


def _index_films(connection: sqlite3.Connection, films: Iterable[Film]) -> None:
    """The words films are known by, and their directors."""
    from soviet_films.core.resolve import film_words

    films = list(films)
    connection.executemany(
        "INSERT OR IGNORE INTO film_words VALUES (?, ?)",
        ((word, film.id) for film in films for word in film_words(film)),
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
        row[0],
        row[1],
        row[2],
        row[3] or "",
        row[4] or "",
        tuple(json.loads(row[5])) if row[5] else (),
        tuple(json.loads(row[6])) if row[6] else (),
        row[7] or "",
        row[8] or "",
        row[9] or "",
        row[10] or "",
        not row[11],
        bool(row[12]),
    )


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
            self._themes = self._themes_where("1")
        return self._themes

    def _themes_where(self, where: str, parameters: Sequence[Any] = ()) -> dict[int, Theme]:
        rows = self.connection.execute(
            "SELECT rowid, id, name, intro, source, bundled, replaces, count"
            f" FROM themes WHERE {where} ORDER BY position",
            parameters,
        )
        found = {}
        for rowid, theme_id, name, intro, source, bundled, replaces, count in rows:
            entries = StoredEntries(self.connection, rowid, theme_id, count)
            found[rowid] = Theme(theme_id, name, intro, entries, source, bool(bundled), bool(replaces))
        return found

    def themes_by_rowid(self, rowids: Iterable[int]) -> dict[int, Theme]:
        """These themes by their rows, in catalogue order."""
        rowids = list(rowids)
        if len(rowids) > _CHUNK:
            chosen = set(rowids)
            return {rowid: theme for rowid, theme in self.themes().items() if rowid in chosen}
        return self._themes_where(f"rowid IN ({','.join('?' * len(rowids))})", rowids) if rowids else {}

    def themes_with_words(self, words: list[str]) -> set[int]:
        """Rows of the themes whose id or name, folded, holds every one of ``words`` (among them)."""
        found: set[int] | None = None
        for word in dict.fromkeys(words):
            rows = {
                rowid
                for (rowid,) in self.connection.execute(
                    "SELECT theme FROM theme_words WHERE word = ?", (word,)
                )
            }
            found = rows if found is None else found & rows
            if not found:
                return set()
        return found or set()

    def themes_matching(self, term: str) -> set[int] | None:
        """Rows of the themes whose intro may hold ``term`` (a superset; None: cannot narrow)."""
        return self._matching("intro_text", term)

    def theme_row(self, rowid: int) -> Theme:
        """One theme by its row, read afresh."""
        theme_id, name, intro, source, bundled, replaces, count = self.connection.execute(
            "SELECT id, name, intro, source, bundled, replaces, count FROM themes WHERE rowid = ?", (rowid,)
        ).fetchone()
        entries = StoredEntries(self.connection, rowid, theme_id, count)
        return Theme(theme_id, name, intro, entries, source, bool(bundled), bool(replaces))

    def entries_of(self, theme_rowid: int, theme_id: str) -> list[ListEntry]:
        """A theme's entries in list order."""
        return _entries_of(self.connection, theme_rowid, theme_id)

    def every_entry(self) -> dict[int, tuple[ListEntry, ...]]:
        """Theme row -> its entries in list order, for every theme."""  # (whole catalogues only)
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
        found = []
        columns = ", ".join(f"e.{column.strip()}" for column in _ENTRY_COLUMNS.split(","))
        for chunk in _chunks(rowids):
            marks = ",".join("?" * len(chunk))
            for *row, theme_id, place in self.connection.execute(
                f"SELECT {columns}, t.id, t.position FROM entries AS e JOIN themes AS t ON t.rowid = e.theme"
                f" WHERE e.rowid IN ({marks})",
                chunk,
            ):
                found.append((place, row[2], row[1], _entry(theme_id, row)))
        found.sort(key=lambda item: (item[0], item[1]))
        return [(theme, entry) for _, _, theme, entry in found]

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
            ids = {
                film_id
                for (film_id,) in self.connection.execute(
                    "SELECT film_id FROM film_words WHERE word = ?", (word,)
                )
            }
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
        query = (
            "SELECT DISTINCT e.film_id, t.id, t.position"
            " FROM entries AS e JOIN themes AS t ON t.rowid = e.theme"
        )
        rows: list[tuple[str, str, str]] = []
        if every:
            rows = self.connection.execute(query).fetchall()
        else:
            for chunk in _chunks(film_ids):
                marks = ",".join("?" * len(chunk))
                rows += self.connection.execute(f"{query} WHERE e.film_id IN ({marks})", chunk).fetchall()
        found: dict[str, list[tuple[str, str]]] = {}
        for film_id, theme_id, place in rows:
            found.setdefault(film_id, []).append((place, theme_id))
        return {
            film_id: tuple(theme_id for _, theme_id in sorted(places)) for film_id, places in found.items()
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
        return self._matching("entry_text", term)

    def _matching(self, table: str, term: str) -> set[int] | None:
        tokens = re.findall(r"[^\W_]+", term)
        if not tokens:
            return None
        if self.searchable:
            query = '"' + " ".join(tokens) + '"*'
            rows = self.connection.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ?", (query,))
        else:
            rows = self.connection.execute(f"SELECT rowid FROM {table} WHERE instr(text, ?)", (term,))
        return {rowid for (rowid,) in rows}
