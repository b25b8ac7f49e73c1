"""Letterboxd's export read into rows: the ZIP from "Export your data", or any of its CSV files, or
what ``sfilms letterboxd export`` wrote. (Writing for Letterboxd's importer is an export document:
``views.export``.)

The ZIP's members are chosen by their path: your history is at its root (``diary.csv``,
``reviews.csv``, ``ratings.csv``, ``watched.csv``, ``watchlist.csv``); ``deleted/`` and
``orphaned/`` hold entries that are not your history any more (read past, and named);
``likes/``, ``comments.csv`` and ``profile.csv`` are not films you saw (read past quietly); your own
lists are ``lists/*.csv``. Columns are found by their header, as Letterboxd names them (``Date,Name,
Year,Letterboxd URI`` then ``Rating``, ``Rewatch``, ``Review``, ``Tags``, ``Watched Date``); the
importer's own format (``Title,Year,...,WatchedDate,Rating,Rewatch,Review,Tags``) is read row by
row. Every limit is a total over the archive, checked while reading: bytes unpacked, rows. Standard
library only (``csv``, ``zipfile``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from soviet_films.errors import FileProblems, Problem
from soviet_films.model import HistoryRow
from soviet_films.store.files import csv_rows

# The files of the export that hold your viewing, and what each row of them is.
EXPORT_FILES = {
    "diary.csv": "diary",
    "reviews.csv": "review",
    "ratings.csv": "rating",
    "watched.csv": "watched",
    "watchlist.csv": "watchlist",
}
NOT_YOURS = ("deleted", "orphaned")  # entries Letterboxd keeps apart: not your history
MAX_BYTES = 64 * 1024 * 1024  # unpacked, in all: a lifetime of diary entries is a few megabytes
MAX_ROWS = 1_000_000
_EXPECTED = "a Letterboxd export (its ZIP, or a CSV with columns Date,Name,Year,Letterboxd URI...)"
# Compression methods Python reads: stored, deflated, bzip2, lzma.
_METHODS = {0, 8, 12, 14}


class LetterboxdExport(NamedTuple):
    """What an export holds: its rows of history, your own lists (member name, text) and the members
    read past because they are not your history (``deleted/``, ``orphaned/``)."""

    rows: list[HistoryRow]
    lists: list[tuple[str, str]]
    skipped: list[str]


def read_export(path: str, kind: str | None = None) -> LetterboxdExport:
    """Everything the export at ``path`` (a ZIP, or one of its CSV files) holds, in file order
    (``kind``: what every row of a CSV is, whatever its name and header say).

    Raises FileProblems listing every row that is not what Letterboxd writes (a bad date or rating, a
    missing title), or naming the file when it is no Letterboxd export at all, or past a limit.
    """
    import zipfile

    from soviet_films.store.files import open_for_reading, read_bounded

    with open_for_reading(path, streams=True) as stream:
        data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise FileProblems([Problem(path, 0, f"larger than {MAX_BYTES // 2**20} MiB; not {_EXPECTED}")])
    if zipfile.is_zipfile(io.BytesIO(data)):
        return _read_zip(path, data)
    text = read_bounded(io.BytesIO(data), path, MAX_BYTES)
    name = Path(path).name.lower()
    kind = kind or EXPORT_FILES.get(name) or ("watchlist" if "watchlist" in name else None)
    return LetterboxdExport(_read_csv(path, text, kind, _Budget(path)), [], [])


class _Budget:
    """What an archive may still unpack and hold: bytes and rows, in all."""

    def __init__(self, path: str) -> None:
        self.path, self.bytes, self.rows = path, MAX_BYTES, MAX_ROWS

    def spend_rows(self, count: int, where: str) -> None:
        self.rows -= count
        if self.rows < 0:
            raise FileProblems([Problem(where, 0, f"more than {MAX_ROWS:,} rows in all; not {_EXPECTED}")])


def _members(archive: object, path: str) -> dict[str, object]:
    """The archive's files by their path from the export's root (a ZIP made again of the unpacked
    folder has one folder around everything), each checked before it is opened."""
    infos = [info for info in archive.infolist() if not info.is_dir()]  # type: ignore[attr-defined]
    names = [PurePosixPath(info.filename) for info in infos]
    for info, name in zip(infos, names, strict=True):
        if name.is_absolute() or ".." in name.parts or "\\" in info.filename:
            raise FileProblems(
                [Problem(path, 0, f"holds a member outside the archive ({_short(info.filename)})")]
            )
        if info.flag_bits & 0x1:
            raise FileProblems([Problem(path, 0, f"{_short(info.filename)} is encrypted; export it again")])
        if info.compress_type not in _METHODS:
            raise FileProblems(
                [Problem(path, 0, f"{_short(info.filename)} is packed in a way sfilms cannot read")]
            )
    # A ZIP made again of the unpacked folder holds it all in one folder of its own: that is the root.
    tops = {name.parts[0] for name in names if len(name.parts) > 1}
    around = next(iter(tops)) if len(tops) == 1 and all(len(name.parts) > 1 for name in names) else None
    if around not in (None, *NOT_YOURS, "lists", "likes") and any(
        name.parts[1:] == (export,) for name in names for export in EXPORT_FILES
    ):
        names = [PurePosixPath(*name.parts[1:]) for name in names]
    return {str(name): info for name, info in zip(names, infos, strict=True)}


def _read_zip(path: str, data: bytes) -> LetterboxdExport:
    import zipfile
    import zlib

    budget = _Budget(path)
    rows: list[HistoryRow] = []
    lists: list[tuple[str, str]] = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = _members(archive, path)
            found = [name for name in EXPORT_FILES if name in members]
            if not found:
                message = f"holds none of {', '.join(EXPORT_FILES)} at its root; not {_EXPECTED}"
                raise FileProblems([Problem(path, 0, message)])
            wanted = [
                *found,
                *(name for name in members if name.startswith("lists/") and name.endswith(".csv")),
            ]
            total = sum(members[name].file_size for name in wanted)  # type: ignore[attr-defined]
            if total > MAX_BYTES:  # a zip bomb says so before it is opened
                raise FileProblems([Problem(path, 0, f"would unpack to more than {MAX_BYTES // 2**20} MiB")])
            for name in wanted:
                text = _unpacked(archive, members[name], f"{path}:{name}", budget)
                if name.startswith("lists/"):
                    lists.append((name, text))
                else:
                    rows += _read_csv(f"{path}:{name}", text, EXPORT_FILES[name], budget)
            skipped = sorted(name for name in members if PurePosixPath(name).parts[0] in NOT_YOURS)
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        NotImplementedError,
        RuntimeError,
        ValueError,
        OSError,
    ) as error:
        raise FileProblems([Problem(path, 0, f"a damaged ZIP file ({_short(str(error))})")]) from None
    return LetterboxdExport(rows, lists, skipped)


def _unpacked(archive: object, info: object, where: str, budget: _Budget) -> str:
    """A member's text, unpacked a piece at a time within what the archive may still unpack."""
    from soviet_films.store.files import read_bounded

    with archive.open(info) as member:  # type: ignore[attr-defined]
        chunks, size = [], 0
        while chunk := member.read(1 << 20):
            size += len(chunk)
            if size > budget.bytes:
                raise FileProblems(
                    [Problem(where, 0, f"unpacks to more than {MAX_BYTES // 2**20} MiB in all")]
                )
            chunks.append(chunk)
    budget.bytes -= size
    return read_bounded(io.BytesIO(b"".join(chunks)), where, MAX_BYTES)


