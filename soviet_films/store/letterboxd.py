"""Letterboxd's export read into rows: the ZIP from "Export your data", or any of its watched.csv,
diary.csv, ratings.csv and watchlist.csv. (Writing the diary for Letterboxd's importer is an
export document: ``views.export.letterboxd_diary``.)

Columns are found by their header, as Letterboxd names them: ``Date,Name,Year,Letterboxd URI``
then ``Rating``, ``Rewatch``, ``Tags``, ``Watched Date``; the importer's own format (``Title,Year,
Directors,imdbID,WatchedDate,Rating,Rewatch,Review``, what ``letterboxd export`` writes) is read
too, so an export round-trips. Standard library only (``csv``, ``zipfile``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from soviet_films.errors import FileProblems, Problem
from soviet_films.model import HistoryRow

# The files of the export that hold your viewing, and what each row of them is.
EXPORT_FILES = {
    "watched.csv": "watched",
    "diary.csv": "diary",
    "ratings.csv": "rating",
    "watchlist.csv": "watchlist",
}
MAX_FILE_BYTES = 64 * 1024 * 1024  # a lifetime of diary entries is a few megabytes
_EXPECTED = "a Letterboxd export (columns Date,Name,Year,Letterboxd URI...) or its ZIP"


def read_export(path: str) -> list[HistoryRow]:
    """Every row of the export at ``path`` (a ZIP, or one of its CSV files), in file order.

    Raises FileProblems listing every row that is not what Letterboxd writes (a bad date or
    rating, a missing title), or naming the file when it is no Letterboxd export at all.
    """
    import zipfile

    from soviet_films.store.files import open_for_reading, read_bounded

    with open_for_reading(path, streams=True) as stream:
        data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise FileProblems([Problem(path, 0, f"larger than {MAX_FILE_BYTES // 2**20} MiB; not {_EXPECTED}")])
    if zipfile.is_zipfile(io.BytesIO(data)):
        return _read_zip(path, data)
    text = read_bounded(io.BytesIO(data), path, MAX_FILE_BYTES)
    return _read_csv(path, text, EXPORT_FILES.get(Path(path).name.lower()))


def _read_zip(path: str, data: bytes) -> list[HistoryRow]:
    import zipfile

    from soviet_films.store.files import read_bounded

    rows: list[HistoryRow] = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = {
                Path(info.filename).name.lower(): info for info in archive.infolist() if not info.is_dir()
            }
            found = [name for name in EXPORT_FILES if name in members]
            if not found:
                raise FileProblems(
                    [Problem(path, 0, f"holds none of {', '.join(EXPORT_FILES)}; not {_EXPECTED}")]
                )
            for name in found:
                info = members[name]
                where = f"{path}:{info.filename}"
                if info.file_size > MAX_FILE_BYTES:  # a zip bomb says so before it is opened
                    raise FileProblems([Problem(where, 0, f"larger than {MAX_FILE_BYTES // 2**20} MiB")])
                with archive.open(info) as member:
                    text = read_bounded(member, where, MAX_FILE_BYTES)
                rows += _read_csv(where, text, EXPORT_FILES[name])
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise FileProblems([Problem(path, 0, f"a damaged ZIP file ({error})")]) from None
    return rows


def _kind_from_header(columns: set[str], by_name: str | None) -> str | None:
    if by_name is not None:
        return by_name
    if "watched date" in columns or "watcheddate" in columns:
        return "diary"
    if "rating" in columns:
        return "rating"
    if "letterboxd uri" in columns:
        return "watched"
    return None


def _read_csv(path: str, text: str, kind: str | None) -> list[HistoryRow]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [column.strip().lower() for column in next(reader)]
    except StopIteration:
        raise FileProblems([Problem(path, 0, f"is empty; not {_EXPECTED}")]) from None
    except csv.Error as error:
        raise FileProblems([Problem(path, 1, f"not CSV ({error})")]) from None
    columns = {name: index for index, name in reversed(list(enumerate(header)))}
    title_column = columns.get("name", columns.get("title"))
    kind = _kind_from_header(set(columns), kind)
    if title_column is None or "year" not in columns or kind is None:
        raise FileProblems([Problem(path, 1, f"the header is not Letterboxd's; expected {_EXPECTED}")])
    rows, problems = [], []
    try:
        for fields in reader:
            line = reader.line_num
            if not any(field.strip() for field in fields):
                continue

            def field(*names: str, fields: list[str] = fields) -> str:
                for name in names:
                    index = columns.get(name)
                    if index is not None and index < len(fields):
                        return fields[index].strip()
                return ""

            row, problem = _row(path, line, kind, field)
            if problem:
                problems.append(Problem(path, line, problem))
            else:
                rows.append(row)
    except csv.Error as error:
        problems.append(Problem(path, reader.line_num, f"not CSV ({error})"))
    if problems:
        raise FileProblems(problems)
    return rows


def _row(path: str, line: int, kind: str, field) -> tuple[HistoryRow, str]:
    """One row read, or what is wrong with it."""
    from soviet_films.core.viewing import parse_rating

    title = field("name", "title")
    if not title:
        return None, "no film title (Name)"  # type: ignore[return-value]
    year_text = field("year")
    if year_text and not (year_text.isdigit() and len(year_text) == 4):
        return None, f"the year '{year_text}' is not a year"  # type: ignore[return-value]
    dates = {}
    for name, columns in (("watched_on", ("watched date", "watcheddate")), ("logged_on", ("date",))):
        text = field(*columns)
        if text:
            try:
                dates[name] = dt.date.fromisoformat(text).isoformat()
            except ValueError:
                return None, f"'{text}' is not a date (Letterboxd writes 2026-11-30)"  # type: ignore[return-value]
    rating_text = field("rating")
    rating = None
    if rating_text:
        try:
            rating = parse_rating(rating_text)
        except ValueError as error:
            return None, str(error)  # type: ignore[return-value]
    if kind == "rating" and rating is None:
        return None, "a rating row with no rating"  # type: ignore[return-value]
    if kind == "diary" and not dates.get("watched_on"):
        dates["watched_on"] = dates.get("logged_on", "")
    rewatch = field("rewatch").lower() in ("yes", "true", "1")
    year = int(year_text) if year_text else None
    watched_on, logged_on = dates.get("watched_on", ""), dates.get("logged_on", "")
    note, uri = field("review"), field("letterboxd uri")
    return HistoryRow(
        path, line, kind, title, year, watched_on, logged_on, rating, rewatch, note, uri, None
    ), ""
