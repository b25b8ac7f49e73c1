"""store.cache: the compiled catalogue in SQLite answers as the files do, stays up to date file by
file at the cost of what each change touches, and survives damage, read-only folders, killed and
concurrent builds."""

from __future__ import annotations

import os
import random
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest

from soviet_films import places
from soviet_films.store.cache import readings, schema, update
from soviet_films.store.cache.reader import Cache
from soviet_films.store.shelf import CachedShelf, load_catalog, open_shelf, sources
from tests.helpers import MY_LIST, catalog_facts, sfilms_command, write_list

# Lists that put the store's questions to the test: a film shared by three lists under three
# spellings, a user list that takes a bundled theme's place, Cyrillic titles and directors, one title
# in two years, a broken file and one with a taken id.
WAR = """\
id: war
name: War and memory
intro: Films about the war, and a lonely soldier or two.
films:
  - title: Ivan's Childhood
    year: 1962
    original_title: Иваново детство
    directors: [Андрей Тарковский]
    description: A boy scout at the front; memory and dream.
  - title: KIN-DZA-DZA
    year: 1987
    description: The same space comedy, written another way.
  - title: Solaris
    year: 1972
    directors: [A. Tarkovsky]
    description: The ocean remembers.
  - title: Solaris
    year: 1968
    directors: [Boris Nirenburg]
    description: The television play, a lonely station.
  - title: The Ascent
    year: 1977
    description: Partisans in the snow; "the new year" never comes.
"""
LONELINESS = """\
id: loneliness
name: My loneliness
intro: My own take on the theme, replacing the bundled one.
films:
  - title: Кин-дза-дза!
    year: 1986
    description: Ку! A desert planet.
  - title: Stalker
    year: 1979
    description: The Zone, alone.
  - title: Wings
    year: 1966
    directors: [Larisa Shepitko]
    description: A pilot after the war, alone in peace.
"""
TAKEN = MY_LIST.replace("name: Mine", "name: Mine again")


@pytest.fixture
def lists(user_lists: Path) -> Path:
    write_list(user_lists, "mine.yaml", MY_LIST)
    write_list(user_lists, "war.yaml", WAR)
    write_list(user_lists, "loneliness.yaml", LONELINESS)
    write_list(user_lists, "taken.yaml", TAKEN)
    write_list(user_lists, "broken.yaml", "id: broken\nname: [unclosed\n")
    return user_lists


def from_files():
    return open_shelf(use_cache=False).whole()


def without_store(monkeypatch: pytest.MonkeyPatch) -> None:
    def unusable(*args: object) -> None:
        raise schema.Unusable("for the test")

    monkeypatch.setattr(schema, "open_connection", unusable)


def store_path() -> Path:
    """The store file: the only one in the cache folder (an installed sfilms in a subprocess reads
    its bundled lists from another folder than these tests, so its store has another name), else the
    one this process uses."""
    found = list(places.cache_dir().glob("catalog-*.sqlite3"))
    if len(found) == 1:
        return found[0]
    return schema.cache_file(places.cache_dir(), sources())


def meta(name: str) -> str | None:
    with sqlite3.connect(store_path()) as connection:
        row = connection.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
    return row[0] if row else None


