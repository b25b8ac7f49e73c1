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
    DiaryLine,
    Export,
    FilmCard,
    HistoryImport,
    ImportedList,
    ImportPreview,
    Listing,
    LogChange,
    Places,
    PreviewRow,
    SearchHit,
    SkippedFile,
    Stats,
    Theme,
    ThemeList,
    Validation,
    WatchlistLine,
    YearRange,
)

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable, Mapping
    from typing import Any

    from soviet_films.core.viewing import ViewingIndex
    from soviet_films.errors import LogBusy, LogUnusable, Problem
    from soviet_films.model import Film, FilmViewing
    from soviet_films.store.catalog import Shelf
    from soviet_films.store.plain_text import PastedEntry

# Re-exported for the front end: the orders it offers, and the word for a plain-text list it finds.
__all__ = ["PLAIN_TEXT", "SORT_ORDERS"]
PLAIN_TEXT = places.PLAIN_TEXT

EXPORT_FORMATS = ("letterboxd", "csv", "markdown", "json")

# A search is a few words a person types; more costs time for nothing (each term scans the index).
MAX_TERMS, MAX_TERM_LENGTH = 32, 200

_skipped: tuple[SkippedFile, ...] = ()
_log_problem: LogUnusable | LogBusy | None = None


def take_skipped() -> tuple[SkippedFile, ...]:
    """The user list files the last catalogue read left out (each reported once)."""
    global _skipped
    skipped, _skipped = _skipped, ()
    return skipped


def take_log_problem() -> LogUnusable | LogBusy | None:
    """Why the viewing log could not be read, if a reading command went on without it (once)."""
    global _log_problem
    problem, _log_problem = _log_problem, None
    return problem


def _viewing() -> ViewingIndex | None:
    """The viewing log, ready to look films up in; None when there is none (or it cannot be read:
    then reading commands go on without it, and ``take_log_problem`` says why)."""
    global _log_problem
    path = places.log_file()
    if not path.exists():  # the common case, and free: no sqlite3, no viewing code imported
        return None
    from soviet_films.core.viewing import ViewingIndex
    from soviet_films.errors import LogBusy, LogUnusable
    from soviet_films.store.viewing_log import read_log

    try:
        contents = read_log(path)
    except (LogUnusable, LogBusy) as problem:
        _log_problem = problem
        return None
    return ViewingIndex(*contents) if contents is not None else None


def _log_for(choice: str | None) -> ViewingIndex | None:
    """The viewing log; with a seen/unseen/watchlist filter, an empty one when there is none."""
    index = _viewing()
    if index is None and choice is not None:
        from soviet_films.core.viewing import ViewingIndex

        return ViewingIndex([], [])
    return index


def _viewing_of(index: ViewingIndex | None, films: list[Film]) -> dict[str, FilmViewing] | None:
    if index is None:
        return None
    from soviet_films.core.viewing import viewing_by_film

    return viewing_by_film(index, films)


def _has_log() -> bool:
    return places.log_file().exists()


def _shelf() -> Shelf:
    """The catalogue's shelf, up to date, to ask each question of (see ``store.catalog``)."""
    from soviet_films.store.catalog import open_shelf

    global _skipped
    shelf = open_shelf()
    _skipped = shelf.skipped
    return shelf


def _catalog() -> Catalog:
    """The whole catalogue, for the commands that need all of it."""
    return _shelf().whole()


def _resolved_film(shelf: Shelf, query: str) -> tuple[Film, Catalog]:
    """The film ``query`` names, and the catalogue it was found in: the films it could name, or on a
    miss the whole catalogue (the closest titles are looked for among all of them).

    Raises NotFound or Ambiguous.
    """
    from soviet_films.core.resolve import resolve_film
    from soviet_films.errors import NotFound

    catalog = shelf.for_film(query)
    try:
        return resolve_film(catalog, query), catalog
    except NotFound:
        whole = shelf.whole()
        if whole is catalog:
            raise
        return resolve_film(whole, query), whole


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


def themes() -> ThemeList:
    """Every theme, bundled then the user's, with how many of each you have seen (with a log)."""
    shelf = _shelf()
    index = _viewing()
    if index is None:
        return ThemeList(list(shelf.for_themes().themes))
    catalog = shelf.whole()
    from soviet_films.core.viewing import seen_in

    seen = {theme.id: seen_in(catalog, index, (e.film_id for e in theme.entries)) for theme in catalog.themes}
    return ThemeList(list(catalog.themes), seen)


