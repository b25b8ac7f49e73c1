"""The viewing log as the commands meet it: log and plan, what every command shows of it,
Letterboxd in and out, and the log left alone by everything that only reads."""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from pathlib import Path

import pytest

from soviet_films import places
from tests.helpers import write_list


@pytest.fixture
def log() -> Path:
    return places.log_file()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_log_a_film_and_see_it_everywhere(run, log: Path) -> None:
    assert run("watched", "stalker", "--rating", "4.5", "--on", "2026-11-28").exit_code == 0
    assert run("watched", "Сталкер", "--rewatch", "--note", "again").exit_code == 0
    result = run("watched", "mirror")
    assert result.stderr.startswith("sfilms: logged The Mirror (1975) on ")
    assert log.exists()
    listed = run("list", "loneliness").stdout.splitlines()
    assert listed[0].split("\t") == ["stalker", "Stalker", "1979", "Andrei Tarkovsky", "2", "4.5", ""]
    assert listed[1].split("\t")[4:] == ["0", "", ""]
    assert run("themes").stdout.splitlines() == [
        "loneliness\tLoneliness\t10\t2",
        "low-self-esteem\tLow self-esteem\t10\t1",
    ]
    shown = run("show", "stalker").stdout
    assert (
        "\nseen:\t2\nrating:\t4.5\nwatchlist:\tno\n" in shown and "watched:\t2026-11-28\t4.5\t\t\n" in shown
    )
    data = json.loads(run("show", "stalker", "--json").stdout)["viewing"]
    assert (data["seen"], data["rating"], len(data["entries"])) == (2, 4.5, 2)
    decades = [line for line in run("stats").stdout.splitlines() if line.startswith("decade\t1970s")]
    assert decades == ["decade\t1970s\t7\t2"]
    assert json.loads(run("stats", "--json").stdout)["decades"][2] == {
        "decade": "1970s",
        "films": 7,
        "seen": 2,
    }
    diary = run("diary").stdout.splitlines()
    assert [line.split("\t")[0] for line in diary] == ["mirror", "stalker", "stalker"]


def test_field_positions_never_move(run) -> None:
    before = {
        args: run(*args).stdout.splitlines() for args in (("list", "loneliness"), ("list",), ("themes",))
    }
    run("watched", "garage")
    for args, lines in before.items():
        after = run(*args).stdout.splitlines()
        assert [line.split("\t")[: len(old.split("\t"))] for line, old in zip(after, lines, strict=True)] == [
            old.split("\t") for old in lines
        ]


def test_seen_unseen_and_watchlist_filters(run) -> None:
    run("watched", "stalker")
    run("watchlist", "add", "mirror", "garage")
    ids = lambda *args: [line.split("\t")[0] for line in run(*args).stdout.splitlines()]  # noqa: E731
    assert ids("list", "--seen") == ["stalker"]
    assert (
        "stalker" not in ids("list", "loneliness", "--unseen")
        and len(ids("list", "loneliness", "--unseen")) == 9
    )
    assert ids("list", "--watchlist") == ["mirror", "garage"]
    assert ids("search", "zone", "--seen") == ["stalker"]
    assert ids("search", "zone", "--unseen") == []
    for seed in range(5):
        assert (
            run("random", "loneliness", "--unseen", "--seed", str(seed)).stdout.splitlines()[1]
            != "id:\tstalker"
        )
    assert run("list", "--seen", "--unseen").exit_code == 2


def test_filters_without_a_log(run, log: Path) -> None:
    assert len(run("list", "--unseen").stdout.splitlines()) == 14 + 1
    result = run("list", "--seen")
    assert result.exit_code == 1 and result.stdout == ""
    assert not log.exists()  # reading never creates the log


def test_the_watchlist(run) -> None:
    assert run("watchlist").stdout == ""
    result = run("watchlist", "add", "mirror", "ascent")
    assert result.stderr.splitlines() == ["sfilms: added The Mirror (1975) to your watchlist",
                                          "sfilms: added The Ascent (1977) to your watchlist"]  # fmt: skip
    assert (
        run("watchlist", "add", "mirror").stderr == "sfilms: The Mirror (1975) is on your watchlist already\n"
    )
    assert [line.split("\t")[0] for line in run("watchlist").stdout.splitlines()] == ["mirror", "ascent"]
    assert run("watchlist", "remove", "ascent").exit_code == 0
    assert run("watchlist", "add", "mirror", "nonsuch").exit_code == 1  # one bad film: nothing changes
    logged = run("watched", "mirror")  # a film you log leaves your watchlist, as on Letterboxd
    assert "took The Mirror (1975) off your watchlist" in logged.stderr
    assert run("watchlist").stdout == ""
    assert run("watchlist", "frob", "x").exit_code == 2


