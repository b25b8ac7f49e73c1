"""views: one interface for every view, the terminal view's golden text, escaping."""

from __future__ import annotations

import io
import os

import pytest

from soviet_films.core.filters import film_rows
from soviet_films.model import Catalog, FilmCard, Listing, ThemeList
from soviet_films.safe import json_safe, visible
from soviet_films.views.base import View
from soviet_films.views.json import JsonView
from soviet_films.views.plain import PlainView
from soviet_films.views.terminal import TerminalView
from tests.helpers import GOLDEN


def render_text(renderable, width: int = 80) -> str:
    from rich.console import Console

    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None, force_terminal=False, highlight=False).print(
        renderable
    )
    return buffer.getvalue()


def check_golden(name: str, text: str) -> None:
    """Compare with tests/golden/NAME; SFILMS_UPDATE_GOLDEN=1 rewrites the file instead."""
    path = GOLDEN / name
    if os.environ.get("SFILMS_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def _methods(cls: type) -> dict[str, list[str]]:
    """Public methods of ``cls`` with their parameter names."""
    import inspect

    return {
        name: list(inspect.signature(member).parameters)
        for name, member in vars(cls).items()
        if callable(member) and not name.startswith("_")
    }


@pytest.mark.parametrize("view", [PlainView, JsonView, TerminalView])
def test_every_view_implements_the_one_interface(view: type) -> None:
    wanted = _methods(View)
    assert wanted, "the View protocol declares no methods"
    assert _methods(view) == wanted


def test_terminal_show_golden(catalog: Catalog) -> None:
    film = catalog.films["overcoat"]
    card = FilmCard(film, catalog.appearances(film.id))
    check_golden("show-overcoat.txt", render_text(TerminalView().film_card(card)))


def test_terminal_list_golden(catalog: Catalog) -> None:
    theme = catalog.theme("low-self-esteem")
    listing = Listing(theme, film_rows(catalog, theme))
    check_golden("list-low-self-esteem.txt", render_text(TerminalView().listing(listing)))


def test_terminal_themes_wrap_to_the_width(catalog: Catalog) -> None:
    whole = render_text(TerminalView().themes(ThemeList(list(catalog.themes)), intros=True), width=60)
    assert all(len(line) <= 60 for line in whole.splitlines())
    words = " ".join(whole.replace("│", " ").split())
    assert "must-watch for cinephiles and those interested in the human condition" in words


@pytest.mark.parametrize("width", [60, 80, 130])
def test_terminal_themes_fit_one_screen_with_each_intros_first_sentence(catalog: Catalog, width: int) -> None:
    text = render_text(TerminalView().themes(ThemeList(list(catalog.themes))), width=width)
    lines = text.splitlines()
    assert len(lines) <= 20 and all(len(line) <= width for line in lines)
    words = " ".join(text.replace("│", " ").split())
    assert "exploring themes of solitude and isolation. …" in words and "human condition" not in words


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain text", "plain text"),
        ("\x1b[31mred", "\\x1b[31mred"),
        ("osc \x1b]0;title\x07", "osc \\x1b]0;title\\x07"),
        ("csi \x9b31m", "csi \\x9b31m"),
        ("bidi \u202eevil\u2066", "bidi \\u202eevil\\u2066"),
        ("tab\tnew\nline\rcr", "tab\\x09new\\x0aline\\x0dcr"),
        ("Кириллица ё", "Кириллица ё"),
    ],
)
def test_visible(raw: str, shown: str) -> None:
    assert visible(raw) == shown


def test_visible_can_keep_newlines_for_paragraphs() -> None:
    assert visible("one\n\ntwo\x1b", keep_newlines=True) == "one\n\ntwo\\x1b"


def test_json_safe_escapes_what_json_leaves_raw() -> None:
    import json

    encoded = json_safe(json.dumps("a\u202eb\x9bc", ensure_ascii=False))
    assert "\u202e" not in encoded and "\x9b" not in encoded
    assert json.loads(encoded) == "a\u202eb\x9bc"


@pytest.mark.parametrize("width", [40, 60, 80, 120])
def test_ids_and_numbers_are_never_cut_and_text_is_never_lost(catalog: Catalog, width: int) -> None:
    for theme in (None, catalog.theme("loneliness")):
        listing = Listing(theme, film_rows(catalog, theme))
        text = render_text(TerminalView(colour=False).listing(listing), width=width)
        assert all(len(line) <= width for line in text.splitlines())
        assert "…" not in text
        words = set(text.replace("│", " ").split())
        for row in listing.rows:
            assert row.film.id in words and str(row.year) in words
            assert set(row.title.split()) <= words
            assert set(" ".join(row.film.directors).split()) <= words


@pytest.mark.parametrize("width", [40, 80])
def test_stats_keep_their_counts_on_a_narrow_terminal(catalog: Catalog, width: int) -> None:
    from soviet_films.core.stats import compute_stats

    text = render_text(TerminalView().stats(compute_stats(catalog)), width=width)
    decades = [line.split() for line in text.splitlines() if line.strip()[:4].isdigit() and "█" in line]
    assert [(row[0], row[-1]) for row in decades] == [
        ("1950s", "3"),
        ("1960s", "3"),
        ("1970s", "7"),
        ("1990s", "1"),
    ]
    assert all(len(line) <= width for line in text.splitlines())


def test_matches_stay_visible_without_colour(catalog: Catalog) -> None:
    from soviet_films.core.search import parse_terms, search

    hits = search(catalog, parse_terms(["hydroelectric"]))
    plain = render_text(TerminalView(colour=False).hits(hits), width=120)
    assert "**hydroelectric**" in plain
    coloured = render_text(TerminalView(colour=True).hits(hits), width=120)
    assert "**hydroelectric**" not in coloured and "hydroelectric" in coloured
