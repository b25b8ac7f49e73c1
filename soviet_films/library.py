"""The one door into sfilms from a front end (the command line, or any later one).

One function per command: each takes plain arguments (text as the user typed it, parsed values
where the front end parsed them), returns a result from ``soviet_films.model`` and prints
nothing. Errors are the domain's (``soviet_films.errors``), carrying the facts; the front end
words them. Each call reads the catalogue afresh (from the cache when warm), so a list file
written by one call is seen by the next.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from soviet_films import places
from soviet_films.core.filters import SORT_ORDERS
from soviet_films.errors import BadValue, NothingToPick
from soviet_films.model import (
    Catalog,
    Export,
    FilmCard,
    ImportedList,
    Listing,
    Places,
    SearchHit,
    SkippedFile,
    Stats,
    Theme,
    Validation,
    YearRange,
)

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    from soviet_films.errors import Problem
    from soviet_films.store.plain_text import PlainEntry

__all__ = ["SORT_ORDERS"]  # re-exported: the front end offers the orders, the core defines them

EXPORT_FORMATS = ("letterboxd", "csv", "markdown", "json")

# A search is a few words a person types; more costs time for nothing (each term scans the index).
MAX_TERMS, MAX_TERM_LENGTH = 32, 200

_skipped: tuple[SkippedFile, ...] = ()


def take_skipped() -> tuple[SkippedFile, ...]:
    """The user list files the last catalogue read left out (each reported once)."""
    global _skipped
    skipped, _skipped = _skipped, ()
    return skipped


def _catalog() -> Catalog:
    from soviet_films.store.catalog import load_catalog

    global _skipped
    catalog = load_catalog()
    _skipped = catalog.skipped
    return catalog


def _theme(catalog: Catalog, theme: str | None) -> Theme | None:
    from soviet_films.core.resolve import resolve_theme

    return resolve_theme(catalog, theme) if theme is not None else None


def _directors(catalog: Catalog, director: str | None) -> set[str] | None:
    from soviet_films.core.resolve import resolve_directors

    return resolve_directors(catalog, director) if director is not None else None


# ---------------------------------------------------------------- parsing what the user typed


def parse_years(text: str) -> YearRange:
    """A year filter: '1975', '1970-1979' or '1970s'. Raises BadValue saying what is accepted."""
    from soviet_films.core.filters import parse_year_filter

    try:
        return parse_year_filter(text)
    except ValueError as error:
        raise BadValue("year", text, str(error)) from None


# ---------------------------------------------------------------- reading commands


def themes() -> list[Theme]:
    """Every theme, bundled then the user's."""
    return list(_catalog().themes)


def listing(
    theme: str | None = None,
    years: YearRange | None = None,
    director: str | None = None,
    sort: str = "list",
) -> Listing:
    """The films of ``theme`` (every film once without one), filtered and in ``sort`` order.

    Raises NotFound or Ambiguous for a theme or director that names nothing or several.
    """
    from soviet_films.core.filters import film_rows, filter_rows, sort_rows

    catalog = _catalog()
    chosen = _theme(catalog, theme)
    directors = _directors(catalog, director)
    rows = sort_rows(filter_rows(film_rows(catalog, chosen), years, directors), sort)
    return Listing(chosen, rows)


def film_card(film: str) -> FilmCard:
    """The film ``film`` names, with what every theme says about it. Raises NotFound or Ambiguous."""
    from soviet_films.core.resolve import resolve_film

    catalog = _catalog()
    found = resolve_film(catalog, film)
    return FilmCard(found, catalog.appearances(found.id))


def search(
    words: list[str],
    theme: str | None = None,
    years: YearRange | None = None,
    director: str | None = None,
) -> list[SearchHit]:
    """Every entry in which all ``words`` match (a "quoted phrase" whole), narrowed by the filters.

    Raises BadValue when the words hold nothing to search for.
    """
    from soviet_films.core import search as searching
    from soviet_films.store.catalog import load_catalog_and_search_index

    terms = searching.parse_terms(words)
    if not terms:
        raise BadValue("words", " ".join(words), "give at least one word to search for")
    if len(terms) > MAX_TERMS or max(len(term) for term in terms) > MAX_TERM_LENGTH:
        reason = f"give at most {MAX_TERMS} words or phrases, each at most {MAX_TERM_LENGTH} characters"
        raise BadValue("words", " ".join(words), reason)
    global _skipped
    catalog, index = load_catalog_and_search_index()
    _skipped = catalog.skipped
    return searching.search(
        catalog, terms, _theme(catalog, theme), years, _directors(catalog, director), index
    )


def random_film(
    theme: str | None = None,
    years: YearRange | None = None,
    director: str | None = None,
    seed: int | None = None,
) -> FilmCard:
    """One film chosen uniformly among those the filters allow, as ``film_card`` gives it.

    Raises NothingToPick when the filters leave none.
    """
    from soviet_films.core.filters import film_rows, filter_rows, pick_random

    catalog = _catalog()
    rows = filter_rows(film_rows(catalog, _theme(catalog, theme)), years, _directors(catalog, director))
    if not rows:
        raise NothingToPick()
    film = pick_random(rows, seed)
    return FilmCard(film, catalog.appearances(film.id))


def stats(theme: str | None = None) -> Stats:
    """Counts for one theme or every theme: films per decade, directors, films in several themes."""
    from soviet_films.core.stats import compute_stats

    catalog = _catalog()
    return compute_stats(catalog, _theme(catalog, theme))


