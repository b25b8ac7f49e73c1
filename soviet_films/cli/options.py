"""What the commands share: the options and arguments, their completion, and choosing the view."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer._click.types import StringParamType

from soviet_films import console, library
from soviet_films.errors import BadValue
from soviet_films.model import YearRange
from soviet_films.safe import visible

if TYPE_CHECKING:
    from soviet_films.views.base import View


# Completion prints what the data holds to the shell: made visible like everything else printed.
def _complete_films(incomplete: str) -> list[tuple[str, str]]:
    return [(visible(value), visible(help)) for value, help in library.complete_films(incomplete)]


def complete_themes(incomplete: str) -> list[tuple[str, str]]:
    """Theme ids (with their names) that start with what was typed."""
    return [(visible(value), visible(help)) for value, help in library.complete_themes(incomplete)]


def _complete_directors(incomplete: str) -> list[str]:
    return [visible(value) for value in library.complete_directors(incomplete)]


def completion_of(choices: tuple[str, ...]) -> Callable[[str], list[str]]:
    """Completion that offers ``choices`` (an option with a fixed set of values, not file names)."""

    def complete(incomplete: str) -> list[str]:
        return [choice for choice in choices if choice.startswith(incomplete)]

    return complete


class _Text(StringParamType):
    """Text, shown in help by the argument's name alone (typer would add ``<str>``)."""

    def get_metavar(self, param: Any, ctx: Any = None) -> str:
        return ""


TEXT = _Text()


class _FilmText(_Text):
    """A film as typed: completed by any word of any of its titles, not only the start of its id.

    typer keeps only the offers that begin with what was typed; this type offers through click's
    own hook, so 'asya' or 'Зерк' are offered the id that bash then puts in their place."""

    def shell_complete(self, ctx: Any, param: Any, incomplete: str) -> list[Any]:
        from typer._click.shell_completion import CompletionItem

        return [CompletionItem(value, help=help) for value, help in _complete_films(incomplete)]


FILM_TEXT = _FilmText()


class _DirectorText(_Text):
    """A director as typed: completed by surname, or by any other word of a name ('eldar')."""

    def shell_complete(self, ctx: Any, param: Any, incomplete: str) -> list[Any]:
        from typer._click.shell_completion import CompletionItem

        return [CompletionItem(value) for value in _complete_directors(incomplete)]


DIRECTOR_TEXT = _DirectorText()


def _complete_years(incomplete: str) -> list[str]:
    """Decades, from Soviet cinema's first to today's (a year or a range is typed whole); never
    file names."""
    decades = [f"{decade}s" for decade in range(1910, 2040, 10)]
    return [decade for decade in decades if decade.startswith(incomplete)]


YearOption = Annotated[
    str | None,
    typer.Option(
        "--year",
        "-y",
        metavar="YEARS",
        help="A year (1975), a range (1970-1979) or a decade (1970s).",
        autocompletion=_complete_years,
    ),
]
DirectorOption = Annotated[
    str | None,
    typer.Option(
        "--director",
        "-d",
        metavar="NAME",
        help="A director, any spelling, Latin or Cyrillic; the surname alone works.",
        click_type=DIRECTOR_TEXT,
    ),
]
ThemeArgument = Annotated[
    str | None,
    typer.Argument(
        metavar="THEME",
        click_type=TEXT,
        help="Theme id or name, e.g. loneliness or 'low self-esteem'. Omit for every list.",
        autocompletion=complete_themes,
    ),
]
ThemeOption = Annotated[
    str | None,
    typer.Option("--theme", "-t", metavar="THEME", help="Only this theme.", autocompletion=complete_themes),
]
FilmArgument = Annotated[
    str,
    typer.Argument(
        metavar="FILM",
        click_type=FILM_TEXT,
        help="Film id (as 'sfilms list' prints it) or title, in any case, with or without 'The'.",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (for programs).")]
OutputOption = Annotated[
    str | None, typer.Option("--output", "-o", help="Write to this file ('-': stdout).", metavar="FILE")
]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace an existing FILE.")]
IntrosOption = Annotated[bool, typer.Option("--intros", help="On a terminal, each intro whole.")]
RawOption = Annotated[
    bool,
    typer.Option(
        "--raw",
        help="With --format csv: write every cell as it is. Without it, a cell beginning with "
        "= + - or @ gets a ' before it, so a spreadsheet shows it as text and never runs it.",
    ),
]
NoPagerOption = Annotated[
    bool, typer.Option("--no-pager", help="Never page long output on a terminal (default pager: less -FIRX).")
]
PlainOption = Annotated[
    bool, typer.Option("--plain", help="Print tab-separated lines with no colour (the default when piped).")
]


SeenOption = Annotated[
    bool, typer.Option("--seen", help="Only the films your viewing log says you have seen.")
]
UnseenOption = Annotated[bool, typer.Option("--unseen", help="Only the films you have not seen yet.")]
WatchlistOption = Annotated[bool, typer.Option("--watchlist", help="Only the films on your watchlist.")]


def seen_choice(seen: bool, unseen: bool, on_watchlist: bool) -> str | None:
    """Which of --seen, --unseen and --watchlist was given (a usage error for more than one)."""
    chosen = [
        name for name, given in (("seen", seen), ("unseen", unseen), ("watchlist", on_watchlist)) if given
    ]
    if len(chosen) > 1:
        raise typer.BadParameter(
            "give one of --seen, --unseen and --watchlist", param_hint=f"'--{chosen[1]}'"
        )
    return chosen[0] if chosen else None


@contextlib.contextmanager
def usage_error(param_hint: str) -> Iterator[None]:
    """Report a BadValue raised inside as a usage error of the option or argument named."""
    try:
        yield
    except BadValue as error:
        raise typer.BadParameter(error.reason, param_hint=param_hint) from None


def years(value: str | None) -> YearRange | None:
    """The --year filter, parsed (a usage error if it is no year, range or decade)."""
    if value is None:
        return None
    with usage_error("'--year'"):
        return library.parse_years(value)


def choose(value: str, choices: tuple[str, ...], param_hint: str) -> str:
    """``value`` if it is one of ``choices``, else a usage error naming them."""
    if value not in choices:
        raise typer.BadParameter(f"'{value}' is not one of: {', '.join(choices)}", param_hint=param_hint)
    return value


def wants_terminal(as_json: bool, plain: bool) -> bool:
    """True when the terminal view is the one to show."""
    return not as_json and not plain and console.stdout_is_terminal()


def view(as_json: bool, plain: bool) -> View:
    """The view the flags and the terminal call for: JSON if asked, plain when asked or piped,
    else the terminal view."""
    if as_json:
        from soviet_films.views.json import JsonView

        return JsonView()
    if wants_terminal(as_json, plain):
        from soviet_films.views.terminal import TerminalView

        return TerminalView(colour=console.colour_enabled())
    from soviet_films.views.plain import PlainView

    return PlainView()
