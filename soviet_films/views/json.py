"""The JSON view, for programs: stable keys, UTF-8 not escaped. Standard library only.

Keys are part of the interface: a new field is a new key; existing keys never change.
"""

from __future__ import annotations

import json
from typing import Any

from soviet_films.errors import Problem
from soviet_films.model import (
    DiaryLine,
    Film,
    FilmCard,
    FilmViewing,
    HistoryImport,
    ImportedList,
    ImportPreview,
    ListEntry,
    Listing,
    Places,
    PreviewRow,
    SearchHit,
    Stats,
    Theme,
    ThemeList,
    WatchlistLine,
)
from soviet_films.safe import json_safe
from soviet_films.views.fields import film_links, film_source, place_rows


def dumps(data: Any) -> str:
    """Encode ``data`` as indented UTF-8 JSON with a final newline."""
    return json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


def film_dict(film: Film) -> dict[str, Any]:
    """The film's card as JSON data; empty strings where no verified fact is known."""
    return {
        "id": film.id,
        "title": film.title,
        "year": film.year,
        "original_title": film.original_title,
        "transliteration": film.transliteration,
        "other_titles": list(film.other_titles),
        "directors": list(film.directors),
        "studio": film.studio,
        "released": film.released,
        "imdb": film.imdb,
        "is_film": film.is_film,
        "note": film.note,
        "runtime": film.runtime,
        "wikidata": film.wikidata,
        "tmdb": film.tmdb,
        "record": film.record,
        "links": film_links(film),
        "source": film_source(film),
    }


def entry_dict(theme: Theme, entry: ListEntry) -> dict[str, Any]:
    """What one theme says about a film, with the correction (or null) as its own field."""
    correction = entry.correction
    return {
        "theme": theme.id,
        "theme_name": theme.name,
        "rank": entry.rank,
        "of": len(theme.entries),
        "title": entry.title,
        "year": entry.year,
        "description": entry.description,
        "fact": entry.fact,
        "correction": correction.text if correction else None,
        "correction_verdict": correction.verdict if correction else None,
    }


def viewing_dict(viewing: FilmViewing, entries: bool = False) -> dict[str, Any]:
    """What your log says of a film: times seen, your rating, on the watchlist (and the entries)."""
    data: dict[str, Any] = {
        "seen": viewing.times_seen or int(viewing.seen_undated),
        "rating": viewing.rating,
        "watchlist": viewing.on_watchlist,
        "seen_no_day": viewing.seen_undated,
    }
    if entries:
        data["entries"] = [
            {
                "kind": e.kind,
                "date": e.watched_on or None,
                "rating": e.rating,
                "rewatch": e.rewatch,
                "note": e.note,
                "number": e.number,
            }
            for e in viewing.entries
        ]
    return data


def _decade(decade: str, count: int, seen: Any) -> dict[str, Any]:
    return {"decade": decade, "films": count, **({"seen": seen.get(decade, 0)} if seen is not None else {})}