def listing(
    theme: str | None = None,
    years: YearRange | None = None,
    director: str | None = None,
    sort: str = "list",
    seen: str | None = None,
) -> Listing:
    """The films of ``theme`` (every film once without one), filtered and in ``sort`` order;
    ``seen`` keeps only the films you have seen ("seen"), not seen ("unseen") or mean to
    ("watchlist").

    Raises NotFound or Ambiguous for a theme or director that names nothing or several.
    """
    from soviet_films.core.filters import film_rows, filter_rows, sort_rows

    catalog = _shelf().for_listing(theme, director, years)
    chosen = _theme(catalog, theme)
    directors = _directors(catalog, director)
    rows = sort_rows(filter_rows(film_rows(catalog, chosen), years, directors), sort)
    index = _log_for(seen)
    if index is not None and seen is not None:
        rows = [row for row in rows if index.keeps(row.film, seen)]
    return Listing(chosen, rows, _viewing_of(index if _has_log() else None, [row.film for row in rows]))


def film_card(film: str) -> FilmCard:
    """The film ``film`` names, with what every theme says about it and your viewing of it.

    Raises NotFound or Ambiguous.
    """
    found, catalog = _resolved_film(_shelf(), film)
    index = _viewing()
    return FilmCard(found, catalog.appearances(found.id), index.of(found) if index is not None else None)


def search(
    words: list[str],
    theme: str | None = None,
    years: YearRange | None = None,
    director: str | None = None,
    seen: str | None = None,
) -> list[SearchHit]:
    """Every entry in which all ``words`` match (a "quoted phrase" whole), narrowed by the filters.

    Raises BadValue when the words hold nothing to search for.
    """
    from soviet_films.core import search as searching

    terms = searching.parse_terms(words)
    if not terms:
        raise BadValue("words", " ".join(words), "give at least one word to search for")
    if len(terms) > MAX_TERMS or max(len(term) for term in terms) > MAX_TERM_LENGTH:
        reason = f"give at most {MAX_TERMS} words or phrases, each at most {MAX_TERM_LENGTH} characters"
        raise BadValue("words", " ".join(words), reason)
    catalog, entries = _shelf().for_search(terms, theme, director, years)
    hits = searching.search(
        catalog, terms, _theme(catalog, theme), years, _directors(catalog, director), entries
    )
    log = _log_for(seen)
    if log is not None and seen is not None:
        hits = [hit for hit in hits if log.keeps(hit.film, seen)]
    return hits


def random_film(
    theme: str | None = None,
    years: YearRange | None = None,
    director: str | None = None,
    seed: int | None = None,
    seen: str | None = None,
) -> FilmCard:
    """One film chosen uniformly among those the filters allow, as ``film_card`` gives it
    (``seen``: as for ``listing``; ``random --unseen`` picks tonight's film).

    Raises NothingToPick when the filters leave none.
    """
    from soviet_films.core.filters import film_rows, filter_rows, pick_random

    shelf = _shelf()
    catalog = shelf.for_listing(theme, director, years)
    rows = filter_rows(film_rows(catalog, _theme(catalog, theme)), years, _directors(catalog, director))
    index = _log_for(seen)
    if index is not None and seen is not None:
        rows = [row for row in rows if index.keeps(row.film, seen)]
    if not rows:
        raise NothingToPick()
    film = pick_random(rows, seed)
    viewing = index.of(film) if index is not None and _has_log() else None
    return FilmCard(film, shelf.for_film_ids([film.id]).appearances(film.id), viewing)


