"""Where output goes and in which view: terminal (rich), plain lines, or JSON.

Follows clig.dev and the GitHub CLI: rich only when stdout is a terminal; plain,
tab-separated records when it is not (or with --plain); JSON whenever asked for.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import typer

TERMINAL, PLAIN, JSON = "terminal", "plain", "json"


def prepare_streams() -> None:
    """Let stdout and stderr degrade characters their encoding cannot hold (an ASCII or
    cp1252 console shows '?' for Cyrillic) instead of crashing."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def stdout_is_terminal() -> bool:
    """True when stdout is a terminal, or SFILMS_FORCE_TTY asks to behave as if it were."""
    if os.environ.get("SFILMS_FORCE_TTY"):
        return True
    isatty = getattr(sys.stdout, "isatty", None)
    return bool(isatty and isatty())


def choose_view(as_json: bool, plain: bool) -> str:
    """JSON if asked for; else plain when asked for or when stdout is not a terminal."""
    if as_json:
        return JSON
    if plain or not stdout_is_terminal():
        return PLAIN
    return TERMINAL


def _output_closed() -> None:
    # The reader went away (`sfilms show mirror | head -1`): point stdout at /dev/null so
    # the interpreter's final flush cannot complain, and end quietly.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise typer.Exit(0)


def emit(text: str) -> None:
    """Write plain or JSON text to stdout."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        _output_closed()


DEFAULT_PAGER = "less -FIRX"


def emit_rich(renderable: Any, use_pager: bool = True) -> None:
    """Print a rich renderable to stdout; rich honours NO_COLOR, TERM=dumb and COLUMNS.

    Output taller than the screen goes through a pager ($PAGER, default ``less -FIRX``) when
    stdout really is a terminal and ``use_pager`` is true.
    """
    from rich.console import Console  # imported here: the plain and JSON paths never pay for rich

    plain_terminal = bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    console = Console(
        highlight=False,
        force_terminal=True if os.environ.get("SFILMS_FORCE_TTY") else None,
        # NO_COLOR and TERM=dumb: no escape codes at all, not even bold.
        color_system=None if plain_terminal else "auto",
    )
    with console.capture() as captured:
        console.print(renderable)
    text = captured.get()
    isatty = getattr(sys.stdout, "isatty", None)
    real_terminal = bool(isatty and isatty())
    if should_page(real_terminal, text.count("\n"), console.size.height, not use_pager) and _page(text):
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
        pager = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE,
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


def note(message: str, prefix: str = "sfilms") -> None:
    """One line for a person on stderr (errors, warnings, 'nothing matched')."""
    sys.stderr.write(f"{prefix}: {message}\n")
