"""The renderers on their own: the terminal view at a fixed width, and data made safe to print."""

from __future__ import annotations

import io
import os

import pytest

from soviet_films.models import Catalog
from soviet_films.query import film_rows
from soviet_films.render import terminal
from soviet_films.render.safe import json_safe, visible

from .conftest import GOLDEN


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


def test_terminal_show_golden(catalog: Catalog) -> None:
    film = catalog.films["overcoat"]
    check_golden("show-overcoat.txt", render_text(terminal.render_film(film, catalog.appearances(film.id))))


def test_terminal_list_golden(catalog: Catalog) -> None:
    rows = film_rows(catalog, catalog.theme("low-self-esteem"))
    check_golden(
        "list-low-self-esteem.txt", render_text(terminal.render_rows(rows, False, "Low self-esteem"))
    )


def test_terminal_themes_wrap_to_the_width(catalog: Catalog) -> None:
    text = render_text(terminal.render_themes(list(catalog.lists)), width=60)
    assert all(len(line) <= 60 for line in text.splitlines())
    words = " ".join(text.replace("│", " ").split())
    assert "must-watch for cinephiles and those interested in the human condition" in words


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
