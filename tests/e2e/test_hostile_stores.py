"""The hostile suite for what sfilms keeps and what it is given whole: the store (a cache, damaged
at random: what its checks see is rebuilt and answered as the files answer, and nothing is ever an
exit 70), the viewing log (the user's, damaged at random, must be named, worked around and never
written), and Letterboxd ZIPs (bytes damaged at random: one line, exit 0 or 1, never 70).
Hypothesis makes up the damage on every run."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from soviet_films.cli.commands import app
from tests.cli.test_letterboxd import HISTORY, account_zip

RUNS = settings(
    max_examples=int(os.environ.get("SFILMS_HOSTILE_EXAMPLES", "40")),  # more for a deeper run by hand
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
COMMANDS = [("search", "lonely"), ("list", "--json"), ("show", "stalker"), ("list", "--director", "ryazanov")]
# What a damaged cell may hold instead: wrong types, broken JSON, text where numbers were, nothing.
CELLS = st.one_of(st.none(), st.integers(-(2**63), 2**63 - 1), st.floats(allow_nan=True), st.binary(max_size=20),
                  st.sampled_from(['{"broken', "[[", "", "nan", "stalker", "-1"]), st.text(max_size=10))  # fmt: skip
DAMAGE = st.tuples(st.sampled_from(["delete", "drop", "update"]), st.integers(0, 10_000), CELLS)


def invoke(home: Path, *args: str):
    env = {"SFILMS_LISTS_DIR": str(home / "lists"), "XDG_CACHE_HOME": str(home / "cache"),
           "SFILMS_DATA_DIR": str(home / "data"), "COLUMNS": "80"}  # fmt: skip
    return CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)


def damage(database: Path, kind: str, pick: int, value: object) -> str:
    """Damage one table of ``database`` (the ``pick``-th) as ``kind`` says; what was done."""
    with sqlite3.connect(database) as connection:
        tables = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]  # fmt: skip
        table = tables[pick % len(tables)]
        columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]
        try:
            if kind == "delete":
                connection.execute(f'DELETE FROM "{table}" WHERE rowid % 3 = ?', (pick % 3,))
            elif kind == "drop":
                connection.execute(f'DROP TABLE "{table}"')
            else:
                column = columns[pick % len(columns)]
                connection.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE rowid % 2 = 0', (value,))
        except sqlite3.Error as error:  # a constraint refused it, say: damage of another kind, then
            return f"{kind} {table}: refused ({error})"
    with sqlite3.connect(database) as connection:  # the damage into the file itself, none left in a -wal
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return f"{kind} {table}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[tuple[int, str]]]:
    """A home with a list of the user's and its store built, the store's bytes, and every
    command's answer from the files alone."""
    home = tmp_path_factory.mktemp("store")
    (home / "lists").mkdir()
    (home / "lists" / "mine.yaml").write_text(
        "id: mine\nname: Mine\nintro: Lonely films.\nfilms:\n  - title: Garage\n    year: 1979\n"
        "    directors: [Eldar Ryazanov]\n    description: A lonely meeting.\n", encoding="utf-8")  # fmt: skip
    assert invoke(home, "themes").exit_code == 0
    [store] = (home / "cache" / "sfilms").glob("catalog-*.sqlite3")
    with sqlite3.connect(store) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    expected = []
    saved = home / "saved-cache"
    shutil.move(home / "cache", saved)
    (home / "cache").write_text("not a folder: sfilms reads the files")
    for args in COMMANDS:
        result = invoke(home, *args)
        expected.append((result.exit_code, result.stdout))
    (home / "cache").unlink()
    shutil.move(saved, home / "cache")
    good = home / "good-store"
    good.write_bytes(store.read_bytes())
    return home, good, expected


@RUNS
@given(DAMAGE)
def test_a_store_damaged_any_way_is_rebuilt_or_answers_never_exit_70(built, change) -> None:
    home, good, expected = built
    done = damage(_the_store(home, good), *change)
    # What the cheap checks see (a table gone; films, entries or themes deleted: the counts it
    # recorded) is answered as the files answer. A value changed in place, or rows of another table
    # deleted, reads as a store that says something else (only a checksum of every row would see
    # it): like bytes overwritten, that is held to an answer and never an exit 70.
    seen = done.split(":")[0] in {"drop " + done.split()[1]} | {
        f"delete {t}" for t in ("films", "entries", "themes")
    }
    for args, answer in zip(COMMANDS, expected, strict=True):
        result = invoke(home, *args)
        assert result.exit_code in (0, 1) and "unexpected error" not in result.stderr, (done, args)
        if seen:
            assert (result.exit_code, result.stdout) == answer, (done, args, result.stderr)


