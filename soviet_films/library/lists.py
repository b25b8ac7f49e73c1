"""Your own lists: importing a list as people paste it, validating list files, writing a document."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from soviet_films import places
from soviet_films.errors import BadValue
from soviet_films.library.session import Notes, answering, shelf
from soviet_films.model import Catalog, ImportedList, ImportPreview, PreviewRow, Validation

if TYPE_CHECKING:
    from soviet_films.core.identity import Matcher
    from soviet_films.core.slots import Knowledge
    from soviet_films.errors import Problem
    from soviet_films.model import Film
    from soviet_films.store.plain_text import PastedEntry, PastedList
    from soviet_films.store.shelf import Shelf


def validate(files: list[str]) -> Validation:
    """Check list files and folders against the lists schema; with none, every file sfilms reads."""
    from soviet_films.store.list_files import validate_paths

    checked, problems = validate_paths([Path(name) for name in files])
    return Validation(checked, problems)


def save(path: str, text: str, replace: bool = False) -> None:
    """Write ``text`` to ``path`` atomically; an existing file only if ``replace``.

    Raises AlreadyExists or CannotWrite.
    """
    from soviet_films.store.files import write_atomically

    write_atomically(Path(path), text, overwrite=replace)


@answering
def import_list(
    notes: Notes,
    source: str,
    name: str | None = None,
    theme_id: str | None = None,
    replace: bool = False,
    *,
    dry_run: bool = False,
    parenthesis: str | None = None,
    year: int | None = None,
    with_mentions: bool = False,
) -> ImportedList | ImportPreview:
    """Read a list as people paste it from ``source`` ('-': stdin): prose with title lines, a table,
    or Letterboxd's list export; and write it into the user's lists folder as ``<id>.yaml``,
    atomically, never over an existing list unless ``replace``. With ``dry_run``, return how every
    entry was read and which film it joins, and write nothing.

    The name defaults to the Letterboxd list's own, else the file's name; the id to the name.
    ``parenthesis`` ("original" or "director") settles what a parenthesis beside a title holds;
    ``year`` is the year of a table without a year column; ``with_mentions`` makes entries of the
    films the text names in passing, in a sentence. Raises FileProblems (the source cannot be
    read), NothingImported (it cannot be read as a list; every problem at its line of the source),
    BadValue (a missing or blank name, a bad id), AlreadyExists or CannotWrite.
    """
    from soviet_films.errors import NameNeeded, NothingToRead
    from soviet_films.store.files import read_text_file

    text = read_text_file(source)
    if (
        name is None
        and source == "-"
        and not text.lstrip("\ufeff").lower().startswith("letterboxd list export")
    ):
        raise NameNeeded(source)
    if not text.strip("\ufeff \t\r\n"):
        raise NothingToRead(source)
    return import_text(
        text,
        source,
        name,
        theme_id,
        replace,
        dry_run=dry_run,
        parenthesis=parenthesis,
        year=year,
        with_mentions=with_mentions,
    )


def import_text(
    text: str,
    source: str,
    name: str | None = None,
    theme_id: str | None = None,
    replace: bool = False,
    *,
    dry_run: bool = False,
    parenthesis: str | None = None,
    year: int | None = None,
    with_mentions: bool = False,
) -> ImportedList | ImportPreview:
    """``import_list`` of text already read (``source`` names where it came from)."""
    from soviet_films.core.identity import record_titles
    from soviet_films.core.text import slugify, valid_id
    from soviet_films.errors import FileProblems, NothingImported, Problem, ThemeTaken
    from soviet_films.store import yamlsafe
    from soviet_films.store.files import MAX_BYTES, write_atomically
    from soviet_films.store.list_files import check_list, dump_list, list_file_text
    from soviet_films.store.plain_text import parse_pasted

    found_shelf = shelf(None)
    catalog = found_shelf.whole()  # what the catalogue left out is not this command's news
    matcher, knowledge = _knowledge(catalog, parenthesis)
    try:
        own = list_file_text(text, source)
        if own is not None:  # a list in sfilms' own format comes in as it is
            parsed = _as_pasted(own)
            name = name if name is not None else own["name"]
            theme_id = theme_id if theme_id is not None else own["id"]
        else:
            parsed = parse_pasted(text, source, knowledge, year, with_mentions=with_mentions)
    except FileProblems as error:
        raise NothingImported(source, error.problems) from None
    records = _records_named(found_shelf, parsed)
    for record in records.values():
        matcher.know(record.id, record.year, record_titles(record), record.directors, recorded=True)
    known = {**records, **catalog.films}
    parsed = _with_recorded_titles(parsed, known, matcher, source)
    if name is None:
        name = parsed.name or default_name(source)
    name = " ".join(name.split())
    if not name:
        raise BadValue("name", name, "the list needs a name")
    theme_id = theme_id if theme_id is not None else slugify(name)
    if not valid_id(theme_id):
        example = slugify(theme_id) or "my-list"
        raise BadValue("id", theme_id, f"an id is lowercase letters, digits and dashes, as in --id {example}")
    read = [_preview(known, matcher, entry) for entry in parsed.entries]
    rows = [row for row, _ in read]
    near = tuple(
        Problem(source, row.line, f"'{row.title} ({row.year})' is a new film; {_label(row.near)} is near it"
                + (" (the same director, a title word in common)" if why == "director" else ""))
        for row, why in read
        if row.joins is None and row.near is not None
    )  # fmt: skip
    notes_found = _folded(
        (*parsed.notes, *near), "by its words alone", "parentheses read by their words alone, the first here"
    )
    unsure = sum(1 for entry in parsed.entries if entry.unsure)
    taken = next((theme for theme in catalog.themes if theme.id == theme_id), None)
    if dry_run:
        mentioned = tuple(_preview(known, matcher, entry)[0] for entry in parsed.mentions)
        warnings = _summarised(parsed.warnings)
        if taken is not None and not replace:
            warnings = (*warnings, Problem(source, 0, f"would replace a theme: the id '{theme_id}' is taken"))
        return ImportPreview(theme_id, name, rows, notes_found, warnings, unsure, mentioned)
    if taken is not None and not replace:
        raise ThemeTaken(theme_id, taken.bundled and not taken.replaces_bundled)
    entries = [_entry_data(entry) for entry in parsed.entries]
    yaml_text = dump_list(theme_id, name, parsed.intro, entries)
    if len(yaml_text.encode("utf-8")) > MAX_BYTES:
        too_large = (
            f"as a list file this would be larger than {MAX_BYTES // 2**20} MiB, more than sfilms reads"
        )
        raise NothingImported(source, [Problem(source, 0, f"{too_large}; split it into several lists")])
    # The written file must load as any list file does; report what it does not at the user's lines.
    problems = check_list(yamlsafe.load(yaml_text, source), source)
    if problems:
        lines = _source_lines(entries, [entry.line for entry in parsed.entries])
        raise NothingImported(source, [_at_source_line(problem, lines) for problem in problems])
    target = places.user_lists_dir() / f"{theme_id}.yaml"
    write_atomically(target, yaml_text, overwrite=replace)
    bundled = any(path.stem == theme_id for path in places.list_files(places.bundled_lists_dir()))
    warnings = _summarised(parsed.warnings)
    return ImportedList(
        theme_id,
        name,
        len(entries),
        str(target),
        warnings,
        bundled,
        notes_found,
        unsure,
        len(parsed.mentions),
    )


def _preview(films: Mapping[str, Film], matcher: Matcher, entry: PastedEntry) -> tuple[PreviewRow, str]:
    """How an entry reads, and the film it joins (or nearly matched), by the one identity rule; and
    why it joins it ("director": by a director, the year and a title word, worth a note)."""
    match = matcher.match((entry.title, entry.original_title), entry.year, entry.directors, near=True)
    joins = films.get(match.film_id) if match.film_id else None
    near = films.get(match.near) if match.near else None
    row = PreviewRow(entry.line, entry.title, entry.year, entry.original_title, entry.directors,
                     entry.description, joins, near, entry.fact, entry.unsure)  # fmt: skip
    return row, match.why


def _records_named(found_shelf: Shelf, parsed: PastedList) -> dict[str, Film]:
    """The records an import's entries could join: by a title, or by a director they name."""
    from soviet_films.core.identity import surname_keys, title_keys

    keys = {
        key for e in (*parsed.entries, *parsed.mentions) for key in title_keys((e.title, e.original_title))
    }
    surnames = {key for e in parsed.entries if not e.original_title for key in surname_keys(e.directors)}
    return {film.id: film for film in found_shelf.records_for(keys, surnames)}


