"""core.filters: year filters, film rows, filters and sorting."""

from __future__ import annotations

import pytest

from soviet_films.core.filters import film_rows, filter_rows, parse_year_filter, sort_rows
from soviet_films.core.resolve import resolve_directors, resolve_theme
from soviet_films.model import Catalog, YearRange


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1975", YearRange(1975, 1975)),
        ("1970-1979", YearRange(1970, 1979)),
        ("1970 – 1979", YearRange(1970, 1979)),
        ("1970s", YearRange(1970, 1979)),
        ("1970's", YearRange(1970, 1979)),
        ("70s", YearRange(1970, 1979)),
    ],
)
def test_year_filters(text: str, expected: YearRange) -> None:
    assert parse_year_filter(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("nineteen", "is not a year (1975), a range (1970-1979) or a decade (1970s)"),
        ("1980-1970", "runs backwards; did you mean 1970-1980?"),
        ("197", "is not a year"),
        ("1975s", "is not a year"),
    ],
)
def test_bad_year_filters_say_what_is_accepted(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)").replace("?", r"\?")):
        parse_year_filter(text)


def test_filters_combine(catalog: Catalog) -> None:
    rows = filter_rows(
        film_rows(catalog, resolve_theme(catalog, "loneliness")),
        parse_year_filter("1970s"),
        resolve_directors(catalog, "tarkovsky"),
    )
    assert [(row.film.id, row.rank) for row in rows] == [("stalker", 1), ("mirror", 3)]


def test_every_film_once_with_its_themes(catalog: Catalog) -> None:
    rows = film_rows(catalog)
    assert len(rows) == len({row.film.id for row in rows}) == 15
    assert {row.film.id: row.themes for row in rows}["mirror"] == ("loneliness", "low-self-esteem")


def test_sorting(catalog: Catalog) -> None:
    rows = film_rows(catalog, resolve_theme(catalog, "loneliness"))
    assert [r.film.year for r in sort_rows(rows, "year")] == sorted(r.film.year for r in rows)
    # Titles sort without their article: "The Ascent" before "Autumn", "Stalker" after "The Overcoat".
    titles = [r.film.title for r in sort_rows(rows, "title")]
    assert titles[0] == "The Ascent"
    assert titles.index("The Overcoat") < titles.index("Stalker")
    assert sort_rows(rows, "list") == rows


def test_fuzzy_rows_take_the_letters_in_order_best_first(catalog) -> None:
    from soviet_films.core.filters import film_rows, fuzzy_rows

    rows = film_rows(catalog)
    assert fuzzy_rows(rows, "stalkr")[0].film.id == "stalker"
    assert [row.film.id for row in fuzzy_rows(rows, "trkvsky")][:2] == [
        "stalker",
        "mirror",
    ]  # by the director
    assert fuzzy_rows(rows, "xyzzy") == [] and len(fuzzy_rows(rows, "")) == len(rows)