def stats(theme: str | None = None) -> Stats:
    """Counts for one theme or every theme: films per decade, directors, films in several themes,
    and with a viewing log, the films you have seen per decade."""
    from soviet_films.core.stats import compute_stats

    catalog = _catalog()
    result = compute_stats(catalog, _theme(catalog, theme))
    index = _viewing()
    if index is None:
        return result
    from soviet_films.core.stats import seen_per_decade

    return result._replace(seen_decades=seen_per_decade(catalog, _theme(catalog, theme), index.of))


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
    """Where sfilms reads lists from, keeps your viewing log, and keeps its cache."""
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
    source: str,
    name: str | None = None,
    theme_id: str | None = None,
    replace: bool = False,
    *,
    dry_run: bool = False,
    parenthesis: str | None = None,
    year: int | None = None,
) -> ImportedList | ImportPreview:
    """Read a list as people paste it from ``source`` ('-': stdin): prose with title lines, a
    table, or Letterboxd's list export; and write it into the user's lists folder as
    ``<id>.yaml``, atomically, never over an existing list unless ``replace``. With ``dry_run``,
    return how every entry was read and which film it joins, and write nothing.

    The name defaults to the Letterboxd list's own, else the file's name; the id to the name.
    ``parenthesis`` ("original" or "director") settles what a parenthesis beside a title holds;
    ``year`` is the year of a table without a year column. Raises FileProblems (the source cannot
    be read), NothingImported (it cannot be read as a list; every problem at its line of the
    source), BadValue (a missing or blank name, a bad id), AlreadyExists or CannotWrite.
    """
    from soviet_films.core.text import slugify, valid_id
    from soviet_films.errors import FileProblems, NameNeeded, NothingImported, Problem
    from soviet_films.store import yamlsafe
    from soviet_films.store.files import MAX_BYTES, read_text_file, write_atomically
    from soviet_films.store.list_files import check_list, dump_list
    from soviet_films.store.plain_text import parse_pasted

    text = read_text_file(source)
    if (
        name is None
        and source == "-"
        and not text.lstrip("\ufeff").lower().startswith("letterboxd list export")
    ):
        raise NameNeeded(source)
    catalog = _catalog()
    take_skipped()  # what the catalogue left out is not this command's news: it shows no list
    index, knowledge = _knowledge(catalog, parenthesis)
    try:
        parsed = parse_pasted(text, source, knowledge, year)
    except FileProblems as error:
        raise NothingImported(source, error.problems) from None
    if name is None:
        name = parsed.name or default_name(source)
    name = " ".join(name.split())
    if not name:
        raise BadValue("name", name, "the list needs a name")
    theme_id = theme_id if theme_id is not None else slugify(name)
    if not valid_id(theme_id):
        raise BadValue("id", theme_id, "an id is lowercase letters, digits and dashes")
    rows = [
        PreviewRow(e.line, e.title, e.year, e.original_title, e.directors, e.description,
                   *index.match((e.title, e.original_title), e.year, e.directors, near=True))
        for e in parsed.entries
    ]  # fmt: skip
    near = tuple(
        Problem(source, row.line, f"'{row.title} ({row.year})' is a new film; {_label(row.near)} is near it")
        for row in rows
        if row.joins is None and row.near is not None
    )
    notes = _folded(
        (*parsed.notes, *near), "by its words alone", "parentheses read by their words alone, the first here"
    )
    unsure = sum(1 for entry in parsed.entries if entry.unsure)
    if dry_run:
        return ImportPreview(theme_id, name, rows, notes, _summarised(parsed.warnings), unsure)
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
    return ImportedList(theme_id, name, len(entries), str(target), warnings, bundled, notes, unsure)


def _knowledge(catalog: Catalog, parenthesis: str | None) -> tuple[Any, Any]:
    """An index of the catalogue's films to link imported entries to, and what it knows of
    titles and directors, to read a parenthesis beside a title by."""
    from soviet_films.core.linking import FilmIndex, surname_key
    from soviet_films.core.text import fold, title_key
    from soviet_films.model import Records
    from soviet_films.store.plain_text import Knowledge

    index = FilmIndex(Records(tuple(catalog.films.values()), dict(catalog.director_spellings), {}))
    names = {fold(s) for film in catalog.films.values() for d in film.directors
             for s in (d, *catalog.director_spellings.get(d, ()))}  # fmt: skip
    surnames = {surname_key(name) for name in names}

    def is_director(text: str) -> bool:
        # A name the lists or records know, in full, or its surname alone or after initials.
        words = fold(text).split()
        initials = all(len(word) == 1 for word in words[:-1])
        return " ".join(words) in names or (bool(words) and words[-1] in surnames and initials)

    titles = {
        title_key(name)
        for film in catalog.films.values()
        for name in (film.title, film.original_title, film.transliteration, *film.other_titles)
        if name
    }
    return index, Knowledge(is_director, lambda text: title_key(text) in titles, parenthesis)


def _label(film: Film) -> str:
    return f"{film.id} ({film.title}, {film.year})"


def _summarised(warnings: list[Problem]) -> tuple[Problem, ...]:
    """The warnings, those about missing facts folded into one when there are many."""
    return _folded(warnings, "has no Fact line", "entries have no Fact line, the first here")


