"""core.identity: the one rule for "the same film", and every caller giving the same answers.

The same cases are fed to each caller that decides identity: linking a list entry to a record and to
another list's film (core.linking), finding a film for a Letterboxd row (core.viewing.FilmFinder), a
viewing log entry finding its film (core.viewing.ViewingIndex), import's --dry-run saying which film an
entry joins (through the command), and the cache linking a change (tests/store/test_cache.py compares
it with linking everything)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from soviet_films.core.identity import Matcher, id_stem, link_keys, surname_key, title_key
from soviet_films.core.linking import EntryToLink, link
from soviet_films.core.viewing import FilmFinder, ViewingIndex
from soviet_films.model import Film, LogEntry
from tests.helpers import write_list

# (the film known: title, year, directors), (a mention: title, year, directors), the same film?
CASES = [
    (("Solaris", 1972, ()), ("Solyaris", 1972, ()), True),
    (("Solaris", 1972, ()), ("Солярис", 1972, ()), True),
    (("Andrei Rublev", 1966, ()), ("Andrey Rublyov", 1966, ()), True),
    (("Andrei Rublev", 1966, ()), ("Andrei Roublev", 1967, ()), True),
    (("Battleship Potemkin", 1925, ()), ("Battleship Potyomkin", 1925, ()), True),
    (("The Mirror", 1975, ()), ("Mirror", 1974, ()), True),
    (("Garage", 1979, ()), ("The Garage", 1980, ()), True),
    (("Kin-dza-dza!", 1986, ()), ("KIN DZA DZA", 1986, ()), True),
    (("Solaris", 1972, ("Andrei Tarkovsky",)), ("Solaris", 1972, ("Tarkovskiy",)), True),
    (("Solaris", 1972, ("Andrei Tarkovsky",)), ("Solaris", 1972, ("Андрей Тарковский",)), True),
    (("Solaris", 1972, ("Andrei Tarkovsky",)), ("Solaris", 1972, ("Boris Nirenburg",)), False),
    (("Stalker", 1979, ()), ("Stalker", 1981, ()), False),
    (("Office Romance", 1977, ()), ("Romance", 1977, ()), False),
    (("Wings", 1966, ()), ("Wing", 1966, ()), False),
]
IDS = [f"{known[0]}-{mention[0]}-{mention[1]}" for known, mention, _ in CASES]


def _film(known: tuple, recorded: bool = False) -> Film:
    title, year, directors = known
    return Film(id="known", title=title, year=year, directors=directors, recorded=recorded)


@pytest.mark.parametrize(("known", "mention", "same"), CASES, ids=IDS)
def test_linking_joins_a_record_by_the_rule(known: tuple, mention: tuple, same: bool) -> None:
    linked = link([_film(known, recorded=True)], [EntryToLink(mention[0], mention[1], "", mention[2])])
    assert (linked.film_ids == ["known"]) is same


@pytest.mark.parametrize(("known", "mention", "same"), CASES, ids=IDS)
def test_linking_joins_another_lists_film_by_the_rule(known: tuple, mention: tuple, same: bool) -> None:
    entries = [
        EntryToLink(known[0], known[1], "", known[2]),
        EntryToLink(mention[0], mention[1], "", mention[2]),
    ]
    first, second = link([], entries).film_ids
    assert (first == second) is same


@pytest.mark.parametrize(("known", "mention", "same"), CASES, ids=IDS)
def test_a_letterboxd_row_finds_its_film_by_the_rule(known: tuple, mention: tuple, same: bool) -> None:
    found = FilmFinder([_film(known)]).find(mention[0], mention[1], mention[2])
    assert (found is not None) is same


@pytest.mark.parametrize(("known", "mention", "same"), [case for case in CASES if not case[1][2]], ids=str)
def test_a_log_entry_finds_its_film_by_the_rule(known: tuple, mention: tuple, same: bool) -> None:
    entry = LogEntry(1, "", mention[0], mention[1], "diary", "2026-11-30", None, False, "", "letterboxd")
    assert bool(ViewingIndex([entry], []).entries_of(_film(known))) is same


@pytest.mark.parametrize(("known", "mention", "same"), CASES, ids=IDS)
def test_import_says_which_film_an_entry_joins_by_the_rule(
    user_lists: Path, run, tmp_path: Path, known: tuple, mention: tuple, same: bool
) -> None:
    directors = f"    directors: {json.dumps(list(known[2]))}\n" if known[2] else ""
    write_list(user_lists, "known.yaml", f'id: known\nname: Known\nfilms:\n  - title: "{known[0]}"\n'
                                         f"    year: {known[1]}\n{directors}")  # fmt: skip
    pasted = tmp_path / "pasted.txt"
    by = f" by {', '.join(mention[2])}" if mention[2] else ""
    pasted.write_text(f"{mention[0]} ({mention[1]}){by}\n", encoding="utf-8")
    result = run("import", str(pasted), "--name", "Pasted", "--dry-run", "--json")
    assert result.exit_code == 0, result.stderr
    [row] = json.loads(result.stdout)["films"]
    assert (row["joins"] is not None) is same, row


def test_one_spelling_of_a_russian_word() -> None:
    for one, other in [("Roublev", "Rublev"), ("Solyaris", "Solaris"), ("Potyomkin", "Potemkin"),
                       ("Tarkovskiy", "Tarkovsky"), ("Tarkovskij", "Тарковский"), ("Riazanov", "Рязанов"),
                       ("Daneliya", "Danelia"), ("Larissa", "Larisa"), ("Soloviev", "Соловьёв"),
                       ("Kheifits", "Heifitz")]:  # fmt: skip
        assert title_key(one) == title_key(other), (one, other)
    assert title_key("The Mirror") == title_key("mirror") != title_key("Mirrors of life")
    assert surname_key("A. Tarkovsky") == surname_key("Андрей Тарковский") == "tarkovski"


def test_link_keys_hold_what_can_make_two_entries_one_film_or_share_an_id() -> None:
    assert link_keys("Solaris") & link_keys("Солярис")
    assert link_keys("Mirror", "Зеркало") & link_keys("Zerkalo")
    assert id_stem("mirror-1975-2") == id_stem("mirror-1975") == id_stem("mirror") == "mirror"
    assert id_stem("winter-12-3") == "winter-12-3"  # a title's own numbers are not a year added to it
    assert not link_keys("Stalker") & link_keys("Wings")


def test_a_mention_two_films_fit_as_well_joins_neither() -> None:
    matcher = Matcher()
    matcher.know("a", 1970, ["Twins"])
    matcher.know("b", 1972, ["Twins"])
    assert matcher.match(["Twins"], 1971)[:3] == (None, "a", "ambiguous")
    assert matcher.match(["Twins"], 1972).film_id == "b"


def test_one_title_and_year_twice_by_their_directors_a_mention_with_none_joins_the_first() -> None:
    # A list that names the wrong director made a second Solaris (1972); a third list that names no
    # director means the first, never a third film.
    matcher = Matcher()
    matcher.know("solaris", 1972, ["Solaris"], ["Andrei Tarkovsky"])
    matcher.know("solaris-1972", 1972, ["Solaris"], ["Steven Soderbergh"])
    assert matcher.match(["Solaris"], 1972).film_id == "solaris"
    assert matcher.match(["Solaris"], 1972, ["Soderbergh"]).film_id == "solaris-1972"


def test_gh_is_g_in_the_one_spelling() -> None:
    assert title_key("Nostalghia") == title_key("Nostalgia")


def test_a_director_the_year_and_a_title_word_make_a_near_match_never_a_join() -> None:
    matcher = Matcher()
    matcher.know("elusive", 1968, ["The New Adventures of the Elusive Avengers"], ["Edmond Keosayan"])
    found = matcher.match(["New Adventures of the Uncatchable"], 1969, ["E. Keosayan"], near=True)
    assert found[:3] == (None, "elusive", "director")
    # No director given, another director, two years off, or no word in common: not even near.
    for titles, year, directors in [
        (["New Adventures of the Uncatchable"], 1969, []),
        (["New Adventures of the Uncatchable"], 1969, ["Leonid Gaidai"]),
        (["New Adventures of the Uncatchable"], 1971, ["Edmond Keosayan"]),
        (["The Crown of the Russian Empire"], 1969, ["Edmond Keosayan"]),
    ]:
        assert matcher.match(titles, year, directors, near=True).why != "director"
