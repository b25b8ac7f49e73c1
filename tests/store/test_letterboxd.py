"""store.letterboxd: Letterboxd's export files, read by their headers; bad rows at their lines."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from soviet_films.errors import FileProblems
from soviet_films.store.letterboxd import read_export

WATCHED = "Date,Name,Year,Letterboxd URI\n2024-01-02,Stalker,1979,https://boxd.it/a\n"
DIARY = (
    "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n"
    '2024-01-02,"Stalker, again",1979,https://boxd.it/d1,4.5,Yes,"tag, other",2024-01-01\n'
)
RATINGS = "Date,Name,Year,Letterboxd URI,Rating\n2024-01-03,Mirror,1975,https://boxd.it/b,5\n"
WATCHLIST = "Date,Name,Year,Letterboxd URI\n2024-05-01,Solaris,1972,https://boxd.it/f\n"


def write(folder: Path, name: str, text: str) -> str:
    (folder / name).write_text(text, encoding="utf-8")
    return str(folder / name)


def test_each_file_of_the_export(tmp_path: Path) -> None:
    [watched] = read_export(write(tmp_path, "watched.csv", WATCHED))
    assert (watched.kind, watched.title, watched.year, watched.logged_on) == (
        "watched",
        "Stalker",
        1979,
        "2024-01-02",
    )
    [diary] = read_export(write(tmp_path, "diary.csv", DIARY))
    assert (diary.kind, diary.title, diary.watched_on, diary.rating, diary.rewatch) == (
        "diary", "Stalker, again", "2024-01-01", 4.5, True)  # fmt: skip
    [rating] = read_export(write(tmp_path, "ratings.csv", RATINGS))
    assert (rating.kind, rating.rating) == ("rating", 5.0)
    [wanted] = read_export(write(tmp_path, "watchlist.csv", WATCHLIST))
    assert wanted.kind == "watchlist" and wanted.uri == "https://boxd.it/f"


def test_the_zip_and_a_file_renamed_by_its_header(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "export.zip", "w") as archive:
        for name, text in (("watched.csv", WATCHED), ("diary.csv", DIARY), ("ratings.csv", RATINGS),
                           ("watchlist.csv", WATCHLIST), ("profile.csv", "Username\nme\n")):  # fmt: skip
            archive.writestr(name, text)
    rows = read_export(str(tmp_path / "export.zip"))
    assert [row.kind for row in rows] == ["watched", "diary", "rating", "watchlist"]
    assert rows[1].path.endswith("export.zip:diary.csv") and rows[1].line == 2
    [diary] = read_export(write(tmp_path, "my-letterboxd-diary.csv", DIARY))  # known by its Watched Date
    assert diary.kind == "diary"


def test_what_letterboxd_export_writes_reads_back(tmp_path: Path) -> None:
    text = "Title,Year,Directors,imdbID,WatchedDate,Rating,Rewatch,Review\r\nStalker,1979,A,tt1,2024-01-01,4,Yes,good\r\n"
    [row] = read_export(write(tmp_path, "out.csv", text))
    assert (row.kind, row.title, row.watched_on, row.rating, row.rewatch, row.note) == (
        "diary", "Stalker", "2024-01-01", 4.0, True, "good")  # fmt: skip


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("foo,bar\n1,2\n", "1: the header is not Letterboxd's"),
        ("", ": is empty"),
        (RATINGS.replace(",5\n", ",7\n"), "2: '7' is not a rating from 0.5 to 5"),
        (RATINGS.replace("2024-01-03", "2024-13-03"), "2: '2024-13-03' is not a date"),
        (RATINGS.replace("Mirror", ""), "2: no film title"),
        (RATINGS.replace("1975", "MCMLXXV"), "2: the year 'MCMLXXV' is not a year"),
    ],
)
def test_what_is_not_letterboxds_is_reported_at_its_line(tmp_path: Path, text: str, problem: str) -> None:
    path = write(tmp_path, "ratings.csv", text)
    with pytest.raises(FileProblems) as caught:
        read_export(path)
    assert problem in str(caught.value.problems[0])


def test_every_bad_row_is_reported(tmp_path: Path) -> None:
    text = RATINGS + "2024-01-04,Garage,1979,u,11\n2024-01-05,Ascent,1977,u,0\n"
    with pytest.raises(FileProblems) as caught:
        read_export(write(tmp_path, "ratings.csv", text))
    assert [problem.line for problem in caught.value.problems] == [3, 4]


def test_a_zip_without_the_files_or_a_damaged_one(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "other.zip", "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(FileProblems, match="holds none of"):
        read_export(str(tmp_path / "other.zip"))
    data = (tmp_path / "other.zip").read_bytes()
    (tmp_path / "broken.zip").write_bytes(data[:30] + b"\0" * 10 + data[40:])
    with pytest.raises(FileProblems):
        read_export(str(tmp_path / "broken.zip"))
