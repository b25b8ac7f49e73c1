"""The viewing log as the commands meet it: log and plan, what every command shows of it,
Letterboxd in and out, and the log left alone by everything that only reads."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from soviet_films import places


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
    assert first.stderr == ("sfilms: read 7 rows: 5 matched films of the lists, 2 kept for films no list names yet;"
                            " 7 new to your log\n")  # fmt: skip
    assert [line.split("\t")[:3] for line in first.stdout.splitlines()] == [
        ["Heat", "1995", "watched"], ["Solaris", "1972", "diary"]]  # fmt: skip
    again = run("letterboxd", "import", str(export))
    assert "0 new to your log" in again.stderr
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
    assert exported.stdout.startswith("Title,Year,Directors,imdbID,WatchedDate,Rating,Rewatch,Review\n")
    (tmp_path / "diary-out.csv").write_text(exported.stdout, newline="")
    diary_before = run("diary", "--json").stdout
    monkeypatch.setenv("SFILMS_DATA_DIR", str(tmp_path / "elsewhere"))
    assert run("letterboxd", "import", str(tmp_path / "diary-out.csv")).exit_code == 0
    assert json.loads(run("diary", "--json").stdout) == json.loads(diary_before)


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
