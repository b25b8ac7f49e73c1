"""Normalisation: what two strings compare equal as, and the ids made from titles."""

import pytest

from soviet_films.text import fold, slugify, title_key


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