def _with_recorded_titles(
    parsed: PastedList, films: Mapping[str, Film], matcher: Matcher, source: str
) -> PastedList:
    """Each entry that names its director but no other title, and joins no recorded film by its
    title, given the Russian title of the one recorded film of that director within a year
    (sharing a title word, or alone), with a note: linking then joins it by that title."""
    from soviet_films.errors import Problem

    def joins_a_record(entry: PastedEntry) -> bool:
        found = matcher.match((entry.title,), entry.year, entry.directors).film_id
        film = films.get(found) if found else None
        return film is not None and (film.recorded or bool(film.record))

    entries, notes = [], list(parsed.notes)
    for entry in parsed.entries:
        asked = entry.directors and not entry.original_title and not joins_a_record(entry)
        found = matcher.recorded_by_director((entry.title,), entry.year, entry.directors) if asked else None
        if found is None or found.film_id is None:
            entries.append(entry)
            continue
        film = films[found.film_id]
        russian = film.original_title or film.title
        how = "that shares a word of its title" if found.why == "director" else "at all"
        said = f"'{entry.title} ({entry.year})' is {russian} ({film.year}): the records' only film by "
        notes.append(
            Problem(
                source, entry.line, f"{said}{', '.join(entry.directors)} within a year {how}; joined by it"
            )
        )
        entries.append(entry._replace(original_title=russian))
    return parsed._replace(entries=entries, notes=sorted(notes, key=lambda note: note.line))


