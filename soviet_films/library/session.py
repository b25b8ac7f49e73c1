"""What every door function shares: the notes it gathers, the shelf it asks, the viewing log it reads,
and resolving a typed theme or director with the domain's rules on what the shelf fetched."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from soviet_films import places
from soviet_films.errors import Ambiguous, LogBusy, LogUnusable, NotFound, SfilmsError, StoreDamaged
from soviet_films.model import Answer, Catalog, Film, LogNote, SkippedFile, Theme

if TYPE_CHECKING:
    from soviet_films.core.viewing import ViewingIndex
    from soviet_films.store.shelf import Shelf

Arguments = ParamSpec("Arguments")
Result = TypeVar("Result")


class Notes(list[SkippedFile | LogNote]):
    """What one call gathers for the user to be told beside its answer."""

    def add(self, note: SkippedFile | LogNote) -> None:
        if note not in self:
            self.append(note)


def answering(
    function: Callable[Concatenate[Notes, Arguments], Result],
) -> Callable[Arguments, Answer[Result]]:
    """A door function: called with a fresh ``Notes``, its result returned with them as an Answer; an
    error it raises carries them too."""

    @functools.wraps(function)
    def door(*args: Arguments.args, **kwargs: Arguments.kwargs) -> Answer[Result]:
        notes = Notes()
        try:
            try:
                value = function(notes, *args, **kwargs)
            except StoreDamaged:  # the damaged cache is gone: asked again, the files answer
                notes = Notes()
                value = function(notes, *args, **kwargs)
        except SfilmsError as error:
            error.notes = (*notes, *error.notes)
            raise
        return Answer(value, tuple(notes))

    return door


def shelf(notes: Notes | None) -> Shelf:
    """The catalogue's shelf, up to date, to ask each question of (see ``store.shelf``); the files it
    left out go into ``notes`` (None: this command does not tell of them)."""
    from soviet_films.store.shelf import open_shelf

    found = open_shelf()
    if notes is not None:
        for skipped in found.skipped:
            notes.add(skipped)
    return found


def viewing(notes: Notes) -> ViewingIndex | None:
    """The viewing log, ready to look films up in; None when there is none, or it cannot be read
    (reading commands then go on without it, and a note says why)."""
    path = places.log_file()
    if not has_log():  # the common case, and cheap: no sqlite3, no viewing code imported
        return None
    from soviet_films.core.viewing import ViewingIndex
    from soviet_films.store.viewing_log import read_log

    try:
        contents = read_log(path)
    except LogUnusable as problem:
        notes.add(LogNote(problem.path, problem.reason))
        return None
    except LogBusy as problem:
        notes.add(LogNote(problem.path, "busy", busy=True))
        return None
    return ViewingIndex(*contents) if contents is not None else None


def has_log() -> bool:
    """Whether anything is at the viewing log's path (a file sfilms cannot read counts: reading
    it then says why)."""
    return places.is_there(places.log_file())


def resolved(
    named: Callable[[Catalog, str], Any],
    fetch: Callable[[str], Catalog],
    every: Callable[[], Catalog],
    query: str,
) -> Any:
    """What ``named`` (a resolver of ``core.resolve``) finds for ``query`` in what ``fetch`` fetched
    for it; on a miss, in ``every`` (so the closest names are looked for among all of them)."""
    try:
        return named(fetch(query), query)
    except NotFound:
        return named(every(), query)


def theme_named(found: Shelf, query: str | None) -> Theme | None:
    """The theme ``query`` names (None for None). Raises NotFound or Ambiguous."""
    from soviet_films.core.resolve import resolve_theme

    if query is None:
        return None
    return resolved(resolve_theme, found.themes_named, found.for_themes, query)


def directors_named(found: Shelf, query: str | None) -> set[str] | None:
    """The directors ``query`` names (None for None). Raises NotFound."""
    from soviet_films.core.resolve import resolve_directors

    if query is None:
        return None
    return resolved(resolve_directors, found.directors_named, found.every_director, query)


NO_LIST = "no list names it yet"


def logged_films(index: ViewingIndex | None) -> dict[str, Film]:
    """The films your log names, as films no list names (one per title and year; the id empty, the
    note saying so), by a key of their own for the resolver."""
    from soviet_films.core.history import film_key

    films: dict[str, Film] = {}
    if index is None:
        return films
    named = [(entry.title, entry.year) for entry in index.entries] + [
        (i.title, i.year) for i in index.watchlist
    ]
    for title, year in named:
        if year is not None:
            key = " ".join(map(str, film_key(title, year)))
            films.setdefault(key, Film(id="", title=title, year=year, note=NO_LIST))
    return films


def film_or_logged(found: Shelf, query: str, index: ViewingIndex | None, new: bool = False) -> Film:
    """The film ``query`` names: in the catalogue, else among the films your log names, else (with
    ``new``, a title with its year: "Pulp Fiction 1994") a film no list names, to log. Raises
    NotFound (the catalogue's; saying a year would do, where ``new``) or Ambiguous."""
    from soviet_films.core.resolve import plan_film_query, resolve_film

    try:
        return film_named(found, query)[0]
    except NotFound as miss:
        logged = logged_films(index)
        try:
            film = resolve_film(Catalog((), logged, {key: () for key in logged}), query)
            return film
        except NotFound:
            pass
        recorded = _recorded_film(found, query)
        if recorded is not None:
            return recorded
        written = re.fullmatch(r"\s*(.*?\S)[\s,(\[]*(\d{4})[)\]]?\s*", query)
        if new and written and plan_film_query(query).titled:
            return Film(id="", title=written[1], year=int(written[2]), note=NO_LIST)
        miss.needs_year = new and not miss.suggestions
        raise


def _recorded_film(found: Shelf, query: str) -> Film | None:
    """The film of the records (an open record no list names yet) ``query`` names, by one of its
    titles in any spelling, with its year if given: its card, with no id, saying no list names it."""
    from soviet_films.core.identity import title_keys
    from soviet_films.core.resolve import plan_film_query, resolve_film

    plan = plan_film_query(query)
    wanted = title_keys([query, *(form for form in plan.titled)]) if plan.titled else title_keys([query])
    records = {film.id: film for film in found.records_for(wanted)}
    if not records:
        return None
    try:
        film = resolve_film(Catalog((), records, {key: () for key in records}), query)
    except (NotFound, Ambiguous):
        return None
    return film._replace(id="", note=NO_LIST)


def film_named(found: Shelf, query: str) -> tuple[Any, Catalog]:
    """The film ``query`` names, and the catalogue it was found in (the films it could name, or on a
    miss the whole catalogue). Raises NotFound or Ambiguous."""
    from soviet_films.core.resolve import resolve_film

    catalog = found.for_film(query)
    try:
        return resolve_film(catalog, query), catalog
    except NotFound:
        whole = found.whole()
        if whole is catalog:
            raise
        return resolve_film(whole, query), whole
