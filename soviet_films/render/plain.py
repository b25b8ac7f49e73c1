"""Plain views for pipes: one record per line, tab-separated fields, no header, no colour.

The first field of every record is the id ``sfilms show`` accepts. Standard library only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from soviet_films.models import Film, FilmList, ListEntry
from soviet_films.query import FilmRow
from soviet_films.render.safe import visible

if TYPE_CHECKING:
    from soviet_films.search import SearchHit
    from soviet_films.stats import Stats


def _line(*fields: object) -> str:
    return "\t".join(visible(str(field)) for field in fields)


def render_themes(lists: list[FilmList]) -> str:
    """One line per theme: id, name, number of films."""
    return "".join(_line(fl.id, fl.name, len(fl.entries)) + "\n" for fl in lists)


def render_rows(rows: list[FilmRow], with_themes: bool, title: str = "") -> str:
    """One line per film: id, title, year, directors (and, across all lists, theme ids)."""
    lines = []
    for row in rows:
        fields: list[object] = [row.film.id, row.title, row.year, ", ".join(row.film.directors)]
        if with_themes:
            fields.append(", ".join(row.themes))
        lines.append(_line(*fields) + "\n")
    return "".join(lines)


def film_fields(film: Film) -> list[tuple[str, str]]:
    """The card's labelled fields, leaving out the ones with no known value."""
    fields = [
        ("id", film.id),
        ("original_title", film.original_title),
        (
            "transliteration",
            film.transliteration if film.transliteration not in (film.original_title, film.title) else "",
        ),
        ("other_titles", "; ".join(film.other_titles)),
        ("directors", ", ".join(film.directors)),
        ("studio", film.studio),
        ("released", film.released),
        ("imdb", film.imdb),
        ("note", film.not_a_film),
    ]
    return [(label, value) for label, value in fields if value]


def render_film(film: Film, appearances: list[tuple[FilmList, ListEntry]]) -> str:
    """A readable block: a title line, 'label:<TAB>value' lines, then a section per list."""
    out = [visible(f"{film.title} ({film.year})")]
    out += [_line(f"{label}:", value) for label, value in film_fields(film)]
    for film_list, entry in appearances:
        out.append("")
        out.append(_line("theme:", film_list.id))
        out.append(_line("list:", film_list.name))
        out.append(_line("rank:", f"{entry.rank} of {len(film_list.entries)}"))
        if (entry.title, entry.year) != (film.title, film.year):
            out.append(_line("listed_as:", f"{entry.title} ({entry.year})"))
        out.append(_line("description:", entry.description))
        out.append(_line("fact:", entry.fact))
        if entry.correction:
            out.append(_line(f"correction ({entry.correction.verdict}):", entry.correction.text))
    return "\n".join(out) + "\n"


def render_hits(hits: list[SearchHit]) -> str:
    """One line per hit: id, theme, field, snippet."""
    from soviet_films.search import snippet

    return "".join(_line(h.film.id, h.film_list.id, h.field, snippet(h)[0]) + "\n" for h in hits)


def render_stats(stats: Stats) -> str:
    """Tab-separated lines whose first field names the table: summary, decade, director, overlap."""
    lines = [
        _line("summary", "lists", stats.lists),
        _line("summary", "entries", stats.entries),
        _line("summary", "films", stats.films),
        _line("summary", "not_films", stats.not_films),
    ]
    lines += [_line("decade", decade, count) for decade, count in stats.decades]
    lines += [_line("director", name, count) for name, count in stats.directors]
    lines += [_line("overlap", film.id, len(themes), ", ".join(themes)) for film, themes in stats.overlap]
    return "".join(line + "\n" for line in lines)


def render_paths(places: dict[str, str]) -> str:
    """One line per place: what it is, then the path."""
    return "".join(_line(label, place) + "\n" for label, place in places.items())
