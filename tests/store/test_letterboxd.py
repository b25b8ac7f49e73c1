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
REVIEWS = (
    "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date\n"
    '2024-01-02,Stalker,1979,https://boxd.it/d1,4.5,Yes,"  The zone,\nagain.  ",,2024-01-01\n'
)


def write(folder: Path, name: str, text: str) -> str:
    (folder / name).write_text(text, encoding="utf-8")
    return str(folder / name)


def rows_of(path: str, kind: str | None = None) -> list:
    return read_export(path, kind).rows


def test_each_file_of_the_export(tmp_path: Path) -> None:
    [watched] = rows_of(write(tmp_path, "watched.csv", WATCHED))
    assert (watched.kind, watched.title, watched.year, watched.logged_on) == (
        "watched",
        "Stalker",
        1979,
        "2024-01-02",
    )
    [diary] = rows_of(write(tmp_path, "diary.csv", DIARY))
    assert (diary.kind, diary.title, diary.watched_on, diary.rating, diary.rewatch, diary.tags) == (
        "diary", "Stalker, again", "2024-01-01", 4.5, True, "tag, other")  # fmt: skip
    [rating] = rows_of(write(tmp_path, "ratings.csv", RATINGS))
    assert (rating.kind, rating.rating) == ("rating", 5.0)
    [wanted] = rows_of(write(tmp_path, "watchlist.csv", WATCHLIST))
    assert wanted.kind == "watchlist" and wanted.uri == "https://boxd.it/f"
    [review] = rows_of(write(tmp_path, "reviews.csv", REVIEWS))
    assert (review.kind, review.note, review.watched_on) == ("review", "  The zone,\nagain.  ", "2024-01-01")


def test_a_file_renamed_is_known_by_its_header(tmp_path: Path) -> None:
    [diary] = rows_of(write(tmp_path, "my-letterboxd-diary.csv", DIARY))  # known by its Watched Date
    assert diary.kind == "diary"
    [item] = rows_of(write(tmp_path, "wanted.csv", WATCHLIST), "watchlist")
    assert item.kind == "watchlist"


def test_what_letterboxd_export_writes_reads_back(tmp_path: Path) -> None:
    text = ("Title,Year,Directors,imdbID,LetterboxdURI,WatchedDate,Rating,Rewatch,Review,Tags\r\n"
            "Stalker,1979,A,tt1,,2024-01-01,4,Yes,good,a tag\r\nMirror,1975,,,u,,5,,,\r\nGarage,1979,,,,,,,,\r\n")  # fmt: skip
    rows = rows_of(write(tmp_path, "out.csv", text))
    assert [
        (row.kind, row.title, row.watched_on, row.rating, row.rewatch, row.note, row.tags) for row in rows
    ] == [
        ("diary", "Stalker", "2024-01-01", 4.0, True, "good", "a tag"),
        ("rating", "Mirror", "", 5.0, False, "", ""),
        ("watched", "Garage", "", None, False, "", ""),
    ]


MEMBERS = [
    ("profile.csv", "Date Joined,Username\n2020-01-01,me\n"),
    ("diary.csv", DIARY),
    ("reviews.csv", REVIEWS),
    ("ratings.csv", RATINGS),
    ("watched.csv", WATCHED),
    ("watchlist.csv", WATCHLIST),
    ("comments.csv", "Date,Content,Comment on\n2024-01-01,Nice,https://letterboxd.com/x\n"),
    ("likes/films.csv", "Date,Name,Year,Letterboxd URI\n2024-01-01,Liked,2000,https://boxd.it/l\n"),
    ("lists/winter.csv", "Letterboxd list export v7\nDate,Name,Tags,URL,Description\n2024-01-01,Winter,,u,\n\n"
                         "Position,Name,Year,URL,Description\n1,Stalker,1979,u,\n"),
    ("deleted/diary.csv", DIARY.replace("Stalker, again", "Deleted")),
    ("orphaned/diary.csv", DIARY.replace("Stalker, again", "Orphaned")),
    ("deleted/reviews.csv", REVIEWS.replace("Stalker", "Deleted")),
]  # fmt: skip


