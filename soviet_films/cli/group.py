"""The command group, with the one error handler for the whole program."""

from __future__ import annotations

import errno
import os
import re
import sys
from collections.abc import Iterable
from typing import Any

import typer
from typer.core import TyperArgument, TyperGroup

from soviet_films import console
from soviet_films.cli.errors import describe
from soviet_films.errors import LogBusy, LogUnusable, SfilmsError
from soviet_films.model import LogNote, SkippedFile

EXIT_USAGE = 2
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it

# What a stream (not a file sfilms chose to write) fails with: a closed descriptor, a full disk.
_STREAM_ERRORS = (errno.EBADF, errno.ENOSPC, errno.EIO, errno.EPIPE)

# Set by the --debug option (or SFILMS_DEBUG): unexpected errors show their traceback.
debug = False


def tell(notes: Iterable[object]) -> None:
    """One line on stderr for each note an answer carries: a user list file left out, a viewing log
    that could not be read."""
    for note in notes:
        if isinstance(note, LogNote):
            what = LogBusy(note.path) if note.busy else LogUnusable(note.path, note.reason)
            console.note(f"warning: {describe(what)[0]}; shown without it")
        elif isinstance(note, SkippedFile) and note.kind == "plain-text":
            console.note(f"note: {note.path} is {PLAIN_TEXT}, so not read; {_import_hint(note.path)}")
        elif isinstance(note, SkippedFile):
            where = f"{note.path}:{note.line}" if note.line else note.path
            more = f" (and {note.more} more; run 'sfilms validate')" if note.more else ""
            console.note(f"warning: skipped {where}: {note.message}{more}")


PLAIN_TEXT = "a plain-text list, not a list file"


def _import_hint(path: str) -> str:
    return f"'sfilms import {path}' brings it in (--dry-run shows how it reads)"


def plain_text_line(path: str) -> str:
    """What validate says of a plain-text list it was given or found."""
    return f"{path}: {PLAIN_TEXT}; {_import_hint(path)}"


class SfilmsApp(TyperGroup):
    """The command group: every error, whatever raised it, becomes a line on stderr and an exit code."""

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

        console.prepare_streams()
        if args is None:
            # Under a C locale Python decodes argv bytes as lone surrogates; people type UTF-8.
            args = [repair_argument(arg) for arg in sys.argv[1:]]
        try:
            result = super().main(
                args=args,
                prog_name=prog_name or "sfilms",
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
            code = result if isinstance(result, int) else 0
        except (console.OutputClosed, BrokenPipeError):  # the reader went away: that is their choice
            console.silence_stdout()
            code = 0
        except SystemExit as stop:
            # Nothing in the group exits the process but rich, whose Console.on_broken_pipe ends
            # typer's help with exit 1 when the reader has gone (`sfilms --help | head -1`).
            if stop.code != 1:
                raise
            console.silence_stdout()
            code = 0
        except console.OutputFailed as error:
            console.note(f"cannot write to stdout: {error.reason}")
            code = 1
        except UsageError as error:
            command = error.ctx.command_path if error.ctx else "sfilms"
            if error.format_message():
                console.note(f"{_in_words(error.format_message())} (see '{command} --help')", command)
                code = EXIT_USAGE
            else:  # a bare 'sfilms': the help was shown, as asked for (gh does the same)
                code = 0
        except ClickException as error:
            console.note(error.format_message())
            code = error.exit_code
        except SfilmsError as error:
            tell(error.notes)
            for line in describe(error):
                console.note(line)
            code = error.exit_code
        except (typer.Abort, KeyboardInterrupt):
            console.note("interrupted")
            code = EXIT_INTERRUPTED
        except Exception as error:  # anything unexpected: one line, unless asked for the traceback
            if debug or os.environ.get("SFILMS_DEBUG"):
                raise
            if isinstance(error, OSError) and error.errno in _STREAM_ERRORS:
                # Raised by typer itself writing help or completion to a broken stdout.
                console.silence_stdout()
                console.note(f"cannot write to stdout: {error.strerror}")
                code = 1
            else:
                console.note(
                    f"unexpected error: {type(error).__name__}: {error} "
                    "(run again with --debug to see where, and please report it)"
                )
                code = EXIT_INTERNAL
        if standalone_mode:
            sys.exit(code)
        return code


_PARSER_WORDS = (
    (re.compile(r"^Invalid value for '([^']+)': '(.*)' is not a valid (?:int|integer)\.?$", re.DOTALL),
     "{0} takes a whole number, not '{1}' (e.g. {0} 7)"),
    (re.compile(r"^Invalid value for '([^']+)': '(.*)' is not a valid float\.?$", re.DOTALL),
     "{0} takes a number, not '{1}' (e.g. {0} 3.5)"),
)  # fmt: skip


def _in_words(message: str) -> str:
    """The parser's own wording of a bad number, in ours (what is wrong, and what works)."""
    for pattern, words in _PARSER_WORDS:
        found = pattern.match(message)
        if found:
            value = found[2] if len(found[2]) <= 40 else found[2][:39] + "…"
            return words.format(found[1], value)
    return message


def _usage_metavar(argument: Any, ctx: Any, *, usage: bool = False) -> str:
    # typer 0.28 writes a required argument as {film} in the usage line; people read FILM.
    shown = _typer_metavar(argument, ctx, usage=usage)
    return shown[1:-1] if usage and shown.startswith("{") and shown.endswith("}") else shown


_typer_metavar = TyperArgument.make_metavar
TyperArgument.make_metavar = _usage_metavar  # type: ignore[method-assign]


def repair_argument(arg: str) -> str:
    """The argument as the UTF-8 the user typed, even if the locale decoded it as ASCII."""
    return arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
