"""Domain errors, and the one type for a problem at a line of a file.

Each error carries facts (what was asked, what was found, where); none names a command or an
option. The command line words them (``soviet_films.cli.errors``).
"""

from __future__ import annotations

from typing import NamedTuple


class Problem(NamedTuple):
    """One thing wrong with a file, at a line (0 when the whole file is meant); ``kind`` "plain-text"
    marks a plain-text list where a list file was looked for (the message then says only that)."""

    path: str
    line: int
    message: str
    kind: str = ""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


class SfilmsError(Exception):
    """Base of the errors a user can cause; ``exit_code`` is what the command exits with, and
    ``notes`` what the user should be told beside it (files left out on the way: see model.Answer)."""

    exit_code = 1
    notes: tuple[object, ...] = ()


class NotFound(SfilmsError):
    """Nothing matched a film, theme or director query.

    ``suggestions`` are labels of the closest names; ``blank`` means the query held no letters
    or digits at all; ``known`` lists what exists, where that is short enough to say (themes);
    ``names_director`` means the query, though no film, names a director; ``needs_year`` that a
    film no list names can be logged by its title with its year.
    """

    def __init__(
        self,
        kind: str,
        query: str,
        suggestions: list[str],
        *,
        blank: bool = False,
        known: tuple[str, ...] = (),
        names_director: bool = False,
        needs_year: bool = False,
    ):
        self.kind = kind
        self.query = query
        self.suggestions = suggestions
        self.blank = blank
        self.known = known
        self.names_director = names_director
        self.needs_year = needs_year
        super().__init__(f"no {kind} matches {query!r}")


class Ambiguous(SfilmsError):
    """A query matched several things; ``candidates`` holds a label for each."""

    def __init__(self, kind: str, query: str, candidates: list[str]):
        self.kind = kind
        self.query = query
        self.candidates = candidates
        super().__init__(f"{query!r} matches {len(candidates)} {kind}s")


class NothingToPick(SfilmsError):
    """The filters left no film to choose from."""


class NotYours(SfilmsError):
    """A theme sfilms ships, where only the user's own lists may be changed."""

    def __init__(self, theme_id: str):
        self.theme_id = theme_id
        super().__init__(f"'{theme_id}' is a list sfilms ships")


class ThemeTaken(SfilmsError):
    """An import would give its list the id of a theme there already (``bundled``: one sfilms ships)."""

    def __init__(self, theme_id: str, bundled: bool):
        self.theme_id = theme_id
        self.bundled = bundled
        super().__init__(f"the theme id '{theme_id}' is taken")


class NothingToRead(SfilmsError):
    """What was to be imported holds nothing but blanks (``source`` '-': standard input)."""

    def __init__(self, source: str):
        self.source = source
        super().__init__(f"{source}: nothing to read")


class FileProblems(SfilmsError):
    """A file could not be read or used; ``problems`` says where and what, first problem first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(str(problems[0]) if problems else "a file has problems")


class NothingImported(FileProblems):
    """The text to import could not be read as a list; ``source`` names it. Nothing was written."""

    def __init__(self, source: str, problems: list[Problem]):
        self.source = source
        super().__init__(problems)


class CannotWrite(SfilmsError):
    """A file or folder refused to be written; ``reason`` is the system's word for why."""

    def __init__(self, path: str, reason: str, *, folder: bool = False):
        self.path = path
        self.reason = reason
        self.folder = folder
        super().__init__(f"cannot write {'to ' if folder else ''}{path}: {reason}")


class AlreadyExists(CannotWrite):
    """The file to write exists, and replacing it was not asked for."""

    def __init__(self, path: str):
        super().__init__(path, "it already exists")


class BadValue(SfilmsError):
    """A value the user gave is not usable (exit 2, like any usage error).

    ``what`` names the value in the domain's words (``"year"``, ``"name"``, ``"id"``); ``reason``
    says what is wrong with it and what would work; ``value`` is what was given.
    """

    exit_code = 2

    def __init__(self, what: str, value: str, reason: str):
        self.what = what
        self.value = value
        self.reason = reason
        super().__init__(reason)


class NameNeeded(BadValue):
    """The list to import comes with no name and no file name to make one from (stdin)."""

    def __init__(self, source: str):
        super().__init__("name", "", f"{source} has no file name to name the list by")


class LogUnusable(SfilmsError):
    """The viewing log file exists but is not a log sfilms can use; it is left as it is."""

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class LogBusy(SfilmsError):
    """Another process held the viewing log for longer than sfilms waits."""

    def __init__(self, path: str):
        self.path = path
        super().__init__(f"{path}: busy")


class NoSuchEntry(SfilmsError):
    """No entry of the viewing log has this number."""

    def __init__(self, number: int):
        self.number = number
        super().__init__(f"no entry {number}")


class NothingLogged(SfilmsError):
    """A change to the viewing log found nothing to change (no such entry to remove)."""

    def __init__(self, what: str, film: str):
        self.what = what
        self.film = film
        super().__init__(f"no {what} of {film}")


class StoreDamaged(SfilmsError):
    """The cache was found damaged while a command used it; it is deleted (a cache: it is built
    again from the files), and the command, run again, answers from them."""

    def __init__(self) -> None:
        super().__init__("the cache was damaged; it is built again: run the command again")