def _folded(problems: Iterable[Problem], ending: str, summary: str, most: int = 5) -> tuple[Problem, ...]:
    """``problems``, with more than ``most`` of one kind (their message ends with ``ending``)
    folded into one line saying how many: a top 100 with no facts is one line, not a hundred."""
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


# ---------------------------------------------------------------- shell completion


def complete_films(incomplete: str) -> list[tuple[str, str]]:
    """(id, "Title (Year)") for the films whose id starts with ``incomplete``."""
    from soviet_films.core.resolve import complete_films

    return complete_films(_shelf().for_film_completion(incomplete), incomplete)


def complete_themes(incomplete: str) -> list[tuple[str, str]]:
    """(id, name) for the themes whose id starts with ``incomplete``."""
    from soviet_films.core.resolve import complete_themes

    return complete_themes(_shelf().for_themes(), incomplete)


def complete_directors(incomplete: str) -> list[str]:
    """Directors' surnames, in any spelling the records know, that start with ``incomplete``."""
    from soviet_films.core.resolve import complete_directors

    return complete_directors(_shelf().for_director_completion(incomplete), incomplete)


# ---------------------------------------------------------------- the viewing log


def _today() -> dt.date:
    import datetime as dt

    return dt.date.today()


def parse_rating(text: str) -> float:
    """A rating from 0.5 to 5 in half steps. Raises BadValue saying what is accepted."""
    from soviet_films.core.viewing import parse_rating as parse

    try:
        return parse(text)
    except ValueError as error:
        raise BadValue("rating", text, str(error)) from None


def parse_day(text: str) -> str:
    """A day you watched a film, as 2026-11-30 (also 'today', 'yesterday'), not in the future.

    Raises BadValue saying what is accepted."""
    from soviet_films.core.viewing import parse_date

    try:
        return parse_date(text, _today()).isoformat()
    except ValueError as error:
        raise BadValue("date", text, str(error)) from None


def watched(
    film: str, on: str | None = None, rating: float | None = None, rewatch: bool = False, note: str = ""
) -> LogChange:
    """Add a diary entry: ``film`` (resolved as ``show`` resolves it) watched ``on`` a day (as
    ``parse_day`` gives it; today if None), with an optional rating, rewatch mark and note.

    Raises NotFound, Ambiguous, LogUnusable, LogBusy or CannotWrite; nothing is written then.
    """
    from soviet_films.core.viewing import film_identity, watchlist_items_of
    from soviet_films.model import LogEntry
    from soviet_films.store import viewing_log

    found = _resolved_film(_shelf(), film)[0]
    day = on or _today().isoformat()
    entry = LogEntry(
        0, film_identity(found), found.title, found.year, "diary", day, rating, rewatch, note, "sfilms"
    )
    with viewing_log.writing(places.log_file()) as log:
        entry = viewing_log.add_entry(log, entry, logged_on=_today().isoformat())
        # As on Letterboxd, a film you log leaves your watchlist.
        listed = watchlist_items_of(viewing_log.contents(log)[1], found)
        viewing_log.remove_from_watchlist(log, listed)
    return LogChange("logged", found, (entry,), left_watchlist=bool(listed))


def unwatch(film: str, on: str | None = None) -> LogChange:
    """Remove the film's entries from the log: all of them, or those of the day ``on``.

    Raises NothingLogged when there are none to remove (nothing is written then).
    """
    from soviet_films.core.viewing import ViewingIndex
    from soviet_films.errors import NothingLogged
    from soviet_films.store import viewing_log

    found = _resolved_film(_shelf(), film)[0]
    path = places.log_file()
    with viewing_log.writing(path) as log:
        # Read inside the transaction: what is removed is what is there now.
        entries, watchlist = viewing_log.contents(log)
        chosen = [
            e for e in ViewingIndex(entries, watchlist).entries_of(found) if on is None or e.watched_on == on
        ]
        if not chosen:
            raise NothingLogged("entry" if on is None else f"entry on {on}", f"{found.title} ({found.year})")
        viewing_log.remove_entries(log, [entry.number for entry in chosen])
    return LogChange("removed", found, tuple(chosen))


