"""Reading data files and checking them against the schema; building the Catalog from them.

Only a cold start (no compiled catalogue in the cache, or a changed file) and ``sfilms validate``
come here; a warm run never imports this module, nor yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from soviet_films import yamlsafe
from soviet_films.errors import DataError
from soviet_films.files import UnreadableText, read_bounded
from soviet_films.models import (
    MAX_YEAR,
    MIN_YEAR,
    Catalog,
    Correction,
    Film,
    FilmList,
    ListEntry,
    index_film_themes,
)
from soviet_films.text import slugify, title_key

# Lowercase letters of any alphabet, digits and dashes: "loneliness", "одиночество".
ID_PATTERN = re.compile(r"^(?!-)(?:[^\W_]|-)+$")


def valid_id(value: str) -> bool:
    """True for a theme id: lowercase letters (any alphabet), digits and dashes, not leading."""
    return bool(ID_PATTERN.match(value)) and value == value.lower()


LIST_KEYS = {"id": str, "name": str, "intro": str, "films": list}
ENTRY_KEYS = {"title": str, "year": int, "description": str, "fact": str}
REQUIRED_ENTRY_KEYS = ("title", "year", "description")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file, at a line (0 when the whole file is meant)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


def read_yaml(path: Path) -> Any:
    """Read one data file through the safe, bounded loader; DataError names the problem."""
    try:
        with open(path, "rb") as stream:
            return yamlsafe.load(read_bounded(stream))
    except (UnreadableText, yamlsafe.YamlProblem) as problem:
        raise DataError(str(path), str(problem), problem.line) from None
    except OSError as error:
        raise DataError(str(path), f"cannot read: {error.strerror or error}") from None


def _type_problem(value: Any, expected: type, key: str) -> str | None:
    """Say what is wrong when ``value`` is not of the schema's type, or None."""
    if isinstance(value, yamlsafe.Scalar):
        loaded = value.loaded
        kind = type(loaded).__name__.replace("bool", "true/false").replace("datetime", "date")
        if expected is str:
            return f"{key}: YAML reads {value} as {kind} {loaded!r}, not text; put it in quotes"
        return f"{key}: expected {_type_name(expected)}, got {kind} {value}"
    if expected is int and isinstance(value, int) and not isinstance(value, bool):
        return None
    if expected is not int and isinstance(value, expected):
        return None
    got = "nothing" if value is None else _type_name(type(value))
    return f"{key}: expected {_type_name(expected)}, got {got}"


def _type_name(kind: type) -> str:
    return {str: "text", int: "a whole number", list: "a list", dict: "a mapping"}.get(kind, kind.__name__)


