"""Loading the bundled data: lists, records, links between them, and broken files."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from soviet_films import catalog as catalog_module
from soviet_films.catalog import load_catalog
from soviet_films.errors import DataError
from soviet_films.models import Catalog
from soviet_films.schema import check_list, read_yaml

from .conftest import FIXTURES, write_list

SOURCE_TEXTS = {"loneliness": "loneliness.txt", "low-self-esteem": "low-self-esteem.txt"}


def source_entries(name: str) -> list[tuple[str, int, str, str]]:
    """(title, year, description, fact) as the source text gives them, read independently."""
    text = (FIXTURES / name).read_text(encoding="utf-8")
    pattern = re.compile(r"^(.+) \((\d{4})\)\nDescription: (.+)\nFact: (.+)$", re.MULTILINE)
    return [(m[1], int(m[2]), m[3], m[4]) for m in pattern.finditer(text)]


def test_bundled_themes(catalog: Catalog) -> None:
    assert [(fl.id, fl.name, len(fl.entries)) for fl in catalog.lists] == [
        ("loneliness", "Loneliness", 10),
        ("low-self-esteem", "Low self-esteem", 10),
    ]


@pytest.mark.parametrize("theme_id", sorted(SOURCE_TEXTS))
def test_descriptions_and_facts_are_word_for_word(catalog: Catalog, theme_id: str) -> None:
    expected = source_entries(SOURCE_TEXTS[theme_id])
    assert len(expected) == 10
    entries = catalog.theme(theme_id).entries
    assert [(e.title, e.year, e.description, e.fact) for e in entries] == expected


@pytest.mark.parametrize("theme_id", sorted(SOURCE_TEXTS))
def test_intro_is_the_source_paragraph(catalog: Catalog, theme_id: str) -> None:
    first_paragraph = (FIXTURES / SOURCE_TEXTS[theme_id]).read_text(encoding="utf-8").split("\n\n")[0]
    assert catalog.theme(theme_id).intro == first_paragraph.strip()


def test_every_entry_is_tied_to_its_record(catalog: Catalog) -> None:
    for film_list in catalog.lists:
        for entry in film_list.entries:
            film = catalog.films[entry.film_id]
            assert (film.title, film.year) == (entry.title, entry.year)
            assert film.original_title, f"{film.id} has no record"


def test_a_film_in_two_lists_is_one_film(catalog: Catalog) -> None:
    appearances = catalog.appearances("irony-of-fate")
    assert [fl.id for fl, _ in appearances] == ["loneliness", "low-self-esteem"]
    assert appearances[0][1].description != appearances[1][1].description
    assert len(catalog.all_films()) == 15


def test_house_on_the_embankment_is_not_a_film(catalog: Catalog) -> None:
    house = catalog.films["house-on-the-embankment"]
    assert not house.is_film
    assert house.directors == ()
    assert "Trifonov" in house.not_a_film


def test_corrections_are_attached_to_the_right_entries(catalog: Catalog) -> None:
    corrected = {
        (fl.id, e.film_id): e.correction.verdict for fl in catalog.lists for e in fl.entries if e.correction
    }
    assert corrected == {
        ("loneliness", "irony-of-fate"): "false",
        ("low-self-esteem", "irony-of-fate"): "false",
        ("loneliness", "commissar"): "false",
        ("loneliness", "overcoat"): "partly",
        ("loneliness", "ascent"): "partly",
        ("low-self-esteem", "ascent"): "false",
        ("low-self-esteem", "autumn-marathon"): "false",
        ("loneliness", "lady-with-the-dog"): "false",
        ("low-self-esteem", "story-of-asya-klyachina"): "partly",
        ("loneliness", "house-on-the-embankment"): "false",
    }
    overcoat = dict(catalog.appearances("overcoat"))
    assert "Rolan Bykov" in overcoat[catalog.theme("loneliness")].correction.text


def test_unknown_facts_stay_empty(catalog: Catalog) -> None:
    assert catalog.films["garage"].imdb == ""
    assert catalog.films["stalker"].imdb == "tt0079944"
    assert catalog.films["stalker"].released == ""


@pytest.fixture
def broken_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled data that a test may break."""
    copy = tmp_path / "data"
    shutil.copytree(catalog_module.bundled_data_dir(), copy)
    monkeypatch.setattr(catalog_module, "bundled_data_dir", lambda: copy)
    return copy


def test_broken_bundled_list_names_the_file_and_line(broken_data_dir: Path) -> None:
    path = broken_data_dir / "lists" / "loneliness.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    year: 1979\n", "    year: soon\n", 1))
    with pytest.raises(DataError) as caught:
        load_catalog()
    assert caught.value.path == str(path)
    assert caught.value.line == 6
    assert "year" in str(caught.value)


def test_broken_records_file_names_the_file(broken_data_dir: Path) -> None:
    path = broken_data_dir / "films.yaml"
    path.write_text("films: [unclosed\n")
    with pytest.raises(DataError, match=r"films\.yaml.*not valid YAML"):
        load_catalog()


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
    except DataError as error:
        return [str(error)]
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
        (("intro: An intro.\n", ""), ": missing 'intro'"),
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
