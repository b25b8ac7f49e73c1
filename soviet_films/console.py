"""The console: the streams, and writing to them. Text goes to stdout as it is; a rich
renderable (the terminal view's) is rendered first, and paged when taller than the screen;
notes for people go to stderr, one line each.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from soviet_films.safe import visible


class OutputClosed(Exception):
    """The reader of stdout went away (``sfilms show mirror | head -1``): end quietly."""


class OutputFailed(Exception):
    """stdout refused what was written (a full disk, a closed descriptor); ``reason`` says why."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class _Closed:
    """Stands in for a stream the process was started without (``sfilms themes >&-``)."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise OSError(9, "Bad file descriptor")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def prepare_streams() -> None:
    """Make the streams safe to use: a closed stdout or stderr becomes a stand-in (stdout then
    refuses writes, stderr swallows them), and both degrade characters their encoding cannot hold
    (an ASCII or cp1252 console shows '?' for Cyrillic) instead of crashing."""
    if sys.stdout is None:
        sys.stdout = _Closed()  # type: ignore[assignment]
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (lives as long as the process)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def _stdout_isatty() -> bool:
    isatty = getattr(sys.stdout, "isatty", None)
    return bool(isatty and isatty())


def stdout_is_terminal() -> bool:
    """True when stdout is a terminal, or SFILMS_FORCE_TTY asks to behave as if it were.

    This chooses the terminal view. Paging asks the stricter question (is it really a
    terminal?): a forced terminal view piped into ``less -R`` must never start a pager of its own.
    """
    return bool(os.environ.get("SFILMS_FORCE_TTY")) or _stdout_isatty()


def silence_stdout() -> None:
    """Point stdout at /dev/null, so that nothing more written (the interpreter's final flush
    included) can fail: for when the reader has gone."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        sys.stdout = _Closed()  # type: ignore[assignment]


def emit(text: str) -> None:
    """Write text to stdout. Raises OutputClosed when the reader has gone, OutputFailed when
    stdout refuses the text. Nothing to write touches nothing: a command with nothing to say
    never fails on a closed or full stdout."""
    if not text:
        return
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        raise OutputClosed from None
    except OSError as error:
        silence_stdout()
        raise OutputFailed(error.strerror or str(error)) from None


def colour_enabled() -> bool:
    """False when NO_COLOR is set or TERM is dumb: then no escape code at all, not even bold."""
    return not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def show(output: Any, page: bool = True) -> None:
    """Write a view's output: text as it is, a rich renderable rendered (and paged if ``page``)."""
    if isinstance(output, str):
        emit(output)
    else:
        emit_rich(output, use_pager=page)


DEFAULT_PAGER = "less -FIRX"


def emit_rich(renderable: Any, use_pager: bool = True) -> None:
    """Print a rich renderable to stdout; rich honours NO_COLOR, TERM=dumb and COLUMNS.

    Output taller than the screen goes through a pager ($PAGER, default ``less -FIRX``) when
    stdout really is a terminal and ``use_pager`` is true.
    """
    from rich.console import Console  # imported here: the plain and JSON paths never pay for rich

    plain_terminal = not colour_enabled()
    console = Console(
        highlight=False,
        force_terminal=True if os.environ.get("SFILMS_FORCE_TTY") else None,
        # NO_COLOR and TERM=dumb: no escape codes at all, not even bold.
        color_system=None if plain_terminal else "auto",
    )
    with console.capture() as captured:
        console.print(renderable)
    text = captured.get()
    if should_page(_stdout_isatty(), text.count("\n"), console.size.height, not use_pager) and _page(text):
        return
    emit(text)


def should_page(stdout_is_a_terminal: bool, lines: int, height: int, disabled: bool) -> bool:
    """A pager only for a real terminal, for output taller than the screen, unless turned off."""
    return stdout_is_a_terminal and not disabled and lines > height


def _page(text: str) -> bool:
    """Show ``text`` through the pager; False if there is no working pager (then print it)."""
    import subprocess  # imported here: only tall terminal output pays for it

    command = os.environ.get("PAGER", DEFAULT_PAGER).strip()
    if not command or command == "cat":
        return False
    try:
        # Through the shell, as git and man do: PAGER may hold options or a pipeline.
        pager = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=_pager_environment(),
                                 encoding=sys.stdout.encoding or "utf-8", errors="replace")  # fmt: skip
    except OSError:
        return False
    try:
        assert pager.stdin is not None
        pager.stdin.write(text)
        pager.stdin.close()
    except (BrokenPipeError, OSError):
        pass  # the reader quit before reading everything: that is their choice
    try:
        code = pager.wait()
    except KeyboardInterrupt:
        code = pager.wait()
    return code != 127  # the shell's "command not found": print the text instead


def _pager_environment() -> dict[str, str]:
    # As git does: a plain PAGER=less must show colour (R) rather than raw escape codes, quit
    # when the text fits (F) and leave the screen as it was (X). A LESS the user set is theirs.
    environment = dict(os.environ)
    environment.setdefault("LESS", "FRX")
    environment.setdefault("LV", "-c")
    return environment


def note(message: str, prefix: str = "sfilms") -> None:
    """One line for a person on stderr (errors, warnings, 'nothing matched').

    The message is made visible (it may quote data or the user's own argument), so it is always
    one line with no escape sequence in it. A stderr that refuses the line is not an error.
    """
    try:
        sys.stderr.write(f"{visible(prefix)}: {visible(message)}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
