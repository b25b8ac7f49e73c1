"""The viewing log's commands: watched, unwatch, watchlist, diary, and letterboxd import/export.

Each parses, asks the library, and says what changed in one line on stderr (stdout carries what
a script would read: the diary, the watchlist, the unmatched rows, an export).
"""

from __future__ import annotations

import contextlib
from typing import Annotated

import typer

from soviet_films import console, library
from soviet_films.cli.app import app, emit_view, help_text, write_document
from soviet_films.cli.group import tell
from soviet_films.cli.options import (
    TEXT,
    FilmArgument,
    ForceOption,
    JsonOption,
    NoPagerOption,
    OutputOption,
    PlainOption,
    ThemeOption,
    usage_error,
    view,
    years,
)
from soviet_films.model import Film, HistoryImport, LogChange


def _named(film: Film) -> str:
    return f"{film.title} ({film.year})"


def _day(on: str | None) -> str | None:
    """The day --on names, read as 'sfilms watched' and 'sfilms unwatch' take it; a bad one is usage."""
    with usage_error("'--on'"):
        return library.parse_day(on) if on is not None else None


def _stars(rating: float | None) -> str:
    return f"{rating:g}/5" if rating is not None else ""


@app.command(
    short_help="Log a film you watched (a diary entry).",
    help=help_text(
        "sfilms watched stalker --rating 4.5",
        "Add a diary entry to your viewing log: FILM (as 'sfilms show' takes it) watched today, or "
        "--on a day, with an optional rating from 0.5 to 5 in half steps, a rewatch mark and a note. "
        "A film may have several entries.",
    ),
)
def watched(
    film: FilmArgument,
    on: Annotated[
        str | None, typer.Option("--on", metavar="DATE", help="The day: 2026-11-30, today or yesterday.")
    ] = None,
    rating: Annotated[
        str | None, typer.Option("--rating", "-r", metavar="STARS", help="0.5 to 5 in half steps.")
    ] = None,
    rewatch: Annotated[bool, typer.Option("--rewatch", help="You had seen it before.")] = False,
    note: Annotated[str, typer.Option("--note", metavar="TEXT", help="A few words of your own.")] = "",
) -> None:
    """Add a diary entry."""
    day = _day(on)
    with usage_error("'--rating'"):
        stars = library.parse_rating(rating) if rating is not None else None
    answer = library.watched(film, day, stars, rewatch, note)
    tell(answer.notes)
    change = answer.value
    [entry] = change.entries
    details = "".join([f", rated {_stars(entry.rating)}" if entry.rating is not None else "",
                       " (a rewatch)" if entry.rewatch else ""])  # fmt: skip
    console.note(f"logged {_named(change.film)} on {entry.watched_on}{details}")
    if change.left_watchlist:
        console.note(f"took {_named(change.film)} off your watchlist")


@app.command(
    short_help="Remove a film's diary entries.",
    help=help_text(
        "sfilms unwatch stalker --on 2026-11-30",
        "Remove FILM's entries from your viewing log: all of them, or only those of the day --on. "
        "Says what it removed; nothing to remove is exit 1.",
    ),
)
def unwatch(
    film: FilmArgument,
    on: Annotated[
        str | None, typer.Option("--on", metavar="DATE", help="Only the entries of this day (2026-11-30).")
    ] = None,
) -> None:
    """Remove diary entries."""
    day = _day(on)
    answer = library.unwatch(film, day)
    tell(answer.notes)
    change = answer.value
    days = ", ".join(entry.watched_on or "no day" for entry in change.entries)
    count = len(change.entries)
    console.note(f"removed {count} entr{'y' if count == 1 else 'ies'} of {_named(change.film)}: {days}")


_WATCHLIST_NOTES = {
    "added": "added {film} to your watchlist",
    "already": "{film} is on your watchlist already",
    "dropped": "took {film} off your watchlist",
    "absent": "{film} was not on your watchlist",
}


