"""store.plain_text: the plain-text list format, tolerant of what real files contain."""

from __future__ import annotations

import pytest

from soviet_films.errors import FileProblems, Problem
from soviet_films.store.plain_text import parse_plain_list

ONE_FILM = "An intro.\n\nStalker (1979)\nDescription: A guide.\nFact: Shot in Estonia.\n"


TOLERATED = [
    ("byte-order mark", "\ufeff" + ONE_FILM, "Stalker", "Shot in Estonia."),
    ("windows line endings", ONE_FILM.replace("\n", "\r\n"), "Stalker", "Shot in Estonia."),
    (
        "extra blank lines and spaces",
        "\n\n  An intro.  \n\n\n\n  Stalker   (1979)  \n\n  Description:   A guide. \n\n"
        "Fact:Shot in Estonia.\n\n\n",
        "Stalker",
        "Shot in Estonia.",
    ),
    (
        "curly quotes",
        ONE_FILM.replace("Stalker (1979)", "“Stalker” (1979)").replace("A guide.", "A “guide”’s."),
        "Stalker",
        "Shot in Estonia.",
    ),
    (
        "parentheses in the title",
        ONE_FILM.replace("Stalker (1979)", "Siberiade (Sibiriada) (1979)"),
        "Siberiade (Sibiriada)",
        "Shot in Estonia.",
    ),
    (
        "colon in the title",
        ONE_FILM.replace("Stalker (1979)", "Title: Part One (1979)"),
        "Title: Part One",
        "Shot in Estonia.",
    ),
    (
        "label with extra spaces and another case",
        ONE_FILM.replace("Fact: ", "  FACT  :   "),
        "Stalker",
        "Shot in Estonia.",
    ),
    (
        "a paragraph wrapped over lines",
        ONE_FILM.replace("Shot in Estonia.", "Shot in\nEstonia."),
        "Stalker",
        "Shot in Estonia.",
    ),
    (
        "numbered titles",
        ONE_FILM.replace("Stalker (1979)", "1. Stalker (1979)"),
        "Stalker",
        "Shot in Estonia.",
    ),
    (
        "markdown headings and bold",
        ONE_FILM.replace("Stalker (1979)", "## 3) **Stalker** (1979)").replace("Fact:", "**Fact:**"),
        "Stalker",
        "Shot in Estonia.",
    ),
    (
        "bulleted labels",
        ONE_FILM.replace("Description:", "- Description:").replace("Fact:", "* Fact:"),
        "Stalker",
        "Shot in Estonia.",
    ),
    (
        "a number that is the title",
        ONE_FILM.replace("Stalker (1979)", "2001: A Space Odyssey (1979)"),
        "2001: A Space Odyssey",
        "Shot in Estonia.",
    ),
]


@pytest.mark.parametrize(("case", "text", "title", "fact"), TOLERATED, ids=[t[0] for t in TOLERATED])
def test_tolerates_what_real_files_contain(case: str, text: str, title: str, fact: str) -> None:
    parsed = parse_plain_list(text)
    assert [(e.title, e.year, e.fact) for e in parsed.entries] == [(title, 1979, fact)]
    assert parsed.intro == "An intro."


def test_duplicate_entries_are_refused() -> None:
    with pytest.raises(FileProblems) as caught:
        parse_plain_list(ONE_FILM + "\n" + ONE_FILM.split("\n\n", 1)[1], "list.txt")
    assert caught.value.problems == [
        Problem("list.txt", 7, "'Stalker (1979)' is listed twice (first on line 3)")
    ]


def test_one_duplicate_rule_for_both_formats() -> None:
    # "The A" and "A" are one film to the catalogue, so a list may not name both.
    text = "Intro.\n\nA (1979)\nDescription: d\n\nThe A (1979)\nDescription: d\n"
    with pytest.raises(FileProblems) as caught:
        parse_plain_list(text, "list.txt")
    assert [str(p) for p in caught.value.problems] == [
        "list.txt:6: 'The A (1979)' is listed twice (first on line 3)"
    ]
