"""The viewing log's commands: watched, unwatch, watchlist, diary, and letterboxd import/export.

Each parses, asks the library, and says what changed in one line on stderr (stdout carries what
a script would read: the diary, the watchlist, the unmatched rows, an export).
"""

from __future__ import annotations

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
    ThemeArgument,
    ThemeOption,
    YearOption,
    usage_error,
    view,
    years,
)
from soviet_films.errors import SfilmsError
from soviet_films.model import Film, LogChange
from soviet_films.safe import visible


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
        "sfilms watchlist add mirror solaris",
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
    short_help="Your diary entries, newest first.",
    help=help_text(
        "sfilms diary --year 2026",
        "Show the entries of your viewing log with a day, newest first; --year narrows them to the "
        "days watched (2026, 2020-2026, 2020s), --theme to the films of a theme.",
        "Piped or with --plain: one tab-separated line per entry: id, day, title, year, rating, "
        "'rewatch', note (the id is empty for a film no list names).",
    ),
)
def diary(
    year: YearOption = None,
    theme: ThemeOption = None,
    as_json: JsonOption = False,
    plain: PlainOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Show the diary."""
    answer = library.diary(years(year), theme)
    emit_view(view(as_json, plain).diary(answer.value), no_pager, answer.notes)


letterboxd = typer.Typer(
    name="letterboxd",
    help="Bring your Letterboxd history in, or take your diary out to Letterboxd.",
    no_args_is_help=True,
)
app.add_typer(letterboxd, name="letterboxd")


@letterboxd.command(
    "import",
    short_help="Import a Letterboxd export into your viewing log.",
    help=help_text(
        "sfilms letterboxd import ~/Downloads/letterboxd-me-2026-12-01.zip",
        "Bring in EXPORT: the ZIP from Letterboxd's 'Export your data', or any of its watched.csv, "
        "diary.csv, ratings.csv and watchlist.csv (or a CSV 'sfilms letterboxd export' wrote). Each "
        "row is matched to a film of the lists by title and year (a year either side, any title the "
        "film is known by); rows of films no list names are kept too, and match when a list naming "
        "them arrives. Importing the same export again adds nothing. A row that is not Letterboxd's "
        "is reported at its line, and then nothing is written.",
    ),
)
def letterboxd_import(
    export: Annotated[str, typer.Argument(metavar="EXPORT", click_type=TEXT, help="The ZIP or a CSV file.")],
    unmatched: Annotated[
        bool, typer.Option("--unmatched", help="Print the rows no list names: title, year, kind, file:line.")
    ] = False,
) -> None:
    """Import a Letterboxd export."""
    answer = library.letterboxd_import(export)
    tell(answer.notes)
    result = answer.value
    console.note(
        f"read {result.rows} rows: {result.matched} matched films of the lists, {len(result.unmatched)} kept "
        f"for films no list names yet; {result.added} new to your log"
    )
    if unmatched:
        fields = [(row.title, row.year or "", row.kind, f"{row.path}:{row.line}") for row in result.unmatched]
        console.emit("".join("\t".join(visible(str(field)) for field in row) + "\n" for row in fields))


@letterboxd.command(
    "export",
    short_help="Write your diary as a CSV Letterboxd's importer takes.",
    help=help_text(
        "sfilms letterboxd export -o diary.csv",
        "Write your diary entries in the CSV format Letterboxd's importer takes (Title, Year, "
        "Directors, imdbID, WatchedDate, Rating, Rewatch, Review), to stdout or, with -o, atomically "
        "to FILE (never over an existing file without --force).",
    ),
)
def letterboxd_export(
    output_path: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Export the diary for Letterboxd."""
    from soviet_films.views.export import letterboxd_diary

    answer = library.diary()
    tell(answer.notes)
    text = letterboxd_diary(answer.value)
    write_document(text, output_path, force)


@app.command(
    short_help="Browse the lists in a full-screen browser (pip install 'sfilms\\[tui]').",
    help=help_text(
        'sfilms show "$(sfilms browse loneliness)"',
        "Open a full-screen browser: the themes, a theme's films (or every film), and the film under "
        "the cursor with what every list says about it. Type to filter the films (titles in any "
        "alphabet, ids, 1970s, by:tarkovsky); / searches every list; F1 shows the keys. Enter picks "
        "the film: the browser closes and prints its id, so it works in $(...) and pipes; Esc closes "
        "it with nothing printed (exit 1).",
        "Needs Textual: pip install 'sfilms\\[tui]'.",
    ),
)
def browse(theme: ThemeArgument = None) -> None:
    """Browse interactively; print the id of the film picked."""
    try:
        import textual  # noqa: F401 (only to learn whether the extra is installed)
    except ImportError:
        raise SfilmsError(
            "sfilms browse needs Textual, an optional extra: pip install 'sfilms[tui]'"
        ) from None
    from soviet_films.tui.run import NoTerminal
    from soviet_films.tui.run import browse as run_browser

    try:
        picked = run_browser(theme)
    except NoTerminal as error:
        raise SfilmsError(f"sfilms browse draws on a terminal, and there is none here ({error})") from None
    if picked is None:
        raise typer.Exit(1)
    console.emit(f"{visible(picked)}\n")
