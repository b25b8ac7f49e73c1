"""The viewing log: one SQLite database in the user's data folder. The user's data, not a cache.

- Reading never opens it for writing (``mode=ro``), and a user with no log pays nothing: the file
  is looked at first, and ``sqlite3`` imported only when it is there.
- Every write is one transaction (``BEGIN IMMEDIATE``, so two writers queue instead of failing
  half way); the journal is a write-ahead log; a killed process leaves the before or the after.
- A locked log is waited for (``SFILMS_LOG_TIMEOUT`` seconds, 10 by default), then refused.
- A file that is not our database (corrupt, foreign, or written by a newer sfilms) is never
  written to: LogUnusable names it and says why, and everything but the log keeps working.
- The schema has a version (``PRAGMA user_version``) and migrations from the first release on;
  ``PRAGMA application_id`` marks the file as sfilms'.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from soviet_films import places
from soviet_films.errors import FileProblems, LogBusy, LogUnusable
from soviet_films.model import LogEntry, WatchlistItem

if TYPE_CHECKING:
    import sqlite3

    from soviet_films.core.history import ImportPlan

APPLICATION_ID = 0x73666C6D  # "sflm"
SCHEMA_VERSION = 2

# MIGRATIONS[n] takes a log at version n - 1 to version n; version 0 is an empty file.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        """CREATE TABLE entries (
            number INTEGER PRIMARY KEY,
            film TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL,
            year INTEGER,
            kind TEXT NOT NULL CHECK (kind IN ('diary', 'watched', 'rating')),
            watched_on TEXT NOT NULL DEFAULT '',
            logged_on TEXT NOT NULL DEFAULT '',
            rating REAL CHECK (rating IS NULL OR (rating BETWEEN 0.5 AND 5)),
            rewatch INTEGER NOT NULL DEFAULT 0,
            note TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT 'sfilms',
            import_key TEXT UNIQUE
        )""",
        "CREATE INDEX entries_by_film ON entries (film)",
        """CREATE TABLE watchlist (
            number INTEGER PRIMARY KEY,
            film TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL,
            year INTEGER,
            added TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT 'sfilms',
            UNIQUE (film, title, year)
        )""",
    ),
    # Letterboxd's link and tags of an entry, and the link of a watchlist item.
    2: (
        "ALTER TABLE entries ADD COLUMN uri TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE entries ADD COLUMN tags TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE watchlist ADD COLUMN uri TEXT NOT NULL DEFAULT ''",
    ),
}


def _timeout() -> float:
    try:
        return max(0.0, float(os.environ.get("SFILMS_LOG_TIMEOUT", "10")))
    except ValueError:
        return 10.0


def _check(connection: sqlite3.Connection, path: Path) -> int:
    """The log's schema version; LogUnusable if the file is not (a usable) sfilms log."""
    # One statement, so one snapshot: read apart, another writer's first commit could fall between.
    application_id, version, tables = connection.execute(
        "SELECT a.application_id, v.user_version, (SELECT count(*) FROM sqlite_master)"
        " FROM pragma_application_id AS a, pragma_user_version AS v"
    ).fetchone()
    if application_id != APPLICATION_ID and (application_id or tables):
        raise LogUnusable(str(path), "this is not an sfilms viewing log (another program's database)")
    if version > SCHEMA_VERSION:
        raise LogUnusable(str(path), f"written by a newer sfilms (log version {version}); upgrade sfilms")
    return version


def _unusable(path: Path, error: Exception) -> LogUnusable:
    return LogUnusable(str(path), f"cannot be read as a viewing log ({error})")


def _openable(path: Path) -> None:
    """Refuse, as an unusable log, what at the log's path is not a regular file sfilms can read
    (a FIFO, a socket, a device, a folder, an unreadable file): never opened by SQLite, never hung on."""
    from soviet_films.store.files import open_for_reading

    try:
        open_for_reading(path).close()
    except FileProblems as problem:
        message = problem.problems[0].message.removesuffix("; not read")
        raise LogUnusable(str(path), message.replace("cannot read:", "cannot be read:")) from None


def read_log(path: Path) -> tuple[list[LogEntry], list[WatchlistItem]] | None:
    """Every entry and watchlist item of the log at ``path``; None if there is no log.

    Opens the file read-only. Raises LogUnusable (it is left untouched) or LogBusy.
    """
    if not places.is_there(path):
        return None
    import sqlite3  # imported here: a user with no viewing log never pays for it

    _openable(path)
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=_timeout())
    except sqlite3.Error as error:
        raise _unusable(path, error) from None
    try:
        if _check(connection, path) == 0:
            return [], []
        return contents(connection)
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise LogBusy(str(path)) from None
        raise _unusable(path, error) from None
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:  # a text cell that is not UTF-8: damage too
        raise _unusable(path, error) from None
    finally:
        connection.close()


_ENTRY_COLUMNS = LogEntry._fields
_ITEM_COLUMNS = WatchlistItem._fields


