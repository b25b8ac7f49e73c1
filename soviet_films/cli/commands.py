"""The catalogue's commands: each parses its arguments, asks the library, hands the result to the
view, and lets the console print it. No business logic lives here; errors go to
``group.SfilmsApp``. The viewing log's commands are in ``cli.viewing``; both register on ``app``.
"""

from __future__ import annotations

from typing import Annotated

import typer

from soviet_films import console, library
from soviet_films.cli.app import app, emit_view, help_text, write_document
from soviet_films.cli.group import tell
from soviet_films.cli.options import (
    TEXT,
    DirectorOption,
    FilmArgument,
    ForceOption,
    IntrosOption,
    JsonOption,
    NoPagerOption,
    OutputOption,
    PlainOption,
    RawOption,
    SeenOption,
    ThemeArgument,
    ThemeOption,
    UnseenOption,
    WatchlistOption,
    YearOption,
    choose,
    completion_of,
    seen_choice,
    usage_error,
    view,
    wants_terminal,
    years,
)
from soviet_films.errors import SfilmsError


@app.command(
    short_help="Show every theme: id, name and number of films.",
    help=help_text(
        "sfilms themes",
        "Show every theme: its id, name and number of films, and on a terminal the first sentence of "
        "its intro (--intros: all of it).",
        "Piped or with --plain: one tab-separated line per theme: id, name, number of films.",
    ),
)
def themes(
    as_json: JsonOption = False,
    plain: PlainOption = False,
    no_pager: NoPagerOption = False,
    intros: IntrosOption = False,
) -> None:
    """Show every theme."""
    answer = library.themes()
    tell(answer.notes)
    if not wants_terminal(as_json, plain):  # the terminal view says so in its table
        for theme in answer.value.themes:
            if theme.replaces_bundled:
                console.note(f"note: your list {theme.source} replaces the bundled '{theme.id}'")
    emit_view(view(as_json, plain).themes(answer.value, intros), no_pager)


