"""core.search: every word in one entry, word starts, phrases, fields, snippets, the index."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from soviet_films.core.filters import parse_year_filter
from soviet_films.core.resolve import resolve_directors, resolve_theme
from soviet_films.core.search import parse_terms, search, snippet
from soviet_films.model import Catalog


def hits_for(catalog: Catalog, *words: str, **filters) -> list[tuple[str, str, str]]:
    return [(h.film.id, h.theme.id, h.field) for h in search(catalog, parse_terms(words), **filters)]


def test_parse_terms() -> None:
    assert parse_terms(['"New Year"', "Eve"]) == ["new year", "eve"]
    assert parse_terms(["“Palme d’Or”"]) == ["palme dor"]
    assert parse_terms(['"unclosed', "x"]) == ["unclosed", "x"]


def test_a_word_finds_every_entry_that_holds_it(catalog: Catalog) -> None:
    assert hits_for(catalog, "cannes") == [
        ("cranes-are-flying", "loneliness", "fact"),
        ("cranes-are-flying", "low-self-esteem", "fact"),
    ]


def test_all_words_must_match_in_the_same_entry(catalog: Catalog) -> None:
    assert hits_for(catalog, "cannes", "first") == [("cranes-are-flying", "low-self-esteem", "fact")]
    assert hits_for(catalog, "cannes", "estonia") == []


def test_words_may_match_in_different_fields(catalog: Catalog) -> None:
    # "Estonia" is in Stalker's fact, "Tarkovsky" in its directors.
    assert hits_for(catalog, "estonia", "tarkovsky") == [("stalker", "loneliness", "fact")]


def test_a_phrase_matches_only_as_a_phrase(catalog: Catalog) -> None:
    assert [h[0] for h in hits_for(catalog, '"new year"')] == ["irony-of-fate"]
    assert hits_for(catalog, '"year new"') == []


@pytest.mark.parametrize(
    ("words", "film_id", "field"),
    [
        (("Тарковский",), "stalker", "directors"),
        (("Zerkalo",), "mirror", "transliteration"),
        (("зеркало",), "mirror", "original_title"),
        (("fiance",), "cranes-are-flying", "description"),  # the text says fiancé
        (("PALME",), "cranes-are-flying", "fact"),
        (("Bykov",), "overcoat", "correction"),
        (("cinephiles",), "stalker", "intro"),
        (("Cloak",), "overcoat", "other_titles"),
    ],
)
def test_fields_case_and_accents(catalog: Catalog, words: tuple[str, ...], film_id: str, field: str) -> None:
    hits = hits_for(catalog, *words)
    assert (film_id, hits[0][1], field) in hits


def test_a_word_matches_at_the_start_of_a_word(catalog: Catalog) -> None:
    assert hits_for(catalog, "lonel")  # loneliness, lonely
    assert not hits_for(catalog, "oneliness")


def test_filters_narrow_the_search(catalog: Catalog) -> None:
    everything = hits_for(catalog, "film")
    themed = hits_for(catalog, "film", theme=resolve_theme(catalog, "low self-esteem"))
    assert themed and all(theme == "low-self-esteem" for _, theme, _ in themed)
    dated = hits_for(catalog, "film", years=parse_year_filter("1950s"))
    assert {film for film, _, _ in dated} == {"cranes-are-flying", "overcoat", "ballad-of-a-soldier"}
    directed = hits_for(catalog, "film", directors=resolve_directors(catalog, "ryazanov"))
    assert {film for film, _, _ in directed} == {"irony-of-fate", "garage"}
    assert len(everything) > len(themed)


def test_snippet_is_short_and_marks_the_match(catalog: Catalog) -> None:
    hit = search(catalog, parse_terms(["hydroelectric"]))[0]
    text, spans = snippet(hit.text, hit.spans, width=50).text, snippet(hit.text, hit.spans, width=50).spans
    assert len(text) <= 52
    assert text.startswith("…") or text.startswith("The")
    assert [text[start:end] for start, end in spans] == ["hydroelectric"]


@given(
    st.text(alphabet="aBc d_,.-!\t1'", max_size=40),
    st.lists(st.text(alphabet="abc d1", min_size=1, max_size=6), min_size=1, max_size=3),
)
def test_spans_in_plain_ascii_text_are_those_the_fold_map_gives(text: str, words: list[str]) -> None:
    import re

    from soviet_films.core.search import _spans
    from soviet_films.core.text import fold, fold_with_map

    terms = [fold(word) for word in words if fold(word)]
    patterns = [re.compile(r"(?<!\w)" + re.escape(term)) for term in terms]
    folded, origin = fold_with_map(text)
    expected = sorted(
        (origin[m.start()], origin[m.end() - 1] + 1) for p in patterns for m in p.finditer(folded)
    )
    merged: list[tuple[int, int]] = []
    for start, end in expected:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    assert _spans(text, patterns) == tuple(merged)
