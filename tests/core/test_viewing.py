"""core.viewing: a film's identity in the log, finding films by title and year, what you have seen."""

from __future__ import annotations

import datetime as dt

import pytest

from soviet_films.core.viewing import FilmFinder, ViewingIndex, film_identity, parse_date, parse_rating
from soviet_films.model import Catalog, Film, LogEntry, WatchlistItem


def entry(number: int, film: str, title: str, year: int | None, kind: str = "diary", day: str = "2026-01-01",
          rating: float | None = None) -> LogEntry:  # fmt: skip
    return LogEntry(number, film, title, year, kind, day, rating, False, "", "test")


def test_a_recorded_film_is_known_by_its_record_and_any_other_by_title_and_year(catalog: Catalog) -> None:
    assert film_identity(catalog.films["stalker"]) == "record:stalker"
    assert film_identity(Film("kin-dza-dza", "Kin-dza-dza!", 1986)) == "title:kin dza dza:1986"


@pytest.mark.parametrize(
    ("title", "year", "found"),
    [
        ("Stalker", 1979, "stalker"),
        ("Сталкер", 1979, "stalker"),  # the original title
        ("Mirror", 1975, "mirror"),  # an other title, without "The"
        ("Zerkalo", 1974, "mirror"),  # a transliteration, a year off (production vs release)
        ("The Cranes Are Flying", 1958, "cranes-are-flying"),
        ("Stalker", 1977, None),  # two years off: another film
        ("Solaris", 1972, None),  # no list names it
        ("Stalker", None, None),
        ("", 1979, None),
    ],
)
def test_films_are_found_by_title_and_year(
    catalog: Catalog, title: str, year: int | None, found: str | None
) -> None:
    film = FilmFinder(catalog.films.values()).find(title, year)
    assert (film.id if film else None) == found


def test_two_equally_near_films_are_neither() -> None:
    films = [Film("a-1970", "A", 1970), Film("a-1972", "A", 1972)]
    assert FilmFinder(films).find("A", 1971) is None
    assert FilmFinder(films).find("A", 1970).id == "a-1970"


def test_what_the_log_says_of_a_film(catalog: Catalog) -> None:
    stalker = catalog.films["stalker"]
    index = ViewingIndex(
        [
            entry(1, "record:stalker", "Stalker", 1979, day="2026-01-01", rating=3.0),
            entry(2, "", "Сталкер", 1979, day="2026-02-01", rating=4.5),  # imported, matched by title
            entry(3, "", "Stalker", 1979, kind="watched", day=""),
            entry(4, "record:mirror", "The Mirror", 1975),
        ],
        [WatchlistItem("", "Zerkalo", 1974, "2026-03-01")],
    )
    viewing = index.of(stalker)
    assert (viewing.times_seen, viewing.rating, viewing.on_watchlist) == (2, 4.5, False)
    assert [e.number for e in viewing.entries] == [2, 1, 3]
    assert index.of(catalog.films["mirror"]).on_watchlist
    assert index.of(catalog.films["garage"]).times_seen == 0
    assert index.keeps(stalker, "seen") and not index.keeps(stalker, "unseen")
    assert index.keeps(catalog.films["mirror"], "watchlist") and index.keeps(stalker, None)


def test_a_film_marked_watched_without_a_day_is_seen_with_no_day(catalog: Catalog) -> None:
    index = ViewingIndex([entry(1, "", "Stalker", 1979, kind="watched", day="")], [])
    viewing = index.of(catalog.films["stalker"])
    assert (viewing.times_seen, viewing.seen_undated, viewing.seen) == (0, True, True)
    # Viewings are diary entries: with one, the mark adds nothing, and "no day" is not said.
    index = ViewingIndex(
        [entry(1, "", "Stalker", 1979, kind="watched", day=""), entry(2, "", "Stalker", 1979)], []
    )
    viewing = index.of(catalog.films["stalker"])
    assert (viewing.times_seen, viewing.seen_undated) == (1, False)


@pytest.mark.parametrize(("text", "rating"), [("4", 4.0), ("4.5", 4.5), ("0.5", 0.5), ("5", 5.0), ("3,5", 3.5),
                                              ("★★★½", 3.5), (" 2 ", 2.0)])  # fmt: skip
def test_ratings(text: str, rating: float) -> None:
    assert parse_rating(text) == rating


@pytest.mark.parametrize("text", ["0", "5.5", "4.3", "-1", "four", "", "nan", "inf"])
def test_ratings_outside_half_steps_from_half_to_five_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"is not a rating from 0\.5 to 5 in half steps"):
        parse_rating(text)


def test_days() -> None:
    today = dt.date(2026, 12, 1)
    assert parse_date("today", today) == today
    assert parse_date("Yesterday", today) == dt.date(2026, 11, 30)
    assert parse_date("2026-11-05", today) == dt.date(2026, 11, 5)
    with pytest.raises(ValueError, match="is in the future"):
        parse_date("2026-12-02", today)
    with pytest.raises(ValueError, match="is not a date"):
        parse_date("31/12/2025", today)
