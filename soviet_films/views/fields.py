"""What the views share: the labelled fields of a film's card, and of the places, in order."""

from __future__ import annotations

from soviet_films.model import OPEN_RECORDS_SOURCE, Film, Places


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
        ("runtime", f"{film.runtime} min" if film.runtime else ""),
        *((label, link) for label, link in film_links(film).items() if label != "imdb"),
        ("source", film_source(film)),
    ]
    return [(label, value) for label, value in fields if value]


def film_links(film: Film) -> dict[str, str]:
    """The film's pages elsewhere, where the records give its ids: IMDb, Wikidata, and Letterboxd
    (through its TMDB id)."""
    links = {
        "imdb": f"https://www.imdb.com/title/{film.imdb}/" if film.imdb else "",
        "wikidata": f"https://www.wikidata.org/wiki/{film.wikidata}" if film.wikidata else "",
        "letterboxd": f"https://letterboxd.com/tmdb/{film.tmdb}/" if film.tmdb else "",
    }
    return {label: link for label, link in links.items() if link}


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


def film_source(film: Film) -> str:
    """Where the card's facts come from, where not from the lists alone."""
    if not film.record:
        return ""
    return (
        f"the editors' records; runtime and links: {OPEN_RECORDS_SOURCE}"
        if film.recorded
        else OPEN_RECORDS_SOURCE
    )
