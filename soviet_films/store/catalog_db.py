"""The compiled catalogue: a SQLite database in the cache folder, indexed for how the commands look
things up, so a command reads the rows its answer needs and no more.

- The list files are the source of truth; this is only a cache. Deleting it loses nothing, and
  where it cannot be used (a read-only or missing cache folder, a lock held too long) sfilms reads
  the files instead (``store.catalog``), slower.
- It is kept up to date file by file. Each list file's row holds its path, size, modification time,
  inode, change time and content hash, and what reading it gave: a file whose status changed but
  whose bytes did not (``touch``) only updates that row; a changed, added or removed file is read (it
  alone) and, where nothing it names could link otherwise, linked alone and its rows rewritten
  (``store.catalog_build``); otherwise the catalogue is relinked from the stored readings. The records, the
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
import os
import re
import sqlite3
import stat
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from soviet_films import __version__
from soviet_films.model import Correction, Film, ListEntry, SkippedFile, Theme

FORMAT = 1
APPLICATION_ID = 0x73666374  # "sfct"
# How long a process waits for another that is updating the store before reading the files itself.
BUSY_SECONDS = 20.0
# At most this many SQL parameters in one statement (old SQLite builds allow 999).
_CHUNK = 500

TABLES = (
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


def file_status(path: Path | str) -> tuple[int, int, int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns, found.st_ino, found.st_ctime_ns


def base_key(sources: Sources) -> str:
    """What a change of rebuilds everything: the version, the format, the records and bundled files."""
    return repr(
        [
            __version__,
            FORMAT,
            [[str(path), file_status(path)] for path in [sources.records, *sources.bundled]],
        ]
    )


# ---------------------------------------------------------------- opening


def open_store(
    folder: Path, sources: Sources, bring_up_to_date: Callable[[sqlite3.Connection, Sources], None]
) -> Store:
    """The store for these sources, brought up to date (by ``bring_up_to_date``, called only when
    it is stale: ``store.catalog_build`` and all it imports are for then) and open for reading in
    one snapshot.

    Raises Unusable where it cannot be used (the caller reads the files instead), and the files'
    own errors (FileProblems for a broken bundled list or records file).
    """
    path = store_file(folder, sources)
    for attempt in range(2):
        try:
            connection = _connect(path)
            try:
                if not is_fresh(connection, sources):
                    bring_up_to_date(connection, sources)
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
        searchable = fts5_available()
        connection.execute(_FTS_TABLE if searchable else _SCAN_TABLE)
        connection.execute(_FTS_INTROS if searchable else _SCAN_INTROS)
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute(f"PRAGMA user_version = {FORMAT}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def _remove_old_caches(folder: Path) -> None:
    """The JSON catalogues and search indexes sfilms kept before this store: a cache, and stale."""
    for pattern in ("catalog-*.json", "catalog-*.search"):
        for old in folder.glob(pattern):
            with contextlib.suppress(OSError):
                old.unlink()


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


def stored_statuses(connection: sqlite3.Connection) -> dict[str, tuple[Any, ...]]:
    rows = connection.execute("SELECT path, size, mtime, inode, ctime FROM files WHERE bundled = 0")
    return {path: tuple(status) for path, *status in rows}


def is_fresh(connection: sqlite3.Connection, sources: Sources) -> bool:
    """Whether the store holds the catalogue of exactly these files as they are now."""
    return _is_fresh(connection, sources, base_key(sources))


def _is_fresh(connection: sqlite3.Connection, sources: Sources, base: str) -> bool:
    """Whether the store was built from exactly these files as they are now: the base, and every
    user list's status as one text (one row to read, however many lists there are)."""
    stored = dict(connection.execute("SELECT name, value FROM meta WHERE name IN ('base', 'statuses')"))
    return stored.get("base") == base and stored.get("statuses") == statuses_text(
        (name, file_status(name)) for name in map(os.fspath, sources.user)
    )


def statuses_text(pairs: Iterable[tuple[str, Any]]) -> str:
    return "\n".join(f"{name}\0{status}" for name, status in pairs)


FILM_COLUMNS = (
    "id, title, year, original_title, transliteration, other_titles, directors, studio, released, imdb,"
    " note, not_film, recorded, first_position, first_rank"
)
_ENTRY_COLUMNS = "rowid, theme, rank, title, year, description, fact, film_id, verdict, correction"


def film_from_row(row: Sequence[Any]) -> Film:
    return Film(
        row[0],
        row[1],
        row[2],
        row[3] or "",
        row[4] or "",
        decode_texts(row[5]),
        decode_texts(row[6]),
        row[7] or "",
        row[8] or "",
        row[9] or "",
        row[10] or "",
        not row[11],
        bool(row[12]),
    )


