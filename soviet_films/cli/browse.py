"""`sfilms browse`: the full-screen browser (Textual, an optional extra), or, with --filter, its
matching without drawing, for scripts."""

from __future__ import annotations

from typing import Annotated

import typer

from soviet_films import console, library
from soviet_films.cli.app import app, help_text
from soviet_films.cli.group import tell
from soviet_films.cli.options import TEXT, ThemeArgument
from soviet_films.errors import SfilmsError
from soviet_films.safe import visible


@app.command(
    short_help="Browse the lists in a full-screen browser (pip install 'sfilms\\[tui]').",
    help=help_text(
        'sfilms show "$(sfilms browse loneliness)"',
        "Open a full-screen browser: the themes, a theme's films (or every film), and the film under "
        "the cursor with what every list says about it. Type to filter the films (titles in any "
        "alphabet, ids, 1970s, by:tarkovsky); / searches every list; F1 shows the keys. Enter picks "
        "the film: the browser closes and prints its id, so it works in $(...) and pipes; Esc on an "
        "empty filter or Ctrl-C closes it with nothing printed (exit 1). Ctrl-N/P, Ctrl-J/K, arrows and "
        "PgUp/PgDn move; Shift-Down/Up or Ctrl-D/U scroll the card. --query starts with a filter "
        "typed; --filter prints the ids the filter keeps without drawing (as fzf --filter).",
        "Needs Textual: pip install 'sfilms\\[tui]'.",
    ),
)
def browse(
    theme: ThemeArgument = None,
    query: Annotated[
        str,
        typer.Option("--query", "-q", metavar="TEXT", help="Start with this filter typed.", click_type=TEXT),
    ] = "",
    filter_text: Annotated[
        str | None,
        typer.Option(
            "--filter",
            "-f",
            metavar="TEXT",
            help="Draw nothing: print the ids of the films this filter keeps, one a line, in order.",
            click_type=TEXT,
        ),
    ] = None,
) -> None:
    """Browse interactively; print the id of the film picked."""
    if filter_text is not None:  # as fzf --filter: the browser's matching, for scripts
        answer = library.browser_filter(theme, filter_text)
        tell(answer.notes)
        console.emit("".join(f"{visible(film_id)}\n" for film_id in answer.value))
        if not answer.value:
            raise typer.Exit(1)
        return
    try:
        import textual  # noqa: F401 (only to learn whether the extra is installed)
    except ImportError:
        raise SfilmsError(
            "sfilms browse needs Textual, an optional extra: pip install 'sfilms[tui]'"
        ) from None
    from soviet_films.tui.run import NoTerminal
    from soviet_films.tui.run import browse as run_browser

    try:
        picked = run_browser(theme, query)
    except NoTerminal as error:
        raise SfilmsError(f"sfilms browse draws on a terminal, and there is none here ({error})") from None
    if picked is None:
        raise typer.Exit(1)
    console.emit("".join(f"{visible(film_id)}\n" for film_id in picked.split("\n")))  # Tab marked several
