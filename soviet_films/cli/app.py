"""The typer app: the command group, the options of every command, and what every command shares
(help that leads with an example, printing a view's output after the warnings)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

import typer

from soviet_films import __version__, console
from soviet_films.cli import group
from soviet_films.cli.group import SfilmsApp, tell


def help_text(example: str, *paragraphs: str) -> str:
    """Command help that leads with an example, one paragraph per argument."""
    return "\n\n".join([f"Example: {example}", *paragraphs])


app = typer.Typer(
    cls=SfilmsApp,
    name="sfilms",
    help=help_text(
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


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sfilms {__version__}")
        raise typer.Exit()


def _debug(value: bool) -> None:
    if value:
        group.debug = True


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug", callback=_debug, is_eager=True, help="Show a traceback on unexpected errors."
        ),
    ] = False,
) -> None:
    """Options that apply to every command."""


@app.command(
    "help",
    short_help="Show a command's help: sfilms help import.",
    help=help_text("sfilms help import", "Show a command's help, as 'sfilms COMMAND --help' does."),
)
def _help(
    ctx: typer.Context,
    command: Annotated[
        list[str] | None, typer.Argument(help="The command, e.g. import or letterboxd import.")
    ] = None,
) -> None:
    root = ctx.find_root().command
    code = root.main(args=[*(command or []), "--help"], prog_name="sfilms", standalone_mode=False)
    if code:
        raise typer.Exit(code)


def emit_view(output: object, no_pager: bool = False, notes: Iterable[object] = ()) -> None:
    """Tell the answer's notes (the list files left out, ...), then print the view's output."""
    tell(notes)
    console.show(output, page=not no_pager)


def write_document(text: str, output_path: str | None, force: bool, exact: bool = False) -> None:
    """An export's document: to stdout, or (``-o FILE``) atomically to the file, saying so. An
    ``exact`` document (text as it is, for another program) is made visible on a terminal only."""
    from soviet_films import library

    if output_path is None or output_path == "-":
        if exact and console.stdout_is_terminal():
            from soviet_films.safe import visible

            text = visible(text, keep_newlines=True)
        console.emit(text)
    else:
        library.save(output_path, text, replace=force)
        console.note(f"wrote {output_path}")