def check_list(data: Any, path: str) -> list[Problem]:
    """Every problem with a list file's loaded data against the lists schema (see README)."""
    problems: list[Problem] = []

    def note(line: int, message: str) -> None:
        problems.append(Problem(path, line, message))

    if not isinstance(data, dict):
        note(getattr(data, "line", 0) or 1, "a list file must be a mapping with id, name, intro and films")
        return problems
    lines = getattr(data, "key_lines", {})
    for key in data:
        if key not in LIST_KEYS:
            note(lines.get(key, 0), f"unknown key '{key}' (expected: {', '.join(LIST_KEYS)})")
    for key, expected in LIST_KEYS.items():
        if key not in data:
            note(getattr(data, "line", 0) or 1, f"missing '{key}'")
        elif (problem := _type_problem(data[key], expected, key)) is not None:
            note(lines.get(key, 0), problem)
    list_id = data.get("id")
    if isinstance(list_id, str) and not isinstance(list_id, yamlsafe.Scalar) and not valid_id(list_id):
        note(
            lines.get("id", 0),
            f"id '{list_id}' must be lowercase letters, digits and dashes, e.g. '{slugify(list_id)}'",
        )
    for key in ("name", "intro"):
        if isinstance(data.get(key), str) and not data[key].strip():
            note(lines.get(key, 0), f"'{key}' is empty")
    films = data.get("films")
    if not isinstance(films, list):
        return problems
    if not films:
        note(lines.get("films", 0), "'films' is empty")
    seen: dict[tuple[str, Any], int] = {}
    item_lines = getattr(films, "item_lines", [])
    for index, entry in enumerate(films):
        line = item_lines[index] if index < len(item_lines) else 0
        label = f"films[{index + 1}]"
        if not isinstance(entry, dict):
            note(line, f"{label}: expected a mapping with title, year, description and fact")
            continue
        entry_lines = getattr(entry, "key_lines", {})
        for key in entry:
            if key not in ENTRY_KEYS:
                note(
                    entry_lines.get(key, line),
                    f"{label}: unknown key '{key}' (expected: {', '.join(ENTRY_KEYS)})",
                )
        for key in REQUIRED_ENTRY_KEYS:
            if key not in entry:
                note(line, f"{label}: missing '{key}'")
        for key, expected in ENTRY_KEYS.items():
            if key in entry and (problem := _type_problem(entry[key], expected, key)) is not None:
                note(entry_lines.get(key, line), f"{label}: {problem}")
        title, year = entry.get("title"), entry.get("year")
        if isinstance(title, str) and not title.strip():
            note(entry_lines.get("title", line), f"{label}: the title is empty")
        if type(year) is int and not MIN_YEAR <= year <= MAX_YEAR:
            note(
                entry_lines.get("year", line),
                f"{label}: {year} is not a plausible year ({MIN_YEAR}-{MAX_YEAR})",
            )
        if isinstance(title, str) and type(year) is int:
            key = (title_key(title), year)
            if key in seen:
                note(line, f"{label}: duplicate entry '{title} ({year})' (first on line {seen[key]})")
            else:
                seen[key] = line
    return problems


def parse_list(path: Path) -> tuple[dict[str, Any], list[Problem]]:
    """Load and check one list file; the data is only usable when there are no problems."""
    try:
        data = read_yaml(path)
    except DataError as error:
        return {}, [Problem(str(path), error.line or 0, error.problem)]
    return data, check_list(data, str(path))


# ---------------------------------------------------------------- the film records


@dataclass(frozen=True)
class Records:
    """What ``data/films.yaml`` holds, ready to link list entries to."""

    films: tuple[Film, ...]
    director_spellings: dict[str, tuple[str, ...]]
    corrections: dict[tuple[str, str], Correction]


def load_records(path: Path) -> Records:
    """Load the film records file; DataError names the file, line and problem."""
    data = read_yaml(path)
    where = str(path)
    if not isinstance(data, dict) or not isinstance(data.get("films"), list):
        raise DataError(where, "expected a mapping with 'directors', 'films' and 'corrections'", 1)
    films = []
    for index, raw in enumerate(data["films"]):
        line = data["films"].item_lines[index]
        if (
            not isinstance(raw, dict)
            or not isinstance(raw.get("id"), str)
            or type(raw.get("year")) is not int
        ):
            raise DataError(where, "each film needs an id, a title and a year", line)
        try:
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
                    not_a_film=_text(raw, "not_a_film", where, line),
                )
            )
        except TypeError as error:
            raise DataError(where, f"film '{raw['id']}': {error}", line) from None
    spellings = {}
    for raw in data.get("directors") or []:
        if not isinstance(raw, dict):
            raise DataError(where, "each director needs a name and spellings", getattr(raw, "line", 0))
        spellings[_text(raw, "name", where, 0)] = _texts(raw, "spellings", where, 0)
    corrections = {}
    for raw in data.get("corrections") or []:
        if not isinstance(raw, dict):
            raise DataError(where, "each correction needs theme, film, verdict and text", 0)
        key = (_text(raw, "theme", where, 0), _text(raw, "film", where, 0))
        corrections[key] = Correction(
            verdict=_text(raw, "verdict", where, 0), text=_text(raw, "text", where, 0)
        )
    return Records(tuple(films), spellings, corrections)


def _text(raw: dict[str, Any], key: str, where: str, line: int) -> str:
    value = raw.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str) or isinstance(value, yamlsafe.Scalar):
        raise DataError(where, f"'{key}' must be text", getattr(raw, "key_lines", {}).get(key, line))
    return value