def _knowledge(catalog: Catalog, parenthesis: str | None) -> tuple[Matcher, Knowledge]:
    """The catalogue's films as the identity rule knows them (to say which film an imported entry
    joins), and what it knows of titles and directors, to read a parenthesis beside a title by."""
    from soviet_films.core.identity import Matcher, record_titles, surname_key, title_key
    from soviet_films.core.linking import OPEN
    from soviet_films.core.slots import Knowledge
    from soviet_films.core.text import fold

    matcher = Matcher(reference=lambda film_id: film_id.startswith(OPEN))
    for film in catalog.films.values():
        matcher.know(film.id, film.year, record_titles(film), film.directors)
    names = {fold(s) for film in catalog.films.values() for d in film.directors
             for s in (d, *catalog.director_spellings.get(d, ()))}  # fmt: skip
    surnames = {surname_key(name) for name in names}

    def is_director(text: str) -> bool:
        # A name the lists or records know, in full, or its surname alone or after initials.
        words = fold(text).split()
        initials = all(len(word) == 1 for word in words[:-1])
        return " ".join(words) in names or (bool(words) and surname_key(text) in surnames and initials)

    titles = matcher.known_titles()
    return matcher, Knowledge(is_director, lambda text: title_key(text) in titles, parenthesis)


def _label(film: Film) -> str:
    return f"{film.id} ({film.title}, {film.year})"


def _summarised(warnings: list[Problem]) -> tuple[Problem, ...]:
    """The warnings, those about missing facts folded into one when there are many."""
    return _folded(warnings, "has no Fact line", "entries have no Fact line, the first here")


def _folded(problems: Iterable[Problem], ending: str, summary: str, most: int = 5) -> tuple[Problem, ...]:
    """``problems``, with more than ``most`` of one kind (their message ends with ``ending``) folded
    into one line saying how many: a top 100 with no facts is one line, not a hundred."""
    from soviet_films.errors import Problem

    problems = list(problems)
    alike = [problem for problem in problems if problem.message.endswith(ending)]
    if len(alike) <= most:
        return tuple(problems)
    first = alike[0]
    folded = Problem(first.path, first.line, f"{len(alike)} {summary}")
    return (folded, *(problem for problem in problems if not problem.message.endswith(ending)))


def default_name(source: str) -> str:
    """A list name from a file name: 'soviet_war-films.txt' -> 'Soviet war films'."""
    import re

    words = re.sub(r"[_\-.]+", " ", Path(source).stem).strip()
    return words[:1].upper() + words[1:]


def _as_pasted(data: Mapping[str, Any]) -> PastedList:
    """A list file's data as an import reads a list: its intro and entries, each at its line."""
    from soviet_films.store.pasted_list import PastedEntry, PastedList

    films = data["films"]
    lines = getattr(films, "item_lines", [])
    entries = [
        PastedEntry(
            lines[index] if index < len(lines) else index + 1, film["title"], film["year"],
            film.get("original_title") or "", tuple(film.get("directors") or ()), film["description"],
            film.get("fact"), "",
        )
        for index, film in enumerate(films)
    ]  # fmt: skip
    return PastedList(data.get("intro") or "", entries, [], [])


def _entry_data(entry: PastedEntry) -> dict[str, Any]:
    return {
        "title": entry.title,
        "year": entry.year,
        "original_title": entry.original_title,
        "directors": list(entry.directors),
        "description": entry.description,
        "fact": entry.fact,
    }


def _source_lines(entries: list[Mapping[str, Any]], entry_lines: list[int]) -> list[int]:
    """For each line of ``dump_list``'s text (1-based, index 0 unused), the source line it came from."""
    from soviet_films.store.list_files import entry_lines as lines_of

    lines = [0, 1, 1, 1, 1]  # the header (id, name, intro, "films:") stands for the top of the file
    for entry, line in zip(entries, entry_lines, strict=True):
        lines += [line] * lines_of(entry)
    return lines


def _at_source_line(problem: Problem, lines: list[int]) -> Problem:
    from soviet_films.errors import Problem

    line = lines[problem.line] if 0 < problem.line < len(lines) else problem.line
    return Problem(problem.path, line, problem.message)
