"""Reading and writing files safely: input bounded in size and checked to be UTF-8, from regular
files only unless the user named a stream; output written atomically with the user's umask, never
over an existing file unless asked to, and never replacing what is not a regular file.

This is the one guard for special files: every path sfilms reads or writes goes through
``open_for_reading`` or ``write_atomically``, so a FIFO or a device named like a list file can
neither hang a run nor be replaced by one."""

from __future__ import annotations

import contextlib
import io
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from soviet_films.errors import AlreadyExists, CannotWrite, FileProblems, Problem

MAX_BYTES = 4 * 1024 * 1024


def csv_rows(text: str, **dialect: str) -> Iterator[list[str]]:
    """The rows of CSV ``text`` (already bounded in size): a cell may be as long as the text itself,
    where the csv module's own limit (131,072 characters a cell) would stop it."""
    import csv

    csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES))
    return csv.reader(io.StringIO(text, newline=""), **dialect)


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


def open_for_reading(path: str | Path, streams: bool = False) -> BinaryIO:
    """Open ``path`` for reading, refusing a folder, and anything but a regular file unless
    ``streams`` (a pipe or a device the user named, such as ``/dev/stdin``).

    Opening never blocks (a FIFO with no writer cannot hang the run). Raises FileProblems.
    """
    name = str(path)
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise FileProblems([Problem(name, 0, f"cannot read: {error.strerror or error}")]) from None
    except ValueError:  # a NUL in the name: no file can have it
        raise FileProblems([Problem(name, 0, "cannot read: no file name holds a NUL character")]) from None
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise FileProblems([Problem(name, 0, "is a folder, not a file")])
        if not stat.S_ISREG(mode):
            if not streams:
                raise FileProblems([Problem(name, 0, "is not a regular file (a pipe or a device); not read")])
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def read_text_file(path: str) -> str:
    """The text of the file at ``path`` ('-': stdin), bounded in size and decoded as UTF-8.

    A pipe or device the user names is read too (``<(curl ...)``, ``/dev/stdin``). Raises
    FileProblems naming the file and the problem.
    """
    import sys

    if path == "-":
        stdin = getattr(sys.stdin, "buffer", None)
        if stdin is None:
            raise FileProblems([Problem("-", 0, "cannot read stdin: it is closed")])
        try:
            return read_bounded(stdin, path)
        except OSError as error:
            raise FileProblems([Problem(path, 0, f"cannot read: {error.strerror or error}")]) from None
    with open_for_reading(path, streams=True) as stream:
        try:
            return read_bounded(stream, path)
        except OSError as error:
            raise FileProblems([Problem(path, 0, f"cannot read: {error.strerror or error}")]) from None


def write_atomically(path: Path, text: str, overwrite: bool = False, *, owned: bool = False) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder, then rename.

    A crash, a signal or a full disk never leaves a half-written file (nor the temporary one), and
    two writers at once never mix their bytes. Without ``overwrite`` an existing file is refused,
    even one created by another process a moment ago. A new file gets the user's umask; a replaced
    file keeps its mode. What is not a regular file is never replaced: a symbolic link is followed
    (its target is replaced), a device or a pipe (``/dev/null``, ``/dev/stdout``) is written
    through, a folder refused; ``owned`` (sfilms' own cache files) replaces whatever is there.
    Creates the folder if it is missing. Raises AlreadyExists or CannotWrite.
    """
    if "\x00" in str(path):
        raise CannotWrite(str(path), "no file name holds a NUL character")
    if not owned:
        special = _special(path)
        if special is None and _is_link(path):
            path = Path(os.path.realpath(path))  # replace the file the link names, keep the link
        elif special is not None:
            if not overwrite:
                raise AlreadyExists(str(path))
            if stat.S_ISDIR(special):
                raise CannotWrite(str(path), "it is a folder")
            _write_through(path, text)
            return
    import tempfile  # imported here: reading (every run) must not pay for it, only writing

    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # A short name of its own: one built on the file's name would not fit beside a long one.
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".sfilms-", suffix=".tmp")
    except OSError as error:
        raise CannotWrite(str(folder), error.strerror or str(error), folder=True) from None
    try:
        os.fchmod(descriptor, _mode_for(path))
        with os.fdopen(descriptor, "w", encoding="utf-8", errors="surrogateescape", newline="\n") as stream:
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


def _is_link(path: Path) -> bool:
    try:
        return path.is_symlink()
    except (OSError, ValueError):  # a name too long, say: writing it says so
        return False


def _special(path: Path) -> int | None:
    """The mode of what stands at ``path`` if it is not a regular file (None: a file, or nothing)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    return None if stat.S_ISREG(mode) else mode


def _write_through(path: Path, text: str) -> None:
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        os.set_blocking(descriptor, True)
        with os.fdopen(descriptor, "w", encoding="utf-8", errors="surrogateescape", newline="\n") as stream:
            stream.write(text)
    except OSError as error:
        raise CannotWrite(str(path), error.strerror or str(error)) from None


def _mode_for(path: Path) -> int:
    """The mode a file written at ``path`` should have: the one it has, else 0666 less the umask."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return new_file_mode()


def new_file_mode() -> int:
    """The mode of a new file under the user's umask (0666 less it)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def follow_umask(database: Path) -> None:
    """Give a database SQLite has just created the user's umask (SQLite makes its files 0644 at
    most). Done before its first write: its -wal and -shm files then take the same mode."""
    with contextlib.suppress(OSError):
        os.chmod(database, new_file_mode())


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
