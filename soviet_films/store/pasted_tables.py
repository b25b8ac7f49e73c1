"""Lists pasted as tables: a header row of known columns, tab- or comma-separated, and Letterboxd's
list export. Standard library only (``csv``). A row that cannot be read is left out with a note;
only a table with no film in it is refused."""

from __future__ import annotations

import csv
import re

from soviet_films.core.lines import clean
from soviet_films.core.slots import split_names
from soviet_films.core.text import quoted
from soviet_films.errors import FileProblems, Problem
from soviet_films.model import MAX_YEAR, MIN_YEAR
from soviet_films.store.files import csv_rows
from soviet_films.store.pasted_list import PastedEntry, PastedList, once_each

_COLUMNS = {
    "title": ("title", "film", "name", "movie", "english title", "title (english)", "film title"),
    "year": ("year", "released", "release year", "release", "year released"),
    "directors": ("director", "directors", "directed by", "dir", "dir."),
    "original_title": ("original title", "original", "russian title", "original name", "title (russian)"),
    "description": ("description", "notes", "note", "summary", "synopsis", "why", "review", "comment"),
    "fact": ("fact", "trivia", "did you know"),
}
_LETTERBOXD_BANNER = re.compile(r"^letterboxd list export v\d+", re.IGNORECASE)


def _header_columns(cells: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = " ".join(cell.strip().strip("*#").lower().split())
        for field, names in _COLUMNS.items():
            if name in names and field not in columns:
                columns[field] = index
    return columns


def read_table(text: str, source: str, year: int | None) -> PastedList | None:
    """The list as a table, or None when the text is not one."""
    lines = text.split("\n")
    first = next((number for number, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None
    name, intro, header_at = "", "", first
    if _LETTERBOXD_BANNER.match(lines[first].strip()):
        name, intro, header_at = _letterboxd_list_head(lines, first)
    header = lines[header_at]
    delimiter = "\t" if "\t" in header else ("," if "," in header else None)
    if delimiter is None:
        return None
    reader = csv_rows("\n".join(lines[header_at:]), delimiter=delimiter)
    try:
        columns = _header_columns(next(reader))
        if "title" not in columns:
            return None if not name else _no_column(source, header_at + 1, "title")
        if "year" not in columns and year is None:
            return _no_column(source, header_at + 1, "year")
        entries, problems = [], []
        for cells in reader:
            number = header_at + reader.line_num
            if not any(cell.strip() for cell in cells):
                continue

            def cell(field: str, cells: list[str] = cells) -> str:
                index = columns.get(field)
                return clean(cells[index]) if index is not None and index < len(cells) else ""

            title, year_text = cell("title"), cell("year")[:4]
            if not title:
                problems.append((number, "a row with no title"))
                continue
            if year_text:
                if not year_text.isdigit():
                    problems.append((number, f"{quoted(cell('year'))} is not a year"))
                    continue
                film_year = int(year_text)
            elif year is not None:
                film_year = year
            else:
                hint = "give one, or --year for the whole table"
                problems.append((number, f"{quoted(title)} has no year; {hint}"))
                continue
            if not MIN_YEAR <= film_year <= MAX_YEAR:
                problems.append((number, f"{film_year} is not a plausible year ({MIN_YEAR}-{MAX_YEAR})"))
                continue
            fact = cell("fact") or None
            directors = split_names(cell("directors"))
            entry = PastedEntry(
                number, title, film_year, cell("original_title"), directors, cell("description"), fact, ""
            )
            entries.append(entry)
    except csv.Error as error:
        problem = Problem(source, header_at + reader.line_num, f"not a table sfilms can read ({error})")
        raise FileProblems([problem]) from None
    if not entries:
        problems = problems or [(header_at + 1, "a table with no rows")]
        raise FileProblems([Problem(source, line, message) for line, message in sorted(problems)])
    notes = [Problem(source, line, f"left out this row: {message}") for line, message in problems]
    entries = once_each(entries, notes, source)
    return PastedList(intro, entries, notes, [], name)


def _no_column(source: str, line: int, field: str) -> PastedList:
    if field == "year":
        message = "the table has no year column (year, released): give the year of every film with --year"
    else:
        message = "the table has no title column (title, film, name)"
    raise FileProblems([Problem(source, line, message)])


def _letterboxd_list_head(lines: list[str], banner: int) -> tuple[str, str, int]:
    """Letterboxd's list export: the banner, the list's own header and row (Date, Name, Tags, URL,
    Description), a blank line, then the films' header. Returns the list's name, its
    description, and the index of the films' header line."""
    rest = "\n".join(lines[banner + 1 :])
    rows = []
    try:
        for cells in csv_rows(rest):
            rows.append(cells)
            if len(rows) == 2:
                break
    except csv.Error:
        rows = []  # the list's own row is not CSV: the films' rows may still be
    name = description = ""
    if len(rows) == 2:
        head = [cell.strip().lower() for cell in rows[0]]
        values = dict(zip(head, rows[1], strict=False))
        name, description = clean(values.get("name", "")), values.get("description", "").strip()
    films_header = next(
        (index for index in range(banner + 1, len(lines)) if lines[index].lower().startswith("position,")),
        banner + 1,
    )
    return name, description, films_header
