"""store.viewing_log: the user's data. Read-only reads, one transaction per write, foreign and
damaged files left as they are, a schema version with migrations."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from soviet_films import places
from soviet_films.errors import LogBusy, LogUnusable
from soviet_films.model import LogEntry, WatchlistItem
from soviet_films.store import viewing_log

ENTRY = LogEntry(0, "record:stalker", "Stalker", 1979, "diary", "2026-11-30", 4.5, False, "note", "sfilms")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_no_log_is_read_as_none_and_nothing_is_created(tmp_path: Path) -> None:
    assert viewing_log.read_log(tmp_path / "log.sqlite3") is None
    assert list(tmp_path.iterdir()) == []


def test_a_write_creates_a_versioned_log_that_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "data" / "log.sqlite3"
    with viewing_log.writing(path) as log:
        added = viewing_log.add_entry(log, ENTRY, logged_on="2026-12-01")
        viewing_log.add_to_watchlist(log, WatchlistItem("record:mirror", "The Mirror", 1975, "2026-12-01"))
    entries, watchlist = viewing_log.read_log(path)
    assert entries == [added] and added.number > 0 and added._replace(number=0) == ENTRY
    assert watchlist == [WatchlistItem("record:mirror", "The Mirror", 1975, "2026-12-01")]
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == viewing_log.SCHEMA_VERSION
        assert raw.execute("PRAGMA application_id").fetchone()[0] == viewing_log.APPLICATION_ID


def test_reading_never_writes(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    with viewing_log.writing(path) as log:
        viewing_log.add_entry(log, ENTRY, logged_on="2026-12-01")
    before = {p.name: digest(p) for p in tmp_path.iterdir() if p.name == "log.sqlite3"}
    path.chmod(0o444)  # a write would fail loudly (for root too, SQLite honours the mode it opened with)
    try:
        viewing_log.read_log(path)
    finally:
        path.chmod(0o644)
    assert {p.name: digest(p) for p in tmp_path.iterdir() if p.name == "log.sqlite3"} == before


def test_a_failed_write_leaves_the_log_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    with viewing_log.writing(path) as log:
        viewing_log.add_entry(log, ENTRY, logged_on="2026-12-01")
    with pytest.raises(RuntimeError), viewing_log.writing(path) as log:
        viewing_log.add_entry(log, ENTRY._replace(title="Second"), logged_on="2026-12-01")
        raise RuntimeError("killed half way")
    assert [e.title for e in viewing_log.read_log(path)[0]] == ["Stalker"]


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p.write_bytes(b"this is no database" * 100), "cannot be read as a viewing log"),
        (
            lambda p: sqlite3.connect(p).execute("CREATE TABLE other (x)").connection.commit(),
            "another program",
        ),
        (
            lambda p: sqlite3.connect(p).execute("PRAGMA application_id = 1").connection.commit(),
            "another program",
        ),
    ],
)
def test_a_foreign_or_damaged_file_is_refused_and_left_as_it_is(tmp_path: Path, make, reason: str) -> None:
    path = tmp_path / "log.sqlite3"
    make(path)
    before = digest(path)
    with pytest.raises(LogUnusable, match=reason):
        viewing_log.read_log(path)
    with pytest.raises(LogUnusable, match=reason), viewing_log.writing(path) as log:
        viewing_log.add_entry(log, ENTRY, logged_on="2026-12-01")
    assert digest(path) == before


def test_a_log_from_a_newer_sfilms_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    with viewing_log.writing(path):
        pass
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {viewing_log.SCHEMA_VERSION + 1}")
    with pytest.raises(LogUnusable, match="newer sfilms"):
        viewing_log.read_log(path)


def test_a_log_held_by_another_writer_is_waited_for_then_refused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SFILMS_LOG_TIMEOUT", "0.3")
    path = tmp_path / "log.sqlite3"
    with viewing_log.writing(path):
        pass
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(LogBusy), viewing_log.writing(path) as log:
            viewing_log.add_entry(log, ENTRY, logged_on="2026-12-01")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert viewing_log.read_log(path)[0] == []


def test_every_migration_step_is_there() -> None:
    assert sorted(viewing_log.MIGRATIONS) == list(range(1, viewing_log.SCHEMA_VERSION + 1))


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    import socket

    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()


@pytest.mark.parametrize(
    ("make", "reason"),
    [(_fifo, "not a regular file"), (_socket, "cannot be read"), (Path.mkdir, "is a folder")],
)
def test_what_is_no_file_at_the_logs_path_is_an_unusable_log(tmp_path: Path, make, reason: str) -> None:
    path = tmp_path / "log.sqlite3"
    make(path)
    with pytest.raises(LogUnusable, match=reason):
        viewing_log.read_log(path)
    with pytest.raises(LogUnusable, match=reason), viewing_log.writing(path):
        pass
    assert places.is_there(path)


def test_a_log_path_too_long_for_the_system_is_an_unusable_log(tmp_path: Path) -> None:
    path = tmp_path / ("x" * 300) / "log.sqlite3"
    assert places.is_there(path)  # something is wrong there, and reading says what
    with pytest.raises(LogUnusable, match="too long"):
        viewing_log.read_log(path)


def test_a_new_log_takes_the_users_umask(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    old = os.umask(0o002)
    try:
        with viewing_log.writing(path) as log:
            viewing_log.add_entry(log, ENTRY, "2026-11-30")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o664