@app.command(
    "watchlist",
    short_help="Your watchlist: show it, or add and remove films.",
    help=help_text(
        "sfilms watchlist add mirror 'solaris 1972'",
        "With no words, show the films on your watchlist, in the order added. 'add FILM...' puts "
        "films on it, 'remove FILM...' takes them off (each FILM as 'sfilms show' takes it; one that "
        "names no film changes nothing).",
        "Piped or with --plain: one tab-separated line per film: id, title, year, the day added "
        "(the id is empty for a film no list names).",
    ),
)
def watchlist(
    words: Annotated[
        list[str] | None,
        typer.Argument(metavar="[add|remove] FILM...", click_type=TEXT, help="add or remove, then films."),
    ] = None,
    as_json: JsonOption = False,
    plain: PlainOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Show or change the watchlist."""
    if not words:
        answer = library.watchlist()
        emit_view(view(as_json, plain).watchlist(answer.value), no_pager, answer.notes)
        return
    action, *films = words
    if action not in ("add", "remove"):
        raise typer.BadParameter(f"'{action}' is not add or remove", param_hint="'[add|remove]'")
    if not films:
        raise typer.BadParameter(f"name the films to {action}", param_hint="FILM")
    answer = library.watchlist_change(films, add=action == "add")
    tell(answer.notes)
    changes: list[LogChange] = answer.value
    for change in changes:
        console.note(_WATCHLIST_NOTES[change.action].format(film=_named(change.film)))


@app.command(
    short_help="Your diary: show it, or change or remove one entry.",
    help=help_text(
        "sfilms diary --year 2026",
        "With no words, show the entries of your viewing log with a day, newest first; --year narrows "
        "them to the days you watched (2026, 2020-2026, 2020s), --theme to the films of a theme. "
        "'edit NUMBER' changes one entry (--on, --rating or --no-rating, --rewatch or --no-rewatch, "
        "--note); 'remove NUMBER' removes it. Each entry's number is in the listing.",
        "Piped or with --plain: one tab-separated line per entry: id, day, title, year, rating, "
        "'rewatch', note, number (the id is empty for a film no list names).",
    ),
)
def diary(
    words: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[edit|remove NUMBER]", click_type=TEXT, help="edit or remove, then an entry."
        ),
    ] = None,
    year: Annotated[
        str | None,
        typer.Option("--year", "-y", metavar="YEARS", help="Days watched: 2026, 2020-2026, 2020s."),
    ] = None,
    theme: ThemeOption = None,
    on: Annotated[str | None, typer.Option("--on", metavar="DATE", help="edit: the day watched.")] = None,
    rating: Annotated[
        str | None, typer.Option("--rating", "-r", metavar="STARS", help="edit: 0.5 to 5.")
    ] = None,
    no_rating: Annotated[bool, typer.Option("--no-rating", help="edit: take the rating away.")] = False,
    rewatch: Annotated[
        bool | None, typer.Option("--rewatch/--no-rewatch", help="edit: whether you had seen it before.")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help="edit: your words.")] = None,
    as_json: JsonOption = False,
    plain: PlainOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Show the diary, or change or remove one entry."""
    if words:
        _change_entry(words, on, rating, no_rating, rewatch, note)
        return
    answer = library.diary(years(year), theme)
    emit_view(view(as_json, plain).diary(answer.value), no_pager, answer.notes)


def _change_entry(
    words: list[str],
    on: str | None,
    rating: str | None,
    no_rating: bool,
    rewatch: bool | None,
    note: str | None,
) -> None:
    action, *rest = words
    if action not in ("edit", "remove"):
        raise typer.BadParameter(f"'{action}' is not edit or remove", param_hint="'[edit|remove]'")
    if len(rest) != 1 or not rest[0].isdigit():
        raise typer.BadParameter(f"give the number of the entry to {action} (sfilms diary lists them)",
                                 param_hint="NUMBER")  # fmt: skip
    number = int(rest[0])
    if action == "remove":
        answer = library.remove_entry(number)
        tell(answer.notes)
        [entry] = answer.value.entries
        console.note(f"removed entry {number}: {_named(answer.value.film)}, {entry.watched_on or 'no day'}")
        return
    day = _day(on)
    with usage_error("'--rating'"):
        stars = library.parse_rating(rating) if rating is not None else None
    if day is None and stars is None and not no_rating and rewatch is None and note is None:
        what = "--on, --rating, --no-rating, --rewatch, --no-rewatch or --note"
        raise typer.BadParameter(f"say what to change: {what}", param_hint="edit")
    answer = library.change_entry(number, day, stars, rewatch, note, clear_rating=no_rating)
    tell(answer.notes)
    was, now = answer.value.entries
    changes = [
        f"{name} {before} -> {after}"
        for name, before, after in (
            ("day", was.watched_on or "none", now.watched_on or "none"),
            ("rating", _stars(was.rating) or "none", _stars(now.rating) or "none"),
            ("rewatch", "yes" if was.rewatch else "no", "yes" if now.rewatch else "no"),
            ("note", repr(was.note[:40]), repr(now.note[:40])),
        )
        if before != after
    ]
    what = "; ".join(changes) if changes else "nothing changed"
    console.note(f"entry {number} ({_named(answer.value.film)}): {what}")


letterboxd = typer.Typer(
    name="letterboxd",
    help=help_text(
        "sfilms letterboxd import ~/Downloads/letterboxd-me-2026-12-01.zip",
        "Bring your Letterboxd history in ('import'), or take your log out to Letterboxd ('export').",
    ),
    no_args_is_help=True,
)
app.add_typer(
    letterboxd,
    name="letterboxd",
    short_help="Bring your Letterboxd history in, or take your log out to Letterboxd.",
)


@letterboxd.command(
    "import",
    short_help="Import a Letterboxd export into your viewing log.",
    help=help_text(
        "sfilms letterboxd import ~/Downloads/letterboxd-me-2026-12-01.zip --dry-run",
        "Bring in EXPORT: the ZIP from Letterboxd's 'Export your data' (your diary, reviews, ratings, "
        "films watched and watchlist; what it keeps under deleted/ and orphaned/ is not your history and "
        "stays out), one of its CSV files, or what 'sfilms letterboxd export' wrote. Each film is matched "
        "to a film of the lists as import matches (any title in any spelling, the year equal or one "
        "apart); films no list names are kept too, and match when a list naming them arrives. A review "
        "gives its text to its diary entry. Importing the same export again, or your own export back, "
        "changes nothing.",
        "Says what it read and did on stderr; --unmatched prints the films no list names, one per line "
        "(title, year, rows, why, file:line); --json prints it all as JSON. --dry-run writes nothing. "
        "--lists brings your Letterboxd lists in the ZIP in as themes.",
    ),
)
def letterboxd_import(
    export: Annotated[str, typer.Argument(metavar="EXPORT", click_type=TEXT, help="The ZIP or a CSV file.")],
    unmatched: Annotated[
        bool,
        typer.Option("--unmatched", help="Print the films no list names: title, year, rows, why, where."),
    ] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Say what it would do; write nothing.")] = False,
    lists: Annotated[bool, typer.Option("--lists", help="Bring your Letterboxd lists in as themes.")] = False,
    force: Annotated[
        bool, typer.Option("--force", help="With --lists: replace a list of the same id.")
    ] = False,
    watchlist: Annotated[
        bool, typer.Option("--watchlist", help="The CSV is a watchlist ('letterboxd export --watchlist').")
    ] = False,
    as_json: JsonOption = False,
    plain: PlainOption = False,
) -> None:
    """Import a Letterboxd export."""
    answer = library.letterboxd_import(
        export, dry_run=dry_run, lists=lists, replace=force, watchlist=watchlist
    )
    tell(answer.notes)
    result = answer.value
    for problem in result.reported:
        console.note(f"warning: {problem}")
    console.note(history_summary(result))
    if result.lists and not result.imported:
        names = ", ".join(name.removeprefix("lists/").removesuffix(".csv") for name in result.lists)
        console.note(f"your Letterboxd lists: {names} (--lists brings them in as themes)")
    if as_json or unmatched:
        # The log is written: a stdout that cannot take the report does not undo it.
        with contextlib.suppress(console.OutputFailed):
            console.show(view(as_json, plain).history_import(result))


def history_summary(result: HistoryImport) -> str:
    """One line: what an import read, and what it did (or would do)."""
    read = (
        f"read {result.rows} rows: {result.matched} films the lists name, {len(result.unmatched)} they "
        "do not; "
        f"{result.diary} diary entries ({result.reviews} reviews), {result.ratings} ratings, "
        f"{result.watched} films seen without a day, {result.watchlist} watchlist items"
    )
    done = f"{result.added} new to your log, {result.updated} changed"
    if result.dry_run:
        done = f"--dry-run, nothing written: {result.added} would be new, {result.updated} would change"
    skipped = f"; left out {len(result.skipped)} files that are not your history" if result.skipped else ""
    imported = f"; lists as themes: {', '.join(result.imported)}" if result.imported else ""
    return f"{read}; {done}{skipped}{imported}"


@letterboxd.command(
    "export",
    short_help="Write your log as a CSV Letterboxd's importer takes.",
    help=help_text(
        "sfilms letterboxd export -o history.csv",
        "Write your log in the CSV Letterboxd's importer takes (Title, Year, Directors, imdbID, "
        "LetterboxdURI, WatchedDate, Rating, Rewatch, Review, Tags): every diary entry, every film's "
        "rating, every film seen without a day; --watchlist writes your watchlist instead (Title, Year, "
        "LetterboxdURI, imdbID), for Letterboxd's watchlist import. To stdout or, with -o, atomically "
        "to FILE (never over an existing file without --force). 'sfilms letterboxd import' reads it back.",
    ),
)
def letterboxd_export(
    output_path: OutputOption = None,
    force: ForceOption = False,
    watchlist: Annotated[bool, typer.Option("--watchlist", help="Write your watchlist instead.")] = False,
) -> None:
    """Export the log for Letterboxd."""
    from soviet_films.views.export import letterboxd_history, letterboxd_watchlist

    answer = library.letterboxd_history()
    tell(answer.notes)
    entries, items = answer.value
    text = letterboxd_watchlist(items) if watchlist else letterboxd_history(entries)
    write_document(text, output_path, force, exact=True)
