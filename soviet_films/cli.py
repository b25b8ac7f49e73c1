"""The command line: parse arguments, ask the query layer, hand the result to a renderer.

This is the only typer module. Commands hold no business logic; every domain error is
turned into one line on stderr and an exit code by ``SfilmsApp.main``.
"""

import contextlib
import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from soviet_films import __version__, output
from soviet_films.errors import NoResults, SfilmsError
from soviet_films.query import SORT_KEYS, YearRange, parse_year_filter

EXIT_USAGE = 2
EXIT_INTERNAL = 70


class SfilmsApp(TyperGroup):
    """The command group, with one error handler for the whole program."""

    def main(
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        # Only here, in the error path, do we reach into typer's vendored click for its
        # exception classes; pyproject pins typer to the release line that vendors it.
        from typer._click.exceptions import ClickException, UsageError

        output.prepare_streams()
        if args is None:
            # Under a C locale Python decodes argv bytes as lone surrogates; people type UTF-8.
            args = [_repair_argument(arg) for arg in sys.argv[1:]]
        try:
            result = super().main(
                args=args,
                prog_name=prog_name or "sfilms",
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
            code = result if isinstance(result, int) else 0
        except UsageError as error:
            command = error.ctx.command_path if error.ctx else "sfilms"
            if error.format_message():  # empty when the help was shown for a bare 'sfilms'
                output.note(f"{error.format_message()} (see '{command} --help')", command)
            code = EXIT_USAGE
        except ClickException as error:
            output.note(error.format_message())
            code = error.exit_code
        except SfilmsError as error:
            output.note(str(error))
            code = error.exit_code
        except typer.Abort:
            output.note("aborted")
            code = 1
        except Exception as error:  # anything unexpected: one line, unless asked for the traceback
            if os.environ.get("SFILMS_DEBUG") or "--debug" in sys.argv:
                raise
            output.note(
                f"unexpected error: {type(error).__name__}: {error} "
                "(run again with --debug to see where, and please report it)"
            )
            code = EXIT_INTERNAL
        if standalone_mode:
            sys.exit(code)
        return code


def _repair_argument(arg: str) -> str:
    """The argument as the UTF-8 the user typed, even if the locale decoded it as ASCII."""
    return arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _help(example: str, *paragraphs: str) -> str:
    """Command help that leads with an example, one paragraph per argument."""
    return "\n\n".join([f"Example: {example}", *paragraphs])


app = typer.Typer(
    cls=SfilmsApp,
    name="sfilms",
    help=_help(
        "sfilms list loneliness --year 1970s",
        "Browse curated, themed lists of Soviet films: the themes, the films of a theme, and one "
        "film with what every list says about it. Piped output is plain tab-separated lines; "
        "--json gives JSON.",
    ),
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def _complete_films(incomplete: str) -> list[tuple[str, str]]:
    from soviet_films.catalog import load_catalog
    from soviet_films.query import complete_films

    return complete_films(load_catalog(), incomplete)


def _complete_themes(incomplete: str) -> list[tuple[str, str]]:
    from soviet_films.catalog import load_catalog
    from soviet_films.query import complete_themes

    return complete_themes(load_catalog(), incomplete)


def _complete_directors(incomplete: str) -> list[str]:
    from soviet_films.catalog import load_catalog
    from soviet_films.query import complete_directors

    return complete_directors(load_catalog(), incomplete)


YearOption = Annotated[
    str | None,
    typer.Option("--year", "-y", help="A year (1975), a range (1970-1979) or a decade (1970s)."),
]
DirectorOption = Annotated[
    str | None,
    typer.Option(
        "--director",
        "-d",
        help="A director, any spelling, Latin or Cyrillic; the surname alone works.",
        autocompletion=_complete_directors,
    ),
]
ThemeArgument = Annotated[
    str | None,
    typer.Argument(
        help="Theme id or name, e.g. loneliness or 'low self-esteem'. Omit for every list.",
        autocompletion=_complete_themes,
    ),
]
ThemeOption = Annotated[
    str | None, typer.Option("--theme", "-t", help="Only this theme.", autocompletion=_complete_themes)
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (for programs).")]
NoPagerOption = Annotated[
    bool, typer.Option("--no-pager", help="Never page long output on a terminal (default pager: less -FIRX).")
]
PlainOption = Annotated[
    bool, typer.Option("--plain", help="Print tab-separated lines with no colour (the default when piped).")
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sfilms {__version__}")
        raise typer.Exit()


def _years(value: str | None) -> YearRange | None:
    if value is None:
        return None
    try:
        return parse_year_filter(value)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="'--year'") from None


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback on unexpected errors.")] = False,
) -> None:
    """Options that apply to every command."""


def _catalog() -> Any:
    from soviet_films.catalog import load_catalog

    catalog = load_catalog()
    _warn(catalog)
    return catalog


def _warn(catalog: Any) -> None:
    for warning in catalog.warnings:
        output.note(f"warning: {warning}")


def _render(name: str, *args: Any, as_json: bool, plain: bool, no_pager: bool = False) -> None:
    """Hand a result to the renderer ``name`` of the view the output calls for."""
    view = output.choose_view(as_json, plain)
    if view == output.TERMINAL:
        from soviet_films.render import terminal

        output.emit_rich(getattr(terminal, name)(*args), use_pager=not no_pager)
        return
    if view == output.JSON:
        from soviet_films.render import json as module
    else:
        from soviet_films.render import plain as module
    output.emit(getattr(module, name)(*args))


def _render_card(catalog: Any, film: Any, as_json: bool, plain: bool, no_pager: bool) -> None:
    """A film's card and what every list says about it, as `show` and `random` print it."""
    _render(
        "render_film", film, catalog.appearances(film.id), as_json=as_json, plain=plain, no_pager=no_pager
    )


def _filters(catalog: Any, theme: str | None, year: str | None, director: str | None) -> tuple[Any, ...]:
    """The theme, year range and directors the filter options name (None where not given)."""
    from soviet_films import query

    years = _years(year)
    film_list = query.resolve_theme(catalog, theme) if theme is not None else None
    directors = query.resolve_directors(catalog, director) if director is not None else None
    return film_list, years, directors


@app.command(
    short_help="Show every theme: id, name and number of films.",
    help=_help(
        "sfilms themes",
        "Show every theme: its id, name and number of films, and the intro on a terminal.",
        "Piped or with --plain: one tab-separated line per theme: id, name, number of films.",
    ),
)
def themes(as_json: JsonOption = False, plain: PlainOption = False, no_pager: NoPagerOption = False) -> None:
    """Show every theme."""
    catalog = _catalog()
    lists = list(catalog.lists)
    if output.choose_view(as_json, plain) != output.TERMINAL:  # the terminal view says so in its table
        for film_list in lists:
            if film_list.replaces_bundled:
                output.note(f"note: your list {film_list.source} replaces the bundled '{film_list.id}'")
    _render("render_themes", lists, as_json=as_json, plain=plain, no_pager=no_pager)


@app.command(
    "list",
    short_help="List a theme's films, or every film, with filters.",
    help=_help(
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
        str, typer.Option("--sort", "-s", help="Order: list (the list's order), year or title.")
    ] = "list",
    as_json: JsonOption = False,
    plain: PlainOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """List a theme's films, or every film, filtered and sorted."""
    from soviet_films import query

    if sort not in SORT_KEYS:
        raise typer.BadParameter(f"'{sort}' is not one of: {', '.join(SORT_KEYS)}", param_hint="'--sort'")
    catalog = _catalog()
    film_list, years, directors = _filters(catalog, theme, year, director)
    rows = query.sort_rows(query.filter_rows(query.film_rows(catalog, film_list), years, directors), sort)
    if rows or as_json:
        title = film_list.name if film_list else ""
        _render(
            "render_rows", rows, film_list is None, title, as_json=as_json, plain=plain, no_pager=no_pager
        )
    if not rows:
        raise NoResults("no films match those filters")


@app.command(
    short_help="Show a film and what every list says about it.",
    help=_help(
        "sfilms show stalker",
        "Show FILM's card, then for every list that names it: the theme, the film's place in the "
        "list, the description, the fact, and the editors' correction where the fact is wrong.",
        "FILM is the id 'sfilms list' prints, or a title in any case, with or without 'The'.",
    ),
)
def show(
    film: Annotated[
        str,
        typer.Argument(
            help="Film id (as 'sfilms list' prints it) or title, in any case, with or without 'The'.",
            autocompletion=_complete_films,
        ),
    ],
    as_json: JsonOption = False,
    plain: PlainOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Show one film's card and what every list says about it."""
    from soviet_films import query

    catalog = _catalog()
    _render_card(catalog, query.resolve_film(catalog, film), as_json, plain, no_pager)


@app.command(
    short_help="Search titles, directors, descriptions, facts and intros.",
    help=_help(
        "sfilms search tarkovsky memory",
        "Find the list entries in which every word matches, each in any field: titles (other, "
        "original and transliterated too), directors in any spelling, descriptions, facts, "
        "corrections and theme intros. Case and accents are ignored; a word matches the start of "
        "a word. Quote a phrase to match it whole: sfilms search '\"new year\"'.",
        "Piped or with --plain: one tab-separated line per hit: id, theme, field, snippet.",
    ),
)
def search(
    text: Annotated[list[str], typer.Argument(help='Words to find; a "quoted phrase" matches whole.')],
    theme: ThemeOption = None,
    year: YearOption = None,
    director: DirectorOption = None,
    as_json: JsonOption = False,
    plain: PlainOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Search every list entry for all the words of TEXT."""
    from soviet_films import search as search_module
    from soviet_films.catalog import load_catalog_and_search_index

    terms = search_module.parse_terms(text)
    if not terms:
        raise typer.BadParameter("give at least one word to search for", param_hint="TEXT")
    catalog, index = load_catalog_and_search_index()
    _warn(catalog)
    film_list, years, directors = _filters(catalog, theme, year, director)
    hits = search_module.search(catalog, terms, film_list, years, directors, index)
    if hits or as_json:
        _render("render_hits", hits, as_json=as_json, plain=plain, no_pager=no_pager)
    if not hits:
        raise NoResults(f"nothing matches {' '.join(text)!r}")


@app.command(
    short_help="Pick a random film, with the list filters.",
    help=_help(
        "sfilms random loneliness --year 1970s",
        "Show one film, chosen uniformly among the films of THEME (or of every list) that the "
        "filters allow. --seed makes the pick reproducible.",
    ),
)
def random(
    theme: ThemeArgument = None,
    year: YearOption = None,
    director: DirectorOption = None,
    seed: Annotated[int | None, typer.Option("--seed", help="Pick the same film every time.")] = None,
    as_json: JsonOption = False,
    plain: PlainOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Show a random film's card."""
    from soviet_films import query

    catalog = _catalog()
    film_list, years, directors = _filters(catalog, theme, year, director)
    rows = query.filter_rows(query.film_rows(catalog, film_list), years, directors)
    if not rows:
        raise NoResults("no film matches those filters")
    _render_card(catalog, query.pick_random(rows, seed), as_json, plain, no_pager)


@app.command(
    short_help="Films per decade, top directors, and films in several lists.",
    help=_help(
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
    from soviet_films.stats import compute_stats

    catalog = _catalog()
    film_list, _, _ = _filters(catalog, theme, None, None)
    _render(
        "render_stats", compute_stats(catalog, film_list), as_json=as_json, plain=plain, no_pager=no_pager
    )


@app.command(
    short_help="Export lists: Letterboxd, CSV, Markdown or JSON.",
    help=_help(
        "sfilms export loneliness --format letterboxd -o loneliness.csv",
        "Export THEME (or every list) as: letterboxd, a CSV Letterboxd's list importer takes (Title, "
        "Year, Directors, and imdbID where confirmed; works that are not films are left out); "
        "csv, one row per list entry with what the list says; markdown, a document for a blog or "
        "a README; or json, the full data.",
        "Writes to stdout, or with -o FILE to FILE, atomically and never over an existing file "
        "without --force.",
    ),
)
def export(
    theme: ThemeArgument = None,
    file_format: Annotated[
        str, typer.Option("--format", help="letterboxd, csv, markdown or json.", metavar="FORMAT")
    ] = "csv",
    output_path: Annotated[
        str | None, typer.Option("--output", "-o", help="Write to this file ('-': stdout).", metavar="FILE")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing FILE.")] = False,
) -> None:
    """Export lists in a format other tools read."""
    from soviet_films.render import export as formats

    if file_format not in formats.FORMATS:
        raise typer.BadParameter(
            f"'{file_format}' is not one of: {', '.join(formats.FORMATS)}", param_hint="'--format'"
        )
    catalog = _catalog()
    film_list, _, _ = _filters(catalog, theme, None, None)
    lists = [film_list] if film_list is not None else list(catalog.lists)
    if file_format == "letterboxd":
        films, left_out = formats.letterboxd_films(catalog, film_list)
        for film in left_out:
            output.note(f"left out '{film.title} ({film.year})': no record of a film of that title")
        text = formats.letterboxd(films)
    elif file_format == "csv":
        text = formats.entries_csv(catalog, lists)
    elif file_format == "markdown":
        text = formats.markdown(catalog, lists)
    else:
        text = formats.full_json(catalog, lists)
    if output_path is None or output_path == "-":
        output.emit(text)
    else:
        from pathlib import Path

        from soviet_films.files import write_atomically

        write_atomically(Path(output_path), text, overwrite=force)
        output.note(f"wrote {output_path}")


@app.command(
    "import",
    short_help="Import a list from the plain-text format into your lists folder.",
    help=_help(
        "sfilms import war-films.txt --name 'War'",
        "Read a list in the plain-text format (an intro paragraph, then for each film a 'Title (Year)' "
        "line, a 'Description: ...' line and a 'Fact: ...' line; FILE '-' reads stdin) and write it, "
        "as YAML, into your lists folder (see 'sfilms paths'). Prints the new theme's id and number "
        "of films.",
        "The id is made from the name unless --id is given. An existing list is never replaced "
        "without --force; a list with a bundled list's id replaces the bundled one.",
    ),
)
def import_list(
    file: Annotated[str, typer.Argument(help="The plain-text list; '-' reads stdin.", metavar="FILE")],
    name: Annotated[
        str | None, typer.Option("--name", "-n", help="The theme's name (default: from the file name).")
    ] = None,
    list_id: Annotated[
        str | None, typer.Option("--id", help="The theme's id (default: from the name).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", "-f", help="Replace a list with the same id.")] = False,
) -> None:
    """Import a plain-text list into the user's lists folder."""
    from soviet_films.catalog import user_lists_dir
    from soviet_films.importer import ImportProblems, import_into, read_source

    try:
        imported, target = import_into(read_source(file), file, user_lists_dir(), name, list_id, force)
    except ImportProblems as error:
        for problem in error.problems:
            output.note(problem)
        raise
    for warning in imported.warnings:
        output.note(f"warning: {warning}")
    if imported.replaces_bundled:
        output.note(f"note: '{imported.list_id}' replaces the bundled list of that id")
    if output.stdout_is_terminal():
        output.emit(
            f"Imported '{imported.name}' as {imported.list_id}: {imported.count} films, in {target}\n"
        )
    else:
        output.emit(f"{imported.list_id}\t{imported.count}\t{target}\n")


@app.command(
    short_help="Check list files against the schema.",
    help=_help(
        "sfilms validate ~/my-lists/war.yaml",
        "Check list files (by default every file sfilms reads: the film records, the bundled lists "
        "and yours) for required fields, types, plausible years, duplicate entries and unknown keys. "
        "Each problem is one line, file:line: message. Exits 1 if there is any problem.",
    ),
)
def validate(
    paths: Annotated[
        list[str] | None, typer.Argument(help="List files or folders (default: every list sfilms reads).")
    ] = None,
) -> None:
    """Validate list files; problems on stdout, a summary on stderr."""
    from pathlib import Path

    from soviet_films.catalog import validate_paths

    checked, problems = validate_paths([Path(p) for p in paths or []])
    output.emit("".join(f"{problem}\n" for problem in problems))
    if problems:
        raise SfilmsError(f"{len(problems)} problem(s) in {checked} file(s) checked")
    output.note(f"{checked} file(s) checked, all valid")


@app.command(
    short_help="Show where sfilms reads lists from and keeps its cache.",
    help=_help(
        "sfilms paths",
        "Print the folders sfilms reads lists from (bundled and yours) and where it keeps its cache. "
        "Your lists folder is $SFILMS_LISTS_DIR if set, else $XDG_DATA_HOME/sfilms/lists "
        "(~/.local/share/sfilms/lists).",
    ),
)
def paths(as_json: JsonOption = False, plain: PlainOption = False) -> None:
    """Show the data, lists and cache folders."""
    from soviet_films.catalog import RECORDS_FILE, bundled_data_dir, cache_dir, user_lists_dir

    places = {
        "bundled": str(bundled_data_dir() / "lists"),
        "records": str(bundled_data_dir() / RECORDS_FILE),
        "lists": str(user_lists_dir()),
        "cache": str(cache_dir()),
    }
    _render("render_paths", places, as_json=as_json, plain=plain)


def main() -> None:
    """Console-script entry point."""
    _keep_only_the_command_run(sys.argv[1:])
    try:
        app()
        code = 0
    except SystemExit as exit_request:
        code = exit_request.code
    _exit_now(code)


def _exit_now(code: Any) -> None:
    # Tearing the interpreter down (freeing every module, typer's included) costs about 10 ms
    # on every run and every TAB of completion, for nothing: the work is done. Flush what was
    # written and leave. SFILMS_DEBUG keeps the ordinary exit, for profilers and coverage.
    if isinstance(code, str):
        sys.stderr.write(f"{code}\n")
        code = 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    if os.environ.get("SFILMS_DEBUG"):
        sys.exit(code)
    os._exit(code or 0)


def _keep_only_the_command_run(args: list[str]) -> None:
    # typer inspects the signature of every registered command before it runs one, a few
    # milliseconds each on every run and every TAB; when the command is named, build just it.
    # Help for the whole program, and completion of command names, still see them all.
    named = next((arg for arg in args if not arg.startswith("-")), None)
    chosen = [info for info in app.registered_commands if _command_name(info) == named]
    if chosen:
        app.registered_commands = chosen


def _command_name(info: Any) -> str:
    return info.name or info.callback.__name__.replace("_", "-")
