"""Domain errors. Each carries the facts; the CLI turns it into one line on stderr."""

from __future__ import annotations


class SfilmsError(Exception):
    """Base of the errors a user can cause; ``exit_code`` is what the command exits with."""

    exit_code = 1


class NotFound(SfilmsError):
    """Nothing matched a film, theme or director query."""

    def __init__(self, kind: str, query: str, suggestions: list[str], hint: str = ""):
        self.kind = kind
        self.query = query
        self.suggestions = suggestions
        self.hint = hint
        super().__init__(self._message())

    def _message(self) -> str:
        message = f"no {self.kind} matches '{self.query}'"
        if self.suggestions:
            message = f"{message}; did you mean: {', '.join(self.suggestions)}?"
        return f"{message}; {self.hint}" if self.hint else message


class Ambiguous(SfilmsError):
    """A query matched several things; ``candidates`` holds a label for each."""

    def __init__(self, kind: str, query: str, candidates: list[str]):
        self.kind = kind
        self.query = query
        self.candidates = candidates
        super().__init__(
            f"'{query}' matches {len(candidates)} {kind}s: {'; '.join(candidates)}"
            " (give more of the title, the year or the id)"
        )


class NoResults(SfilmsError):
    """A filter or search left nothing to show; stdout stays empty, a note goes to stderr."""


class DataError(SfilmsError):
    """A list or records file is broken; the message names the file, line and problem."""

    def __init__(self, path: str, message: str, line: int | None = None):
        self.path = path
        self.line = line
        self.problem = message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


class UsageProblem(SfilmsError):
    """A bad option value found after parsing (exit 2, like any usage error)."""

    exit_code = 2


class CannotWrite(SfilmsError):
    """A file could not be written: it exists (and --force was not given), or the folder refuses."""
