"""Directors' names: the name a director is shown by, and the other spellings sfilms knows.

Pure, and independent of the order the lists come in, so that a catalogue built at once and one
kept up to date list by list name every director alike:

- a name a list gives is shown as the records' director it names: the same surname (in the one
  spelling of ``core.identity``, any of the director's spellings) and, where both give one, the
  same first initial ('A. Tarkovsky', 'Андрей Тарковский' -> 'Andrei Tarkovsky');
- a name no record names is shown in the preferred spelling of the names the lists give that are
  the same name in the one spelling ('Andrey Tarkovskiy', 'Андрей Тарковский'): Latin before
  Cyrillic, a full first name before an initial, then in alphabetical order;
- the records' spellings, and every other spelling the lists give, are the director's spellings.

Everything about one name is decided by the names with its surname key, so a store can bring the
naming of one surname up to date alone (``surname_key``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from soviet_films.core.identity import name_key, spelling, surname_key
from soviet_films.core.text import fold
from soviet_films.model import Records

_CYRILLIC = re.compile("[\u0400-\u04ff]")


class Naming(NamedTuple):
    """How directors are shown: each name a list gives -> the name shown, and each name shown ->
    its other spellings (the records' first, then the lists' in alphabetical order)."""

    shown: dict[str, str]
    spellings: dict[str, tuple[str, ...]]


def _initial(name: str) -> str:
    """The first letter of a name's first word, in the one spelling ('' for a surname alone)."""
    words = fold(name).split()
    return spelling(words[0])[:1] if len(words) > 1 else ""


class RecordDirectors:
    """The records' directors, found by surname key, with their spellings."""

    def __init__(self, records: Records) -> None:
        named = dict(records.director_spellings)
        for film in records.films:
            for name in film.directors:
                named.setdefault(name, ())
        self.spellings = named
        self._by_surname: dict[str, list[str]] = {}
        self._folded: dict[str, str] = {}
        for name, spellings in named.items():
            for each in (name, *spellings):
                self._folded.setdefault(fold(each), name)
                keys = self._by_surname.setdefault(surname_key(each), [])
                if name not in keys:
                    keys.append(name)

    def surname_keys_of(self, name: str) -> set[str]:
        """Every surname key of a record director (one per spelling)."""
        return {surname_key(each) for each in (name, *self.spellings.get(name, ()))}

    def named_by(self, given: str) -> str | None:
        """The records' director a list's name names, or None."""
        exact = self._folded.get(fold(given))
        if exact is not None:
            return exact
        initial = _initial(given)
        found = [
            name
            for name in self._by_surname.get(surname_key(given), ())
            if not initial
            or not _initials(name, self.spellings[name])
            or initial in _initials(name, self.spellings[name])
        ]
        return found[0] if len(found) == 1 else None


def _initials(name: str, spellings: Iterable[str]) -> set[str]:
    return {_initial(each) for each in (name, *spellings)} - {""}


def _preferred(names: Iterable[str]) -> str:
    """The spelling a director no record names is shown by."""
    return min(names, key=lambda name: (bool(_CYRILLIC.search(name)), bool(re.search(r"\b\w\.", name)), name))


def name_directors(recorded: RecordDirectors, given: Iterable[str]) -> Naming:
    """The naming of every director the records name and of every name in ``given`` (the names the
    lists give; any order, repeats allowed)."""
    names = set(given)
    shown: dict[str, str] = {}
    groups: dict[str, set[str]] = {}
    for name in names:
        record = recorded.named_by(name)
        if record is not None:
            shown[name] = record
        else:
            groups.setdefault(name_key(name), set()).add(name)
    for group in groups.values():
        chosen = _preferred(group)
        shown.update((name, chosen) for name in group)
    others: dict[str, set[str]] = {}
    for name, chosen in shown.items():
        if fold(name) != fold(chosen):
            others.setdefault(chosen, set()).add(name)
    spellings: dict[str, tuple[str, ...]] = {}
    for chosen in {*recorded.spellings, *others}:
        known = list(recorded.spellings.get(chosen, ()))
        folded = {fold(each) for each in (chosen, *known)}
        extra = _distinct_folded(sorted(name for name in others.get(chosen, ()) if fold(name) not in folded))
        if known or extra:
            spellings[chosen] = (*known, *extra)
    return Naming(shown, spellings)


def _distinct_folded(names: list[str]) -> list[str]:
    seen: set[str] = set()
    kept = []
    for name in names:
        if fold(name) not in seen:
            seen.add(fold(name))
            kept.append(name)
    return kept
