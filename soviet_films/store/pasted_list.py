"""A pasted list as read, whatever its form (prose or a table): its entries and the notes on it."""

from __future__ import annotations

from typing import NamedTuple

from soviet_films.core.linking import entry_key
from soviet_films.core.text import quoted
from soviet_films.errors import Problem


class PastedEntry(NamedTuple):
    """One film as the pasted text gives it, at its line, and how its title line was read."""

    line: int
    title: str
    year: int
    original_title: str
    directors: tuple[str, ...]
    description: str
    fact: str | None
    unsure: str  # what was decided by the shape of the words alone ("" when nothing was)


class PastedList(NamedTuple):
    """A pasted list, read: the intro, the entries, notes on what was skipped or decided, the
    warnings worth a look, from a Letterboxd list export its own name, and the films its text
    names in passing (in a sentence), which are no entries unless the user asks."""

    intro: str
    entries: list[PastedEntry]
    notes: list[Problem]
    warnings: list[Problem]
    name: str = ""
    mentions: tuple[PastedEntry, ...] = ()


def once_each(entries: list[PastedEntry], notes: list[Problem], source: str) -> list[PastedEntry]:
    """A film listed twice is one entry: the first, with a note at the second."""
    seen: dict[tuple[str, int], int] = {}
    kept = []
    for entry in entries:
        key = entry_key(entry.title, entry.year)
        if key in seen:
            notes.append(
                Problem(
                    source,
                    entry.line,
                    f"{quoted(f'{entry.title} ({entry.year})')} is listed twice"
                    f" (first on line {seen[key]}); read once",
                )
            )
            continue
        seen[key] = entry.line
        kept.append(entry)
    return kept


def clip(text: str, width: int = 60) -> str:
    """The text cut to ``width`` characters, with an ellipsis where it was cut."""
    return text if len(text) <= width else text[: width - 1] + "…"