# Lists of text (other titles, directors, spellings) are kept joined by this separator; a list that
# could not be read back so (one holding it, an empty text, a first text starting '[') as JSON.
SEPARATOR = "\x1f"


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

        return tuple(json.loads(value))
    return tuple(value.split(SEPARATOR))


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
        return self._holding_every("SELECT theme FROM theme_words WHERE word = ?", words)

    def _holding_every(self, query: str, words: list[str]) -> set[Any]:
        """What ``query`` (one word as its parameter) gives for every one of ``words``: the things
        an index of words knows by all of them."""
        found: set[Any] | None = None
        for word in dict.fromkeys(words):
            rows = {value for (value,) in self.connection.execute(query, (word,))}
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

    def entries_by_rowid(self, rowids: Iterable[int]) -> list[tuple[int, ListEntry]]:
        """(theme row, entry) for these entry rows, in catalogue order."""
        found = []
        columns = ", ".join(f"e.{column.strip()}" for column in _ENTRY_COLUMNS.split(","))
        query = f"SELECT {columns}, t.id, t.position FROM entries AS e JOIN themes AS t ON t.rowid = e.theme"
        for *row, theme_id, place in self._rows_in(query + " WHERE e.rowid IN ({marks})", rowids):
            found.append((place, row[2], row[1], _entry(theme_id, row)))
        found.sort(key=lambda item: (item[0], item[1]))
        return [(theme, entry) for _, _, theme, entry in found]

    def entry_rowids_of_themes(self, theme_rowids: Iterable[int]) -> set[int]:
        """The rows of every entry of these themes."""
        return {
            rowid
            for (rowid,) in self._rows_in("SELECT rowid FROM entries WHERE theme IN ({marks})", theme_rowids)
        }

    def _rows_in(self, query: str, values: Iterable[Any]) -> Iterator[Sequence[Any]]:
        """The rows of ``query`` for ``values``, its ``{marks}`` standing for as many parameters,
        asked a few hundred at a time (old SQLite builds take at most 999 parameters)."""
        for chunk in _chunks(values):
            yield from self.connection.execute(query.format(marks=",".join("?" * len(chunk))), chunk)

    # -- films

    def _films_where(self, where: str, parameters: Sequence[Any] = ()) -> dict[str, Film]:
        rows = self.connection.execute(
            f"SELECT {FILM_COLUMNS} FROM films WHERE {where} ORDER BY first_position, first_rank", parameters
        )
        return {row[0]: film_from_row(row) for row in rows}

    def films_by_id(self, film_ids: Iterable[str]) -> dict[str, Film]:
        """These films, in catalogue order (ids the store does not hold are left out)."""
        rows = list(self._rows_in(f"SELECT {FILM_COLUMNS} FROM films WHERE id IN ({{marks}})", film_ids))
        rows.sort(key=lambda row: (row[13], row[14]))
        return {row[0]: film_from_row(row) for row in rows}

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
        return self._holding_every("SELECT film_id FROM film_words WHERE word = ?", words)

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
        rows = (
            self.connection.execute(query)
            if every
            else self._rows_in(query + " WHERE e.film_id IN ({marks})", film_ids)
        )
        found: dict[str, list[tuple[str, str]]] = {}
        for film_id, theme_id, place in rows:
            found.setdefault(film_id, []).append((place, theme_id))
        return {
            film_id: tuple(theme_id for _, theme_id in sorted(places)) for film_id, places in found.items()
        }

    def theme_rowids_of(self, film_ids: Iterable[str]) -> set[int]:
        """The rows of the themes naming any of these films."""
        return {
            theme
            for (theme,) in self._rows_in("SELECT theme FROM entries WHERE film_id IN ({marks})", film_ids)
        }

    # -- directors

    def spellings_of(self, names: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """Director -> the other spellings the records and lists know, for these directors."""
        query = "SELECT name, spellings FROM directors WHERE name IN ({marks})"
        return {name: decode_texts(spellings) for name, spellings in self._rows_in(query, set(names))}

    def directors_with_words(self, words: list[str]) -> set[str]:
        """Directors of films, with a spelling that holds every one of ``words``."""
        return self._holding_every("SELECT name FROM director_words WHERE word = ?", words)

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
            name: decode_texts(spellings)
            for name, spellings in self.connection.execute("SELECT name, spellings FROM directors")
            if spellings
        }

    def skipped(self) -> list[SkippedFile]:
        """The user's list files left out (broken, or with an id another has), in reading order."""
        row = self.connection.execute("SELECT value FROM meta WHERE name = 'skipped'").fetchone()
        if row is None or row[0] == "[]":
            return []
        import json

        return [SkippedFile(*fields) for fields in json.loads(row[0])]

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
