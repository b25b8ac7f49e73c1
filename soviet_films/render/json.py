"""JSON views for programs: stable keys, UTF-8 not escaped. Standard library only."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from soviet_films.models import Film, FilmList, ListEntry
from soviet_films.query import FilmRow
from soviet_films.render.safe import json_safe

if TYPE_CHECKING:
    from soviet_films.search import SearchHit
    from soviet_films.stats import Stats


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
        "note": film.not_a_film,
    }


def entry_dict(film_list: FilmList, entry: ListEntry) -> dict[str, Any]:
    """What one list says about a film, with the correction (or null) as its own field."""
    correction = entry.correction
    return {
        "theme": film_list.id,
        "theme_name": film_list.name,
        "rank": entry.rank,
        "of": len(film_list.entries),
        "title": entry.title,
        "year": entry.year,
        "description": entry.description,
        "fact": entry.fact,
        "correction": correction.text if correction else None,
        "correction_verdict": correction.verdict if correction else None,
    }


def render_themes(lists: list[FilmList]) -> str:
    """Every theme: id, name, intro, number of films, and whether it is bundled."""
    return dumps(
        [
            {
                "id": fl.id,
                "name": fl.name,
                "count": len(fl.entries),
                "intro": fl.intro,
                "bundled": fl.bundled,
                "replaces_bundled": fl.replaces_bundled,
                "source": fl.source,
            }
            for fl in lists
        ]
    )


def render_rows(rows: list[FilmRow], with_themes: bool, title: str = "") -> str:
    """The listed films, with the title and year the list gives; ``rank`` is the place in the
    theme (null across all lists)."""
    return dumps(
        [
            {
                **film_dict(row.film),
                "title": row.title,
                "year": row.year,
                "rank": row.rank,
                "themes": list(row.themes),
            }
            for row in rows
        ]
    )


def render_film(film: Film, appearances: list[tuple[FilmList, ListEntry]]) -> str:
    """The film's card with an array of what every list says about it."""
    return dumps({**film_dict(film), "lists": [entry_dict(fl, entry) for fl, entry in appearances]})


def render_hits(hits: list[SearchHit]) -> str:
    """Every hit: the film, the list, the field that matched, a snippet and the whole field."""
    from soviet_films.search import snippet

    return dumps(
        [
            {
                "id": h.film.id,
                "title": h.film.title,
                "year": h.film.year,
                "theme": h.film_list.id,
                "rank": h.entry.rank,
                "field": h.field,
                "snippet": snippet(h)[0],
                "text": h.text,
            }
            for h in hits
        ]
    )


def render_stats(stats: Stats) -> str:
    """The stats as one object: totals, decades, directors and overlap."""
    return dumps(
        {
            "lists": stats.lists,
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


def render_paths(places: dict[str, str]) -> str:
    """The places as one object: bundled, records, lists, cache."""
    return dumps(places)