@app.command(
    "list",
    short_help="List a theme's films, or every film, with filters.",
    help=help_text(
        "sfilms list loneliness --year 1970s",
        "List the films of THEME in the list's order, or, with no theme, every film once with the "
        "themes it appears in. Filters combine: sfilms list --director ryazanov --sort year",
        "Piped or with --plain: one tab-separated line per film: id, title, year, directors, and the "
        "themes when no THEME is given. The first field is what 'sfilms show' accepts.",
    ),
)
def list_films(
    theme: ThemeArgument = None,
    year: YearOption = None,
    director: DirectorOption = None,
    sort: Annotated[
        str,
        typer.Option(
            "--sort",
            "-s",
            metavar="ORDER",
            help="Order: list (the list's order), year or title.",
            autocompletion=completion_of(library.SORT_ORDERS),
        ),
    ] = "list",
    seen: SeenOption = False,
    unseen: UnseenOption = False,
    on_watchlist: WatchlistOption = False,
    as_json: JsonOption = False,
    plain: PlainOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """List a theme's films, or every film, filtered and sorted."""
    choose(sort, library.SORT_ORDERS, "'--sort'")
    choice = seen_choice(seen, unseen, on_watchlist)
    answer = library.listing(theme, years(year), director, sort, choice)
    if answer.value.rows or as_json:
        emit_view(view(as_json, plain).listing(answer.value), no_pager, answer.notes)
    else:
        tell(answer.notes)
        raise SfilmsError("no films match those filters")


@app.command(
    short_help="Show a film and what every list says about it.",
    help=help_text(
        "sfilms show stalker",
        "Show FILM's card, then for every list that names it: the theme, the film's place in the "
        "list, the description, the fact, and the editors' correction where the fact is wrong.",
        "FILM is the id 'sfilms list' prints, or a title in any case, with or without 'The'.",
    ),
)
def show(
    film: FilmArgument,
    as_json: JsonOption = False,
    plain: PlainOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Show one film's card and what every list says about it."""
    answer = library.film_card(film)
    emit_view(view(as_json, plain).film_card(answer.value), no_pager, answer.notes)


@app.command(
    short_help="Search titles, directors, descriptions, facts and intros.",
    help=help_text(
        "sfilms search tarkovsky memory",
        "Find the list entries in which every word matches, each in any field: titles (other, "
        "original and transliterated too), directors in any spelling, descriptions, facts, "
        "corrections and theme intros. Case and accents are ignored; a word matches the start of "
        "a word. Quote a phrase to match it whole: sfilms search '\"new year\"'.",
        "Piped or with --plain: one tab-separated line per hit: id, theme, field, snippet.",
    ),
)
def search(
    text: Annotated[
        list[str],
        typer.Argument(
            metavar="TEXT", click_type=TEXT, help='Words to find; a "quoted phrase" matches whole.'
        ),
    ],
    theme: ThemeOption = None,
    year: YearOption = None,
    director: DirectorOption = None,
    seen: SeenOption = False,
    unseen: UnseenOption = False,
    on_watchlist: WatchlistOption = False,
    as_json: JsonOption = False,
    plain: PlainOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Search every list entry for all the words of TEXT."""
    year_range = years(year)
    with usage_error("TEXT"):
        answer = library.search(text, theme, year_range, director, seen_choice(seen, unseen, on_watchlist))
    hits = answer.value
    if hits or as_json:
        emit_view(view(as_json, plain).hits(hits), no_pager, answer.notes)
    else:
        tell(answer.notes)
    if not hits:
        raise SfilmsError(f"nothing matches {' '.join(text)!r}")


@app.command(
    short_help="Pick a random film, with the list filters.",
    help=help_text(
        "sfilms random loneliness --year 1970s",
        "Show one film, chosen uniformly among the films of THEME (or of every list) that the "
        "filters allow. --seed makes the pick reproducible.",
    ),
)
def random(
    theme: ThemeArgument = None,
    year: YearOption = None,
    director: DirectorOption = None,
    seed: Annotated[
        int | None, typer.Option("--seed", metavar="N", help="Pick the same film every time.")
    ] = None,
    seen: SeenOption = False,
    unseen: UnseenOption = False,
    on_watchlist: WatchlistOption = False,
    as_json: JsonOption = False,
    plain: PlainOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Show a random film's card."""
    answer = library.random_film(theme, years(year), director, seed, seen_choice(seen, unseen, on_watchlist))
    emit_view(view(as_json, plain).film_card(answer.value), no_pager, answer.notes)


@app.command(
    short_help="Films per decade, top directors, and films in several lists.",
    help=help_text(
        "sfilms stats",
        "For every list, or one THEME: the films per decade as a bar chart, the directors with "
        "the most films, and the films that appear in more than one list (and which). Films are "
        "counted once however many lists name them.",
        "Piped or with --plain: tab-separated lines whose first field names the table: summary, "
        "decade, director or overlap (e.g. decade, 1970s, 8).",
    ),
)
def stats(
    theme: ThemeArgument = None,
    as_json: JsonOption = False,
    plain: PlainOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Show what the lists hold, at a glance."""
    answer = library.stats(theme)
    emit_view(view(as_json, plain).stats(answer.value), no_pager, answer.notes)


@app.command(
    short_help="Export lists: Letterboxd, CSV, Markdown or JSON.",
    help=help_text(
        "sfilms export loneliness --format letterboxd -o loneliness.csv",
        "Export THEME (or every list) as: letterboxd, a CSV Letterboxd's list importer takes (Title, "
        "Year, Directors, and imdbID and tmdbID where the records give them; works that are not films "
        "are left out); "
        "csv, one row per list entry with what the list says; markdown, a document for a blog or "
        "a README; or json, the full data.",
        "Writes to stdout, or with -o FILE to FILE, atomically and never over an existing file "
        "without --force.",
    ),
)
def export(
    theme: ThemeArgument = None,
    file_format: Annotated[
        str,
        typer.Option(
            "--format",
            help="letterboxd, csv, markdown or json.",
            metavar="FORMAT",
            autocompletion=completion_of(library.EXPORT_FORMATS),
        ),
    ] = "csv",
    output_path: OutputOption = None,
    force: ForceOption = False,
    raw: RawOption = False,
) -> None:
    """Export lists in a format other tools read."""
    from soviet_films.views.export import document

    choose(file_format, library.EXPORT_FORMATS, "'--format'")
    if raw and file_format != "csv":
        exactly = "is for --format csv (the other formats are always written exactly)"
        raise typer.BadParameter(exactly, param_hint="'--raw'")
    answer = library.export(theme, file_format)
    exported = answer.value
    tell(answer.notes)
    if file_format == "letterboxd":
        for film in exported.left_out:
            console.note(f"left out '{film.title} ({film.year})': no record of a film of that title")
    text = document(exported, raw=raw)
    write_document(text, output_path, force)


@app.command(
    short_help="Show where sfilms reads lists from and keeps its cache.",
    help=help_text(
        "sfilms paths",
        "Print the folders sfilms reads lists from (bundled and yours) and where it keeps its cache. "
        "Your lists folder is $SFILMS_LISTS_DIR if set, else $XDG_DATA_HOME/sfilms/lists "
        "(~/.local/share/sfilms/lists).",
    ),
)
def paths(as_json: JsonOption = False, plain: PlainOption = False) -> None:
    """Show the data, lists and cache folders."""
    emit_view(view(as_json, plain).places(library.paths()))


# The viewing log's commands register on the same app (imported for that, after these).
from soviet_films.cli import browse as _browse  # noqa: E402, F401
from soviet_films.cli import importing as _importing  # noqa: E402, F401
from soviet_films.cli import own_lists as _own_lists  # noqa: E402, F401
from soviet_films.cli import viewing as _viewing  # noqa: E402, F401
