"""The plain view, for pipes: one record per line, tab-separated fields, no header, no colour.

The first field of every record is the id ``sfilms show`` accepts. Standard library only.
"""

from __future__ import annotations

from soviet_films.errors import Problem
from soviet_films.model import FilmCard, ImportedList, Listing, Places, SearchHit, Stats, Theme
from soviet_films.safe import visible
from soviet_films.views.fields import film_fields, place_rows


def _line(*fields: object) -> str:
    return "\t".join(visible(str(field)) for field in fields)


def _lines(lines: list[str]) -> str:
    return "".join(line + "\n" for line in lines)


class PlainView:
    """Tab-separated records (see the README's table of fields)."""

    def themes(self, themes: list[Theme]) -> str:
        """One line per theme: id, name, number of films."""
        return _lines([_line(theme.id, theme.name, len(theme.entries)) for theme in themes])

    def listing(self, listing: Listing) -> str:
        """One line per film: id, title, year, directors (and, across all themes, theme ids)."""
        lines = []
        for row in listing.rows:
            fields: list[object] = [row.film.id, row.title, row.year, ", ".join(row.film.directors)]
            if listing.theme is None:
                fields.append(", ".join(row.themes))
            lines.append(_line(*fields))
        return _lines(lines)

    def film_card(self, card: FilmCard) -> str:
        """A readable block: a title line, 'label:<TAB>value' lines, then a section per theme."""
        film = card.film
        out = [visible(f"{film.title} ({film.year})")]
        out += [_line(f"{label}:", value) for label, value in film_fields(film)]
        for theme, entry in ((a.theme, a.entry) for a in card.appearances):
            out.append("")
            out.append(_line("theme:", theme.id))
            out.append(_line("list:", theme.name))
            out.append(_line("rank:", f"{entry.rank} of {len(theme.entries)}"))
            if (entry.title, entry.year) != (film.title, film.year):
                out.append(_line("listed_as:", f"{entry.title} ({entry.year})"))
            out.append(_line("description:", entry.description))
            out.append(_line("fact:", entry.fact))
            if entry.correction:
                out.append(_line(f"correction ({entry.correction.verdict}):", entry.correction.text))
        return "\n".join(out) + "\n"

    def hits(self, hits: list[SearchHit]) -> str:
        """One line per hit: id, theme, field, snippet."""
        return _lines([_line(h.film.id, h.theme.id, h.field, h.snippet.text) for h in hits])

    def stats(self, stats: Stats) -> str:
        """Tab-separated lines whose first field names the table: summary, decade, director, overlap."""
        lines = [
            _line("summary", "lists", stats.themes),
            _line("summary", "entries", stats.entries),
            _line("summary", "films", stats.films),
            _line("summary", "not_films", stats.not_films),
        ]
        lines += [_line("decade", decade, count) for decade, count in stats.decades]
        lines += [_line("director", name, count) for name, count in stats.directors]
        lines += [_line("overlap", film.id, len(themes), ", ".join(themes)) for film, themes in stats.overlap]
        return _lines(lines)

    def places(self, places: Places) -> str:
        """One line per place: what it is, then the path."""
        return _lines([_line(label, place) for label, place in place_rows(places)])

    def imported(self, imported: ImportedList) -> str:
        """One line: the theme's id, its number of films, and the file written."""
        return _lines([_line(imported.theme_id, imported.count, imported.path)])

    def problems(self, problems: list[Problem]) -> str:
        """One line per problem: file:line: message."""
        return _lines([visible(str(problem)) for problem in problems])