def _short(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _kind_from_header(columns: set[str]) -> Callable[[Callable[..., str]], str] | None:
    """What each row of a file no name tells the kind of is, from its header (None: not Letterboxd's)."""
    if "watcheddate" in columns or "title" in columns:  # the importer's format: row by row
        return lambda field: "diary" if field("watcheddate") else "rating" if field("rating") else "watched"
    if "watched date" in columns:
        return lambda field: "review" if "review" in columns else "diary"
    if "rating" in columns:
        return lambda field: "rating"
    if "letterboxd uri" in columns:
        return lambda field: "watched"
    return None


def _read_csv(path: str, text: str, kind: str | None, budget: _Budget) -> list[HistoryRow]:
    reader = csv_rows(text)
    try:
        header = [column.strip().lower() for column in next(reader)]
    except StopIteration:
        raise FileProblems([Problem(path, 0, f"is empty; not {_EXPECTED}")]) from None
    except csv.Error as error:
        raise FileProblems([Problem(path, 1, f"not CSV ({_short(str(error))})")]) from None
    columns = {name: index for index, name in reversed(list(enumerate(header)))}
    title_column = columns.get("name", columns.get("title"))
    kind_of = (lambda field: kind) if kind is not None else _kind_from_header(set(columns))
    if title_column is None or "year" not in columns or kind_of is None:
        raise FileProblems([Problem(path, 1, f"the header is not Letterboxd's; expected {_EXPECTED}")])
    rows, problems = [], []
    try:
        ended = reader.line_num
        for fields in reader:
            line, ended = ended + 1, reader.line_num  # the line a row starts on (a review may run on)
            if not any(field.strip() for field in fields):
                continue
            budget.spend_rows(1, path)

            def field(*names: str, fields: list[str] = fields) -> str:
                for name in names:
                    index = columns.get(name)
                    if index is not None and index < len(fields):
                        # A review is kept exactly as written; every other field without its spaces.
                        return fields[index] if name == "review" else fields[index].strip()
                return ""

            row, problem = _row(path, line, kind_of(field), field)
            if problem:
                problems.append(Problem(path, line, problem))
            else:
                rows.append(row)
    except csv.Error as error:
        problems.append(Problem(path, reader.line_num, f"not CSV ({_short(str(error))})"))
    if problems:
        raise FileProblems(problems)
    return rows


def _row(path: str, line: int, kind: str, field: Callable[..., str]) -> tuple[HistoryRow, str]:
    """One row read, or what is wrong with it."""
    from soviet_films.core.viewing import parse_rating

    title = field("name", "title")
    if not title:
        return None, "no film title (Name)"  # type: ignore[return-value]
    year_text = field("year")
    if year_text and not (year_text.isdigit() and len(year_text) == 4):
        return None, f"the year '{_short(year_text, 20)}' is not a year"  # type: ignore[return-value]
    dates = {}
    for name, columns in (("watched_on", ("watched date", "watcheddate")), ("logged_on", ("date",))):
        text = field(*columns)
        if text:
            try:
                dates[name] = dt.date.fromisoformat(text).isoformat()
            except ValueError:
                return None, f"'{_short(text, 30)}' is not a date (Letterboxd writes 2026-11-30)"  # type: ignore[return-value]
    rating_text = field("rating")
    rating = None
    if rating_text:
        try:
            rating = parse_rating(rating_text)
        except ValueError as error:
            return None, _short(str(error))  # type: ignore[return-value]
    if kind == "rating" and rating is None:
        return None, "a rating row with no rating"  # type: ignore[return-value]
    if kind in ("diary", "review") and not dates.get("watched_on"):
        dates["watched_on"] = dates.get("logged_on", "")
    rewatch = field("rewatch").lower() in ("yes", "true", "1")
    year = int(year_text) if year_text else None
    watched_on, logged_on = dates.get("watched_on", ""), dates.get("logged_on", "")
    note, uri, tags = field("review"), field("letterboxd uri", "letterboxduri"), field("tags")
    return HistoryRow(
        path, line, kind, title, year, watched_on, logged_on, rating, rewatch, note, uri, None, tags
    ), ""