COMMANDS = [
    ("show", "stalker"), ("show", "kin-dza-dza"), ("show", "Кин-дза-дза"), ("show", "kin dza dza"),
    ("show", "solaris"), ("show", "solaris 1968"), ("show", "solaris 1975"), ("show", "ivanovo detstvo"),
    ("show", "the ascent"), ("show", "ascent", "--json"), ("show", "mirror"), ("show", "tarkovsky"),
    ("show", "solarsi"), ("show", "xyzzy"), ("show", "the"), ("show", "1979"), ("show", "!!"),
    ("list",), ("list", "--json"), ("list", "loneliness"), ("list", "war", "--sort", "year"),
    ("list", "--director", "tarkovsky"), ("list", "--director", "Тарковский"), ("list", "--director", "andrei"),
    ("list", "--director", "tarkovski"), ("list", "war", "--director", "nirenburg"), ("list", "--year", "1970s"),
    ("list", "--year", "1962"), ("list", "--year", "1960-1969", "--director", "shepitko"), ("list", "nope"),
    ("list", "low"), ("list", "war", "--year", "1968", "--json"), ("themes",), ("themes", "--json"),
    ("search", "lonely"), ("search", "lonel"), ("search", "war"), ("search", '"new year"'),
    ("search", "tarkovsky", "memory"), ("search", "ку"), ("search", "ocean", "--theme", "war"),
    ("search", "the", "--director", "tarkovsky"), ("search", "films", "--year", "1970s"),
    ("search", "zzz"), ("search", "comedy", "--json"), ("search", "soldier", "--theme", "nope"),
    ("search", "x", "--director", "nobody"), ("search", "theme"),
    ("random", "--seed", "7"), ("random", "--seed", "3", "--year", "1960s"), ("random", "war", "--seed", "1"),
    ("stats",), ("stats", "war", "--json"), ("export", "--format", "json"), ("export", "war", "--format", "csv"),
]  # fmt: skip


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_the_store_answers_every_command_as_the_files_do(
    lists: Path, run, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    stored = run(*args)
    assert meta("builds") == "1"  # it was the store that answered
    without_store(monkeypatch)
    from_the_files = run(*args)
    assert (stored.exit_code, stored.stdout, stored.stderr) == (
        from_the_files.exit_code,
        from_the_files.stdout,
        from_the_files.stderr,
    )


@pytest.mark.parametrize("words", ["sta", "", "k", "so", "ivan", "zz"], ids=lambda words: words or "nothing")
def test_completion_from_the_store_is_completion_from_the_files(
    lists: Path, monkeypatch: pytest.MonkeyPatch, words: str
) -> None:
    from soviet_films import library

    stored = (
        library.complete_films(words),
        library.complete_themes(words),
        library.complete_directors(words),
    )
    without_store(monkeypatch)
    assert stored == (
        library.complete_films(words),
        library.complete_themes(words),
        library.complete_directors(words),
    )


def test_the_whole_catalogue_from_the_store_is_the_one_from_the_files(lists: Path) -> None:
    assert catalog_facts(load_catalog()) == catalog_facts(from_files())


def test_without_fts5_search_still_finds_the_same(lists: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schema, "fts5_available", lambda: False)
    searches = [args for args in COMMANDS if args[0] == "search"]
    stored = [run(*args).stdout for args in searches]
    with sqlite3.connect(store_path()) as connection:  # the plain table, not the full-text index
        (sql,) = connection.execute("SELECT sql FROM sqlite_master WHERE name = 'entry_text'").fetchone()
    assert "fts5" not in sql
    without_store(monkeypatch)
    assert stored == [run(*args).stdout for args in searches]


# ---------------------------------------------------------------- staleness, file by file


def reads_while(action) -> list[str]:
    """The list files the store read again to answer the next command after ``action``."""
    read: list[str] = []
    original = update.read, readings.read
    update.read = readings.read = lambda path: (read.append(path.name), original[0](path))[1]
    try:
        action()
        load_catalog()
    finally:
        update.read, readings.read = original
    return read


def test_an_unchanged_catalogue_reads_no_file(lists: Path) -> None:
    load_catalog()
    assert reads_while(lambda: None) == []


def test_a_touched_file_is_read_once_and_nothing_relinked(lists: Path) -> None:
    load_catalog()
    path = lists / "war.yaml"
    assert reads_while(lambda: os.utime(path, (1, 1))) == ["war.yaml"]
    assert meta("builds") == "1"
    assert reads_while(lambda: None) == []  # its new status was kept


def test_a_list_whose_words_change_rewrites_only_its_own_rows(lists: Path) -> None:
    load_catalog()
    path = lists / "war.yaml"
    changed = WAR.replace("The ocean remembers.", "The ocean remembers everything.").replace(
        "Films about the war", "Films of the war"
    )
    assert reads_while(lambda: path.write_text(changed, encoding="utf-8")) == ["war.yaml"]
    assert meta("builds") == "1"
    catalog = load_catalog()
    assert catalog.theme("war").intro.startswith("Films of the war")
    assert catalog_facts(catalog) == catalog_facts(from_files())
    hits = open_shelf().for_search(["everything"], None, None)[1]
    assert [entry.title for _, entry in hits] == ["Solaris"]
    assert open_shelf().for_search(["remembers"], None, None)[1]


@pytest.mark.parametrize(
    "change",
    [
        lambda lists: (lists / "war.yaml").write_text(
            WAR.replace("year: 1987", "year: 1986"), encoding="utf-8"
        ),
        lambda lists: (lists / "war.yaml").write_text(
            WAR + "  - title: Garage\n    year: 1979\n", encoding="utf-8"
        ),
        lambda lists: (lists / "mine.yaml").unlink(),
        lambda lists: write_list(
            lists, "new.yaml", "id: new\nname: New\nfilms:\n  - {title: Mirror, year: 1974}\n"
        ),
        lambda lists: (lists / "broken.yaml").write_text(
            "id: broken\nname: Fixed\nfilms: []\n", encoding="utf-8"
        ),
        lambda lists: (lists / "mine.yaml").write_text("id: mine\nname: [", encoding="utf-8"),
        lambda lists: (lists / "loneliness.yaml").unlink(),
    ],
    ids=["year", "added film", "removed file", "added file", "mended file", "broken file", "bundled back"],
)
def test_each_kind_of_change_is_seen_and_reads_only_what_changed(lists: Path, change) -> None:
    load_catalog()
    before = set(os.listdir(lists))
    read = reads_while(lambda: change(lists))
    assert set(read) <= (set(os.listdir(lists)) ^ before) | {"war.yaml", "mine.yaml", "broken.yaml"}
    assert len(read) <= 1
    assert catalog_facts(load_catalog()) == catalog_facts(from_files())


def test_the_version_changing_rebuilds_everything(lists: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_catalog()
    monkeypatch.setattr(schema, "__version__", "99.0")
    everything = {path.name for path in [*sources().bundled, *sources().user]}
    assert set(reads_while(lambda: None)) == everything
    assert meta("builds") == "2"


def test_a_random_run_of_edits_keeps_the_store_equal_to_the_files(lists: Path) -> None:
    rng = random.Random(1941)
    titles = [("Mirror", 1975), ("Stalker", 1979), ("Wings", 1966), ("Kin-dza-dza!", 1986), ("KIN DZA DZA", 1987),
              ("Солярис", 1972), ("Solaris", 1968), ("Garage", 1979), ("Own film", 1980), ("Own film", 1981),
              ("The Ascent", 1978), ("Ivan's Childhood", 1962), ("Новый фильм", 1970), ("Alone A", 1960),
              ("Alone B", 1961), ("Alone C", 1962), ("Alone D", 1963), ("Alone E", 1964), ("Alone F", 1965)]  # fmt: skip
    directors = [[], [], ["A. Tarkovsky"], ["Андрей Тарковский"], ["Larisa Shepitko"], ["Nobody Known"]]
    for step in range(120):
        name = rng.choice(["a.yaml", "b.yaml", "c.yaml", "loneliness.yaml", "war.yaml"])
        path = lists / name
        action = rng.random()
        if action < 0.15 and path.exists():
            path.unlink()
        elif action < 0.25 and path.exists():
            os.utime(path, (step, step))
        else:
            # Mostly films of this list's own (linked alone), now and then one other lists name too.
            own = [
                (f"{name[:-5]} own {number}", 1950 + rng.randint(0, 3)) for number in range(rng.randint(0, 5))
            ]
            chosen = own + (rng.sample(titles, rng.randint(1, 3)) if rng.random() < 0.3 else [])
            seen, entries = set(), []
            for title, year in chosen:
                if (title.lower(), year) in seen:
                    continue
                seen.add((title.lower(), year))
                entry = (
                    f'  - title: "{title}"\n    year: {year}\n    description: words {rng.randint(0, 3)}\n'
                )
                given = (
                    rng.choice(directors)
                    if rng.random() < 0.5
                    else rng.choice([[], [f"Own {name[0]}director"]])
                )
                if given:
                    entry += f"    directors: [{', '.join(given)}]\n"
                entries.append(entry)
            theme_id = name[:-5] if rng.random() < 0.9 else "a"
            path.write_text(f"id: {theme_id}\nname: {name} {rng.randint(0, 2)}\nfilms:\n" + "".join(entries) or " []",
                            encoding="utf-8")  # fmt: skip
            if not entries:
                path.write_text(f"id: {theme_id}\nname: {name}\nfilms: []\n", encoding="utf-8")
        assert catalog_facts(load_catalog()) == catalog_facts(from_files()), f"after step {step}"
    assert meta("builds") == "1"  # every change was brought in by linking what it touched


# ---------------------------------------------------------------- damage and odd places


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not a database at all" * 100,
        b"SQLite format 3\x00" + b"\xff" * 5000,
        "truncate",
        "foreign",
        "future",
    ],
    ids=["empty", "garbage", "bad header", "truncated", "foreign", "future"],
)
def test_a_damaged_foreign_or_future_store_is_rebuilt(lists: Path, run, damage) -> None:
    import gc

    load_catalog()
    gc.collect()  # no connection left open to the file about to be damaged
    path = store_path()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    if damage == "truncate":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 3])
    elif damage in ("foreign", "future"):
        path.unlink()
        with sqlite3.connect(path) as connection:
            if damage == "foreign":
                connection.execute("CREATE TABLE films (name TEXT)")
                connection.execute("PRAGMA application_id = 1234")
            else:
                connection.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
                connection.execute(f"PRAGMA user_version = {schema.FORMAT + 1}")
    else:
        path.write_bytes(damage)
    result = run("show", "kin-dza-dza")
    assert (
        result.exit_code == 0 and result.stderr.count("\n") <= 2
    )  # the warnings about broken.yaml, taken.yaml
    assert "Traceback" not in result.stderr
    assert catalog_facts(load_catalog()) == catalog_facts(from_files())
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == schema.FORMAT


