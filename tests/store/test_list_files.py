"""store.list_files: the lists schema, problem by problem, each at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from soviet_films.errors import FileProblems
from soviet_films.store import yamlsafe
from soviet_films.store.list_files import check_list
from soviet_films.store.yamlsafe import read_file as read_yaml
from tests.helpers import write_list

GOOD_LIST = """\
id: test
name: Test
intro: An intro.
films:
  - title: Stalker
    year: 1979
    description: A description.
    fact: A fact.
"""


def problems_in(tmp_path: Path, text: str) -> list[str]:
    path = write_list(tmp_path, "list.yaml", text)
    try:
        data = read_yaml(path)
    except FileProblems as error:
        return [str(problem) for problem in error.problems]
    return [str(problem) for problem in check_list(data, str(path))]


def test_a_good_list_has_no_problems(tmp_path: Path) -> None:
    assert problems_in(tmp_path, GOOD_LIST) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("    fact: A fact.\n", ""), None),  # a fact is optional
        (("    year: 1979\n", "    year: 1979\n    rating: 5\n"), ":7: films[1]: unknown key 'rating'"),
        (("title: Stalker", "title: No"), ":5: films[1]: title: YAML reads No as true/false False"),
        (("    year: 1979", "    year: 1:20"), ":6: films[1]: year: expected a whole number"),
        (("    year: 1979", "    year: 1066"), ":6: films[1]: 1066 is not a plausible year"),
        (("intro: An intro.\n", ""), None),  # an intro is optional, and so is a description
        (("    description: A description.\n", ""), None),
        (
            (
                "    year: 1979\n",
                "    year: 1979\n    directors: [Andrei Tarkovsky]\n    original_title: Сталкер\n",
            ),
            None,
        ),
        (
            ("    year: 1979\n", "    year: 1979\n    directors: Andrei Tarkovsky\n"),
            ":7: films[1]: directors: expected a list",
        ),
        (
            ("    year: 1979\n", "    year: 1979\n    directors: [1979]\n"),
            ":7: films[1]: directors: expected a list of names",
        ),
        (("id: test", "id: Test List"), ":1: id 'Test List' must be lowercase"),
        (("name: Test\n", "name: Test\nname: Again\n"), ":3: duplicate key 'name' (first on line 2)"),
        (
            (
                "    fact: A fact.\n",
                "    fact: A fact.\n  - title: stalker\n    year: 1979\n    description: d\n",
            ),
            ":9: films[2]: duplicate entry 'stalker (1979)' (first on line 5)",
        ),
    ],
)
def test_list_problems_name_the_line(tmp_path: Path, change: tuple[str, str], expected: str | None) -> None:
    problems = problems_in(tmp_path, GOOD_LIST.replace(*change))
    if expected is None:
        assert problems == []
    else:
        assert len(problems) == 1, problems
        assert expected in problems[0]


def test_a_year_of_thousands_of_digits_is_reported_short(tmp_path: Path) -> None:
    [problem] = problems_in(tmp_path, GOOD_LIST.replace("1979", "1" * 4301))
    assert "is not a plausible year" in problem and len(problem) < 200


def test_an_id_may_not_end_in_a_newline(tmp_path: Path) -> None:
    # "loneliness\n" passed as an id, and made `list loneliness` ambiguous.
    [problem] = problems_in(tmp_path, GOOD_LIST.replace("id: test", 'id: "loneliness\\n"'))
    assert "must be lowercase letters, digits and dashes" in problem


def test_what_import_writes_reads_back_exactly() -> None:
    from soviet_films.store.list_files import dump_list

    text = "DEL\x7f C1\x9b NEL\x85 LS\u2028 PS\u2029 nonchars\ufffe\uffff ESC\x1b tab\t"
    written = dump_list("x", text, text, [{"title": text, "year": 1970, "description": text, "fact": text}])
    data = yamlsafe.load(written)
    assert (data["name"], data["intro"]) == (text, text)
    assert dict(data["films"][0]) == {"title": text, "year": 1970, "description": text, "fact": text}
    assert check_list(data, "x.yaml") == []
