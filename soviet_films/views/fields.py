"""What the views share: the labelled fields of a film's card, and of the places, in order."""

from __future__ import annotations

from soviet_films.model import Film, Places


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
        ("note", film.note),
    ]
    return [(label, value) for label, value in fields if value]


def place_rows(places: Places) -> list[tuple[str, str]]:
    """The places as (label, path) in the order every view shows them."""
    return [
        ("bundled", places.bundled_lists),
        ("records", places.records),
        ("lists", places.user_lists),
        ("cache", places.cache),
        ("log", places.log),
    ]


def stars(rating: float) -> str:
    """A rating as Letterboxd shows it: 3.5 -> '★★★½'."""
    return "★" * int(rating) + ("½" if rating % 1 else "")


def opening(text: str, width: int = 60) -> str:
    """The start of a description, on one line, cut at a word."""
    line = " ".join(text.split())
    if len(line) <= width:
        return line
    cut = line.rfind(" ", 0, width)
    return line[: cut if cut > 0 else width] + "…"