def test_a_fifo_where_the_store_should_be_is_replaced(lists: Path, run) -> None:
    path = store_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    assert run("show", "stalker").exit_code == 0
    assert path.is_file()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_a_read_only_cache_folder_means_reading_the_files(
    lists: Path, run, tmp_path: Path, monkeypatch
) -> None:
    cache = tmp_path / "ro"
    cache.mkdir()
    cache.chmod(0o500)
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    result = run("show", "solaris 1968")
    assert result.exit_code == 0 and "Traceback" not in result.stderr
    assert list(cache.iterdir()) == []


def test_a_cache_folder_that_is_a_file_means_reading_the_files(
    lists: Path, run, tmp_path: Path, monkeypatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    result = run("list", "war")
    assert result.exit_code == 0 and "Ivan's Childhood" in result.stdout
    assert blocker.read_text() == "not a folder"


def test_deleting_the_store_loses_nothing(lists: Path, run) -> None:
    before = run("list", "--json").stdout
    for suffix in ("", "-wal", "-shm"):
        Path(f"{store_path()}{suffix}").unlink(missing_ok=True)
    assert run("list", "--json").stdout == before


# ---------------------------------------------------------------- processes at once, killed ones


def many_lists(folder: Path, lists: int) -> None:
    for index in range(lists):
        entries = "".join(
            f"  - title: Film {index} {number}\n    year: {1930 + number}\n    description: words {number}\n"
            for number in range(50)
        )
        (folder / f"many-{index:03d}.yaml").write_text(
            f"id: many-{index:03d}\nname: Many {index}\nfilms:\n{entries}"
        )


def test_processes_that_find_it_stale_at_once_build_it_once(user_lists: Path) -> None:
    many_lists(user_lists, 40)
    processes = [subprocess.Popen([*sfilms_command(), "list", "many-007"], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE) for _ in range(8)]  # fmt: skip
    outputs = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        outputs.append(out)
    assert len(set(outputs)) == 1 and outputs[0].count(b"\n") == 50
    assert meta("builds") == "1"
    with sqlite3.connect(store_path()) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert catalog_facts(load_catalog()) == catalog_facts(from_files())


def test_a_killed_rebuild_leaves_the_state_before(user_lists: Path) -> None:
    many_lists(user_lists, 60)
    subprocess.run([*sfilms_command(), "themes"], capture_output=True, check=True)  # the store they share
    rng = random.Random(7)
    for attempt in range(6):
        (user_lists / f"many-{attempt:03d}.yaml").write_text(
            f"id: many-{attempt:03d}\nname: Gone\nfilms: []\n"
        )
        process = subprocess.Popen(
            [*sfilms_command(), "themes"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            process.wait(timeout=rng.uniform(0.05, 0.6))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        with sqlite3.connect(store_path()) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            count = connection.execute("SELECT count(*) FROM entries").fetchone()[0]
        # A whole state, never a mix: the lists as they were before some change so far, or after all.
        assert count in {50 * (60 - emptied) + 20 for emptied in range(attempt + 2)}
    assert catalog_facts(load_catalog()) == catalog_facts(from_files())


SOLO = """\
id: solo
name: Solo
films:
  - title: A Film Only Here
    year: 1971
    directors: [Ivan Nobodyknown]
    description: Seen by one list.
  - title: Another Film Only Here
    year: 1972
"""


@pytest.mark.parametrize(
    ("change", "linked"),
    [
        (lambda lists: write_list(lists, "zzz.yaml", SOLO.replace("id: solo", "id: zzz").replace("Here", "There")
                                  .replace("Nobodyknown", "Someoneelse")), 2),
        (lambda lists: write_list(lists, "solo.yaml", SOLO.replace("1971", "1970")), 2),
        (lambda lists: write_list(lists, "solo.yaml", SOLO + "  - title: Garage\n    year: 1979\n"), 4),
        (lambda lists: write_list(lists, "solo.yaml", SOLO.replace("  - title: A Film Only Here\n    year: 1971\n"
                                                                   "    directors: [Ivan Nobodyknown]\n", "")
                                  .replace("    description: Seen by one list.\n", "")), 1),
        (lambda lists: (lists / "solo.yaml").unlink(), 0),
        (lambda lists: write_list(lists, "solo.yaml", "id: solo\nname: Solo\nfilms: [\n"), 0),
        (lambda lists: write_list(lists, "war.yaml", WAR.replace("The ocean", "The sea")), 8),
        (lambda lists: write_list(lists, "war.yaml", WAR.replace("KIN-DZA-DZA", "Kin-dza-dza 2")), 8),
        (lambda lists: write_list(lists, "solo.yaml", SOLO + "  - title: Wings\n    year: 1966\n"), 4),
        (lambda lists: write_list(lists, "solo.yaml", SOLO.replace("Nobodyknown", "Tarkovsky")), 2),
        (lambda lists: write_list(lists, "solo.yaml", SOLO.replace("id: solo", "id: war")), 5),
    ],
    ids=["new list", "a year", "a record joined", "a film dropped", "list removed", "list broken",
         "words of shared films", "a shared film's title", "a film another list names", "a known director",
         "a taken id"],
)  # fmt: skip
def test_a_change_links_again_only_what_it_touches(lists: Path, change, linked: int) -> None:
    write_list(lists, "solo.yaml", SOLO)
    load_catalog()
    change(lists)
    assert catalog_facts(load_catalog()) == catalog_facts(from_files())
    assert meta("builds") == "1"
    # Of the catalogue's 32 entries, a change links again those of the lists that changed and those
    # sharing a key with them: 'Garage' another list names, the war list's Kin-dza-dza and Ascent.
    assert int(meta("linked") or 0) == linked


@pytest.mark.parametrize(
    "args",
    [("show", "stalker"), ("show", "solaris"), ("list", "war"), ("list", "--director", "tarkovsky"),
     ("list", "--year", "1970s"), ("search", "lonely"), ("search", "ocean", "--theme", "war"), ("themes",),
     ("random", "--seed", "1"), ("list",)],
    ids=" ".join,
)  # fmt: skip
def test_commands_read_only_what_their_answer_needs(
    lists: Path, run, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    load_catalog()
    monkeypatch.setattr(CachedShelf, "whole", lambda self: pytest.fail("read the whole catalogue"))
    monkeypatch.setattr(Cache, "every_entry", lambda self: pytest.fail("read every entry"))
    if args != ("themes",):
        monkeypatch.setattr(Cache, "themes", lambda self: pytest.fail("read every theme"))
    assert run(*args).exit_code == 0


def test_the_json_catalogue_of_the_release_before_is_cleared_away(lists: Path) -> None:
    folder = places.cache_dir()
    folder.mkdir(parents=True)
    (folder / "catalog-0badcafe.json").write_text('{"key": []}')
    (folder / "catalog-0badcafe.search").write_text("[]\n")
    (folder / "notes.txt").write_text("not ours to remove")
    load_catalog()
    assert sorted(path.name for path in folder.iterdir() if not path.name.startswith("catalog-")) == [
        "notes.txt"
    ]
    assert not list(folder.glob("catalog-*.json")) and not list(folder.glob("catalog-*.search"))


def test_questions_of_more_rows_than_one_statement_takes_are_asked_in_parts(lists: Path) -> None:
    shelf = open_shelf()
    wanted = [f"no-such-film-{number}" for number in range(1200)] + ["stalker", "mirror"]
    assert set(shelf.cache.films_by_id(wanted)) == {"stalker", "mirror"}
    assert shelf.cache.theme_rowids_of(wanted) == shelf.cache.theme_rowids_of(["stalker", "mirror"]) != set()


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: the files are read in this process")
def test_a_build_from_nothing_reads_the_files_on_every_core(user_lists: Path, monkeypatch) -> None:
    many_lists(user_lists, 8)
    monkeypatch.setenv("SFILMS_PARALLEL_FILES", "4")
    paths = sorted(user_lists.glob("*.yaml"))
    assert readings.read_many(paths) == [readings.read(path) for path in paths]
    assert readings.read_by_workers == len(paths)  # the workers did the reading, not this process
    load_catalog()
    assert readings.read_by_workers == len(paths) + len(sources().bundled)
    assert catalog_facts(load_catalog()) == catalog_facts(from_files())


def test_a_new_store_takes_the_users_umask(lists: Path, run) -> None:
    old = os.umask(0o007)
    try:
        assert run("show", "stalker").exit_code == 0
    finally:
        os.umask(old)
    made = list(store_path().parent.glob(store_path().name + "*"))
    assert store_path() in made and {stat.S_IMODE(path.stat().st_mode) for path in made} == {0o660}


DAMAGE = {
    "a full-text index's inner table dropped": "DROP TABLE entry_text_data",
    "a full-text index's inner rows deleted": "DELETE FROM intro_text_data",
    "rows of themes deleted": "DELETE FROM themes WHERE rowid IN (SELECT rowid FROM themes LIMIT 2)",
    "every meta value broken": "UPDATE meta SET value = '{\"broken'",
    "a director's spellings not JSON": "UPDATE meta SET value = '[[' WHERE name = 'director_spellings'",
    # found only when a theme's entries are first read, after the shelf has answered: asked again
    "an entry's year not a number": "UPDATE entries SET year = 9.2e18 WHERE rowid % 2 = 0",
    "a text cell not UTF-8": "UPDATE meta SET value = CAST(X'80ff' AS TEXT) WHERE name = 'statuses'",
}


@pytest.mark.parametrize("statement", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_store_damaged_past_its_checks_answers_as_the_files_do(
    lists: Path, run, monkeypatch: pytest.MonkeyPatch, statement: str
) -> None:
    commands = [("search", "lonely"), ("list", "--json"), ("show", "stalker"), ("stats",), ("themes",)]
    assert run("themes").exit_code == 0
    with sqlite3.connect(store_path()) as connection:
        connection.execute(statement)
    damaged = [run(*args) for args in commands]
    again = [run(*args) for args in commands]  # the store built again
    without_store(monkeypatch)
    from_the_files = [run(*args) for args in commands]
    for stored, rebuilt, expected in zip(damaged, again, from_the_files, strict=True):
        assert (stored.exit_code, stored.stdout) == (expected.exit_code, expected.stdout)
        assert (rebuilt.exit_code, rebuilt.stdout) == (expected.exit_code, expected.stdout)
