"""The plain view, for pipes: one record per line, tab-separated fields, no header, no colour.

The first field of every record is the id ``sfilms show`` accepts. Standard library only.
"""

from __future__ import annotations

from soviet_films.errors import Problem
from soviet_films.model import (
    DiaryLine,
    FilmCard,
    FilmViewing,
    HistoryImport,
    ImportedList,
    ImportPreview,
    Listing,
    Places,
    SearchHit,
    Stats,
    ThemeList,
    WatchlistLine,
)
from soviet_films.safe import visible
from soviet_films.views.fields import film_fields, place_rows


def _line(*fields: object) -> str:
    return "\t".join(visible(str(field)) for field in fields)


def _lines(lines: list[str]) -> str:
    return "".join(line + "\n" for line in lines)


def rating_text(rating: float | None) -> str:
    """A rating as a field: '4.5', '4', or '' for none."""
    return "" if rating is None else f"{rating:g}"


def viewing_fields(viewing: FilmViewing) -> list[object]:
    """What the log adds at the end of a film's line: times seen, your rating, 'watchlist'."""
    return [_times(viewing), rating_text(viewing.rating), "watchlist" if viewing.on_watchlist else ""]


def _times(viewing: FilmViewing) -> int:
    """Times seen, as a field: the diary entries, or 1 for a film seen on a day not known."""
    return viewing.times_seen or int(viewing.seen_undated)


class PlainView:
    """Tab-separated records (see the README's table of fields)."""

    def themes(self, themes: ThemeList, intros: bool = False) -> str:
        """One line per theme: id, name, number of films (and, with a log, how many you have seen)."""
        seen = themes.seen
        return _lines(
            [
                _line(
                    theme.id, theme.name, len(theme.entries), *([seen[theme.id]] if seen is not None else [])
                )
                for theme in themes.themes
            ]
        )

    def listing(self, listing: Listing) -> str:
        """One line per film: id, title, year, directors (and, across all themes, theme ids)."""
        lines = []
        for row in listing.rows:
            fields: list[object] = [row.film.id, row.title, row.year, ", ".join(row.film.directors)]
            if listing.theme is None:
                fields.append(", ".join(row.themes))
            if listing.viewing is not None:
                fields += viewing_fields(listing.viewing[row.film.id])
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
        if card.viewing is not None:
            viewing = card.viewing
            out += ["", _line("seen:", _times(viewing)), _line("rating:", rating_text(viewing.rating))]
            out.append(_line("watchlist:", "yes" if viewing.on_watchlist else "no"))
            for logged in viewing.entries:
                if logged.kind == "diary":
                    rewatch = "rewatch" if logged.rewatch else ""
                    out.append(
                        _line("watched:", logged.watched_on, rating_text(logged.rating), rewatch, logged.note)
                    )
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
        seen = stats.seen_decades
        lines += [
            _line("decade", decade, count, *([seen.get(decade, 0)] if seen is not None else []))
            for decade, count in stats.decades
        ]
        lines += [_line("director", name, count) for name, count in stats.directors]
        lines += [_line("overlap", film.id, len(themes), ", ".join(themes)) for film, themes in stats.overlap]
        return _lines(lines)

    def places(self, places: Places) -> str:
        """One line per place: what it is, then the path."""
        return _lines([_line(label, place) for label, place in place_rows(places)])

    def imported(self, imported: ImportedList) -> str:
        """One line: the theme's id, its number of films, and the file written."""
        return _lines([_line(imported.theme_id, imported.count, imported.path)])

    def import_preview(self, preview: ImportPreview) -> str:
        """One line per entry: the film it joins (empty: a new film), the line it stands on, title,
        year, original title, directors, the description (its paragraphs on one line), the fact,
        and what was read by the shape of its words alone. The films named in passing are notes."""
        return _lines(
            [
                _line(row.joins.id if row.joins else "", row.line, row.title, row.year, row.original_title,
                      ", ".join(row.directors), " ".join(row.description.split()),
                      " ".join((row.fact or "").split()), row.unsure)
                for row in preview.rows
            ]
        )  # fmt: skip

    def problems(self, problems: list[Problem]) -> str:
        """One line per problem: file:line: message."""
        return _lines([visible(str(problem)) for problem in problems])

    def diary(self, lines: list[DiaryLine]) -> str:
        """One line per entry: id ('' for a film no list names), day, title, year, rating,
        'rewatch', note, the entry's number (what ``diary edit`` and ``diary remove`` take)."""
        return _lines(
            [
                _line(film.id if film else "", entry.watched_on, film.title if film else entry.title,
                      film.year if film else (entry.year or ""), rating_text(entry.rating),
                      "rewatch" if entry.rewatch else "", entry.note, entry.number)
                for entry, film in lines
            ]
        )  # fmt: skip

    def history_import(self, result: HistoryImport) -> str:
        """One line per film no list names: title, year, its rows, why, the first row's file:line."""
        return _lines(
            [
                _line(film.title, film.year or "", len(film.rows), film.reason,
                      f"{film.rows[0].path}:{film.rows[0].line}")
                for film in result.unmatched
            ]
        )  # fmt: skip

    def watchlist(self, lines: list[WatchlistLine]) -> str:
        """One line per film: id ('' for a film no list names), title, year, the day added."""
        return _lines(
            [
                _line(film.id if film else "", film.title if film else item.title,
                      film.year if film else (item.year or ""), item.added)
                for item, film in lines
            ]
        )  # fmt: skip