def test_unwatch(run) -> None:
    run("watched", "stalker", "--on", "2026-11-01")
    run("watched", "stalker", "--on", "2026-11-02")
    result = run("unwatch", "stalker", "--on", "2026-11-01")
    assert result.stderr == "sfilms: removed 1 entry of Stalker (1979): 2026-11-01\n"
    assert run("unwatch", "stalker").stderr == "sfilms: removed 1 entry of Stalker (1979): 2026-11-02\n"
    again = run("unwatch", "stalker")
    assert again.exit_code == 1 and again.stderr == "sfilms: no entry of Stalker (1979) in your viewing log\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("watched", "stalker", "--rating", "6"), "'6' is not a rating from 0.5 to 5 in half steps"),
        (("watched", "stalker", "--rating", "4.2"), "is not a rating from 0.5 to 5"),
        (("watched", "stalker", "--on", "2999-01-01"), "2999-01-01 is in the future"),
        (("watched", "stalker", "--on", "12/01/2026"), "'12/01/2026' is not a date"),
    ],
)
def test_bad_values_are_usage_errors_and_write_nothing(run, log: Path, args, message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2 and message in result.stderr and result.stderr.count("\n") == 1
    assert not log.exists()


def test_film_names_resolve_as_show_resolves_them(run, log: Path) -> None:
    assert "did you mean: stalker" in run("watched", "stalkr").stderr
    assert "matches 2 films" in run("watched", "house").stderr
    assert not log.exists()


def test_a_damaged_log_is_named_kept_and_worked_around(run, log: Path) -> None:
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_bytes(b"not a database " * 200)
    before = digest(log)
    listed = run("list", "loneliness")
    assert listed.exit_code == 0 and len(listed.stdout.splitlines()) == 10
    assert f"warning: your viewing log {log} cannot be read as a viewing log" in listed.stderr
    written = run("watched", "stalker")
    assert written.exit_code == 1 and written.stderr.startswith(
        f"sfilms: your viewing log {log} cannot be read"
    )
    assert digest(log) == before


@pytest.mark.parametrize("make", [os.mkfifo, Path.mkdir], ids=["fifo", "folder"])
def test_what_is_no_file_at_the_logs_path_leaves_reading_commands_working(run, log: Path, make) -> None:
    log.parent.mkdir(parents=True, exist_ok=True)
    make(log)
    for args in (("show", "stalker"), ("list", "loneliness"), ("themes",)):
        result = run(*args)
        assert result.exit_code == 0, result.stderr
        assert result.stderr.startswith(f"sfilms: warning: your viewing log {log} ")
        assert len(result.stderr.splitlines()) == 1
    written = run("watched", "stalker")
    assert written.exit_code == 1 and len(written.stderr.splitlines()) == 1
    assert written.stderr.startswith(f"sfilms: your viewing log {log} ")


def test_reading_commands_never_write_the_log(run, log: Path) -> None:
    run("watched", "stalker")
    before = {
        path.name: digest(path) for path in log.parent.iterdir() if not path.name.endswith(("-wal", "-shm"))
    }
    for args in (("list",), ("themes",), ("show", "stalker"), ("stats",), ("diary",), ("watchlist",),
                 ("search", "zone"), ("random", "--unseen"), ("letterboxd", "export")):  # fmt: skip
        assert run(*args).exit_code == 0, args
    after = {
        path.name: digest(path) for path in log.parent.iterdir() if not path.name.endswith(("-wal", "-shm"))
    }
    assert after == before


def export_zip(folder: Path) -> Path:
    path = folder / "letterboxd-me.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("watched.csv", "Date,Name,Year,Letterboxd URI\n2024-01-02,Stalker,1979,https://boxd.it/a\n"
                         "2024-02-01,Heat,1995,https://boxd.it/c\n")  # fmt: skip
        archive.writestr("diary.csv", "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n"
                         "2024-01-02,Stalker,1979,https://boxd.it/d1,4.5,,,2024-01-01\n"
                         "2024-03-05,The Cranes Are Flying,1958,https://boxd.it/d3,4,Yes,,2024-03-04\n"
                         "2024-04-05,Solaris,1972,https://boxd.it/d4,5,,,2024-04-04\n")  # fmt: skip
        archive.writestr(
            "ratings.csv",
            "Date,Name,Year,Letterboxd URI,Rating\n2024-01-03,Mirror,1975,https://boxd.it/b,5\n",
        )
        archive.writestr(
            "watchlist.csv",
            "Date,Name,Year,Letterboxd URI\n2024-05-01,Autumn Marathon,1979,https://boxd.it/e\n",
        )
    return path


