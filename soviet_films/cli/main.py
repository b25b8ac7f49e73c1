"""The process entry: run the command named, then leave at once.

Only the standard library is imported at the top, so that the signal handlers are in place before
the long imports (typer alone takes tens of milliseconds): Ctrl-C at any moment ends the run with
one line, and SIGTERM or SIGHUP unwinds it, so a file being written is removed, never left behind.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from typing import Any


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwind (running every cleanup on the way) and leave."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _terminate(signum: int, frame: object) -> None:
    raise Terminated(signum)


def main() -> None:
    """Console-script entry point."""
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _terminate)
    try:
        from soviet_films.cli.commands import app

        if sys.argv[1:2] == ["help"] and len(sys.argv) > 2:  # 'sfilms help import' is 'sfilms import --help'
            sys.argv[1:] = [*sys.argv[2:], "--help"]
        _keep_only_the_command_run(app, sys.argv[1:])
        app()
        code: Any = 0
    except SystemExit as exit_request:
        code = exit_request.code
    except KeyboardInterrupt:  # before the command group's own handler was running
        code = 130
    except Terminated as terminated:
        code = 128 + terminated.signum
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


def _keep_only_the_command_run(app: Any, args: list[str]) -> None:
    # typer inspects the signature of every registered command before it runs one, a few
    # milliseconds each on every run and every TAB; when the command is named, build just it.
    # Help for the whole program, and completion of command names, still see them all.
    named = next((arg for arg in args if not arg.startswith("-")), None)
    chosen = [info for info in app.registered_commands if _command_name(info) == named]
    groups = [info for info in app.registered_groups if info.name == named]
    if chosen or groups:
        app.registered_commands = chosen
        app.registered_groups = groups


def _command_name(info: Any) -> str:
    return info.name or info.callback.__name__.replace("_", "-")
