"""Bringing the compiled catalogue (``store.catalog_db``) up to date: reading the list files that
changed, linking one changed list alone where nothing it names could link otherwise, else relinking
the catalogue from the stored readings, and writing every row and index. Imported only when the
store is stale (a warm run reads, and pays for none of this).
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from soviet_films.model import Catalog, Correction, Film, ListEntry, SkippedFile, Theme
from soviet_films.store.catalog_db import (
    BUSY_SECONDS,
    FILM_COLUMNS,
    TABLES,
    Sources,
    Store,
    Unusable,
    base_key,
    decode_texts,
    encode_texts,
    file_status,
    film_from_row,
    is_fresh,
    statuses_text,
    stored_statuses,
)

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


def _keep_statuses(connection: sqlite3.Connection, sources: Sources) -> None:
    """The statuses of the files as the store holds them now, for ``is_fresh`` to compare."""
    stored = stored_statuses(connection)
    text = statuses_text((name, stored.get(name)) for name in map(os.fspath, sources.user))
    connection.execute("INSERT OR REPLACE INTO meta VALUES ('statuses', ?)", (text,))


def bring_up_to_date(connection: sqlite3.Connection, sources: Sources) -> None:
    """Bring a stale store up to date, in one transaction that waits its turn."""
    base = base_key(sources)
    if is_fresh(connection, sources):
        return
    try:
        connection.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise Unusable("the catalogue store is busy") from None
        raise
    try:
        # Another process may have brought it up to date while this one waited for the lock.
        if not is_fresh(connection, sources):
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

    status = file_status(path)
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
        now = file_status(path)
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
        f"SELECT {FILM_COLUMNS[: -len(', first_position, first_rank')]} FROM {table} WHERE id = ?",
        (film_id,),
    ).fetchone()
    return film_from_row(row) if row else None


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
            _index_directors(connection, [name], {name: decode_texts(spellings)})


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
    indexes = [statement for statement in TABLES if statement.startswith("CREATE INDEX")]
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
        encode_texts(film.other_titles),
        encode_texts(film.directors),
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
        (
            (name, encode_texts(catalog.director_spellings.get(name, ())), int(name in with_films))
            for name in names
        ),
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