def test_a_letterboxd_export_comes_in_once(run, tmp_path: Path, user_lists: Path) -> None:
    export = export_zip(tmp_path)
    first = run("letterboxd", "import", str(export), "--unmatched")
    assert first.exit_code == 0
    assert first.stderr == (
        "sfilms: read 7 rows: 4 films the lists name, 2 they do not; 3 diary entries (0 reviews), 1 ratings,"
        " 2 films seen without a day, 1 watchlist items; 7 new to your log, 0 changed\n"
    )
    assert [line.split("\t") for line in first.stdout.splitlines()] == [
        ["Solaris", "1972", "1", "no list names it", f"{export}:diary.csv:4"],
        ["Heat", "1995", "1", "no list names it", f"{export}:watched.csv:3"],
    ]
    again = run("letterboxd", "import", str(export))
    assert "0 new to your log, 0 changed" in again.stderr
    seen = [line.split("\t")[0] for line in run("list", "--seen").stdout.splitlines()]
    assert seen == ["stalker", "cranes-are-flying"]  # Mirror is rated, not logged as seen
    assert run("list", "--watchlist").stdout.startswith("autumn-marathon\t")
    # Solaris is kept: when a list naming it arrives, your entry is there.
    (user_lists / "sf.yaml").write_text("id: sf\nname: SF\nintro: x\nfilms:\n  - title: Solaris\n    year: 1972\n"
                                        "    description: d\n")  # fmt: skip
    assert run("list", "sf", "--seen").stdout.split("\t")[:1] == ["solaris"]


def test_letterboxd_export_round_trips(run, tmp_path: Path, monkeypatch) -> None:
    run("letterboxd", "import", str(export_zip(tmp_path)))
    run(
        "watched",
        "garage",
        "--rating",
        "3.5",
        "--note",
        'with "quotes", commas\nand a line',
        "--on",
        "2026-11-01",
    )
    exported = run("letterboxd", "export")
    assert exported.stdout.replace("\r\n", "\n").startswith(
        "Title,Year,Directors,imdbID,LetterboxdURI,WatchedDate,Rating,Rewatch,Review,Tags,tmdbID\n"
    )
    (tmp_path / "history.csv").write_text(exported.stdout, newline="")
    (tmp_path / "wanted.csv").write_text(run("letterboxd", "export", "--watchlist").stdout, newline="")
    before = [run("diary", "--json").stdout, run("watchlist", "--json").stdout, run("list", "--seen").stdout,
              run("show", "mirror", "--json").stdout]  # fmt: skip
    assert "again" not in run("letterboxd", "import", str(tmp_path / "history.csv")).stderr
    assert "0 new to your log, 0 changed" in run("letterboxd", "import", str(tmp_path / "history.csv")).stderr
    monkeypatch.setenv("SFILMS_DATA_DIR", str(tmp_path / "elsewhere"))
    assert run("letterboxd", "import", str(tmp_path / "history.csv")).exit_code == 0
    assert run("letterboxd", "import", str(tmp_path / "wanted.csv"), "--watchlist").exit_code == 0
    after = [run("diary", "--json").stdout, run("watchlist", "--json").stdout, run("list", "--seen").stdout,
             run("show", "mirror", "--json").stdout]  # fmt: skip
    # The same log, but for the entries' numbers (each log numbers its own).
    assert list(map(_unnumbered, after)) == list(map(_unnumbered, before))


def _unnumbered(text: str) -> object:
    def drop(value: object) -> object:
        if isinstance(value, dict):
            return {key: drop(item) for key, item in value.items() if key != "number"}
        return [drop(item) for item in value] if isinstance(value, list) else value

    return drop(json.loads(text)) if text.startswith(("[", "{")) else text