def watchlist_change(films: list[str], add: bool) -> list[LogChange]:
    """Put the films on the watchlist (``add``) or take them off, all in one write: every film is
    resolved first, so one that names nothing changes nothing.

    Each change says "added" or "already" (on it before), "dropped" or "absent" (not on it).
    """
    from soviet_films.core.viewing import ViewingIndex, film_identity, watchlist_items_of
    from soviet_films.model import WatchlistItem
    from soviet_films.store import viewing_log

    shelf = _shelf()
    found = list({film.id: film for film in (_resolved_film(shelf, query)[0] for query in films)}.values())
    changes = []
    with viewing_log.writing(places.log_file()) as log:
        entries, items = viewing_log.contents(log)
        index = ViewingIndex(entries, items)
        for film in found:
            on_it = watchlist_items_of(items, film)
            if add:
                if index.on_watchlist(film):
                    changes.append(LogChange("already", film))
                    continue
                item = WatchlistItem(film_identity(film), film.title, film.year, _today().isoformat())
                viewing_log.add_to_watchlist(log, item)
                changes.append(LogChange("added", film))
            elif on_it:
                viewing_log.remove_from_watchlist(log, on_it)
                changes.append(LogChange("dropped", film))
            else:
                changes.append(LogChange("absent", film))
    return changes


def watchlist() -> list[WatchlistLine]:
    """The films on your watchlist, in the order added, with the catalogue's film where it knows it."""
    from soviet_films.core.viewing import FilmFinder

    index = _viewing_required()
    if index is None:
        return []
    catalog = _catalog()
    finder = FilmFinder(catalog.films.values())
    return [
        WatchlistLine(item, _film_of(catalog, finder, item.film, item.title, item.year))
        for item in index.watchlist
    ]


def diary(years: YearRange | None = None, theme: str | None = None) -> list[DiaryLine]:
    """Your diary entries (watches with a day), newest first, narrowed to a range of years watched
    and to the films of a theme."""
    from soviet_films.core.viewing import FilmFinder

    index = _viewing_required()
    if index is None:
        return []
    catalog = _catalog()
    chosen = _theme(catalog, theme)
    in_theme = {entry.film_id for entry in chosen.entries} if chosen is not None else None
    finder = FilmFinder(catalog.films.values())
    lines = []
    for entry in index.entries:
        if entry.kind != "diary" or (years is not None and int(entry.watched_on[:4] or 0) not in years):
            continue
        film = _film_of(catalog, finder, entry.film, entry.title, entry.year)
        if in_theme is not None and (film is None or film.id not in in_theme):
            continue
        lines.append(DiaryLine(entry, film))
    return lines


def _viewing_required() -> ViewingIndex | None:
    """The viewing log for the log's own commands: one that cannot be read is an error."""
    path = places.log_file()
    if not path.exists():
        return None
    from soviet_films.core.viewing import ViewingIndex
    from soviet_films.store.viewing_log import read_log

    contents = read_log(path)
    return ViewingIndex(*contents) if contents is not None else None


def _film_of(catalog: Catalog, finder: Any, identity: str, title: str, year: int | None) -> Film | None:
    """The catalogue's film for a log line: by its identity, else by its title and year."""
    if identity.startswith("record:") and identity[7:] in catalog.films:
        return catalog.films[identity[7:]]
    return finder.find(title, year)


def letterboxd_import(path: str) -> HistoryImport:
    """Bring a Letterboxd export (the ZIP, or any of its watched, diary, ratings and watchlist CSV
    files) into the viewing log, in one transaction. Each row is matched to a film of the
    catalogue by its title and year; rows of films no list names are kept too. Importing the same
    export again adds nothing.

    Raises FileProblems (every bad row, at its line; nothing written), LogUnusable, LogBusy.
    """
    from soviet_films.core.viewing import FilmFinder, film_identity
    from soviet_films.errors import FileProblems, NothingImported
    from soviet_films.store import viewing_log
    from soviet_films.store.letterboxd import read_export

    try:
        rows = read_export(path)
    except FileProblems as error:
        raise NothingImported(path, error.problems) from None
    finder = FilmFinder(_catalog().films.values())
    matched = [row._replace(film=finder.find(row.title, row.year)) for row in rows]
    with viewing_log.writing(places.log_file()) as log:
        added = viewing_log.import_history(
            log, [(row, film_identity(row.film) if row.film is not None else "") for row in matched]
        )
    unmatched = [row for row in matched if row.film is None]
    return HistoryImport(len(rows), len(rows) - len(unmatched), added, unmatched)


# ---------------------------------------------------------------- the browser


