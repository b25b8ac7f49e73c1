"""store.shelf: the bundled data word for word, linking to records, broken bundled files."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from soviet_films import places
from soviet_films.errors import FileProblems
from soviet_films.model import Catalog
from soviet_films.store.shelf import load_catalog
from tests.helpers import FIXTURES, MY_LIST, write_list

SOURCE_TEXTS = {"loneliness": "loneliness.txt", "low-self-esteem": "low-self-esteem.txt"}


def source_entries(name: str) -> list[tuple[str, int, str, str]]:
    """(title, year, description, fact) as the source text gives them, read independently."""
    text = (FIXTURES / name).read_text(encoding="utf-8")
    pattern = re.compile(r"^(.+) \((\d{4})\)\nDescription: (.+)\nFact: (.+)$", re.MULTILINE)
    return [(m[1], int(m[2]), m[3], m[4]) for m in pattern.finditer(text)]


def test_bundled_themes(catalog: Catalog) -> None:
    assert [(fl.id, fl.name, len(fl.entries)) for fl in catalog.themes] == [
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
    for film_list in catalog.themes:
        for entry in film_list.entries:
            film = catalog.films[entry.film_id]
            assert (film.title, film.year) == (entry.title, entry.year)
            assert film.original_title, f"{film.id} has no record"


def test_a_film_in_two_lists_is_one_film(catalog: Catalog) -> None:
    appearances = catalog.appearances("irony-of-fate")
    assert [a.theme.id for a in appearances] == ["loneliness", "low-self-esteem"]
    assert appearances[0].entry.description != appearances[1].entry.description
    assert len(catalog.all_films()) == 15


def test_house_on_the_embankment_is_not_a_film(catalog: Catalog) -> None:
    house = catalog.films["house-on-the-embankment"]
    assert not house.is_film
    assert house.directors == ()
    assert "Trifonov" in house.note


def test_corrections_are_attached_to_the_right_entries(catalog: Catalog) -> None:
    corrected = {
        (fl.id, e.film_id): e.correction.verdict for fl in catalog.themes for e in fl.entries if e.correction
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
    overcoat = {a.theme.id: a.entry for a in catalog.appearances("overcoat")}
    assert "Rolan Bykov" in overcoat["loneliness"].correction.text


def test_unknown_facts_stay_empty(catalog: Catalog) -> None:
    assert catalog.films["garage"].imdb == ""
    assert catalog.films["stalker"].imdb == "tt0079944"
    assert catalog.films["stalker"].released == ""


@pytest.fixture
def broken_data_dir(tmp_path: Path) -> Iterator[Path]:
    """A copy of the bundled data that a test may break, read in the bundled data's place."""
    copy = tmp_path / "data"
    shutil.copytree(places.bundled_data_dir(), copy)
    with places.relocated(copy):
        yield copy


def test_broken_bundled_list_names_the_file_and_line(broken_data_dir: Path) -> None:
    path = broken_data_dir / "lists" / "loneliness.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    year: 1979\n", "    year: soon\n", 1))
    with pytest.raises(FileProblems) as caught:
        load_catalog()
    [problem] = caught.value.problems
    assert (problem.path, problem.line) == (str(path), 6)
    assert "year" in problem.message


def test_broken_records_file_names_the_file(broken_data_dir: Path) -> None:
    path = broken_data_dir / "films.yaml"
    path.write_text("films: [unclosed\n")
    with pytest.raises(FileProblems, match=r"films\.yaml.*not valid YAML"):
        load_catalog()


def test_loading_many_broken_files_still_works(user_lists: Path) -> None:
    for index in range(20):
        write_list(user_lists, f"bad{index}.yaml", "{" * (index + 1))
    catalog = load_catalog()
    assert len(catalog.skipped) == 20
    assert [fl.id for fl in catalog.themes] == ["loneliness", "low-self-esteem"]


def test_a_user_list_joins_the_catalogue(user_lists: Path) -> None:
    write_list(user_lists, "mine.yaml", MY_LIST)
    catalog = load_catalog()
    assert [fl.id for fl in catalog.themes] == ["loneliness", "low-self-esteem", "mine"]
    # "Mirror (1975)" is a known other title of The Mirror: one film, enriched by its record.
    assert [a.theme.id for a in catalog.appearances("mirror")] == ["loneliness", "low-self-esteem", "mine"]
    # Kin-dza-dza!, which no editor's record holds, joins its open record by its transliterated
    # title: the list's title and year, the record's director, original title, runtime and ids.
    new = catalog.films["kin-dza-dza"]
    assert (new.title, new.year, new.directors, new.original_title) == (
        "Kin-dza-dza!",
        1986,
        ("Georgiy Daneliya",),
        "Кин-дза-дза!",
    )
    assert (new.imdb, new.tmdb, new.record, new.recorded) == ("tt0091449", "64022", "kin-dza-dza-1986", False)


def test_a_fifo_a_bad_name_and_a_taken_id_are_left_out_with_a_warning(user_lists: Path) -> None:
    os.mkfifo(user_lists / "fifo.yaml")  # reading it would hang every command
    (user_lists / os.fsdecode(b"bad\xff.yaml")).write_text(MY_LIST)  # a name that is not UTF-8
    write_list(user_lists, "a.yaml", MY_LIST)
    write_list(user_lists, "b.yaml", MY_LIST.replace("name: Mine", "name: Also mine"))
    catalog = load_catalog()
    assert [theme.id for theme in catalog.themes] == ["loneliness", "low-self-esteem", "mine"]
    assert catalog.theme("mine").source.endswith("a.yaml")
    reasons = {Path(skipped.path).name: skipped.message for skipped in catalog.skipped}
    assert reasons["fifo.yaml"].startswith("is not a regular file")
    assert reasons["bad\\xff.yaml"] == "the file name is not UTF-8 text; rename it"
    assert reasons["b.yaml"].startswith("the id 'mine' is already used by ")
    assert load_catalog().skipped == catalog.skipped  # and again when warm


def test_an_unreadable_lists_folder_is_a_warning(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "lists"
    not_a_folder.write_text("")
    monkeypatch.setenv("SFILMS_LISTS_DIR", str(not_a_folder))
    catalog = load_catalog()
    assert len(catalog.themes) == 2
    [skipped] = catalog.skipped
    assert skipped.path == str(not_a_folder) and "cannot read this folder" in skipped.message