def test_a_csv_that_is_not_letterboxds_writes_nothing(run, tmp_path: Path, log: Path) -> None:
    bad = tmp_path / "ratings.csv"
    bad.write_text(
        "Date,Name,Year,Letterboxd URI,Rating\n2024-01-03,Mirror,1975,u,4\n2024-01-04,Garage,1979,u,9\n"
    )
    result = run("letterboxd", "import", str(bad))
    assert result.exit_code == 1
    assert f"{bad}:3: '9' is not a rating from 0.5 to 5" in result.stderr
    assert "nothing imported" in result.stderr
    assert not log.exists()


def test_paths_shows_the_log(run, log: Path) -> None:
    assert f"log\t{log}\n" in run("paths").stdout
    assert json.loads(run("paths", "--json").stdout)["log"] == str(log)


def test_a_film_no_list_names_can_be_logged_and_acted_on(run, user_lists: Path) -> None:
    logged = run("watched", "Pulp Fiction 1994", "--rating", "4", "--on", "2026-11-01")
    assert logged.exit_code == 0 and "logged Pulp Fiction (1994) on 2026-11-01, rated 4/5" in logged.stderr
    assert run("diary").stdout == "\t2026-11-01\tPulp Fiction\t1994\t4\t\t\t1\n"
    card = run("show", "pulp fiction")
    assert (
        card.exit_code == 0
        and "note:\tno list names it yet" in card.stdout
        and "watched:\t2026-11-01" in card.stdout
    )
    assert run("watchlist", "add", "Parasite (2019)").exit_code == 0
    assert (
        run("watchlist").stdout
        == "\tParasite\t2019\t" + run("watchlist", "--json").stdout.split('"added": "')[1][:10] + "\n"
    )
    assert "took Parasite (2019) off" in run("watchlist", "remove", "parasite").stderr
    assert "removed 1 entry of Pulp Fiction (1994)" in run("unwatch", "pulp fiction").stderr
    missing = run("watched", "Jaws")
    assert missing.exit_code == 1
    assert missing.stderr == (
        "sfilms: no film matches 'Jaws'; to log a film no list names, give its year too, as in: "
        "sfilms watched 'Jaws 1994'\n"
    )
    # When a list naming it arrives, the entry is the listed film's.
    run("watched", "Solaris 1972")
    write_list(user_lists, "sf.yaml", "id: sf\nname: SF\nfilms:\n  - {title: Solyaris, year: 1972}\n")
    assert run("list", "sf", "--seen").stdout.startswith("solyaris\t")


def test_one_entry_can_be_changed_or_removed(run) -> None:
    run("watched", "stalker", "--rating", "4", "--on", "2026-11-01")
    run("watched", "stalker", "--on", "2026-11-02")
    changed = run(
        "diary", "edit", "1", "--rating", "4.5", "--note", "Again.", "--rewatch", "--on", "2026-10-31"
    )
    assert changed.stderr == (
        "sfilms: entry 1 (Stalker (1979)): day 2026-11-01 -> 2026-10-31; rating 4/5 -> 4.5/5; "
        "rewatch no -> yes; note '' -> 'Again.'\n"
    )
    assert run("diary").stdout.splitlines() == [
        "stalker\t2026-11-02\tStalker\t1979\t\t\t\t2",
        "stalker\t2026-10-31\tStalker\t1979\t4.5\trewatch\tAgain.\t1",
    ]
    assert "rating 4.5/5 -> none" in run("diary", "edit", "1", "--no-rating").stderr
    assert run("diary", "remove", "2").stderr == "sfilms: removed entry 2: Stalker (1979), 2026-11-02\n"
    assert len(run("diary").stdout.splitlines()) == 1
    gone = run("diary", "remove", "2")
    assert gone.exit_code == 1 and "no entry 2 in your viewing log" in gone.stderr
    assert run("diary", "edit", "1").exit_code == 2  # nothing said to change
    assert run("diary", "edit", "x").exit_code == 2


@pytest.mark.parametrize("columns", [80, 100])
def test_a_theme_with_your_log_stays_a_table_at_80_columns(run, columns: int) -> None:
    assert run("watched", "stalker", "--rating", "4.5").exit_code == 0
    assert run("watchlist", "add", "mirror").exit_code == 0
    shown = run("list", "loneliness", "--no-pager", env={"SFILMS_FORCE_TTY": "1", "COLUMNS": str(columns),
                                                          "NO_COLOR": "1"})  # fmt: skip
    lines = shown.stdout.splitlines()
    assert any(line.startswith("┏") for line in lines) and all(len(line) <= columns for line in lines)
    assert any("✓ ★★★★½" in line for line in lines) and "house-on-the-embankment" in shown.stdout
