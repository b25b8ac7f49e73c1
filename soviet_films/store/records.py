"""The film records file: verified films, directors' other spellings, the editors' corrections."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from soviet_films.core.text import quoted
from soviet_films.errors import FileProblems, Problem
from soviet_films.model import Correction, Film, Records
from soviet_films.store import yamlsafe


def _refuse(where: str, message: str, line: int) -> FileProblems:
    return FileProblems([Problem(where, line, message)])


def load_records(path: Path) -> Records:
    """Load the film records file, with the open records beside it (``store.open_records``);
    FileProblems names the file, line and problem."""
    data = yamlsafe.read_file(path)
    where = str(path)
    if not isinstance(data, dict) or not isinstance(data.get("films"), list):
        raise _refuse(where, "expected a mapping with 'directors', 'films' and 'corrections'", 1)
    films = []
    for index, raw in enumerate(data["films"]):
        line = data["films"].item_lines[index]
        if (
            not isinstance(raw, dict)
            or not isinstance(raw.get("id"), str)
            or type(raw.get("year")) is not int
        ):
            raise _refuse(where, "each film needs an id, a title and a year", line)
        try:
            note = _text(raw, "not_a_film", where, line)  # the records say why it is no film
            films.append(
                Film(
                    id=raw["id"],
                    title=_text(raw, "title", where, line),
                    year=raw["year"],
                    original_title=_text(raw, "original_title", where, line),
                    transliteration=_text(raw, "transliteration", where, line),
                    other_titles=_texts(raw, "other_titles", where, line),
                    directors=_texts(raw, "directors", where, line),
                    studio=_text(raw, "studio", where, line),
                    released=_text(raw, "released", where, line),
                    imdb=_text(raw, "imdb", where, line),
                    note=note,
                    is_film=not note,
                    recorded=True,
                )
            )
        except TypeError as error:
            raise _refuse(where, f"film '{raw['id']}': {error}", line) from None
    spellings = {}
    for raw in data.get("directors") or []:
        if not isinstance(raw, dict):
            raise _refuse(where, "each director needs a name and spellings", getattr(raw, "line", 0))
        spellings[_text(raw, "name", where, 0)] = _texts(raw, "spellings", where, 0)
    corrections = {}
    for raw in data.get("corrections") or []:
        if not isinstance(raw, dict):
            raise _refuse(where, "each correction needs theme, film, verdict and text", 0)
        key = (_text(raw, "theme", where, 0), _text(raw, "film", where, 0))
        corrections[key] = Correction(
            verdict=_text(raw, "verdict", where, 0), text=_text(raw, "text", where, 0)
        )
    from soviet_films.core.linking import with_open_records
    from soviet_films.store.open_records import load_open_records, open_records_beside

    found = load_open_records(open_records_beside(path))
    return with_open_records(Records(tuple(films), spellings, corrections), found.films, found.title_keys)


def _text(raw: dict[str, Any], key: str, where: str, line: int) -> str:
    value = raw.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str) or isinstance(value, yamlsafe.Scalar):
        raise _refuse(where, f"{quoted(key)} must be text", getattr(raw, "key_lines", {}).get(key, line))
    return value


def _texts(raw: dict[str, Any], key: str, where: str, line: int) -> tuple[str, ...]:
    values = raw.get(key) or []
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        at = getattr(raw, "key_lines", {}).get(key, line)
        raise _refuse(where, f"{quoted(key)} must be a list of text", at)
    return tuple(values)


def records_problems(path: Path) -> list[Problem]:
    """The records file's problem, if it has one."""
    try:
        load_records(path)
    except FileProblems as error:
        return error.problems
    return []