def export(theme: str | None, format: str) -> Export:
    """What an export in ``format`` (one of EXPORT_FORMATS) holds: the chosen themes, and for
    Letterboxd the films (the theme's in list order, or every film once) and the listed works
    left out because they are not films."""
    catalog = _catalog()
    chosen = _theme(catalog, theme)
    films = [catalog.films[e.film_id] for e in chosen.entries] if chosen is not None else catalog.all_films()
    return Export(
        format=format,
        catalog=catalog,
        themes=[chosen] if chosen is not None else list(catalog.themes),
        films=[film for film in films if film.is_film],
        left_out=[film for film in films if not film.is_film],
    )


def paths() -> Places:
    """Where sfilms reads lists from and keeps its cache."""
    return places.current()


def validate(files: list[str]) -> Validation:
    """Check list files and folders against the lists schema; with none, every file sfilms reads."""
    from soviet_films.store.list_files import validate_paths

    checked, problems = validate_paths([Path(name) for name in files])
    return Validation(checked, problems)


# ---------------------------------------------------------------- writing commands


def save(path: str, text: str, replace: bool = False) -> None:
    """Write ``text`` to ``path`` atomically; an existing file only if ``replace``.

    Raises AlreadyExists or CannotWrite.
    """
    from soviet_films.store.files import write_atomically

    write_atomically(Path(path), text, overwrite=replace)


def import_list(
    source: str, name: str | None = None, theme_id: str | None = None, replace: bool = False
) -> ImportedList:
    """Read a list in the plain-text format from ``source`` ('-': stdin) and write it into the
    user's lists folder as ``<id>.yaml``, atomically, never over an existing list unless ``replace``.

    The name defaults to the file's name, the id to the name. Raises FileProblems (the source
    cannot be read), NothingImported (it cannot be parsed; every problem at its line of the
    source), BadValue (a missing or blank name, a bad id), AlreadyExists or CannotWrite.
    """
    from soviet_films.core.text import slugify, valid_id
    from soviet_films.errors import FileProblems, NameNeeded, NothingImported, Problem
    from soviet_films.store import yamlsafe
    from soviet_films.store.files import MAX_BYTES, read_text_file, write_atomically
    from soviet_films.store.list_files import check_list, dump_list
    from soviet_films.store.plain_text import parse_plain_list

    text = read_text_file(source)
    if name is None:
        if source == "-":
            raise NameNeeded(source)
        name = default_name(source)
    name = " ".join(name.split())
    if not name:
        raise BadValue("name", name, "the list needs a name")
    theme_id = theme_id if theme_id is not None else slugify(name)
    if not valid_id(theme_id):
        raise BadValue("id", theme_id, "an id is lowercase letters, digits and dashes")
    try:
        parsed = parse_plain_list(text, source)
    except FileProblems as error:
        raise NothingImported(source, error.problems) from None
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
    return ImportedList(theme_id, name, len(entries), str(target), _summarised(parsed.warnings), bundled)


def _summarised(warnings: list[Problem], most: int = 5) -> tuple[Problem, ...]:
    """The warnings, with those of one kind beyond ``most`` folded into one (a top 100 with no
    facts is one line, not a hundred)."""
    from soviet_films.errors import Problem

    def no_fact(warning: Problem) -> bool:
        return warning.message.endswith("has no Fact line")

    without = [warning for warning in warnings if no_fact(warning)]
    if len(without) <= most:
        return tuple(warnings)
    first = without[0]
    folded = Problem(first.path, first.line, f"{len(without)} entries have no Fact line, the first here")
    return (folded, *(warning for warning in warnings if not no_fact(warning)))


def default_name(source: str) -> str:
    """A list name from a file name: 'soviet_war-films.txt' -> 'Soviet war films'."""
    import re

    words = re.sub(r"[_\-.]+", " ", Path(source).stem).strip()
    return words[:1].upper() + words[1:]


def _entry_data(entry: PlainEntry) -> dict[str, Any]:
    return {"title": entry.title, "year": entry.year, "description": entry.description, "fact": entry.fact}


def _source_lines(entries: list[Mapping[str, Any]], entry_lines: list[int]) -> list[int]:
    """For each line of ``dump_list``'s text (1-based, index 0 unused), the source line it came from."""
    lines = [0, 1, 1, 1, 1]  # the header (id, name, intro, "films:") stands for the top of the file
    for entry, line in zip(entries, entry_lines, strict=True):
        lines += [line] * (3 if entry.get("fact") is None else 4)
    return lines


def _at_source_line(problem: Problem, lines: list[int]) -> Problem:
    from soviet_films.errors import Problem

    line = lines[problem.line] if 0 < problem.line < len(lines) else problem.line
    return Problem(problem.path, line, problem.message)


# ---------------------------------------------------------------- shell completion


def complete_films(incomplete: str) -> list[tuple[str, str]]:
    """(id, "Title (Year)") for the films whose id starts with ``incomplete``."""
    from soviet_films.core.resolve import complete_films

    return complete_films(_catalog(), incomplete)


def complete_themes(incomplete: str) -> list[tuple[str, str]]:
    """(id, name) for the themes whose id starts with ``incomplete``."""
    from soviet_films.core.resolve import complete_themes

    return complete_themes(_catalog(), incomplete)


def complete_directors(incomplete: str) -> list[str]:
    """Directors' surnames, in any spelling the records know, that start with ``incomplete``."""
    from soviet_films.core.resolve import complete_directors

    return complete_directors(_catalog(), incomplete)
