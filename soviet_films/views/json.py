"""The JSON view, for programs: stable keys, UTF-8 not escaped. Standard library only.

Keys are part of the interface: a new field is a new key; existing keys never change.
"""

from __future__ import annotations

import json
from typing import Any

from soviet_films.errors import Problem
from soviet_films.model import (
    Film,
    FilmCard,
    ImportedList,
    ListEntry,
    Listing,
    Places,
    SearchHit,
    Stats,
    Theme,
)
from soviet_films.safe import json_safe
from soviet_films.views.fields import place_rows


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


class JsonView:
    """JSON documents (see the README for the keys of each)."""

    def themes(self, themes: list[Theme]) -> str:
        """Every theme: id, name, number of films, intro, and whether it is bundled."""
        return dumps(
            [
                {
                    "id": theme.id,
                    "name": theme.name,
                    "count": len(theme.entries),
                    "intro": theme.intro,
                    "bundled": theme.bundled,
                    "replaces_bundled": theme.replaces_bundled,
                    "source": theme.source,
                }
                for theme in themes
            ]
        )

    def listing(self, listing: Listing) -> str:
        """The listed films, with the title and year the theme gives; ``rank`` is the place in the
        theme (null across all themes)."""
        return dumps(
            [
                {**film_dict(row.film), "title": row.title, "year": row.year, "rank": row.rank,
                 "themes": list(row.themes)}
                for row in listing.rows
            ]
        )  # fmt: skip

    def film_card(self, card: FilmCard) -> str:
        """The film's card with an array of what every theme says about it."""
        lists = [entry_dict(a.theme, a.entry) for a in card.appearances]
        return dumps({**film_dict(card.film), "lists": lists})

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
                "decades": [{"decade": decade, "films": count} for decade, count in stats.decades],
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

    def problems(self, problems: list[Problem]) -> str:
        """Every problem: path, line and message."""
        return dumps([{"path": p.path, "line": p.line, "message": p.message} for p in problems])