def _texts(raw: dict[str, Any], key: str, where: str, line: int) -> tuple[str, ...]:
    values = raw.get(key) or []
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise DataError(
            where, f"'{key}' must be a list of text", getattr(raw, "key_lines", {}).get(key, line)
        )
    return tuple(values)


# ---------------------------------------------------------------- building the catalogue


def build_catalog(
    records: Records, list_data: list[tuple[dict[str, Any], str, bool]], warnings: tuple[str, ...] = ()
) -> Catalog:
    """Link list entries to film records and return the Catalog.

    ``list_data`` holds (checked list data, source path, bundled?) in reading order; a user
    list with a bundled list's id takes that list's place. An entry is tied to a record by
    title and year, where the title may be any title the record knows.
    """
    by_title: dict[tuple[str, int], Film] = {}
    for film in records.films:
        for name in (film.title, film.original_title, film.transliteration, *film.other_titles):
            if name:
                by_title.setdefault((title_key(name), film.year), film)
    films: dict[str, Film] = {}
    taken = {film.id for film in records.films}
    lists: dict[str, FilmList] = {}
    for data, source, bundled in list_data:
        entries = []
        for rank, raw in enumerate(data["films"], start=1):
            title, year = raw["title"], raw["year"]
            film = by_title.get((title_key(title), year))
            if film is None:
                film = Film(id=_unique_id(slugify(title), year, taken), title=title, year=year)
                taken.add(film.id)
                by_title[(title_key(title), year)] = film
            films[film.id] = film
            entries.append(
                ListEntry(
                    theme_id=data["id"],
                    rank=rank,
                    title=title,
                    year=year,
                    description=raw["description"],
                    fact=raw.get("fact") or "",
                    film_id=film.id,
                    correction=records.corrections.get((data["id"], film.id)),
                )
            )
        film_list = FilmList(
            id=data["id"],
            name=data["name"],
            intro=data["intro"],
            entries=tuple(entries),
            source=source,
            bundled=bundled,
        )
        previous = lists.get(film_list.id)
        if previous is not None and previous.bundled and not bundled:
            film_list = replace(film_list, replaces_bundled=True)
        lists[film_list.id] = film_list
    # Films only a replaced list named are no longer in any list.
    named = {entry.film_id for film_list in lists.values() for entry in film_list.entries}
    chosen = tuple(lists.values())
    return Catalog(
        lists=chosen,
        films={film_id: film for film_id, film in films.items() if film_id in named},
        film_themes=index_film_themes(chosen),
        director_spellings=records.director_spellings,
        warnings=warnings,
    )


def _unique_id(slug: str, year: int, taken: set[str]) -> str:
    if slug not in taken:
        return slug
    candidate = f"{slug}-{year}"
    counter = 2
    while candidate in taken:
        candidate = f"{slug}-{year}-{counter}"
        counter += 1
    return candidate


def records_problems(path: Path) -> list[Problem]:
    """The records file's problem, if it has one, as a list like check_list's."""
    try:
        load_records(path)
    except DataError as error:
        return [Problem(error.path, error.line or 0, error.problem)]
    return []


def build_from_files(records_path: Path, bundled: list[Path], user: list[Path]) -> Catalog:
    """Read and check every file and build the Catalog: a broken bundled file raises DataError,
    a broken user file is left out with a warning."""
    records = load_records(records_path)
    list_data: list[tuple[dict[str, Any], str, bool]] = []
    warnings: list[str] = []
    for path in bundled:
        data, problems = parse_list(path)
        if problems:
            first = problems[0]
            raise DataError(first.path, first.message, first.line or None)
        list_data.append((data, str(path), True))
    for path in user:
        data, problems = parse_list(path)
        if problems:
            extra = f" (and {len(problems) - 1} more; run 'sfilms validate')" if len(problems) > 1 else ""
            warnings.append(f"skipped {problems[0]}{extra}")
            continue
        list_data.append((data, str(path), False))
    return build_catalog(records, list_data, tuple(warnings))
