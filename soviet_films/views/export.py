"""Export formats: Letterboxd's CSV, a CSV of every entry, Markdown and JSON. Standard library only.

``document`` returns the whole document as text. Text from the data has its control characters made
visible; in Markdown it is also escaped, so a title with '*' or '#' stays a title.
"""

from __future__ import annotations

import csv
import io
import re

from soviet_films.model import Catalog, DiaryLine, Export, Film, ListEntry, Theme, WatchlistLine
from soviet_films.safe import visible
from soviet_films.views.json import dumps, entry_dict, film_dict


def document(export: Export, raw: bool = False) -> str:
    """The export as one document in its format: letterboxd, csv, markdown or json. The csv
    format is spreadsheet-safe unless ``raw`` (see ``spreadsheet_safe``)."""
    if export.format == "letterboxd":
        return letterboxd(export.films)
    if export.format == "csv":
        return entries_csv(export.catalog, export.themes, safe=not raw)
    if export.format == "markdown":
        return markdown(export.catalog, export.themes)
    return full_json(export.catalog, export.themes)


# What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """A text cell a spreadsheet would run as a formula, with a ' before it (shown as text there);
    numbers and every other text as they are."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _csv(rows: list[list[object]], safe: bool = False) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180: CRLF, quotes only where needed
    for row in rows:
        cells = [spreadsheet_safe(value) for value in row] if safe else row
        writer.writerow([visible(str(value), keep_newlines=True) for value in cells])
    return buffer.getvalue()


def letterboxd(films: list[Film]) -> str:
    """Letterboxd's list importer CSV: Title, Year, Directors, and imdbID and tmdbID where the
    records give them (the importer then need not guess the film by its title)."""
    with_imdb, with_tmdb = any(film.imdb for film in films), any(film.tmdb for film in films)
    header = [
        "Title",
        "Year",
        "Directors",
        *(["imdbID"] if with_imdb else []),
        *(["tmdbID"] if with_tmdb else []),
    ]
    rows: list[list[object]] = [header]
    for film in films:
        row: list[object] = [film.title, film.year, ", ".join(film.directors)]
        rows.append([*row, *([film.imdb] if with_imdb else []), *([film.tmdb] if with_tmdb else [])])
    return _csv(rows)


def entries_csv(catalog: Catalog, themes: list[Theme], safe: bool = True) -> str:
    """One row per list entry, with what the list says and the correction; ``safe``: no cell a
    spreadsheet would run (``spreadsheet_safe``)."""
    rows: list[list[object]] = [
        [
            "theme",
            "rank",
            "id",
            "title",
            "year",
            "directors",
            "original_title",
            "description",
            "fact",
            "correction",
        ]
    ]
    for theme in themes:
        for entry in theme.entries:
            film = catalog.films[entry.film_id]
            rows.append([
                theme.id, entry.rank, film.id, entry.title, entry.year, ", ".join(film.directors),
                film.original_title, entry.description, entry.fact,
                entry.correction.text if entry.correction else "",
            ])  # fmt: skip
    return _csv(rows, safe)


# Characters Markdown reads as syntax anywhere, and what it reads as a block at a line's start.
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# [ \t]*, not \s*: \s would run on across every following empty line, from every line start:
# quadratic in the number of newlines.
_MARKDOWN_BLOCK_START = re.compile(r"^([ \t]*)([#+\-=])", re.MULTILINE)
_MARKDOWN_NUMBERED = re.compile(r"^([ \t]*\d+)([.)])", re.MULTILINE)


def _md(text: str) -> str:
    """Data as Markdown text: visible control characters, Markdown syntax escaped."""
    escaped = _MARKDOWN_INLINE.sub(r"\\\1", visible(text, keep_newlines=True))
    escaped = _MARKDOWN_BLOCK_START.sub(r"\1\\\2", escaped)
    return _MARKDOWN_NUMBERED.sub(r"\1\\\2", escaped)


def markdown(catalog: Catalog, themes: list[Theme]) -> str:
    """A document for a blog or a README: per theme its name and intro, then each film."""
    out: list[str] = []
    for theme in themes:
        out += [f"# {_md(theme.name)}", "", _md(theme.intro), ""]
        for entry in theme.entries:
            film = catalog.films[entry.film_id]
            out += [f"## {_md(entry.title)} ({entry.year})", ""]
            if film.directors:
                out += [f"*Directed by {_md(', '.join(film.directors))}*", ""]
            elif film.note:
                out += [f"*{_md(film.note)}*", ""]
            out += [_md(entry.description), ""]
            if entry.fact:
                out += [f"**Fact:** {_md(entry.fact)}", ""]
            if entry.correction:
                out += [f"> **Correction:** {_md(entry.correction.text)}", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def full_json(catalog: Catalog, themes: list[Theme]) -> str:
    """The full data of the chosen lists: each theme with its entries and their films' cards."""
    return dumps([
        {
            "id": theme.id,
            "name": theme.name,
            "intro": theme.intro,
            "films": [_entry_with_film(catalog, theme, entry) for entry in theme.entries],
        }
        for theme in themes
    ])  # fmt: skip


def _entry_with_film(catalog: Catalog, theme: Theme, entry: ListEntry) -> dict[str, object]:
    listed = entry_dict(theme, entry)
    return {**film_dict(catalog.films[entry.film_id]), **{k: listed[k] for k in _ENTRY_KEYS}}


_ENTRY_KEYS = ("rank", "description", "fact", "correction", "correction_verdict")


# What Letterboxd's importer reads, in this order (its own names); sfilms reads it back too.
HISTORY_COLUMNS = [
    *("Title", "Year", "Directors", "imdbID", "LetterboxdURI"),
    *("WatchedDate", "Rating", "Rewatch", "Review", "Tags", "tmdbID"),
]


def _exact_csv(rows: list[list[object]]) -> str:
    """CSV as Letterboxd reads it: every text exactly as it is (its quoting is the data format; the
    command line makes it visible only on a terminal)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([str(value) for value in row])
    return buffer.getvalue()


def letterboxd_history(lines: list[DiaryLine]) -> str:
    """Your whole log in the CSV Letterboxd's importer takes: every diary entry (its day, rating,
    rewatch mark, review and tags), every rating of a film, every film seen without a day; each as
    logged (the title and year as Letterboxd or you gave them), with the film's directors and IMDb id
    where the catalogue knows them, and the film's Letterboxd link (``entry.uri``) where known."""
    rows: list[list[object]] = [HISTORY_COLUMNS]
    for entry, film in lines:
        rating = "" if entry.rating is None else f"{entry.rating:g}"
        rows.append([entry.title, entry.year or "", ", ".join(film.directors) if film else "",
                     film.imdb if film else "", entry.uri, entry.watched_on if entry.kind == "diary" else "",
                     rating, "Yes" if entry.rewatch else "", entry.note, entry.tags,
                     film.tmdb if film else ""])  # fmt: skip
    return _exact_csv(rows)


def letterboxd_watchlist(lines: list[WatchlistLine]) -> str:
    """Your watchlist in the CSV Letterboxd's importer takes for a watchlist: Title, Year,
    LetterboxdURI, imdbID, and the day each was added (Date, as Letterboxd's own export has it)."""
    rows: list[list[object]] = [["Date", "Title", "Year", "LetterboxdURI", "imdbID", "tmdbID"]]
    for item, film in lines:
        rows.append([item.added, item.title, item.year or "", item.uri, film.imdb if film else "",
                     film.tmdb if film else ""])  # fmt: skip
    return _exact_csv(rows)