class Browser:
    """What the interactive browser asks for, from one read of the catalogue and the viewing log:
    the themes, a theme's films filtered as the user types, a film's card, a search. The viewing
    log is written only through ``watched`` and ``watchlist_change``, as the commands write it."""

    def __init__(self) -> None:
        self.catalog = _catalog()
        self._index = _viewing()
        self._matchers: dict[str | None, Any] = {}
        self._rows: dict[str | None, list[Any]] = {}

    def theme_id(self, query: str) -> str:
        """The id of the theme ``query`` names. Raises NotFound or Ambiguous."""
        from soviet_films.core.resolve import resolve_theme

        return resolve_theme(self.catalog, query).id

    @property
    def has_log(self) -> bool:
        """Whether a viewing log is there to show and to mark films in."""
        return places.log_file().exists()

    def themes(self) -> ThemeList:
        """Every theme, with your progress where you keep a log."""
        if self._index is None:
            return ThemeList(list(self.catalog.themes))
        from soviet_films.core.viewing import seen_in

        catalog, index = self.catalog, self._index
        return ThemeList(list(catalog.themes), {t.id: seen_in(catalog, index, (e.film_id for e in t.entries))
                                                for t in catalog.themes})  # fmt: skip

    def listing(self, theme_id: str | None, text: str = "", sort: str = "list") -> Listing:
        """The films of a theme (None: every film once) that the filter ``text`` names: words of a
        title in any alphabet or an id, a year, range or decade (``1970s``), ``by:`` a director."""
        from soviet_films.core.filters import film_rows, filter_rows, parse_year_filter, sort_rows

        theme = self.catalog.theme(theme_id) if theme_id is not None else None
        rows = self._rows.get(theme_id)
        if rows is None:
            rows = self._rows[theme_id] = film_rows(self.catalog, theme)
        words, years, directors = [], None, None
        for word in text.split():
            if word.lower().startswith("by:"):
                directors = self._directors_typed(word[3:]) if word[3:] else None
                continue
            try:
                years = parse_year_filter(word)
            except ValueError:
                words.append(word)
        rows = filter_rows(rows, years, directors)
        if words:
            named = self.matcher(theme_id).matching(" ".join(words))
            rows = [row for row in rows if row.film.id in named]
        if sort == "director":
            rows = sorted(rows, key=lambda row: (row.film.directors or ("~",))[0].split()[-1])
        else:
            rows = sort_rows(rows, sort)
        return Listing(theme, rows, _viewing_of(self._index, [row.film for row in rows]))

    def _directors_typed(self, typed: str) -> set[str]:
        """The directors a ``by:`` word names: as ``--director`` resolves it, or, while it is still
        being typed, every director with a name that begins so ('tark')."""
        from soviet_films.core.resolve import director_keys, director_names, resolve_directors
        from soviet_films.core.text import fold
        from soviet_films.errors import NotFound

        try:
            return resolve_directors(self.catalog, typed)
        except NotFound:
            start = fold(typed)
            return {
                name
                for name in director_names(self.catalog)
                if any(
                    word.startswith(start)
                    for key in director_keys(self.catalog, name)
                    for word in key.split()
                )
            }

    def matcher(self, theme_id: str | None) -> Any:
        """The filter's matcher for a theme's films, made once (folding every title takes a moment
        in a large catalogue; each keystroke after only compares)."""
        from soviet_films.core.filters import film_rows
        from soviet_films.core.resolve import FilmMatcher

        matcher = self._matchers.get(theme_id)
        if matcher is None:
            theme = self.catalog.theme(theme_id) if theme_id is not None else None
            rows = self._rows.get(theme_id) or film_rows(self.catalog, theme)
            self._rows[theme_id] = rows
            matcher = self._matchers[theme_id] = FilmMatcher([row.film for row in rows])
        return matcher

    def card(self, film_id: str) -> FilmCard:
        """The film's card, every list's words on it, and your viewing."""
        film = self.catalog.films[film_id]
        viewing = self._index.of(film) if self._index is not None else None
        return FilmCard(film, self.catalog.appearances(film_id), viewing)

    def search(self, text: str) -> list[SearchHit]:
        """What ``sfilms search`` finds for ``text`` (empty: nothing)."""
        try:
            return search(text.split())
        except BadValue:
            return []

    def mark_watched(self, film_id: str) -> LogChange:
        """Log the film as watched today, as ``sfilms watched`` does."""
        change = watched(film_id)
        self._index = _viewing()
        return change

    def add_to_watchlist(self, film_id: str) -> LogChange:
        """Put the film on the watchlist, as ``sfilms watchlist add`` does."""
        [change] = watchlist_change([film_id], add=True)
        self._index = _viewing()
        return change
