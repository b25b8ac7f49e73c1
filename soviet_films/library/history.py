"""Your Letterboxd history: bringing an export in (``letterboxd_import``), and what an export for
Letterboxd's importer holds (``letterboxd_history``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from soviet_films import places
from soviet_films.library.session import Notes, answering, shelf
from soviet_films.model import DiaryLine, HistoryImport, UnmatchedFilm, WatchlistLine

if TYPE_CHECKING:
    from soviet_films.model import Catalog, Film, HistoryRow


@answering
def letterboxd_import(
    notes: Notes,
    path: str,
    dry_run: bool = False,
    lists: bool = False,
    replace: bool = False,
    watchlist: bool = False,
) -> HistoryImport:
    """Bring a Letterboxd export (the ZIP, or any of its CSV files, or what ``letterboxd export``
    wrote) into the viewing log, in one transaction, as ``core.history`` plans it: importing it again
    changes nothing. Each row's film is found by the one identity rule; rows of films no list names are
    kept too. With ``dry_run``, say what it would do and write nothing; with ``lists``, your Letterboxd
    lists in the ZIP come in as themes too (as ``import`` reads a Letterboxd list export); with
    ``watchlist``, a CSV's rows are watchlist items (whatever its name).

    Raises NothingImported (a file that is no Letterboxd export, a damaged or hostile archive, bad rows:
    nothing written), LogUnusable, LogBusy, AlreadyExists (a list of that id, without ``replace``).
    """
    import datetime as dt

    from soviet_films.core.history import plan_import
    from soviet_films.core.viewing import FilmFinder, film_identity
    from soviet_films.errors import FileProblems, NothingImported
    from soviet_films.store import viewing_log
    from soviet_films.store.letterboxd import read_export

    try:
        export = read_export(path, "watchlist" if watchlist else None)
    except FileProblems as error:
        raise NothingImported(path, error.problems) from None
    catalog = shelf(notes).whole()
    finder = FilmFinder(catalog.films.values())
    rows = [row._replace(film=finder.find(row.title, row.year)) for row in export.rows]
    identities = [(row, film_identity(row.film) if row.film is not None else "") for row in rows]
    read = viewing_log.read_log(places.log_file())
    entries, items = read if read is not None else ([], [])
    plan = plan_import(entries, items, identities)
    added, updated = len(plan.add) + len(plan.add_watchlist), len(plan.change)
    imported: list[str] = []
    if not dry_run:
        if lists:
            imported = _import_lists(export.lists, replace)
        if plan.add or plan.change or plan.add_watchlist:
            with viewing_log.writing(places.log_file()) as log:
                # Planned again inside the transaction: another writer may have come between.
                plan = plan_import(*viewing_log.contents(log), identities)
                added = viewing_log.apply_import(log, plan, dt.date.today().isoformat())
                updated = len(plan.change)
    matched = {row.film.id for row in rows if row.film is not None}
    return HistoryImport(
        rows=len(rows), matched=len(matched), unmatched=_unmatched(rows, catalog), diary=plan.diary,
        reviews=plan.reviews, ratings=plan.ratings, watched=plan.watched, watchlist=plan.watchlist,
        added=added, updated=updated, skipped=tuple(export.skipped), reported=tuple(plan.reported),
        lists=tuple(name for name, _ in export.lists), imported=tuple(imported), dry_run=dry_run,
    )  # fmt: skip


def _unmatched(rows: list[HistoryRow], catalog: Catalog) -> list[UnmatchedFilm]:
    """The films of the rows no film of the lists is, each once with its rows and why."""
    from soviet_films.core.history import film_key
    from soviet_films.core.identity import Matcher, record_titles

    matcher = Matcher()
    for film in catalog.films.values():
        matcher.know(film.id, film.year, record_titles(film), film.directors)
    grouped: dict[tuple[str, int | None], list[HistoryRow]] = {}
    for row in rows:
        if row.film is None:
            grouped.setdefault(film_key(row.title, row.year), []).append(row)
    found = []
    for group in grouped.values():
        first = group[0]
        match = matcher.match((first.title,), first.year)
        near = catalog.films.get(match.near or "")
        if first.year is None:
            reason = "the row gives no year"
        elif match.why == "ambiguous" and near is not None:
            reason = f"two films of the lists fit as well, {near.id} ({near.year}) one of them"
        elif match.why == "year" and near is not None:
            reason = f"the year is too far from {near.id} ({near.title}, {near.year})"
        else:
            reason = "no list names it"
        found.append(UnmatchedFilm(first.title, first.year, tuple(group), reason))
    return found


def _import_lists(lists: list[tuple[str, str]], replace: bool) -> list[str]:
    """Your Letterboxd lists, each written as a theme (as ``import`` reads a list export)."""
    from soviet_films.library.lists import import_text

    return [import_text(text, name, replace=replace).theme_id for name, text in lists]


@answering
def letterboxd_history(notes: Notes) -> tuple[list[DiaryLine], list[WatchlistLine]]:
    """Everything your log holds, for Letterboxd's importer: every entry (diary entries, ratings, films
    seen without a day) with the catalogue's film where it knows it, and the watchlist. A diary entry's
    ``uri`` is its film's Letterboxd link where the log knows it (Letterboxd links a diary entry to the
    viewing, a rating or a watchlist item to the film)."""
    from soviet_films.core.history import film_key
    from soviet_films.core.viewing import FilmFinder
    from soviet_films.library.viewing import _film_of, _viewing_required

    index = _viewing_required()
    if index is None:
        return [], []
    catalog = shelf(notes).whole()
    finder = FilmFinder(catalog.films.values())

    def film(identity: str, title: str, year: int | None) -> Film | None:
        return _film_of(catalog, finder, identity, title, year)

    links = {film_key(item.title, item.year): item.uri for item in index.watchlist if item.uri}
    links |= {film_key(e.title, e.year): e.uri for e in index.entries if e.uri and e.kind != "diary"}
    entries = [
        entry._replace(uri=links.get(film_key(entry.title, entry.year), ""))
        if entry.kind == "diary"
        else entry
        for entry in sorted(index.entries, key=lambda entry: (entry.watched_on or "~", entry.number))
    ]
    return (
        [DiaryLine(entry, film(entry.film, entry.title, entry.year)) for entry in entries],
        [WatchlistLine(item, film(item.film, item.title, item.year)) for item in index.watchlist],
    )
