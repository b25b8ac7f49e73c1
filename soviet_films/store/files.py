"""Reading and writing files safely: input bounded in size and checked to be UTF-8; output
written atomically, and never over an existing file unless asked to."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import BinaryIO

from soviet_films.errors import AlreadyExists, CannotWrite, FileProblems, Problem

MAX_BYTES = 4 * 1024 * 1024


def read_bounded(stream: BinaryIO, source: str, limit: int = MAX_BYTES) -> str:
    """Read at most ``limit`` bytes of ``source`` and decode them as UTF-8 (a byte-order mark is
    allowed).

    Raises FileProblems for larger (or endless) input and for text that is not UTF-8.
    """
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise FileProblems([Problem(source, 0, f"larger than {limit // (1024 * 1024)} MiB; not a list file")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = f"not UTF-8 text (byte 0x{data[error.start]:02x})"
        raise FileProblems([Problem(source, line, message)]) from None


def read_text_file(path: str) -> str:
    """The text of the file at ``path`` ('-': stdin), bounded in size and decoded as UTF-8.

    Raises FileProblems naming the file and the problem.
    """
    import sys

    try:
        if path == "-":
            return read_bounded(sys.stdin.buffer, path)
        with open(path, "rb") as stream:
            return read_bounded(stream, path)
    except OSError as error:
        raise FileProblems([Problem(path, 0, f"cannot read: {error.strerror or error}")]) from None


def write_atomically(path: Path, text: str, overwrite: bool = False) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder, then rename.

    A crash or a full disk never leaves a half-written file, and two writers at once never
    mix their bytes. Without ``overwrite`` an existing file is refused, even one created by
    another process a moment ago. Creates the folder if it is missing. Raises AlreadyExists
    or CannotWrite.
    """
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise CannotWrite(str(folder), error.strerror or str(error), folder=True) from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if overwrite:
            os.replace(temporary, path)
        else:
            _link_new(Path(temporary), path)
    except FileExistsError:
        raise AlreadyExists(str(path)) from None
    except OSError as error:
        raise CannotWrite(str(path), error.strerror or str(error)) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _link_new(temporary: Path, path: Path) -> None:
    """Give the finished file its name only if the name is free (atomically, where links work)."""
    try:
        os.link(temporary, path)  # fails if path exists: no gap between checking and writing
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: check, then rename
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(temporary, path)
