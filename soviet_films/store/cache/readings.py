"""Reading the list files for the cache: each file read and checked once, its bytes hashed, and what
the cache keeps of every entry made ready (its link keys, the surnames it gives, its folded words).
A build from nothing shares the files among processes on every core."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from soviet_films.store.cache.schema import file_status


class Reading(NamedTuple):
    """What reading one list file gave: its checked data (None if it has problems), the line of its
    id, its first problem (path, line, message) and how many more, the status and the hash of the
    bytes read, and each entry made ready (``Prepared``; empty for a file with problems)."""

    data: dict[str, Any] | None
    id_line: int
    problem: tuple[str, int, str] | None
    more: int
    status: tuple[int, int, int, int] | None
    hash: str
    prepared: tuple[Prepared, ...] = ()


class Prepared(NamedTuple):
    """What the cache keeps of one entry besides its fields: the keys it is linked by, (surname key,
    name) for each director it gives, its own words folded for the full-text index, and the words its
    title and original title are found by (``core.resolve.name_words``)."""

    keys: tuple[str, ...]
    names: tuple[tuple[str, str], ...]
    text: str
    words: tuple[frozenset[str], frozenset[str]]


def prepare(data: Mapping[str, Any]) -> tuple[Prepared, ...]:
    """Each entry of a checked list, made ready for the cache."""
    from soviet_films.core.identity import link_keys, surname_key
    from soviet_films.core.resolve import name_words
    from soviet_films.core.text import fold

    prepared = []
    for raw in data["films"]:
        directors = raw.get("directors") or ()
        original = raw.get("original_title") or ""
        prepared.append(
            Prepared(
                tuple(sorted(link_keys(raw["title"], original))),
                tuple(sorted({(surname_key(name), name) for name in directors if surname_key(name)})),
                entry_text(raw["title"], raw.get("description") or "", raw.get("fact") or "", fold),
                (name_words(raw["title"]), name_words(original) if original else frozenset()),
            )
        )
    return tuple(prepared)


def entry_text(title: str, description: str, fact: str, fold: Any) -> str:
    """An entry's own words as the full-text index holds them: each field folded, tab-separated."""
    return "\t".join(fold(text) for text in (title, description, fact) if text)


def read(path: Path) -> Reading:
    """Read and check one list file, hashing exactly the bytes that were parsed."""
    import hashlib
    import io

    from soviet_films.errors import FileProblems, Problem
    from soviet_films.store import yamlsafe
    from soviet_films.store.files import MAX_BYTES, open_for_reading, read_bounded
    from soviet_films.store.list_files import check_list

    status = file_status(path)
    digest = ""
    try:
        with open_for_reading(path) as stream:
            raw = stream.read(MAX_BYTES + 1)
        digest = hashlib.blake2b(raw, digest_size=16).hexdigest()
        data = yamlsafe.load(read_bounded(io.BytesIO(raw), str(path)), str(path))
        problems = check_list(data, str(path))
    except FileProblems as error:
        problems, data = error.problems, None
    except OSError as error:
        problems, data = [Problem(str(path), 0, f"cannot read: {error.strerror or error}")], None
    if problems:
        first = problems[0]
        return Reading(None, 0, (first.path, first.line, first.message), len(problems) - 1, status, digest)
    id_line = getattr(data, "key_lines", {}).get("id", 0)
    plain = _plain(data)
    return Reading(plain, id_line, None, 0, status, digest, prepare(plain))


def _plain(value: Any) -> Any:
    """The checked data as plain JSON-able values (the reader's own dict, list and str kinds)."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, str):
        return str(value)
    return value


# Reading this many list files pays for starting processes to read them on every core.
MANY_FILES = 200
# What the readers did in the last build of this process: files read by worker processes (a test
# asks, so that workers that silently fail are noticed).
read_by_workers = 0


def read_many(paths: list[Path]) -> list[Reading]:
    """``read`` of every file, shared among processes on several cores when there are many (a build
    from nothing); read here, one by one, where that cannot be done."""
    global read_by_workers
    read_by_workers = 0
    workers = min(os.cpu_count() or 1, 4)
    threshold = int(os.environ.get("SFILMS_PARALLEL_FILES", MANY_FILES))
    if len(paths) < threshold or workers < 2:
        return [read(path) for path in paths]
    import pickle
    import subprocess
    import sys

    shares = [paths[start::workers] for start in range(workers)]
    # Isolated (-I): the folder sfilms runs in is not on its path, nor PYTHON* variables in its way.
    command = [sys.executable, "-I", "-c", f"from {__name__} import serve; serve()"]
    processes: list[subprocess.Popen[bytes]] = []
    try:
        for share in shares:
            process = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
            )
            processes.append(process)
            assert process.stdin is not None
            process.stdin.write(pickle.dumps([str(path) for path in share]))
            process.stdin.close()
        answers = []
        for process in processes:
            assert process.stdout is not None
            answers.append(pickle.loads(process.stdout.read()))
            if process.wait() != 0:
                raise OSError("a reading process failed")
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError, TypeError):
        for process in processes:
            process.kill()
            process.wait()
        return [read(path) for path in paths]
    readings: list[Reading] = [None] * len(paths)  # type: ignore[list-item]
    for start, answer in enumerate(answers):
        readings[start::workers] = [
            Reading(*fields[:6], tuple(Prepared(*each) for each in fields[6])) for fields in answer
        ]
    read_by_workers = len(paths)
    return readings


def serve() -> None:
    """A reading process (see ``read_many``): paths in on stdin, their readings out on stdout."""
    import pickle
    import signal
    import sys

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for sfilms itself, which ends this one
    paths = pickle.loads(sys.stdin.buffer.read())
    answer = [
        (*reading[:6], tuple(tuple(each) for each in reading.prepared))
        for reading in map(read, map(Path, paths))
    ]
    sys.stdout.buffer.write(pickle.dumps(answer))
    sys.stdout.buffer.flush()
