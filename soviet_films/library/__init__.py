"""The one door into sfilms from a front end (the command line, the browser, or any later one).

One function per command: each takes plain arguments (text as the user typed it, parsed values where
the front end parsed them), returns a ``model.Answer`` (the result, and the notes the user should be
told beside it: list files left out, a viewing log that could not be read) and prints nothing. Errors
are the domain's (``soviet_films.errors``), carrying the facts and the notes; the front end words them.
Each call reads the catalogue afresh (from the cache when warm), so a list written by one call is seen
by the next.

A package of small modules by concern, loaded when first asked for (start-up pays only for the one a
command uses): ``catalogue`` (the catalogue's questions), ``lists`` (import, validate, writing),
``viewing`` (the viewing log), ``history`` (Letterboxd's export in, and out again), ``browser`` (the
interactive browser's session).
"""

from __future__ import annotations

import importlib
from typing import Any

# Which module holds each name of the door.
_HOME = {
    **dict.fromkeys(
        ("themes", "listing", "film_card", "search", "random_film", "stats", "export", "paths", "parse_years",
         "complete_films", "complete_themes", "complete_directors", "SORT_ORDERS", "EXPORT_FORMATS"),
        "catalogue",
    ),
    **dict.fromkeys(("import_list", "validate", "save", "default_name"), "lists"),
    **dict.fromkeys(
        ("watched", "unwatch", "watchlist_change", "watchlist", "diary", "parse_rating", "parse_day",
         "change_entry", "remove_entry"),
        "viewing",
    ),
    **dict.fromkeys(("letterboxd_import", "letterboxd_history"), "history"),
    **dict.fromkeys(("rename_list", "remove_list"), "own_lists"),
    **dict.fromkeys(("Browser", "browser_filter"), "browser"),
}  # fmt: skip

__all__ = sorted(_HOME)


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
