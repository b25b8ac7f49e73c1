"""How the command line words the domain's errors: one line each, naming the flags and commands
that would help (the only place besides the commands that names them)."""

from __future__ import annotations

from soviet_films.errors import (
    AlreadyExists,
    Ambiguous,
    BadValue,
    CannotWrite,
    FileProblems,
    LogBusy,
    LogUnusable,
    NameNeeded,
    NoSuchEntry,
    NotFound,
    NothingImported,
    NothingLogged,
    NothingToPick,
    NothingToRead,
    NotYours,
    SfilmsError,
    ThemeTaken,
)

_PIPE_OR_FILE = "pipe a list into it (… | sfilms import - --name NAME) or give a FILE"

# What to type instead of a blank query, by what was asked for.
_EXAMPLES = {
    "film": "sfilms show stalker",
    "theme": "sfilms list loneliness",
    "director": "--director tarkovsky",
}


def describe(error: SfilmsError) -> list[str]:
    """The lines (usually one) that tell a person what went wrong and what would work."""
    if isinstance(error, NotFound):
        return [_not_found(error)]
    if isinstance(error, Ambiguous):
        candidates = "; ".join(error.candidates)
        return [
            f"{_quoted(error.query)} matches {len(error.candidates)} {error.kind}s: {candidates}"
            " (give more of the title, the year or the id)"
        ]
    if isinstance(error, NothingToPick):
        return ["no film matches those filters"]
    if isinstance(error, NotYours):
        return [f"'{error.theme_id}' is a list sfilms ships: only your own lists can be renamed or removed"]
    if isinstance(error, ThemeTaken):
        return [theme_taken(error.theme_id, error.bundled)]
    if isinstance(error, NothingToRead):
        if error.source == "-":
            return [f"nothing on standard input: {_PIPE_OR_FILE}"]
        return [f"{_path(error.source)} is empty: nothing to import"]
    if isinstance(error, NothingImported):
        if len(error.problems) == 1:
            return [f"{error.problems[0]}; nothing imported"]
        summary = f"nothing imported: {len(error.problems)} problem(s) in {error.source}"
        return [*(str(problem) for problem in error.problems), summary]
    if isinstance(error, FileProblems):
        return [str(error.problems[0])]
    if isinstance(error, AlreadyExists):
        return [f"{_path(error.path)} already exists; use --force to replace it"]
    if isinstance(error, CannotWrite):
        return [f"cannot write {'to ' if error.folder else ''}{_path(error.path)}: {error.reason}"]
    if isinstance(error, BadValue):
        return [_bad_value(error)]
    if isinstance(error, LogUnusable):
        return [f"your viewing log {_path(error.path)} {error.reason}; it is left as it is"]
    if isinstance(error, LogBusy):
        busy = "is busy (another sfilms is writing it); try again in a moment"
        return [f"your viewing log {_path(error.path)} {busy}"]
    if isinstance(error, NoSuchEntry):
        return [f"no entry {error.number} in your viewing log; 'sfilms diary' shows each entry's number"]
    if isinstance(error, NothingLogged):
        return [f"no {error.what} of {error.film} in your viewing log"]
    return [str(error)]


def theme_taken(theme_id: str, bundled: bool) -> str:
    """What an import that would replace a theme says: whose it is, and what would work."""
    whose = "a list sfilms ships" if bundled else "one of your lists"
    return f"the id '{theme_id}' is taken by {whose}: give another --id or --name, or --force to replace it"


def _quoted(text: str, width: int = 60) -> str:
    """The user's text quoted in a message, shortened if long (a whole 100 kB argument helps no one;
    ``core.text.quoted`` does the same for the domain's messages)."""
    return f"'{text}'" if len(text) <= width else f"'{text[: width - 1]}…' ({len(text)} characters)"


def _path(path: str, width: int = 100) -> str:
    """A path in a message, its middle left out if it is long (its folder's start and its name's
    end say which it is)."""
    if len(path) <= width:
        return path
    half = (width - 1) // 2
    return f"{path[:half]}…{path[-half:]}"


def _not_found(error: NotFound) -> str:
    message = f"no {error.kind} matches {_quoted(error.query)}"
    if error.suggestions:
        message = f"{message}; did you mean: {', '.join(error.suggestions)}?"
    hint = ""
    if error.blank:
        hint = f"give some of its name, e.g. {_EXAMPLES[error.kind]}"
    elif error.kind == "film" and error.needs_year:
        example = _quoted(error.query + " 1994")
        hint = f"to log a film no list names, give its year too, as in: sfilms watched {example}"
    elif error.kind == "film" and error.names_director:
        hint = f"to see a director's films, try: sfilms list --director {_quoted(error.query)}"
    elif error.kind == "film" and not error.suggestions:
        hint = "'sfilms list' shows every film"
    elif error.known and not error.suggestions:
        hint = f"themes: {', '.join(error.known)}"
    return f"{message}; {hint}" if hint else message


def _bad_value(error: BadValue) -> str:
    if isinstance(error, NameNeeded):
        return "reading from stdin needs --name (the theme's name, e.g. --name 'War')"
    if error.what == "name":
        return "the list needs a name: give --name"
    if error.what == "id":
        return f"the id {_quoted(error.value)} will not do: {error.reason}"
    return error.reason