@pytest.mark.parametrize("order", ["as Letterboxd writes it", "reversed"])
@pytest.mark.parametrize("folder", ["", "letterboxd-me-2026-12-01/"], ids=["at the root", "in a folder"])
def test_the_zip_is_read_by_the_paths_of_its_members(tmp_path: Path, order: str, folder: str) -> None:
    members = MEMBERS if order != "reversed" else MEMBERS[::-1]
    with zipfile.ZipFile(tmp_path / "export.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members:
            archive.writestr(folder + name, text)
    export = read_export(str(tmp_path / "export.zip"))
    rows = sorted((row.kind, row.title, row.note, row.line) for row in export.rows)
    assert rows == [
        ("diary", "Stalker, again", "", 2),
        ("rating", "Mirror", "", 2),
        ("review", "Stalker", "  The zone,\nagain.  ", 2),
        ("watched", "Stalker", "", 2),
        ("watchlist", "Solaris", "", 2),
    ]
    assert all(row.path.startswith(f"{tmp_path / 'export.zip'}:") for row in export.rows)
    assert [name for name, _ in export.lists] == ["lists/winter.csv"]
    assert export.skipped == ["deleted/diary.csv", "deleted/reviews.csv", "orphaned/diary.csv"]


def _zip_with(tmp_path: Path, change) -> str:
    path = tmp_path / "hostile.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("diary.csv", DIARY)
        archive.writestr("watched.csv", WATCHED * 50)
    data = bytearray(path.read_bytes())
    change(data)
    path.write_bytes(bytes(data))
    return str(path)


def _set_flag(data: bytearray, bit: int) -> None:
    for signature in (b"PK\x03\x04", b"PK\x01\x02"):
        start = 0
        while (at := data.find(signature, start)) >= 0:
            offset = 6 if signature == b"PK\x03\x04" else 8
            data[at + offset] |= bit
            start = at + 4


def _set_method(data: bytearray, method: int) -> None:
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        start = 0
        while (at := data.find(signature, start)) >= 0:
            data[at + offset : at + offset + 2] = method.to_bytes(2, "little")
            start = at + 4


def _corrupt(data: bytearray) -> None:
    at = data.find(b"PK\x03\x04", 10)  # the second member's data, deflated
    for index in range(at + 40, at + 60):
        data[index] ^= 0x5A


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda data: _set_flag(data, 0x1), "is encrypted"),
        (lambda data: _set_method(data, 99), "packed in a way sfilms cannot read"),
        (_corrupt, "a damaged ZIP file"),
        (lambda data: data.__setitem__(slice(len(data) // 2, None), b""), "not"),
    ],
    ids=["encrypted", "WinZip AES (method 99)", "a corrupt deflate stream", "truncated"],
)
def test_a_hostile_or_damaged_zip_is_refused_in_one_line(tmp_path: Path, change, problem: str) -> None:
    with pytest.raises(FileProblems) as caught:
        read_export(_zip_with(tmp_path, change))
    assert len(caught.value.problems) == 1 and problem in str(caught.value.problems[0])


def test_a_member_outside_the_archive_or_a_bomb_is_refused(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "escape.zip", "w") as archive:
        archive.writestr("diary.csv", DIARY)
        archive.writestr("../../etc/passwd.csv", "x")
    with pytest.raises(FileProblems, match="outside the archive"):
        read_export(str(tmp_path / "escape.zip"))
    with zipfile.ZipFile(tmp_path / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for number in range(3):
            archive.writestr(
                f"{'diary' if number == 0 else 'lists/l' + str(number)}.csv", b"0" * (30 * 2**20)
            )
    assert (tmp_path / "bomb.zip").stat().st_size < 1_000_000
    with pytest.raises(FileProblems, match="more than 64 MiB"):
        read_export(str(tmp_path / "bomb.zip"))


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
        rows_of(path)
    assert problem in str(caught.value.problems[0])


def test_every_bad_row_is_reported(tmp_path: Path) -> None:
    text = RATINGS + "2024-01-04,Garage,1979,u,11\n2024-01-05,Ascent,1977,u,0\n"
    with pytest.raises(FileProblems) as caught:
        rows_of(write(tmp_path, "ratings.csv", text))
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
