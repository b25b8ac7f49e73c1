"""Your Letterboxd history, in and out: an account export as Letterboxd writes it comes in entry by
entry; importing anything twice, or your own export back, changes nothing; an export imported into an
empty log gives the same log (properties, over generated histories)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from soviet_films import places

HEAD = "Date,Name,Year,Letterboxd URI"
FILMS = [("Stalker", 1979), ("Solyaris", 1972), ("The Mirror", 1975), ("Pulp Fiction", 1994),
         ("Кин-дза-дза!", 1986), ('Film, with "quotes"', 2001), ("The Cranes Are Flying", 1957)]  # fmt: skip


def _csv(header: str, rows: list[list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header.split(","))
    writer.writerows(rows)
    return buffer.getvalue()


def account_zip(path: Path, history: dict, reversed_members: bool = False) -> Path:
    """A Letterboxd account export holding ``history``, laid out as Letterboxd writes one."""
    diary = [[day, t, y, f"https://boxd.it/v{n}", rating or "", "Yes" if again else "", tags, day]
             for n, ((t, y), day, rating, again, _, tags) in enumerate(history["diary"])]  # fmt: skip
    reviews = [[day, t, y, f"https://boxd.it/v{n}", rating or "", "Yes" if again else "", review, tags, day]
               for n, ((t, y), day, rating, again, review, tags) in enumerate(history["diary"]) if review]  # fmt: skip
    members = [
        ("profile.csv", "Date Joined,Username\n2020-01-01,me\n"),
        ("diary.csv", _csv(HEAD + ",Rating,Rewatch,Tags,Watched Date", diary)),
        ("reviews.csv", _csv(HEAD + ",Rating,Rewatch,Review,Tags,Watched Date", reviews)),
        ("ratings.csv", _csv(HEAD + ",Rating", [["2024-01-01", t, y, f"https://boxd.it/f{t}", r]
                                                 for (t, y), r in history["ratings"].items()])),
        ("watched.csv", _csv(HEAD, [["2024-01-01", t, y, f"https://boxd.it/f{t}"] for t, y in history["watched"]])),
        ("watchlist.csv", _csv(HEAD, [["2024-02-03", t, y, f"https://boxd.it/f{t}"] for t, y in history["watchlist"]])),
        ("comments.csv", "Date,Content,Comment on\n2024-01-01,hi,https://letterboxd.com/x\n"),
        ("likes/films.csv", _csv(HEAD, [["2024-01-01", "Liked Film", 1990, "u"]])),
        ("deleted/diary.csv", _csv(HEAD + ",Rating,Rewatch,Tags,Watched Date",
                                   [["2020-01-01", "Deleted Film", 1990, "u", "1", "", "", "2020-01-01"]])),
        ("orphaned/diary.csv", _csv(HEAD + ",Rating,Rewatch,Tags,Watched Date",
                                    [["2020-01-01", "Orphaned Film", 1990, "u", "1", "", "", "2020-01-01"]])),
        ("lists/soviet-winter.csv", "Letterboxd list export v7\nDate,Name,Tags,URL,Description\n"
                                    "2024-01-01,Soviet winter,,https://letterboxd.com/me/list/w/,Cold\n\n"
                                    "Position,Name,Year,URL,Description\n1,Stalker,1979,https://boxd.it/x,\n"),
    ]  # fmt: skip
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members[::-1] if reversed_members else members:
            archive.writestr(name, text)
    return path


def log_contents() -> tuple[list[tuple], list[tuple]]:
    """The log as a person would compare two: entries (a multiset, as tuples) and watchlist items."""
    with sqlite3.connect(places.log_file()) as log:
        query = "SELECT kind, title, year, watched_on, rating, rewatch, note, tags FROM entries"
        entries = sorted(log.execute(query), key=repr)
        watchlist = sorted(log.execute("SELECT title, year, added FROM watchlist"), key=repr)
    return entries, watchlist


HISTORY = {
    "diary": [(("Stalker", 1979), "2024-01-01", 4.5, False, "The zone, again.", "fav, tarkovsky"),
              (("Stalker", 1979), "2024-06-01", 5, True, "", ""),
              (("Solyaris", 1972), "2024-02-01", None, False, 'He said "no".\nThen left.', "")],
    "ratings": {("Stalker", 1979): 4.5, ("The Cranes Are Flying", 1957): 5},
    "watched": [("Stalker", 1979), ("The Mirror", 1975)],
    "watchlist": [("Pulp Fiction", 1994)],
}  # fmt: skip


@pytest.mark.parametrize("reversed_members", [False, True], ids=["as written", "members reversed"])
def test_an_account_export_comes_in_entry_by_entry(run, tmp_path: Path, reversed_members: bool) -> None:
    export = account_zip(tmp_path / "letterboxd-me.zip", HISTORY, reversed_members)
    result = run("letterboxd", "import", str(export), "--json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert {k: report[k] for k in ("diary", "reviews", "ratings", "watched", "watchlist", "added", "updated")} == {
        "diary": 3, "reviews": 2, "ratings": 2, "watched": 2, "watchlist": 1, "added": 8, "updated": 0}  # fmt: skip
    assert report["skipped"] == ["deleted/diary.csv", "orphaned/diary.csv"]
    assert report["lists"] == ["lists/soviet-winter.csv"]
    assert "Deleted Film" not in result.stdout and "Liked Film" not in result.stdout
    entries, watchlist = log_contents()
    expected = [
        ("diary", "Stalker", 1979, "2024-01-01", 4.5, 0, "The zone, again.", "fav, tarkovsky"),
        ("diary", "Stalker", 1979, "2024-06-01", 5.0, 1, "", ""),
        ("diary", "Solyaris", 1972, "2024-02-01", None, 0, 'He said "no".\nThen left.', ""),
        ("rating", "Stalker", 1979, "", 4.5, 0, "", ""),
        ("rating", "The Cranes Are Flying", 1957, "", 5.0, 0, "", ""),
        ("watched", "Stalker", 1979, "", None, 0, "", ""),
        ("watched", "The Mirror", 1975, "", None, 0, "", ""),
    ]  # fmt: skip
    assert entries == sorted(expected, key=repr)
    assert watchlist == [("Pulp Fiction", 1994, "2024-02-03")]
    # The card counts viewings as diary entries: two, and no "seen, no day".
    card = json.loads(run("show", "stalker", "--json").stdout)
    assert (card["viewing"]["seen"], card["viewing"]["seen_no_day"], card["viewing"]["rating"]) == (
        2,
        False,
        4.5,
    )
    assert json.loads(run("show", "mirror", "--json").stdout)["viewing"]["seen_no_day"] is True


def test_reviews_alone_give_their_text_and_never_a_new_entry(run, tmp_path: Path) -> None:
    export = account_zip(
        tmp_path / "export.zip", {**HISTORY, "diary": [(*d[:4], "", d[5]) for d in HISTORY["diary"]]}
    )
    run("letterboxd", "import", str(export))
    reviews = tmp_path / "reviews.csv"
    reviews.write_text(_csv(HEAD + ",Rating,Rewatch,Review,Tags,Watched Date",
                            [["2024-01-02", "Stalker", 1979, "https://boxd.it/v0", "4.5", "", "Late.", "", "2024-01-01"],
                             ["2024-01-02", "Garage", 1979, "https://boxd.it/zz", "3", "", "No entry.", "", "2023-01-01"]]))  # fmt: skip
    result = run("letterboxd", "import", str(reviews))
    assert "0 new to your log, 1 changed" in result.stderr
    assert f"warning: {reviews}:3: a review of 'Garage (1979)' on 2023-01-01: no diary entry" in result.stderr
    assert [entry[6] for entry in log_contents()[0] if entry[3] == "2024-01-01"] == ["Late."]
    assert "0 new to your log, 0 changed" in run("letterboxd", "import", str(reviews)).stderr


def test_a_dry_run_writes_nothing_and_says_the_same(run, tmp_path: Path) -> None:
    export = account_zip(tmp_path / "export.zip", HISTORY)
    dry = json.loads(run("letterboxd", "import", str(export), "--dry-run", "--json").stdout)
    assert not places.log_file().exists()
    real = json.loads(run("letterboxd", "import", str(export), "--json").stdout)
    assert {**dry, "dry_run": False} == real


def test_a_zip_that_is_not_letterboxds_writes_nothing(run, tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "photos.zip", "w") as archive:
        archive.writestr("deleted/diary.csv", _csv(HEAD, [["2020-01-01", "X", 1990, "u"]]))
    result = run("letterboxd", "import", str(tmp_path / "photos.zip"))
    assert result.exit_code == 1 and "holds none of diary.csv" in result.stderr
    assert not places.log_file().exists()


def test_lists_come_in_as_themes_when_asked(run, tmp_path: Path) -> None:
    export = account_zip(tmp_path / "export.zip", HISTORY)
    assert "--lists brings them in" in run("letterboxd", "import", str(export), "--dry-run").stderr
    result = run("letterboxd", "import", str(export), "--lists")
    assert "lists as themes: soviet-winter" in result.stderr
    assert run("list", "soviet-winter").stdout.startswith("stalker\tStalker\t1979")


# ---------------------------------------------------------------- properties over generated histories

_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"), max_size=30)
_day = st.dates(
    min_value=__import__("datetime").date(2000, 1, 1), max_value=__import__("datetime").date(2026, 11, 30)
)
_rating = st.none() | st.integers(1, 10).map(lambda half: half / 2)
_tags = st.text(st.sampled_from("abc ,"), max_size=8).map(str.strip)
_histories = st.fixed_dictionaries({
    "diary": st.lists(st.tuples(st.sampled_from(FILMS), _day.map(str), _rating, st.booleans(), _text, _tags),
                      max_size=8),
    "ratings": st.dictionaries(st.sampled_from(FILMS), st.integers(1, 10).map(lambda half: half / 2), max_size=4),
    "watched": st.lists(st.sampled_from(FILMS), max_size=4, unique=True),
    "watchlist": st.lists(st.sampled_from(FILMS), max_size=4, unique=True),
})  # fmt: skip


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=_histories)
def test_import_is_idempotent_and_an_export_gives_the_same_log(
    run, tmp_path_factory, monkeypatch: pytest.MonkeyPatch, history: dict
) -> None:
    folder = tmp_path_factory.mktemp("history")
    monkeypatch.setenv("SFILMS_DATA_DIR", str(folder / "log"))
    export = account_zip(folder / "export.zip", history)
    assert run("letterboxd", "import", str(export)).exit_code == 0
    before = log_contents() if places.log_file().exists() else ([], [])
    again = run("letterboxd", "import", str(export))
    assert "0 new to your log, 0 changed" in again.stderr, again.stderr
    (folder / "history.csv").write_text(run("letterboxd", "export").stdout, newline="")
    (folder / "wanted.csv").write_text(run("letterboxd", "export", "--watchlist").stdout, newline="")
    own = run("letterboxd", "import", str(folder / "history.csv"))
    assert "0 new to your log, 0 changed" in own.stderr, own.stderr
    assert (log_contents() if places.log_file().exists() else ([], [])) == before
    monkeypatch.setenv("SFILMS_DATA_DIR", str(folder / "empty"))
    assert run("letterboxd", "import", str(folder / "history.csv")).exit_code == 0
    assert run("letterboxd", "import", str(folder / "wanted.csv"), "--watchlist").exit_code == 0
    assert (log_contents() if places.log_file().exists() else ([], [])) == before
