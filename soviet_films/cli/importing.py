"""Bringing lists in: `sfilms import` (a list as found, or in sfilms' own format) and `sfilms validate`."""

from __future__ import annotations

import contextlib
from typing import Annotated

import typer

from soviet_films import console, library
from soviet_films.cli.app import app, emit_view, help_text
from soviet_films.cli.group import plain_text_line
from soviet_films.cli.options import (
    TEXT,
    JsonOption,
    PlainOption,
    choose,
    completion_of,
    view,
)
from soviet_films.errors import SfilmsError
from soviet_films.model import ImportPreview

PARENTHESES = ("original", "director")


@app.command(
    "import",
    short_help="Import a list as you found it: an article, a top 10, a table, a Letterboxd list.",
    help=help_text(
        "sfilms import war-films.txt --name 'War' --dry-run",
        "Read FILE ('-' reads stdin) as people paste lists: an intro, then the title lines the list "
        "repeats, however it numbers, quotes or dates them ('Stalker (1979)', '3. «Зеркало», 1975 "
        "год', '1979 — Garage by Eldar Ryazanov'), each with the paragraphs under it (labels such as "
        "'Fact:' work); or a table with a header row (title, year, director, ...), tab- or "
        "comma-separated; or Letterboxd's list export. Write it into your lists folder (see 'sfilms "
        "paths'); prints the new theme's id and number of films. Every film joins the film the lists "
        "already know by any of its titles, the year equal or one apart.",
        "A line that cannot be placed is left out with a note at its line, and the rest is imported; "
        "only text with no film at all is refused. Films named in passing, inside a sentence, are "
        "noted, and imported with --with-mentions. --dry-run shows every entry with the fields it "
        "would store and the film it joins, and writes nothing. The id is made from the name unless "
        "--id is given. An existing list is never replaced without --force; a list with a bundled "
        "list's id replaces the bundled one.",
    ),
)
def import_list(
    file: Annotated[
        str,
        typer.Argument(help="The list as you found it; '-' reads stdin.", metavar="FILE", click_type=TEXT),
    ],
    name: Annotated[
        str | None,
        typer.Option("--name", "-n", metavar="NAME", help="The theme's name (default: from the file name)."),
    ] = None,
    theme_id: Annotated[
        str | None, typer.Option("--id", metavar="ID", help="The theme's id (default: from the name).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", "-f", help="Replace a list with the same id.")] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show how each entry was read; write nothing.")
    ] = False,
    parenthesis: Annotated[
        str | None,
        typer.Option(
            "--parenthesis",
            metavar="WHAT",
            help="What a parenthesis beside a title holds, when unsure: original or director.",
            autocompletion=completion_of(PARENTHESES),
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option("--year", metavar="YEAR", help="The year of every film of a table with no year column."),
    ] = None,
    with_mentions: Annotated[
        bool, typer.Option("--with-mentions", help="Import the films named in passing, in a sentence, too.")
    ] = False,
    as_json: JsonOption = False,
    plain: PlainOption = False,
) -> None:
    """Import a pasted list into the user's lists folder."""
    if parenthesis is not None:
        choose(parenthesis, PARENTHESES, "'--parenthesis'")
    result = library.import_list(
        file,
        name,
        theme_id,
        replace=force,
        dry_run=dry_run,
        parenthesis=parenthesis,
        year=year,
        with_mentions=with_mentions,
    ).value
    for note in result.notes:
        console.note(f"note: {note}")
    if result.unsure:
        console.note("note: --parenthesis original or --parenthesis director reads every parenthesis one way")
    mentioned = len(result.mentioned) if isinstance(result, ImportPreview) else result.mentioned
    if mentioned:
        console.note("note: --with-mentions imports the films named in passing, too")
    for warning in result.warnings:
        console.note(f"warning: {warning}")
    if isinstance(result, ImportPreview):
        emit_view(view(as_json, plain).import_preview(result))
        return
    if result.replaces_bundled:
        console.note(f"note: '{result.theme_id}' replaces the bundled list of that id")
    # The list is written: that is the command's work. A stdout that cannot take the summary
    # (closed, full) does not undo it, nor make it a failure.
    with contextlib.suppress(console.OutputFailed):
        console.show(view(as_json, plain).imported(result))


@app.command(
    short_help="Check list files against the schema.",
    help=help_text(
        "sfilms validate ~/my-lists/war.yaml",
        "Check list files (by default every file sfilms reads: the film records, the bundled lists "
        "and yours) for required fields, types, plausible years, duplicate entries and unknown keys. "
        "Each problem is one line, file:line: message. Exits 1 if there is any problem.",
    ),
)
def validate(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH", click_type=TEXT, help="List files or folders (default: every list sfilms reads)."
        ),
    ] = None,
) -> None:
    """Validate list files; problems on stdout, a summary on stderr."""
    report = library.validate(paths or [])
    problems = [
        problem._replace(message=plain_text_line(problem.path).split(": ", 1)[1])
        if problem.kind == "plain-text" else problem
        for problem in report.problems
    ]  # fmt: skip
    console.emit(view(False, True).problems(problems))
    if report.problems:
        raise SfilmsError(f"{len(report.problems)} problem(s) in {report.checked} file(s) checked")
    console.note(f"{report.checked} file(s) checked, all valid")
