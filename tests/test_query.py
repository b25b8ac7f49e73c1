"""The query layer: year filters, resolving what people type, filtering and sorting."""

from __future__ import annotations

import pytest

from soviet_films.errors import Ambiguous, NotFound
from soviet_films.models import Catalog
from soviet_films.query import (
    YearRange,
    film_rows,
    filter_rows,
    parse_year_filter,
    resolve_directors,
    resolve_film,
    resolve_theme,
    sort_rows,
)


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


@pytest.mark.parametrize(
    ("typed", "film_id"),
    [
        ("stalker", "stalker"),
        ("Stalker", "stalker"),
        ("irony-of-fate", "irony-of-fate"),
        ("The Irony of Fate", "irony-of-fate"),
        ("irony of fate", "irony-of-fate"),
        ("THE MIRROR", "mirror"),
        ("mirror", "mirror"),
        ("cranes are flying", "cranes-are-flying"),
    ],
)
def test_resolve_film_by_id_and_title(catalog: Catalog, typed: str, film_id: str) -> None:
    assert resolve_film(catalog, typed).id == film_id


def test_ambiguous_film_lists_every_candidate(catalog: Catalog) -> None:
    with pytest.raises(Ambiguous) as caught:
        resolve_film(catalog, "house")
    assert [c.split()[0] for c in caught.value.candidates] == [
        "house-on-the-embankment",
        "house-under-the-starry-sky",
    ]


def test_unknown_film_suggests_the_closest(catalog: Catalog) -> None:
    with pytest.raises(NotFound) as caught:
        resolve_film(catalog, "stalkr")
    assert caught.value.suggestions == ["stalker (Stalker, 1979)"]


@pytest.mark.parametrize(
    ("typed", "theme_id"),
    [
        ("loneliness", "loneliness"),
        ("LONELINESS", "loneliness"),
        ("low self-esteem", "low-self-esteem"),
        ("Low-Self-Esteem", "low-self-esteem"),
        ("low_self_esteem", "low-self-esteem"),
    ],
)
def test_resolve_theme(catalog: Catalog, typed: str, theme_id: str) -> None:
    assert resolve_theme(catalog, typed).id == theme_id


def test_unknown_theme_names_what_exists(catalog: Catalog) -> None:
    with pytest.raises(NotFound, match="themes: loneliness, low-self-esteem"):
        resolve_theme(catalog, "joy")


@pytest.mark.parametrize(
    ("typed", "names"),
    [
        ("tarkovsky", {"Andrei Tarkovsky"}),
        ("Andrei Tarkovsky", {"Andrei Tarkovsky"}),
        ("TARKOVSKIY", {"Andrei Tarkovsky"}),
        ("ryazanov", {"Eldar Ryazanov"}),
        ("Riazanov", {"Eldar Ryazanov"}),
        ("Данелия", {"Georgiy Daneliya"}),
    ],
)
def test_resolve_directors(catalog: Catalog, typed: str, names: set[str]) -> None:
    assert resolve_directors(catalog, typed) == names


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
