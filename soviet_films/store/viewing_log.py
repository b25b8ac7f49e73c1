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
from typing import TYPE_CHECKING, Any

from soviet_films.errors import LogBusy, LogUnusable
from soviet_films.model import HistoryRow, LogEntry, WatchlistItem

if TYPE_CHECKING:
    import sqlite3

APPLICATION_ID = 0x73666C6D  # "sflm"
SCHEMA_VERSION = 1

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


def read_log(path: Path) -> tuple[list[LogEntry], list[WatchlistItem]] | None:
    """Every entry and watchlist item of the log at ``path``; None if there is no log.

    Opens the file read-only. Raises LogUnusable (it is left untouched) or LogBusy.
    """
    if not path.exists():
        return None
    import sqlite3  # imported here: a user with no viewing log never pays for it

    from soviet_films.store.files import open_for_reading

    open_for_reading(path).close()  # a FIFO or a device named like the log: refused, not hung on
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
    except sqlite3.DatabaseError as error:
        raise _unusable(path, error) from None
    finally:
        connection.close()


_ENTRY_COLUMNS = "number, film, title, year, kind, watched_on, rating, rewatch, note, source"


def contents(connection: sqlite3.Connection) -> tuple[list[LogEntry], list[WatchlistItem]]:
    """Every entry and watchlist item the open log holds."""
    entries = [
        LogEntry(*row[:7], bool(row[7]), *row[8:])
        for row in connection.execute(f"SELECT {_ENTRY_COLUMNS} FROM entries")
    ]
    watchlist = [
        WatchlistItem(*row)
        for row in connection.execute("SELECT film, title, year, added FROM watchlist ORDER BY number")
    ]
    return entries, watchlist


@contextlib.contextmanager
def writing(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection to the log inside one transaction: committed when the block ends, rolled
    back if it raises. Creates the log (and its folder) when there is none, and migrates an
    older one. Raises LogUnusable (nothing written), LogBusy, or CannotWrite.
    """
    import sqlite3

    from soviet_films.errors import CannotWrite

    if path.exists():
        from soviet_films.store.files import open_for_reading

        open_for_reading(path).close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, timeout=_timeout(), isolation_level=None)
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
    except sqlite3.DatabaseError as error:
        raise _unusable(path, error) from None
    finally:
        connection.close()


def add_entry(connection: sqlite3.Connection, entry: LogEntry, logged_on: str) -> LogEntry:
    """Add a diary entry; returns it with its number."""
    cursor = connection.execute(
        "INSERT INTO entries (film, title, year, kind, watched_on, logged_on, rating, rewatch, note, source)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (entry.film, entry.title, entry.year, entry.kind, entry.watched_on, logged_on, entry.rating,
         int(entry.rewatch), entry.note, entry.source),
    )  # fmt: skip
    return entry._replace(number=cursor.lastrowid)


def remove_entries(connection: sqlite3.Connection, numbers: list[int]) -> None:
    """Remove the entries with these numbers."""
    connection.executemany("DELETE FROM entries WHERE number = ?", [(number,) for number in numbers])


def add_to_watchlist(connection: sqlite3.Connection, item: WatchlistItem, source: str = "sfilms") -> bool:
    """Put a film on the watchlist; False if it was there already."""
    cursor = connection.execute(
        "INSERT OR IGNORE INTO watchlist (film, title, year, added, source) VALUES (?, ?, ?, ?, ?)",
        (item.film, item.title, item.year, item.added, source),
    )
    return cursor.rowcount > 0


def remove_from_watchlist(connection: sqlite3.Connection, items: list[WatchlistItem]) -> None:
    """Take these items off the watchlist."""
    connection.executemany(
        "DELETE FROM watchlist WHERE film = ? AND title = ? AND year IS ?",
        [(item.film, item.title, item.year) for item in items],
    )


def import_history(connection: sqlite3.Connection, rows: list[tuple[HistoryRow, str]]) -> int:
    """Add Letterboxd rows (each with its film's identity, or "") that the log does not hold yet;
    returns how many were new. A row already imported is recognised by its import key."""
    added = 0
    for row, film in rows:
        if row.kind == "watchlist":
            item = WatchlistItem(film, row.title, row.year, row.logged_on or row.watched_on)
            added += add_to_watchlist(connection, item, source="letterboxd")
            continue
        cursor = connection.execute(
            "INSERT OR IGNORE INTO entries (film, title, year, kind, watched_on, logged_on, rating, rewatch,"
            " note, source, import_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'letterboxd', ?)",
            (film, row.title, row.year, row.kind, row.watched_on, row.logged_on, row.rating, int(row.rewatch),
             row.note, _import_key(row)),
        )  # fmt: skip
        added += cursor.rowcount
    return added


def _import_key(row: HistoryRow) -> str:
    """What makes an imported row the same row when the same export comes again."""
    parts: list[Any] = [row.kind, row.uri or f"{row.title}\x1f{row.year}"]
    if row.kind == "diary":
        parts += [row.watched_on, row.logged_on, row.rating, row.rewatch, row.note]
    elif row.kind == "rating":
        parts += [row.rating, row.logged_on]
    return "\x1f".join(str(part) for part in parts)
