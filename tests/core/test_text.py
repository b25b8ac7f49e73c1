"""core.text: folding, title keys and ids."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from soviet_films.core.text import fold, fold_with_map, slugify, title_key
from soviet_films.model import Catalog

FILM = "film"


AMBIGUOUS = "ambiguous"


SUGGEST = "suggest"


MISS = "miss"


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("The MIRROR", "the mirror"),
        ("Соловьёв", "соловьев"),
        ("Андрей Тарковский", "андреи тарковскии"),
        ("El'dar  Ryazanov", "eldar ryazanov"),
        ("El’dar Ryazanov", "eldar ryazanov"),
        ("Ironiya sudby, ili S lyogkim parom!", "ironiya sudby ili s lyogkim parom"),
        ("Low_Self-Esteem", "low self esteem"),
        ("Café   Noir", "cafe noir"),
    ],
)
def test_fold(typed: str, folded: str) -> None:
    assert fold(typed) == folded


@pytest.mark.parametrize(
    ("title", "key"),
    [("The Irony of Fate", "irony of fate"), ("A Ballad", "ballad"), ("The", "the"), ("Anna", "anna")],
)
def test_title_key_drops_one_leading_article(title: str, key: str) -> None:
    assert title_key(title) == key


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("The Irony of Fate", "irony-of-fate"),
        ("Stalker", "stalker"),
        ("Зеркало", "зеркало"),
        ("!!!", "untitled"),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


@pytest.mark.parametrize(
    "text",
    ["El'dar", "a _ b", "İstanbul ß", "  x  y  ", "Ирония судьбы, или С лёгким паром!", "’quoted’", "½ ﬁne"],
)
def test_fold_with_map_agrees_with_fold(text: str) -> None:
    folded, origin = fold_with_map(text)
    assert folded == fold(text)
    assert len(origin) == len(folded)
    assert all(0 <= index < len(text) for index in origin)


def test_fold_with_map_agrees_on_every_text_in_the_data(catalog: Catalog) -> None:
    texts = [fl.intro for fl in catalog.themes]
    texts += [t for fl in catalog.themes for e in fl.entries for t in (e.title, e.description, e.fact)]
    texts += [
        t for f in catalog.films.values() for t in (f.original_title, f.transliteration, *f.other_titles)
    ]
    for text in texts:
        assert fold_with_map(text)[0] == fold(text)


@given(st.text(alphabet="aZ9_' ,.-\t\n\"!é", max_size=30).filter(str.isascii))
def test_the_ascii_fold_with_map_is_the_general_one(text: str) -> None:
    from soviet_films.core.text import _fold_any_with_map, _fold_ascii_with_map

    folded, origin = _fold_ascii_with_map(text)
    assert (folded, list(origin)) == _fold_any_with_map(text)
    assert folded == fold(text)


@given(st.text(alphabet="aZ9_' ,.-\t\n\"!", max_size=30))
def test_fold_of_ascii_text_is_the_expression_s(text: str) -> None:
    import re

    expected = re.sub(r"[\W_]+", " ", re.sub(r"(?<=\w)'(?=\w)", "", text.casefold())).strip()
    assert fold(text) == expected