@RUNS
@given(st.lists(st.tuples(st.integers(0, 2**22), st.binary(min_size=1, max_size=16)), min_size=1, max_size=4))
def test_a_store_with_bytes_overwritten_is_never_an_error_of_ours(built, changes) -> None:
    # Bytes changed inside a cell can change what it says and pass every cheap check (only a
    # checksum of every row would see it): the promise here is no exit 70, and an answer.
    home, good, _ = built
    store = _the_store(home, good)
    data = bytearray(store.read_bytes())
    for pick, value in changes:
        at = pick % len(data)
        data[at : at + len(value)] = value
    store.write_bytes(bytes(data))
    for args in COMMANDS:
        result = invoke(home, *args)
        assert result.exit_code in (0, 1), (changes, args, result.stderr)
        assert "unexpected error" not in result.stderr, (changes, args)


def _the_store(home: Path, good: Path) -> Path:
    """Put the good store back, alone, under the name sfilms looks for; its path."""
    folder = home / "cache" / "sfilms"
    [store] = folder.glob("catalog-*.sqlite3")  # one store: its name is the sources'
    for old in folder.glob("catalog-*"):
        old.unlink(missing_ok=True)  # a -wal may go as a connection closes
    store.write_bytes(good.read_bytes())
    return store


@pytest.fixture(scope="module")
def logged(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A home with a viewing log of a few entries and a watchlist item, and the log's bytes."""
    home = tmp_path_factory.mktemp("log")
    (home / "lists").mkdir()
    for args in (("watched", "stalker", "--rating", "4.5", "--note", "again"), ("watched", "garage", "--on",
                 "2024-01-02"), ("watchlist", "add", "solaris 1972"), ("watched", "Pulp Fiction 1994")):  # fmt: skip
        assert invoke(home, *args).exit_code == 0
    log = home / "data" / "log.sqlite3"
    with sqlite3.connect(log) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    good = home / "good-log"
    good.write_bytes(log.read_bytes())
    return home, good


@RUNS
@given(
    st.one_of(DAMAGE, st.tuples(st.just("bytes"), st.integers(0, 10_000), st.binary(min_size=1, max_size=64)))
)
def test_a_log_damaged_any_way_is_named_kept_and_worked_around(logged, change) -> None:
    home, saved = logged
    good = saved.read_bytes()
    log = home / "data" / "log.sqlite3"
    for old in log.parent.glob("log.sqlite3*"):
        old.unlink(missing_ok=True)  # a -wal may go as a connection closes
    log.write_bytes(good)
    kind, pick, value = change
    if kind == "bytes":  # a disk's damage: bytes overwritten at some place
        data = bytearray(good)
        at = pick * 7 % len(data)
        data[at : at + len(value)] = value
        log.write_bytes(bytes(data))
        done = f"bytes at {at}"
    else:
        done = damage(log, kind, pick, value)
    before = hashlib.sha256(log.read_bytes()).hexdigest()
    for args in (("list", "loneliness"), ("show", "stalker"), ("themes",)):
        result = invoke(home, *args)
        assert result.exit_code == 0, (done, args, result.stderr)
        assert len(result.stderr.splitlines()) <= 1, (done, args, result.stderr)
    written = invoke(home, "watched", "mirror")
    assert written.exit_code in (0, 1), (done, written.stderr)
    assert "unexpected error" not in written.stderr, done
    if written.exit_code == 1:
        assert len(written.stderr.splitlines()) == 1, (done, written.stderr)
        assert hashlib.sha256(log.read_bytes()).hexdigest() == before, (done, "a refused log was written")


@pytest.fixture(scope="module")
def account(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    home = tmp_path_factory.mktemp("zip")
    (home / "lists").mkdir()
    return home, account_zip(home / "account.zip", HISTORY)


@RUNS
@given(
    st.lists(st.tuples(st.integers(0, 10_000), st.binary(min_size=1, max_size=16)), min_size=1, max_size=4)
)
def test_a_letterboxd_zip_damaged_any_way_is_one_line_and_never_an_error_of_ours(account, changes) -> None:
    home, good = account
    data = bytearray(good.read_bytes())
    for pick, value in changes:
        at = pick * 13 % len(data)
        data[at : at + len(value)] = value
    damaged = home / "damaged.zip"
    damaged.write_bytes(bytes(data))
    result = invoke(home, "letterboxd", "import", str(damaged), "--dry-run")
    assert result.exit_code in (0, 1), (changes, result.stderr)
    assert "unexpected error" not in result.stderr and "Traceback" not in result.stderr, changes
    problems = [
        line for line in result.stderr.splitlines() if not line.startswith("sfilms: nothing imported")
    ]
    assert result.exit_code == 0 or len(problems) >= 1, (changes, result.stderr)
