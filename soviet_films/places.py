"""Where things live: the bundled lists and film records, the user's lists and viewing log, the cache.

The only code that knows paths. Everything comes from the environment when asked
(``$SFILMS_DATA_DIR``, ``$SFILMS_LISTS_DIR``, ``$XDG_DATA_HOME``, ``$XDG_CACHE_HOME``), so a test
that sets a variable is seen at once; ``relocated`` points the bundled data elsewhere (a test's broken copy).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from soviet_films.errors import Problem
from soviet_films.model import Places

RECORDS_FILE = "films.yaml"
LISTS_FOLDER = "lists"
LOG_FILE = "log.sqlite3"
LIST_SUFFIXES = (".yaml", ".yml")
# Files people save lists in before importing them: noted, never read as list files.
PLAIN_SUFFIXES = (".txt", ".csv", ".tsv", ".md")
PLAIN_TEXT = "a plain-text list, not a list file"

_bundled_override: Path | None = None


def bundled_data_dir() -> Path:
    """The bundled data: inside the installed package, or the source tree's ``data/``."""
    if _bundled_override is not None:
        return _bundled_override
    here = Path(__file__).resolve().parent
    packaged = here / "data"
    # An editable install or a source checkout has no copy inside the package.
    return packaged if packaged.is_dir() else here.parent / "data"


def bundled_lists_dir() -> Path:
    """The folder of the bundled list files."""
    return bundled_data_dir() / LISTS_FOLDER


def records_file() -> Path:
    """The film records file: verified films, directors' spellings, corrections."""
    return bundled_data_dir() / RECORDS_FILE


def data_dir() -> Path:
    """The user's data: $SFILMS_DATA_DIR, else $XDG_DATA_HOME/sfilms (~/.local/share/sfilms)."""
    override = os.environ.get("SFILMS_DATA_DIR")
    if override:
        return Path(override).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "sfilms"


def user_lists_dir() -> Path:
    """Where the user's own lists live: $SFILMS_LISTS_DIR, else the data folder's ``lists``."""
    override = os.environ.get("SFILMS_LISTS_DIR")
    if override:
        return Path(override).expanduser()
    return data_dir() / LISTS_FOLDER


def log_file() -> Path:
    """The viewing log (the user's data, never a cache): ``log.sqlite3`` in the data folder."""
    return data_dir() / LOG_FILE


def is_there(path: Path) -> bool:
    """Whether anything is at ``path``: a file, or something that is not one (a folder, a FIFO, a
    name too long for the system), which whoever reads it then reports."""
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except (OSError, ValueError):
        return True
    return True


def cache_dir() -> Path:
    """Where sfilms may keep a compiled catalogue: $XDG_CACHE_HOME/sfilms (~/.cache/sfilms)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sfilms"


def scan_list_files(folder: Path) -> tuple[list[Path], list[Problem]]:
    """The list files in ``folder``, sorted by name, and what keeps others from being read: a
    folder that exists but cannot be read, a file name that is not UTF-8 text, a plain-text list
    saved there to import (its kind is "plain-text"). A missing folder holds no lists and is no
    problem."""
    try:
        names = sorted(os.listdir(folder))
    except FileNotFoundError:
        return [], []
    except OSError as error:
        reason = error.strerror or str(error)
        return [], [Problem(shown(folder), 0, f"cannot read this folder ({reason}); its lists are left out")]
    files, problems = [], []
    for name in names:
        if name.lower().endswith(PLAIN_SUFFIXES) and not name.startswith("."):
            problems.append(Problem(shown(folder / name), 0, PLAIN_TEXT, "plain-text"))
            continue
        if not name.endswith(LIST_SUFFIXES) or name.startswith("."):
            continue
        if shown(name) != name:  # a name the file system holds as bytes that are not UTF-8
            problems.append(Problem(shown(folder / name), 0, "the file name is not UTF-8 text; rename it"))
        else:
            files.append(folder / name)
    return files, problems


def list_files(folder: Path) -> list[Path]:
    """The list files in ``folder`` that can be read, sorted by name (see ``scan_list_files``)."""
    return scan_list_files(folder)[0]


def shown(path: str | Path) -> str:
    """A path as text that can be printed and stored: bytes that are not UTF-8 as ``\\xff``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def current() -> Places:
    """Every place, as the environment sets them now."""
    return Places(
        bundled_lists=str(bundled_lists_dir()),
        records=str(records_file()),
        user_lists=str(user_lists_dir()),
        cache=str(cache_dir()),
        log=str(log_file()),
    )


@contextlib.contextmanager
def relocated(bundled_data: Path) -> Iterator[None]:
    """Read the bundled lists and records from ``bundled_data`` (laid out as ``data/``) for a while."""
    global _bundled_override
    previous, _bundled_override = _bundled_override, bundled_data
    try:
        yield
    finally:
        _bundled_override = previous
