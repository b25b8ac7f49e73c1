"""core.reading: the title-line forms real pages use, as a table."""

from __future__ import annotations

import pytest

from soviet_films.core.reading import looks_like_a_person, parenthesis_kind, read_title_line

# line -> (title, year, parenthesis, note, directors, text on the line)
FORMS = [
    ("Stalker (1979)", ("Stalker", 1979, "", "", (), "")),
    ("Stalker, 1979", ("Stalker", 1979, "", "", (), "")),
    ("Stalker – 1979", ("Stalker", 1979, "", "", (), "")),
    ("Stalker — 1979", ("Stalker", 1979, "", "", (), "")),
    ("Stalker - 1979", ("Stalker", 1979, "", "", (), "")),
    ("Stalker (1979).", ("Stalker", 1979, "", "", (), "")),
    ("Solaris (Солярис, 1972)", ("Solaris", 1972, "Солярис", "", (), "")),
    ("Stalker (Сталкер) (1979)", ("Stalker", 1979, "Сталкер", "", (), "")),
    ("Ivan's Childhood (Andrei Tarkovsky, 1962)", ("Ivan's Childhood", 1962, "Andrei Tarkovsky", "", (), "")),
    ("Stalker (1979) by Andrei Tarkovsky", ("Stalker", 1979, "", "", ("Andrei Tarkovsky",), "")),
    ("Andrei Rublev, 1966, by Andrei Tarkovsky", ("Andrei Rublev", 1966, "", "", ("Andrei Tarkovsky",), "")),
    ("Garage (1979), dir. Eldar Ryazanov", ("Garage", 1979, "", "", ("Eldar Ryazanov",), "")),
    (
        "Garage, 1979 (#3 on our list) by Eldar Ryazanov",
        ("Garage", 1979, "", "#3 on our list", ("Eldar Ryazanov",), ""),
    ),
    ("Garage, 1979: a meeting that never ends.", ("Garage", 1979, "", "", (), "a meeting that never ends.")),
    ("Garage (1979). A meeting.", ("Garage", 1979, "", "", (), "A meeting.")),
    (
        "Moscow Does Not Believe in Tears (1979) by Vladimir Menshov: an Oscar.",
        ("Moscow Does Not Believe in Tears", 1979, "", "", ("Vladimir Menshov",), "an Oscar."),
    ),
    (
        "Mimino (1977) by Georgiy Daneliya and Rezo Gabriadze",
        ("Mimino", 1977, "", "", ("Georgiy Daneliya", "Rezo Gabriadze"), ""),
    ),
    # numbering, bullets, headings, bold and quotes are not part of the title
    ("1. The Mirror (1974)", ("The Mirror", 1974, "", "", (), "")),
    ("1) The Mirror (1974)", ("The Mirror", 1974, "", "", (), "")),
    ("12 Stalker (1979)", ("Stalker", 1979, "", "", (), "")),
    ("#9: Stalker (1979)", ("Stalker", 1979, "", "", (), "")),
    ("No. 3 Stalker (1979)", ("Stalker", 1979, "", "", (), "")),
    ("- Stalker (1979)", ("Stalker", 1979, "", "", (), "")),
    ("* Stalker (1979)", ("Stalker", 1979, "", "", (), "")),
    ("• Stalker (1979)", ("Stalker", 1979, "", "", (), "")),
    ("   - Stalker (1979)", ("Stalker", 1979, "", "", (), "")),
    ("## Stalker (1979)", ("Stalker", 1979, "", "", (), "")),
    ("**Stalker** (1979)", ("Stalker", 1979, "", "", (), "")),
    ("**Stalker (1979)**", ("Stalker", 1979, "", "", (), "")),
    ("## 2) **Stalker** (1979)", ("Stalker", 1979, "", "", (), "")),
    ("#8: “The Mirror” (1975)", ("The Mirror", 1975, "", "", (), "")),
    ('"Stalker", 1979', ("Stalker", 1979, "", "", (), "")),
    ("«Сталкер» (1979)", ("Сталкер", 1979, "", "", (), "")),
    ("Stalker (1979)\u200b", ("Stalker", 1979, "", "", (), "")),
    ("Stalker\xa0(1979)", ("Stalker", 1979, "", "", (), "")),
    # titles with their own punctuation and numbers
    ("2001: A Space Odyssey (1968)", ("2001: A Space Odyssey", 1968, "", "", (), "")),
    ("Title: Part One (1972)", ("Title: Part One", 1972, "", "", (), "")),
    ("Siberiade (Sibiriada) (1979)", ("Siberiade", 1979, "Sibiriada", "", (), "")),
]


@pytest.mark.parametrize(("line", "parts"), FORMS, ids=[line for line, _ in FORMS])
def test_title_line_forms(line: str, parts: tuple) -> None:
    assert tuple(read_title_line(line)) == parts


@pytest.mark.parametrize(
    "line",
    ["It was released in 1979 and won a prize.", "In 1979, the film premiered.", "Watch it here.",
     "Stalker 1979", "The 1970s were a golden age", "", "(1979)", "Stalker (1979) is a film about a zone."],
)  # fmt: skip
def test_lines_that_are_no_title_lines(line: str) -> None:
    assert read_title_line(line) is None


def knows_nothing(text: str) -> bool:
    return False


@pytest.mark.parametrize(
    ("inner", "kind"),
    [
        ("Солярис", ("original", True)),
        ("Zerkalo", ("original", False)),
        ("Ironiya sudby", ("original", False)),
        ("Andrei Tarkovsky", ("director", False)),
        ("G. Daneliya", ("director", False)),
        ("Эльдар Рязанов", ("director", False)),
        ("The Cloak", ("original", False)),
    ],
)
def test_a_parenthesis_by_the_shape_of_its_words(inner: str, kind: tuple[str, bool]) -> None:
    assert parenthesis_kind(inner, knows_nothing, knows_nothing) == kind


def test_what_the_catalogue_knows_decides_first() -> None:
    assert parenthesis_kind("Tarkovsky", lambda n: n == "Tarkovsky", knows_nothing) == ("director", True)
    assert parenthesis_kind("Lady Macbeth", knows_nothing, lambda t: t == "Lady Macbeth") == (
        "original",
        True,
    )


def test_a_person_by_shape() -> None:
    assert looks_like_a_person("Andrei Tarkovsky") and not looks_like_a_person("The Mirror")
