"""List files: reading them safely, checking them against the lists schema (see the README),
validating files and folders, and writing one.

Only a cold start (no compiled catalogue in the cache, or a changed file), ``import`` and
``validate`` come here; a warm run never imports this module, nor yaml.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from soviet_films.core.linking import entry_key
from soviet_films.core.text import quoted, slugify, valid_id
from soviet_films.errors import FileProblems, Problem
from soviet_films.model import MAX_YEAR, MIN_YEAR
from soviet_films.store import yamlsafe

LIST_KEYS = {"id": str, "name": str, "intro": str, "films": list}
REQUIRED_LIST_KEYS = ("id", "name", "films")
ENTRY_KEYS = {
    "title": str,
    "year": int,
    "original_title": str,
    "directors": list,
    "description": str,
    "fact": str,
}
REQUIRED_ENTRY_KEYS = ("title", "year")


def _type_problem(value: Any, expected: type, key: str) -> str | None:
    """Say what is wrong when ``value`` is not of the schema's type, or None."""
    if isinstance(value, yamlsafe.Scalar):
        loaded = value.loaded
        kind = type(loaded).__name__.replace("bool", "true/false").replace("datetime", "date")
        if expected is str:
            shown = f"{_clip(value)} as {kind} {_clip(repr(loaded))}"
            return f"{key}: YAML reads {shown}, not text; put it in quotes"
        if expected is int and kind == "str":
            return f"{key}: {_clip(value)} is not a plausible year ({MIN_YEAR}-{MAX_YEAR})"
        return f"{key}: expected {_type_name(expected)}, got {kind} {_clip(value)}"
    if expected is int and isinstance(value, int) and not isinstance(value, bool):
        return None
    if expected is not int and isinstance(value, expected):
        return None
    got = "nothing" if value is None else _type_name(type(value))
    return f"{key}: expected {_type_name(expected)}, got {got}"


def id_taken(data: Mapping[str, Any], path: str, taken: dict[str, str]) -> list[Problem]:
    """A problem if another of the user's files (in ``taken``: id -> file) already has the checked
    list ``data``'s id; otherwise the id is recorded as this file's."""
    theme_id = data["id"]
    if theme_id in taken:
        line = getattr(data, "key_lines", {}).get("id", 0)
        return [
            Problem(
                path,
                line,
                f"the id '{theme_id}' is already used by {taken[theme_id]}; give this list another",
            )
        ]
    taken[theme_id] = path
    return []


def _clip(text: str, width: int = 40) -> str:
    """Text short enough to quote in a one-line message."""
    return text if len(text) <= width else f"{text[: width - 1]}…"


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
            if key in REQUIRED_LIST_KEYS:
                note(getattr(data, "line", 0) or 1, f"missing '{key}'")
        elif (problem := _type_problem(data[key], expected, key)) is not None:
            note(lines.get(key, 0), problem)
    list_id = data.get("id")
    if isinstance(list_id, str) and not isinstance(list_id, yamlsafe.Scalar) and not valid_id(list_id):
        note(
            lines.get("id", 0),
            f"id '{list_id}' must be lowercase letters, digits and dashes, e.g. '{slugify(list_id)}'",
        )
    for key in ("name",):
        if isinstance(data.get(key), str) and not data[key].strip():
            note(lines.get(key, 0), f"{quoted(key)} is empty")
    films = data.get("films")
    if not isinstance(films, list):
        return problems
    if not films:
        note(lines.get("films", 0), "'films' is empty")
    seen: dict[tuple[str, int], int] = {}
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
        names = entry.get("directors")
        if isinstance(names, list) and not all(
            isinstance(name, str) and not isinstance(name, yamlsafe.Scalar) and name.strip() for name in names
        ):
            note(entry_lines.get("directors", line), f"{label}: directors: expected a list of names (text)")
        title, year = entry.get("title"), entry.get("year")
        if isinstance(title, str) and not title.strip():
            note(entry_lines.get("title", line), f"{label}: the title is empty")
        if type(year) is int and not MIN_YEAR <= year <= MAX_YEAR:
            note(
                entry_lines.get("year", line),
                f"{label}: {year} is not a plausible year ({MIN_YEAR}-{MAX_YEAR})",
            )
        if isinstance(title, str) and type(year) is int:
            key = entry_key(title, year)
            if key in seen:
                note(line, f"{label}: duplicate entry '{title} ({year})' (first on line {seen[key]})")
            else:
                seen[key] = line
    return problems


def read_list(path: Path) -> tuple[dict[str, Any], list[Problem]]:
    """Load and check one list file; the data is only usable when there are no problems."""
    try:
        data = yamlsafe.read_file(path)
    except FileProblems as error:
        return {}, error.problems
    return data, check_list(data, str(path))


