"""What the browser's tables hold in a cell: text as text (never markup), and your mark on a film."""

from __future__ import annotations

from rich.text import Text

from soviet_films.model import FilmViewing
from soviet_films.safe import visible


def cell(value: object, style: str = "") -> Text:
    return Text(visible(str(value)), style=style)


def yours(viewing: FilmViewing | None) -> str:
    """A film's mark in the browser's table: ✓ seen, your rating, or + on your watchlist."""
    if viewing is None:
        return ""
    rating = f"{viewing.rating:g}★" if viewing.rating is not None else ""
    if viewing.seen:
        return f"✓ {rating}".strip()
    return rating or ("+" if viewing.on_watchlist else "")