class JsonView:
    """JSON documents (see the README for the keys of each)."""

    def themes(self, themes: ThemeList, intros: bool = False) -> str:
        """Every theme: id, name, number of films, intro, whether it is bundled (and, with a viewing
        log, ``seen``: how many of its films you have seen)."""
        rows = []
        for theme in themes.themes:
            row = {
                "id": theme.id,
                "name": theme.name,
                "count": len(theme.entries),
                "intro": theme.intro,
                "bundled": theme.bundled,
                "replaces_bundled": theme.replaces_bundled,
                "source": theme.source,
            }
            if themes.seen is not None:
                row["seen"] = themes.seen[theme.id]
            rows.append(row)
        return dumps(rows)

    def listing(self, listing: Listing) -> str:
        """The listed films, with the title and year the theme gives; ``rank`` is the place in the
        theme (null across all themes)."""
        rows = []
        for row in listing.rows:
            data = {**film_dict(row.film), "title": row.title, "year": row.year, "rank": row.rank,
                    "themes": list(row.themes)}  # fmt: skip
            if listing.viewing is not None:
                data["viewing"] = viewing_dict(listing.viewing[row.film.id])
            rows.append(data)
        return dumps(rows)

    def film_card(self, card: FilmCard) -> str:
        """The film's card with an array of what every theme says about it."""
        lists = [entry_dict(a.theme, a.entry) for a in card.appearances]
        data = {**film_dict(card.film), "lists": lists}
        if card.viewing is not None:
            data["viewing"] = viewing_dict(card.viewing, entries=True)
        return dumps(data)

    def hits(self, hits: list[SearchHit]) -> str:
        """Every hit: the film, the theme, the field that matched, a snippet and the whole field."""
        return dumps(
            [
                {"id": h.film.id, "title": h.film.title, "year": h.film.year, "theme": h.theme.id,
                 "rank": h.entry.rank, "field": h.field, "snippet": h.snippet.text, "text": h.text}
                for h in hits
            ]
        )  # fmt: skip

    def stats(self, stats: Stats) -> str:
        """The stats as one object: totals, decades, directors and overlap."""
        return dumps(
            {
                "lists": stats.themes,
                "entries": stats.entries,
                "films": stats.films,
                "not_films": stats.not_films,
                "decades": [_decade(decade, count, stats.seen_decades) for decade, count in stats.decades],
                "directors": [{"director": name, "films": count} for name, count in stats.directors],
                "overlap": [
                    {"id": film.id, "title": film.title, "year": film.year, "themes": list(themes)}
                    for film, themes in stats.overlap
                ],
            }
        )

    def places(self, places: Places) -> str:
        """The places as one object: bundled, records, lists, cache."""
        return dumps(dict(place_rows(places)))

    def imported(self, imported: ImportedList) -> str:
        """The imported theme: id, name, number of films, file, warnings."""
        return dumps(
            {"id": imported.theme_id, "name": imported.name, "count": imported.count, "path": imported.path,
             "replaces_bundled": imported.replaces_bundled,
             "warnings": [str(warning) for warning in imported.warnings]}
        )  # fmt: skip

    def import_preview(self, preview: ImportPreview) -> str:
        """The theme to be, every entry as read with the film it joins (null: a new one), the
        films named in passing, and the notes (lines left out, decisions) and warnings."""

        def entry(row: PreviewRow) -> dict[str, object]:
            return {"line": row.line, "title": row.title, "year": row.year,
                    "original_title": row.original_title, "directors": list(row.directors),
                    "description": row.description,
                    "joins": row.joins.id if row.joins else None, "near": row.near.id if row.near else None,
                    "fact": row.fact, "unsure": row.unsure or None}  # fmt: skip

        def problem(note: Problem) -> dict[str, object]:
            return {"line": note.line, "message": note.message}

        return dumps(
            {
                "id": preview.theme_id,
                "name": preview.name,
                "films": [entry(row) for row in preview.rows],
                "mentioned": [entry(row) for row in preview.mentioned],
                "notes": [problem(note) for note in preview.notes],
                "warnings": [problem(warning) for warning in preview.warnings],
            }
        )

    def problems(self, problems: list[Problem]) -> str:
        """Every problem: path, line and message."""
        return dumps([{"path": p.path, "line": p.line, "message": p.message} for p in problems])

    def diary(self, lines: list[DiaryLine]) -> str:
        """Every entry: the film's id (null for one no list names), day, title, year, rating,
        rewatch, note."""
        return dumps(
            [
                {"id": film.id if film else None, "date": entry.watched_on,
                 "title": film.title if film else entry.title, "year": film.year if film else entry.year,
                 "rating": entry.rating, "rewatch": entry.rewatch, "note": entry.note, "number": entry.number,
                 "tags": entry.tags}
                for entry, film in lines
            ]
        )  # fmt: skip

    def history_import(self, result: HistoryImport) -> str:
        """What the import read and did, every count, the rows it could not use and the films no list
        names, each with its rows and why."""
        names = ("rows", "matched", "diary", "reviews", "ratings", "watched", "watchlist", "added", "updated")
        counts = {name: getattr(result, name) for name in names}
        return dumps(
            {
                **counts,
                "dry_run": result.dry_run,
                "unmatched": [
                    {"title": film.title, "year": film.year, "reason": film.reason,
                     "rows": [{"kind": row.kind, "where": f"{row.path}:{row.line}"} for row in film.rows]}
                    for film in result.unmatched
                ],
                "skipped": list(result.skipped),
                "reported": [{"path": p.path, "line": p.line, "message": p.message} for p in result.reported],
                "lists": list(result.lists),
                "imported": list(result.imported),
            }
        )  # fmt: skip

    def watchlist(self, lines: list[WatchlistLine]) -> str:
        """Every film: its id (null for one no list names), title, year, the day added."""
        return dumps(
            [
                {"id": film.id if film else None, "title": film.title if film else item.title,
                 "year": film.year if film else item.year, "added": item.added}
                for item, film in lines
            ]
        )  # fmt: skip
