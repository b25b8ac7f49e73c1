"""core.shapes and core.lines: a pasted list read by the shape its title lines repeat.

The forms below are a sample; ``test_a_shape_nobody_wrote_down`` generates lists in shapes the code
names nowhere (numbering, quoting, where the year and the director stand, blank lines or none).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from soviet_films.core.lines import candidates
from soviet_films.core.shapes import read_lines
from soviet_films.core.slots import Knowledge, looks_like_a_person, split_names
from tests.helpers import GeneratedList, pasted_lists


def read(text: str, knowledge: Knowledge | None = None) -> list[tuple]:
    lines = [(number, line) for number, line in enumerate(text.split("\n"), start=1) if line.strip()]
    return [(e.title, e.year, e.other, e.directors, e.text) for e in read_lines(lines, knowledge).entries]


# One line on its own -> (title, year, other title, directors, text on the line)
FORMS = [
    ("Stalker (1979)", ("Stalker", 1979, "", (), "")),
    ("Stalker, 1979", ("Stalker", 1979, "", (), "")),
    ("Stalker – 1979", ("Stalker", 1979, "", (), "")),
    ("Stalker - 1979", ("Stalker", 1979, "", (), "")),
    ("Stalker 1979", ("Stalker", 1979, "", (), "")),
    ("Stalker (1979).", ("Stalker", 1979, "", (), "")),
    ("Solaris (Солярис, 1972)", ("Solaris", 1972, "Солярис", (), "")),
    ("Stalker (Сталкер) (1979)", ("Stalker", 1979, "Сталкер", (), "")),
    ("Ivan's Childhood (Andrei Tarkovsky, 1962)", ("Ivan's Childhood", 1962, "", ("Andrei Tarkovsky",), "")),
    ("Stalker (1979) by Andrei Tarkovsky", ("Stalker", 1979, "", ("Andrei Tarkovsky",), "")),
    ("Andrei Rublev, 1966, by Andrei Tarkovsky", ("Andrei Rublev", 1966, "", ("Andrei Tarkovsky",), "")),
    ("Garage (1979), dir. Eldar Ryazanov", ("Garage", 1979, "", ("Eldar Ryazanov",), "")),
    ("Garage, 1979 (#3 on our list) by Eldar Ryazanov", ("Garage", 1979, "", ("Eldar Ryazanov",), "")),
    ("Garage, 1979: a meeting that never ends.", ("Garage", 1979, "", (), "a meeting that never ends.")),
    ("Garage (1979). A meeting.", ("Garage", 1979, "", (), "A meeting.")),
    (
        "Mimino (1977) by Georgiy Daneliya and Rezo Gabriadze",
        ("Mimino", 1977, "", ("Georgiy Daneliya", "Rezo Gabriadze"), ""),
    ),
    ("Сталкер (1979) реж. Андрей Тарковский", ("Сталкер", 1979, "", ("Андрей Тарковский",), "")),
    ("1979 — Сталкер", ("Сталкер", 1979, "", (), "")),
    ("«Калина красная», 1974 год.", ("Калина красная", 1974, "", (), "")),
    ("### [Solaris (1972)](https://example.org/solaris)", ("Solaris", 1972, "", (), "")),
    ("<li><b>Solaris</b> (1972)</li>", ("Solaris", 1972, "", (), "")),
    ("Elem Klimov's Come and See (1985)", ("Come and See", 1985, "", ("Elem Klimov",), "")),
    (
        "Mikhail Kalatozov – Letyat zhuravli AKA The Cranes Are Flying (1957)",
        ("Letyat zhuravli", 1957, "The Cranes Are Flying", ("Mikhail Kalatozov",), ""),
    ),
    ('"Office Romance (1977)"', ("Office Romance", 1977, "", (), "")),
    # numbering, bullets, headings, bold and quotes are no part of the title
    ("1. The Mirror (1974)", ("The Mirror", 1974, "", (), "")),
    ("1) The Mirror (1974)", ("The Mirror", 1974, "", (), "")),
    ("#9: Stalker (1979)", ("Stalker", 1979, "", (), "")),
    ("No. 3 Stalker (1979)", ("Stalker", 1979, "", (), "")),
    ("[4] Stalker (1979)", ("Stalker", 1979, "", (), "")),
    ("→ Stalker (1979)", ("Stalker", 1979, "", (), "")),
    ("• Stalker (1979)", ("Stalker", 1979, "", (), "")),
    ("   - Stalker (1979)", ("Stalker", 1979, "", (), "")),
    ("**Stalker** (1979)", ("Stalker", 1979, "", (), "")),
    ("**Stalker (1979)**", ("Stalker", 1979, "", (), "")),
    ("## 2) **Stalker** (1979)", ("Stalker", 1979, "", (), "")),
    ("#8: “The Mirror” (1975)", ("The Mirror", 1975, "", (), "")),
    ("Stalker (1979)\u200b", ("Stalker", 1979, "", (), "")),
    ("Stalker\xa0(1979)", ("Stalker", 1979, "", (), "")),
    # titles with their own punctuation and numbers
    ("2001: A Space Odyssey (1968)", ("2001: A Space Odyssey", 1968, "", (), "")),
    (
        "Ivan Vasilievich: Back to the Future (1973)",
        ("Ivan Vasilievich: Back to the Future", 1973, "", (), ""),
    ),
    ("12 Chairs (1971)", ("12 Chairs", 1971, "", (), "")),
    ("Siberiade (Sibiriada) (1979)", ("Siberiade", 1979, "Sibiriada", (), "")),
]


@pytest.mark.parametrize(("line", "parts"), FORMS, ids=[line for line, _ in FORMS])
def test_one_title_line(line: str, parts: tuple) -> None:
    assert read(line) == [parts]


@pytest.mark.parametrize(
    "line",
    [
        "It was released in 1979 and won a prize.",
        "In 1979, the film premiered.",
        "Watch it here.",
        "The 1970s were a golden age",
        "(1979)",
        "Andrei Tarkovsky (1932 – 1986)",
        "A 1974 Soviet film",
    ],
)
def test_lines_that_name_no_film(line: str) -> None:
    assert read(line) == []


def test_a_film_named_in_a_sentence_is_a_mention_where_the_list_has_entries() -> None:
    text = "1. Stalker (1979)\n2. Mirror (1975)\n3. Garage (1979)\nIt is long. We also love Solaris (1972) for its ocean.\n"
    reading = read_lines(enumerate(text.splitlines(), start=1))
    assert [e.title for e in reading.entries] == ["Stalker", "Mirror", "Garage"]
    assert [(e.line, e.title) for e in reading.mentions] == [(4, "Solaris")]


def test_a_numbered_list_reads_bare_numbers_as_numbering_and_a_title_number_as_the_title() -> None:
    assert [title for title, *_ in read("1 Stalker (1979)\n2 Mirror (1975)\n3 12 Chairs (1971)\n")] == [
        "Stalker",
        "Mirror",
        "12 Chairs",
    ]


def test_a_year_in_a_title_is_the_title_where_the_list_dates_its_films_elsewhere() -> None:
    text = "1. Stalker (1979)\n2. Moscow 1941 (1985)\n3. Mirror (1975)\n4. Film number 1900 (1973)\n"
    assert [(title, year) for title, year, *_ in read(text)] == [
        ("Stalker", 1979), ("Moscow 1941", 1985), ("Mirror", 1975), ("Film number 1900", 1973),
    ]  # fmt: skip


def test_the_list_decides_which_side_of_a_dash_is_the_director() -> None:
    names_right = "1. Stalker – Andrei Tarkovsky (1979)\n2. Garage – Eldar Ryazanov (1979)\n"
    names_left = "1. Andrei Tarkovsky – Stalker (1979)\n2. Eldar Ryazanov – Garage (1979)\n"
    expected = [("Stalker", ("Andrei Tarkovsky",)), ("Garage", ("Eldar Ryazanov",))]
    assert [(t, d) for t, _, _, d, _ in read(names_right)] == expected
    assert [(t, d) for t, _, _, d, _ in read(names_left)] == expected


def test_a_caption_under_each_entry_is_no_entry() -> None:
    text = "".join(
        f"{n}. {title} ({year})\nStill from {title} (Mosfilm, {year})\nAbout it.\n\n"
        for n, (title, year) in enumerate([("Stalker", 1979), ("Mirror", 1975), ("Garage", 1979)], start=1)
    )
    assert [(title, year) for title, year, *_ in read(text)] == [
        ("Stalker", 1979),
        ("Mirror", 1975),
        ("Garage", 1979),
    ]


def test_what_the_catalogue_knows_decides_a_parenthesis() -> None:
    knows_tarkovsky = Knowledge(is_director=lambda name: name == "Tarkovsky")
    assert read("Stalker (Tarkovsky) (1979)", knows_tarkovsky) == [("Stalker", 1979, "", ("Tarkovsky",), "")]
    [entry] = read_lines([(1, "Stalker (Andrei Tarkovsky) (1979)")]).entries
    assert (entry.other, entry.unsure) == ("Andrei Tarkovsky", "Andrei Tarkovsky")  # kept, and said so


def test_a_person_by_shape_and_names_split() -> None:
    assert looks_like_a_person("Andrei Tarkovsky") and not looks_like_a_person("The Mirror")
    assert split_names("Marlen Khutsiev and Vasily Shukshin") == ("Marlen Khutsiev", "Vasily Shukshin")
    assert split_names("Никита Курихин и Леонид Менакер") == ("Никита Курихин", "Леонид Менакер")


def test_a_range_of_years_is_no_film_year() -> None:
    assert candidates("Andrei Tarkovsky (1932–1986)") == []
    assert [c.year for c in candidates("Stalker (1979), made 1977-78")] == [1979]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pasted_lists())
def test_a_shape_nobody_wrote_down(case: GeneratedList) -> None:
    read_as = [(title, year, other, directors) for title, year, other, directors, _ in read(case.text)]
    assert read_as == [entry[:4] for entry in case.entries], case.text


def test_a_ranking_that_dates_its_films_in_the_prose_under_each_title() -> None:
    text = (
        "Ranked.\n\n12. Ballad of a Soldier\nReleased in 1959, it follows a soldier on leave.\n\n"
        "11. Dead Man's Letters\nSet after a war, this debut (1986) is bleak.\n\n"
        "10. The Cranes Are Flying\nKalatozov's 1957 film won in Cannes.\n\n9. A Film Nobody Dated\nNo year here.\n"
    )
    assert [(title, year) for title, year, *_ in read(text)] == [
        ("Ballad of a Soldier", 1959),
        ("Dead Man's Letters", 1986),
        ("The Cranes Are Flying", 1957),
    ]
    # Numbered steps of prose with no year under them are no films.
    assert read("How to watch.\n\n1. Find a quiet evening\n2. Make tea\n3. Turn off the phone\n") == []
