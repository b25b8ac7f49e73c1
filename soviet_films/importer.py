"""Turn a list in the plain-text format into a list file in the lists YAML schema."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from soviet_films import yamlsafe
from soviet_films.errors import UsageProblem
from soviet_films.listformat import PlainListError, dump_list_yaml, parse_plain_list
from soviet_films.schema import ID_PATTERN, check_list
from soviet_films.text import slugify


@dataclass(frozen=True)
class ImportedList:
    """A list ready to write: its id, name, YAML text, number of films and parser warnings."""

    list_id: str
    name: str
    yaml_text: str
    count: int
    warnings: list[tuple[int, str]]


def default_name(source: str) -> str:
    """A list name from a file name: 'soviet_war-films.txt' -> 'Soviet war films'."""
    words = re.sub(r"[_\-.]+", " ", Path(source).stem).strip()
    return words[:1].upper() + words[1:]


def build_import(text: str, source: str, name: str | None = None, list_id: str | None = None) -> ImportedList:
    """Parse ``text`` and return the list as YAML, checked against the lists schema.

    ``source`` names the input ('-' for stdin) and gives the default name. Raises
    PlainListError for text that cannot be parsed and UsageProblem for a bad name or id.
    """
    if name is None:
        if source == "-":
            raise UsageProblem("reading from stdin needs --name (the theme's name, e.g. --name 'War')")
        name = default_name(source)
    name = " ".join(name.split())
    if not name:
        raise UsageProblem("the list needs a name: give --name")
    list_id = list_id if list_id is not None else slugify(name)
    if not ID_PATTERN.match(list_id):
        raise UsageProblem(
            f"the id '{list_id}' must be lowercase Latin letters, digits and dashes; give one with --id"
        )
    parsed = parse_plain_list(text)
    yaml_text = dump_list_yaml(list_id, name, parsed.intro, parsed.entries)
    # The written file must load as any list file does; a failure here is a bug in the writer.
    problems = check_list(yamlsafe.load(yaml_text), "<import>")
    if problems:
        raise PlainListError([(problem.line, problem.message) for problem in problems])
    return ImportedList(list_id, name, yaml_text, len(parsed.entries), parsed.warnings)