def contents(connection: sqlite3.Connection) -> tuple[list[LogEntry], list[WatchlistItem]]:
    """Every entry and watchlist item the open log holds, read by column name and checked: a row
    that is not what the log's schema holds makes the log unusable, never a wrong answer."""
    import sqlite3

    cursor = connection.cursor()
    cursor.row_factory = sqlite3.Row
    entries = [_entry(row) for row in cursor.execute(f"SELECT {', '.join(_ENTRY_COLUMNS)} FROM entries")]
    query = f"SELECT {', '.join(_ITEM_COLUMNS)} FROM watchlist ORDER BY number"
    rows = cursor.execute(query)
    watchlist = [WatchlistItem(**{name: row[name] for name in _ITEM_COLUMNS}) for row in rows]
    for item in watchlist:
        if not isinstance(item.title, str) or not (item.year is None or type(item.year) is int):
            raise sqlite3.DatabaseError("a watchlist row is damaged")
    return entries, watchlist


def _entry(row: sqlite3.Row) -> LogEntry:
    import sqlite3

    entry = LogEntry(**{name: row[name] for name in _ENTRY_COLUMNS})
    rating = entry.rating
    if (
        type(entry.number) is not int
        or not isinstance(entry.title, str)
        or not (entry.year is None or type(entry.year) is int)
        or entry.kind not in ("diary", "watched", "rating")
        or not (rating is None or (isinstance(rating, (int, float)) and 0.5 <= rating <= 5))
    ):
        raise sqlite3.DatabaseError(f"entry {entry.number} of the log is damaged")
    return entry._replace(rewatch=bool(entry.rewatch), rating=float(rating) if rating is not None else None)


@contextlib.contextmanager
def writing(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection to the log inside one transaction: committed when the block ends, rolled
    back if it raises. Creates the log (and its folder) when there is none, and migrates an
    older one. Raises LogUnusable (nothing written), LogBusy, or CannotWrite.
    """
    import sqlite3

    from soviet_films.errors import CannotWrite
    from soviet_films.store.files import follow_umask

    present = places.is_there(path)
    if present:
        _openable(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, timeout=_timeout(), isolation_level=None)
        if not present:
            follow_umask(path)
    except OSError as error:
        raise CannotWrite(str(path.parent), error.strerror or str(error), folder=True) from None
    except sqlite3.Error as error:
        raise CannotWrite(str(path), str(error)) from None
    try:
        try:
            version = _check(connection, path)  # before any write: a foreign file stays as it is
            if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("BEGIN IMMEDIATE")
            version = _check(connection, path)  # again, now that no one else can change it
            for number in range(version + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS[number]:
                    connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            yield connection
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise LogBusy(str(path)) from None
        if "readonly" in str(error) or "unable to open" in str(error):
            raise CannotWrite(str(path), str(error)) from None
        raise _unusable(path, error) from None
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:  # a text cell that is not UTF-8: damage too
        raise _unusable(path, error) from None
    finally:
        connection.close()


def add_entry(connection: sqlite3.Connection, entry: LogEntry, logged_on: str) -> LogEntry:
    """Add an entry; returns it with its number."""
    cursor = connection.execute(
        "INSERT INTO entries (film, title, year, kind, watched_on, logged_on, rating, rewatch, note, source,"
        " uri, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (entry.film, entry.title, entry.year, entry.kind, entry.watched_on, logged_on, entry.rating,
         int(entry.rewatch), entry.note, entry.source, entry.uri, entry.tags),
    )  # fmt: skip
    return entry._replace(number=cursor.lastrowid)


def change_entry(connection: sqlite3.Connection, entry: LogEntry) -> None:
    """Write an entry's day, rating, rewatch mark, note and tags anew (by its number)."""
    connection.execute(
        "UPDATE entries SET watched_on = ?, rating = ?, rewatch = ?, note = ?, tags = ? WHERE number = ?",
        (entry.watched_on, entry.rating, int(entry.rewatch), entry.note, entry.tags, entry.number),
    )


def remove_entries(connection: sqlite3.Connection, numbers: list[int]) -> None:
    """Remove the entries with these numbers."""
    connection.executemany("DELETE FROM entries WHERE number = ?", [(number,) for number in numbers])


def add_to_watchlist(connection: sqlite3.Connection, item: WatchlistItem, source: str = "sfilms") -> bool:
    """Put a film on the watchlist; False if it was there already."""
    cursor = connection.execute(
        "INSERT OR IGNORE INTO watchlist (film, title, year, added, source, uri) VALUES (?, ?, ?, ?, ?, ?)",
        (item.film, item.title, item.year, item.added, source, item.uri),
    )
    return cursor.rowcount > 0


def remove_from_watchlist(connection: sqlite3.Connection, items: list[WatchlistItem]) -> None:
    """Take these items off the watchlist."""
    connection.executemany(
        "DELETE FROM watchlist WHERE film = ? AND title = ? AND year IS ?",
        [(item.film, item.title, item.year) for item in items],
    )


def apply_import(connection: sqlite3.Connection, plan: ImportPlan, logged_on: str) -> int:
    """Write what ``core.history.plan_import`` decided; returns how many entries and items are new."""
    for entry in plan.change.values():
        change_entry(connection, entry)
    for entry in plan.add:
        add_entry(connection, entry, logged_on)
    added = sum(add_to_watchlist(connection, item, source="letterboxd") for item in plan.add_watchlist)
    return len(plan.add) + added