# Characters YAML may not hold as they are (DEL, C1 controls, U+FFFE, U+FFFF), and the ones it would
# read as line breaks inside quotes (U+0085, U+2028, U+2029); JSON escapes C0 by itself. Written as
# YAML escapes, so the text reads back exactly.
_UNPRINTABLE = {code: f"\\u{code:04x}" for code in (0x7F, *range(0x80, 0xA0), 0x2028, 0x2029, 0xFFFE, 0xFFFF)}
# Lone surrogates cannot be in UTF-8 text at all (read strictly); should one come, it is no character.
_UNPRINTABLE.update({code: "\\ufffd" for code in range(0xD800, 0xE000)})


def _quoted(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar: exact, one line, every character kept.
    return json.dumps(text, ensure_ascii=False).translate(_UNPRINTABLE)


def entry_lines(entry: Mapping[str, Any]) -> int:
    """How many lines ``dump_list`` writes for ``entry`` (the header takes four)."""
    optional = ("original_title", "directors", "description")
    return 2 + sum(1 for key in optional if entry.get(key)) + (entry.get("fact") is not None)


def dump_list(theme_id: str, name: str, intro: str, entries: list[Mapping[str, Any]]) -> str:
    """A list file in the lists schema, the same bytes for the same list every time.

    Each entry holds ``title`` and ``year``, and where the list gives them ``original_title``,
    ``directors`` (a list), ``description`` and ``fact``; what it does not give is left out.
    """
    out = [f"id: {_quoted(theme_id)}", f"name: {_quoted(name)}", f"intro: {_quoted(intro)}", "films:"]
    for entry in entries:  # one line per key: entry_lines() counts them the same way
        out.append(f"  - title: {_quoted(entry['title'])}")
        out.append(f"    year: {entry['year']}")
        if entry.get("original_title"):
            out.append(f"    original_title: {_quoted(entry['original_title'])}")
        if entry.get("directors"):
            out.append(f"    directors: [{', '.join(_quoted(name) for name in entry['directors'])}]")
        if entry.get("description"):
            out.append(f"    description: {_quoted(entry['description'])}")
        if entry.get("fact") is not None:
            out.append(f"    fact: {_quoted(entry['fact'])}")
    return "\n".join(out) + "\n"


def validate_paths(paths: list[Path]) -> tuple[int, list[Problem]]:
    """Check list files against the schema: the given files and folders, or with none every
    file sfilms reads (the records file, the bundled lists and the user's lists). Two of the
    user's files (or of the files given) with one id are a problem too.

    Returns how many files were checked and every Problem found.
    """
    from soviet_films import places
    from soviet_films.store.records import records_problems

    files: list[Path] = []
    if not paths:
        files, problems = places.scan_list_files(places.user_lists_dir())
        bundled = places.list_files(places.bundled_lists_dir())
        problems += records_problems(places.records_file())
        checked = 1
    else:
        bundled, problems, checked = [], [], 0
        for path in paths:
            try:
                is_folder = stat.S_ISDIR(os.stat(path).st_mode)
            except FileNotFoundError:
                problems.append(Problem(places.shown(path), 0, "no such file or folder"))
                continue
            except OSError as error:
                problems.append(Problem(places.shown(path), 0, f"cannot read: {error.strerror or error}"))
                continue
            except ValueError:  # a NUL in the name
                problems.append(Problem(places.shown(path), 0, "no such file or folder"))
                continue
            if is_folder:
                found, unreadable = places.scan_list_files(path)
                files.extend(found)
                problems.extend(unreadable)
            elif str(path).lower().endswith(places.PLAIN_SUFFIXES):
                problems.append(Problem(places.shown(path), 0, places.PLAIN_TEXT, "plain-text"))
            else:
                files.append(path)
    for path in bundled:
        problems.extend(read_list(path)[1])
    ids: dict[str, str] = {}
    for path in files:
        data, found = read_list(path)
        problems.extend(found or id_taken(data, str(path), ids))
    return checked + len(bundled) + len(files), problems


_LIST_FILE_START = re.compile(r"^(?:id|name|intro|films)\s*:", re.MULTILINE)


def list_file_text(text: str, source: str) -> dict[str, Any] | None:
    """The data of ``text`` when it is a list in sfilms' own format (a YAML mapping with a list
    of films), checked against the schema; None when it is anything else (a pasted list). Raises
    FileProblems with every problem of a list file that does not hold."""
    first = next(
        (line for line in text.lstrip("\ufeff").splitlines() if line.strip() and not line.startswith("#")), ""
    )
    if not _LIST_FILE_START.match(first):
        return None
    try:
        data = yamlsafe.load(text, source)
    except FileProblems:
        return None  # "Name: my top ten" over a pasted list: not YAML, so not a list file
    if not isinstance(data, dict) or not isinstance(data.get("films"), list):
        return None
    problems = check_list(data, source)
    if problems:
        raise FileProblems(problems)
    return data
