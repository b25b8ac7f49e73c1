"""Turn a list in the plain-text format into a list file in the lists YAML schema."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from soviet_films import yamlsafe
from soviet_films.errors import DataError, SfilmsError, UsageProblem
from soviet_films.files import UnreadableText, read_bounded
from soviet_films.listformat import PlainListError, dump_list_yaml, parse_plain_list
from soviet_films.schema import check_list, valid_id
from soviet_films.text import slugify


@dataclass(frozen=True)
class ImportedList:
    """A list ready to write: its id, name, YAML text, number of films and parser warnings."""

    list_id: str
    name: str
    yaml_text: str
    count: int
    warnings: list[str]  # 'file:line: message'
    replaces_bundled: bool = False


class ImportProblems(SfilmsError):
    """The text could not be parsed: ``problems`` holds a 'file:line: message' line for each."""

    def __init__(self, source: str, problems: list[tuple[int, str]]):
        self.problems = [
            f"{source}:{line}: {message}" if line else f"{source}: {message}" for line, message in problems
        ]
        super().__init__(f"nothing imported: {len(problems)} problem(s) in {source}")


def read_source(source: str) -> str:
    """The text of a plain-text list file ('-': stdin), bounded in size and decoded as UTF-8.

    Raises DataError naming the source and the problem.
    """
    try:
        if source == "-":
            return read_bounded(sys.stdin.buffer)
        with open(source, "rb") as stream:
            return read_bounded(stream)
    except UnreadableText as problem:
        raise DataError(source, str(problem), problem.line) from None
    except OSError as error:
        raise DataError(source, f"cannot read: {error.strerror or error}") from None


def import_into(
    text: str, source: str, folder: Path, name: str | None, list_id: str | None, force: bool
) -> tuple[ImportedList, Path]:
    """Parse ``text`` and write it into ``folder`` as ``<id>.yaml``, atomically, never over an
    existing list without ``force``.

    Raises ImportProblems (nothing written), UsageProblem or CannotWrite.
    """
    from soviet_films.catalog import bundled_data_dir, list_files
    from soviet_films.files import write_atomically

    try:
        imported = build_import(text, source, name, list_id)
    except PlainListError as error:
        raise ImportProblems(source, error.problems) from None
    target = folder / f"{imported.list_id}.yaml"
    write_atomically(target, imported.yaml_text, overwrite=force)
    bundled = any(path.stem == imported.list_id for path in list_files(bundled_data_dir() / "lists"))
    return replace(imported, replaces_bundled=bundled), target


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
    if not valid_id(list_id):
        raise UsageProblem(
            f"the id '{list_id}' must be lowercase letters, digits and dashes; give one with --id"
        )
    parsed = parse_plain_list(text)
    yaml_text = dump_list_yaml(list_id, name, parsed.intro, parsed.entries)
    # The written file must load as any list file does; a failure here is a bug in the writer.
    problems = check_list(yamlsafe.load(yaml_text), "<import>")
    if problems:
        raise PlainListError([(problem.line, problem.message) for problem in problems])
    warnings = [f"{source}:{line}: {message}" for line, message in parsed.warnings]
    return ImportedList(list_id, name, yaml_text, len(parsed.entries), warnings)
