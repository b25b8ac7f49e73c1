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
import sqlite3
from pathlib import Path

from soviet_films.core.identity import film_link_keys, id_stem, record_titles
from soviet_films.core.linking import ListFile, Placed, arrange
from soviet_films.model import SkippedFile
from soviet_films.store.cache.readings import Reading, read, read_many
from soviet_films.store.cache.relink import Change, Coming
from soviet_films.store.cache.rows import (
    FILM_COLUMNS,
    film_values,
    named_rows,
)
from soviet_films.store.cache.schema import (
    BUSY_SECONDS,
    COUNTED,
    COUNTS,
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
        fresh = _start_afresh(connection, sources)
        connection.execute("INSERT INTO meta VALUES ('base', ?)", (base,))
        # The secondary indexes are made after the rows are in: sorting once beats keeping them up.
        indexes = [statement for statement in TABLES if statement.startswith("CREATE INDEX")]
        for statement in indexes:
            connection.execute(f"DROP INDEX {statement.split()[2]}")
        _relink(connection, fresh, every=True)
        for statement in indexes:
            connection.execute(statement)
    else:
        _relink(connection, _read_changed_files(connection, sources), every=False)
    statuses = statuses_text([(str(path), _stored_status(connection, str(path))) for path in sources.user])
    connection.execute("INSERT OR REPLACE INTO meta VALUES ('statuses', ?)", (statuses,))
    counts = connection.execute(COUNTS).fetchone()
    connection.executemany(
        "INSERT OR REPLACE INTO meta VALUES (?, ?)", zip(COUNTED, map(str, counts), strict=True)
    )


def _stored_status(connection: sqlite3.Connection, path: str) -> tuple[int, ...] | None:
    row = connection.execute("SELECT size, mtime, inode, ctime FROM files WHERE path = ?", (path,)).fetchone()
    return tuple(row) if row and row[0] is not None else None


def _count(connection: sqlite3.Connection, name: str) -> None:
    """How often the cache was built from nothing: kept across builds, for the tests to count."""
    row = connection.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
    before = int(row[0]) if row and str(row[0]).isdigit() else 0  # a damaged count starts again
    connection.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, str(before + 1)))


# ---------------------------------------------------------------- the files


def _start_afresh(connection: sqlite3.Connection, sources: Sources) -> dict[str, Reading]:
    """Empty every table and read every file (the records, the version or a bundled list changed);
    return the readings."""
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
    paths = [*sources.bundled, *sources.user]
    for position, (path, reading) in enumerate(zip(paths, readings, strict=True)):
        _write_file(
            connection, str(path), reading, bundled=position < len(sources.bundled), position=position
        )
    record_rows = [film_values(film) for film in records.films]
    marks = ", ".join("?" * len(FILM_COLUMNS))
    connection.executemany(f"INSERT INTO records ({', '.join(FILM_COLUMNS)}) VALUES ({marks})", record_rows)
    made = records.title_keys or {}
    connection.executemany(
        "INSERT OR IGNORE INTO record_keys VALUES (?, ?)",
        (
            (key, film.id)
            for film in records.films
            for key in (
                {*made[film.id], "id:" + id_stem(film.id)}
                if film.id in made
                else film_link_keys(film.id, record_titles(film))
            )
        ),
    )
    connection.executemany(
        "INSERT INTO corrections VALUES (?, ?, ?, ?)",
        ((theme, film, c.verdict, c.text) for (theme, film), c in records.corrections.items()),
    )
    spellings = json.dumps([[name, list(each)] for name, each in records.director_spellings.items()])
    connection.execute("INSERT INTO meta VALUES ('director_spellings', ?)", (spellings,))
    return dict(zip(map(str, paths), readings, strict=True))


def _read_changed_files(connection: sqlite3.Connection, sources: Sources) -> dict[str, Reading]:
    """Read the user's list files whose status changed; keep and return the readings of those whose
    bytes did."""
    fresh = {}
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
        fresh[name] = reading
    present = {str(path) for path in sources.user}
    connection.executemany(
        "DELETE FROM files WHERE path = ?", ((name,) for name in stored if name not in present)
    )
    return fresh


def _write_file(
    connection: sqlite3.Connection, path: str, reading: Reading, bundled: bool, position: int
) -> None:
    connection.execute(
        "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (path, position, int(bundled), *(reading.status or (None,) * 4), reading.hash,
         json.dumps(reading.data, ensure_ascii=False) if reading.data is not None else None, reading.id_line,
         json.dumps(reading.problem) if reading.problem else None, reading.more,
         reading.data["id"] if reading.data is not None else None),
    )  # fmt: skip


# ---------------------------------------------------------------- the themes, and relinking


def _relink(connection: sqlite3.Connection, fresh: dict[str, Reading], every: bool) -> None:
    """Bring the themes, entries, films and directors in line with the files table (``fresh``: the
    files read in this update; ``every``: the cache holds no theme yet)."""
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
    wanted = {Coming(each, hashes[each.source]) for each in placed}
    current = {}
    for row in named_rows(
        connection, "SELECT rowid, id, intro, source, bundled, replaces, place, hash FROM themes"
    ):
        key = Coming(
            Placed(row["source"], row["id"], bool(row["bundled"]), bool(row["replaces"]), row["place"]),
            row["hash"],
        )
        current[key] = (row["rowid"], row["intro"])
    going = [current[key] for key in current if key not in wanted]
    coming = sorted((key for key in wanted if key not in current), key=lambda key: key.placed.place)
    if going or coming or every:
        Change(connection, going, coming, every, fresh).apply()
