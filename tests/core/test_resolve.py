"""core.resolve: what people type, resolved to films, themes and directors (a table of typed queries)."""

from __future__ import annotations

import pytest

from soviet_films.core.resolve import resolve_directors, resolve_film, resolve_theme
from soviet_films.errors import Ambiguous, NotFound
from soviet_films.model import Catalog

FILM = "film"


AMBIGUOUS = "ambiguous"


SUGGEST = "suggest"


MISS = "miss"


FILM_QUERIES = [
    # ids and titles as the lists give them
    ("stalker", FILM, "stalker"),
    ("Stalker (1979)", FILM, "stalker"),
    ("THE MIRROR", FILM, "mirror"),
    ("mirror", FILM, "mirror"),
    ("“The Mirror”", FILM, "mirror"),
    ("ballad of a soldier", FILM, "ballad-of-a-soldier"),
    ("the  ballad, of a soldier!", FILM, "ballad-of-a-soldier"),
    # original titles (Cyrillic, ё/е, й/и) and transliterations
    ("Зеркало", FILM, "mirror"),
    ("зеркало", FILM, "mirror"),
    ("Zerkalo", FILM, "mirror"),
    ("Ирония судьбы, или С легким паром", FILM, "irony-of-fate"),
    ("ironiya sudby ili s lyogkim parom", FILM, "irony-of-fate"),
    ("Осенний марафон", FILM, "autumn-marathon"),
    ("Осеннии марафон", FILM, "autumn-marathon"),
    ("Дом под звездным небом", FILM, "house-under-the-starry-sky"),
    ("Shinel", FILM, "overcoat"),
    # other titles from the records
    ("The Cloak", FILM, "overcoat"),
    ("Asya's Happiness", FILM, "story-of-asya-klyachina"),
    ("Asya’s happiness", FILM, "story-of-asya-klyachina"),
    ("the lady with the lapdog", FILM, "lady-with-the-dog"),
    ("The Postmaster", FILM, "stationmaster"),
    ("the station master", FILM, "stationmaster"),
    # a trailing year, unique words and prefixes in whole words
    ("mirror 1975", FILM, "mirror"),
    ("irony 1975", FILM, "irony-of-fate"),
    ("irony", FILM, "irony-of-fate"),
    ("asya", FILM, "story-of-asya-klyachina"),
    ("cranes", FILM, "cranes-are-flying"),
    ("the cranes are", FILM, "cranes-are-flying"),
    ("soldier ballad", FILM, "ballad-of-a-soldier"),
    # several real candidates: refuse and list them
    ("house", AMBIGUOUS, {"house-on-the-embankment", "house-under-the-starry-sky"}),
    ("dom", AMBIGUOUS, {"house-on-the-embankment", "house-under-the-starry-sky"}),
    ("the house", AMBIGUOUS, {"house-on-the-embankment", "house-under-the-starry-sky"}),
    ("house 1991", FILM, "house-under-the-starry-sky"),
    # misses: suggest the closest, act on nothing
    ("stalkr", SUGGEST, "stalker"),
    ("zerkal", SUGGEST, "mirror"),
    ("the mirorr", FILM, "mirror"),  # doubled letters are one spelling (Larissa, Larisa)
    ("the mirrar", SUGGEST, "mirror"),
    ("autum marathon", SUGGEST, "autumn-marathon"),
    ("klyachna", SUGGEST, "story-of-asya-klyachina"),
    ("mirror 1980", SUGGEST, "mirror"),
    ("Tarkovski", MISS, "names_director"),
    ("qwertyuiop", MISS, None),
    ("", MISS, "blank"),
]


