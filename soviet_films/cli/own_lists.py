"""The commands that manage your own lists: `sfilms lists` (yours, with their files), `lists rename`
and `lists remove` (into a `removed` folder beside them, never deleted)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from soviet_films import console, library
from soviet_films.cli.app import app, help_text
from soviet_films.cli.group import tell
from soviet_films.cli.options import TEXT, ForceOption, complete_themes
from soviet_films.safe import visible

OwnTheme = Annotated[
    str,
    typer.Argument(
        metavar="THEME",
        click_type=TEXT,
        help="One of your lists, by id or name.",
        autocompletion=complete_themes,
    ),
]

lists = typer.Typer(
    name="lists",
    help=help_text(
        "sfilms lists",
        "With no words, show your own lists (the ones in your lists folder): id, name, number of films "
        "and file. 'rename THEME --name NAME' or '--id ID' renames one; 'remove THEME' moves its file "
        "into a 'removed' folder beside your lists (kept there; move it back to have it again).",
    ),
    invoke_without_command=True,
)
app.add_typer(lists, name="lists", short_help="Your own lists: show, rename or remove them.")


@lists.callback()
def _yours(ctx: typer.Context) -> None:
    if ctx.invoked_subcommand is not None:
        return
    answer = library.themes()
    tell(answer.notes)
    own = [theme for theme in answer.value.themes if not theme.bundled or theme.replaces_bundled]
    console.emit(
        "".join(f"{visible(t.id)}\t{visible(t.name)}\t{len(t.entries)}\t{visible(t.source)}\n" for t in own)
    )
    if not own:
        console.note("you have no lists of your own yet; 'sfilms import FILE' brings one in")


@lists.command(
    "rename",
    help=help_text(
        "sfilms lists rename winter --name 'Winter films'",
        "Give one of your lists a new name (--name), or a new id (--id: its file is renamed too), or both. "
        "An id another theme has is refused without --force. Prints the id and the file.",
    ),
)
def rename(
    theme: OwnTheme,
    name: Annotated[str | None, typer.Option("--name", help="The new name.", click_type=TEXT)] = None,
    theme_id: Annotated[str | None, typer.Option("--id", help="The new id.", click_type=TEXT)] = None,
    force: ForceOption = False,
) -> None:
    if name is None and theme_id is None:
        raise typer.BadParameter("give --name NAME, --id ID or both", param_hint="'rename'")
    answer = library.rename_list(theme, name, theme_id, replace=force)
    tell(answer.notes)
    changed = answer.value
    console.emit(f"{visible(changed.theme_id)}\t{visible(changed.path)}\n")
    console.note(f"renamed: {visible(changed.theme_id)} ({visible(changed.name)})")


@lists.command(
    "remove",
    help=help_text(
        "sfilms lists remove winter --yes",
        "Remove one of your lists: its file moves into a 'removed' folder beside your lists, kept. On a "
        "terminal sfilms asks first; --yes does not ask (for scripts, where no one is there to answer).",
    ),
)
def remove(
    theme: OwnTheme,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask.")] = False,
) -> None:
    if not yes:
        if not sys.stdin.isatty():
            raise typer.BadParameter(
                "no one is at a terminal to ask: give --yes to remove it", param_hint="'remove'"
            )
        if not typer.confirm(f"Remove your list '{visible(theme)}'?", default=False, err=True):
            console.note("nothing removed")
            raise typer.Exit(1)
    answer = library.remove_list(theme)
    tell(answer.notes)
    removed = answer.value
    console.note(f"removed {visible(removed.theme_id)}; its file is kept in {visible(removed.moved_to)}")
