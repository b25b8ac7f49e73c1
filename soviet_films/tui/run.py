"""Running the browser on a terminal, and giving back the film picked.

Like fzf, the browser draws on the terminal itself: Textual reads stdin, draws on stderr and takes
its size from stdout; each of them that is not a terminal (``sfilms browse | xargs ...``,
``"$(sfilms browse)"``, ``... < list``) is pointed at ``/dev/tty`` for as long as the browser runs,
and put back after. stdout carries only the id, written once the browser has closed.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator

from soviet_films.errors import SfilmsError


class NoTerminal(SfilmsError):
    """There is no terminal to draw the browser on (no /dev/tty)."""


@contextlib.contextmanager
def on_the_terminal() -> Iterator[None]:
    """Make stdin and stderr the terminal while the block runs. Raises NoTerminal."""
    streams = [fd for fd in (0, 1, 2) if not _isatty(fd)]  # 1: the size is read from it
    if not streams:
        yield
        return
    try:
        tty = os.open("/dev/tty", os.O_RDWR | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise NoTerminal(error.strerror or str(error)) from None
    saved = {fd: os.dup(fd) for fd in streams}
    try:
        for fd in streams:
            os.dup2(tty, fd)
        yield
    finally:
        for fd, copy in saved.items():
            os.dup2(copy, fd)
            os.close(copy)
        os.close(tty)


def _isatty(fd: int) -> bool:
    try:
        return os.isatty(fd)
    except OSError:
        return False


def browse(theme: str | None, query: str = "") -> str | None:
    """Open the browser (on ``theme``, or every film; filtered by ``query``) and return the id of
    the film picked, or None when the user closed it without picking. Raises NotFound or Ambiguous
    for ``theme``, and NoTerminal."""
    from soviet_films.tui.app import BrowseApp

    app = BrowseApp(theme, query)  # resolves the theme first: a typo is an error on the command line
    sys.stdout.flush()
    with on_the_terminal():
        picked = app.run()
    sys.stderr.flush()
    return picked