@pytest.mark.parametrize(("typed", "outcome", "expected"), FILM_QUERIES)
def test_film_queries(catalog: Catalog, typed: str, outcome: str, expected) -> None:
    if outcome == FILM:
        assert resolve_film(catalog, typed).id == expected
    elif outcome == AMBIGUOUS:
        with pytest.raises(Ambiguous) as caught:
            resolve_film(catalog, typed)
        assert {label.split()[0] for label in caught.value.candidates} == expected
    else:
        with pytest.raises(NotFound) as caught:
            resolve_film(catalog, typed)
        if outcome == SUGGEST:
            assert [s.split()[0] for s in caught.value.suggestions] == [expected]
        else:
            assert caught.value.suggestions == []
            facts = {"names_director": caught.value.names_director, "blank": caught.value.blank}
            assert facts == {"names_director": expected == "names_director", "blank": expected == "blank"}


THEME_QUERIES = [
    ("loneliness", "loneliness"),
    ("LONELINESS", "loneliness"),
    ("Loneliness", "loneliness"),
    ("low-self-esteem", "low-self-esteem"),
    ("Low Self-Esteem", "low-self-esteem"),
    ("low_self_esteem", "low-self-esteem"),
    ("self-esteem", "low-self-esteem"),
    ("self esteem", "low-self-esteem"),
    ("esteem", "low-self-esteem"),
]


@pytest.mark.parametrize(("typed", "theme_id"), THEME_QUERIES)
def test_theme_queries(catalog: Catalog, typed: str, theme_id: str) -> None:
    assert resolve_theme(catalog, typed).id == theme_id


@pytest.mark.parametrize(
    ("typed", "suggestion"), [("lonelyness", "loneliness"), ("low self-estem", "low-self-esteem")]
)
def test_theme_typos_get_a_suggestion(catalog: Catalog, typed: str, suggestion: str) -> None:
    with pytest.raises(NotFound) as caught:
        resolve_theme(catalog, typed)
    assert caught.value.suggestions == [suggestion]


DIRECTOR_QUERIES = [
    ("Тарковский", {"Andrei Tarkovsky"}),
    ("andrei tarkovsky", {"Andrei Tarkovsky"}),
    ("Tarkovskiy", {"Andrei Tarkovsky"}),
    ("Tarkovski", {"Andrei Tarkovsky"}),
    ("Sergey Solovyov", {"Sergei Solovyov"}),
    ("Соловьёв", {"Sergei Solovyov"}),
    ("Соловьев", {"Sergei Solovyov"}),
    ("soloviev", {"Sergei Solovyov"}),
    ("Heifitz", {"Iosif Kheifits"}),
    ("Alexei Batalov", {"Aleksei Batalov"}),
    ("Данелия", {"Georgiy Daneliya"}),
    ("El'dar Ryazanov", {"Eldar Ryazanov"}),
    ("Mikhalkov-Konchalovsky", {"Andrei Konchalovsky"}),
    ("andrei", {"Andrei Tarkovsky", "Andrei Konchalovsky"}),
]


@pytest.mark.parametrize(("typed", "names"), DIRECTOR_QUERIES)
def test_director_queries(catalog: Catalog, typed: str, names: set[str]) -> None:
    assert resolve_directors(catalog, typed) == names


@pytest.mark.parametrize(
    "spelled", ["Tarkovskyy", "Tarkovskiy", "Тарковский", "tarkowski", "Andrey Tarkovskij"]
)
def test_a_director_in_another_latin_spelling_is_found(catalog: Catalog, spelled: str) -> None:
    assert resolve_directors(catalog, spelled) == {"Andrei Tarkovsky"}


def test_director_typo_gets_a_suggestion(catalog: Catalog) -> None:
    with pytest.raises(NotFound) as caught:
        resolve_directors(catalog, "Tarkovksy")
    assert caught.value.suggestions == ["Andrei Tarkovsky"]


def test_unknown_theme_names_what_exists(catalog: Catalog) -> None:
    with pytest.raises(NotFound) as caught:
        resolve_theme(catalog, "joy")
    assert caught.value.known == ("loneliness", "low-self-esteem")
