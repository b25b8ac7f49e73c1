"""The promises, asserted on every run of hostile input that Hypothesis makes up: random command
lines, random list files in the lists folder, random text to import.

Every run must: exit 0, 1 or 2; print no traceback; write errors as whole lines on stderr that
carry no escape sequence or control character; keep piped stdout free of them too; give valid
JSON under --json; leave the user's list files as they were when it fails; and leave no
temporary file behind. (Signals and broken streams need real processes: see test_streams.py.)
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from soviet_films.cli.commands import app

RUNS = settings(
    max_examples=int(os.environ.get("SFILMS_HOSTILE_EXAMPLES", "120")),  # more for a deeper run by hand
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# What may never reach a stream raw: C0 controls but tab and newline, DEL, C1, bidi marks.
FORBIDDEN = {chr(c) for c in (*range(0x20), 0x7F, *range(0x80, 0xA0), 0x061C, 0x200E, 0x200F,
                              *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029)} - {"\t", "\n"}  # fmt: skip

# Text that tries everything: escape sequences, controls, bidi overrides, markup, Cyrillic, quotes.
NASTY = st.sampled_from(
    ["\x1b[31m", "\x1b]0;t\x07", "\x1b]8;;http://x\x1b\\", "\x9b2J", "\u202e", "\u061c", "\r", "\x7f",
     "\x00", "\ufffe", "[bold]", "[/]", "'", '"', "«»", "Сталкер", "ё", "1979", "-", "--", ":", "#", "*",
     "\n", "\t", " ", "stalker", "mirror", "loneliness"]
)  # fmt: skip
TEXT = st.lists(st.one_of(NASTY, st.text(max_size=6)), max_size=6).map("".join)

COMMANDS = ["themes", "list", "show", "search", "random", "stats", "export", "validate", "paths", "import",
            "watched", "unwatch", "watchlist", "diary", "letterboxd"]  # fmt: skip
OPTIONS = ["--json", "--plain", "--year", "--director", "--sort", "--theme", "--format", "--seed", "-o", "--seen",
           "--unseen", "--watchlist", "--on", "--rating", "--rewatch", "--note", "add", "remove", "import",
           "--force", "--name", "--id", "--no-pager", "--help", "--version", "--debug", "-y", "-d"]  # fmt: skip
VALUES = st.one_of(
    TEXT,
    st.sampled_from(
        [
            "1975",
            "1970s",
            "1970-1979",
            "1980-1970",
            "70s",
            "year",
            "title",
            "csv",
            "json",
            "markdown",
            "letterboxd",
            "tarkovsky",
            "-",
            "loneliness",
            "low self-esteem",
        ]
    ),
)
ARGV = st.tuples(
    st.sampled_from(COMMANDS), st.lists(st.one_of(st.sampled_from(OPTIONS), VALUES), max_size=5)
).map(lambda parts: [parts[0], *parts[1]])


def files_in(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` (the lists and, beside them, the viewing log) with the hash of
    its bytes; SQLite's own -wal and -shm files aside."""
    folders = [folder, folder.parent / "data"]
    return {
        str(path.relative_to(folder.parent)): hashlib.sha256(path.read_bytes()).hexdigest()
        for each in folders
        for path in sorted(each.rglob("*"))
        if path.is_file() and not path.name.endswith(("-wal", "-shm"))
    }


def check_promises(args: list[str], result, before: dict[str, str], lists: Path) -> None:
    """Assert every promise about one finished run."""
    where = f"sfilms {args!r}"
    assert result.exit_code in (0, 1, 2), (where, result.exit_code, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr, where
    assert not FORBIDDEN & set(result.stderr), (where, result.stderr)
    for line in result.stderr.splitlines():
        assert line.startswith("sfilms"), (where, line)
    if "--help" not in args:  # help is typer's, and only ever our own words
        assert not FORBIDDEN & set(result.stdout), (where, result.stdout[:300])
    if "--json" in args and result.exit_code == 0 and result.stdout and "--help" not in args:
        json.loads(result.stdout)
    after = files_in(lists)
    assert not [name for name in after if Path(name).name.startswith(".")], (where, after)  # no temp file
    if result.exit_code != 0:
        assert after == before, (where, "a failed run changed the lists or the viewing log")


def invoke(args: list[str], lists: Path, cache: Path, stdin: str = ""):
    env = {"SFILMS_LISTS_DIR": str(lists), "XDG_CACHE_HOME": str(cache), "COLUMNS": "80",
           "SFILMS_DATA_DIR": str(lists.parent / "data")}  # fmt: skip
    return CliRunner().invoke(app, args, env=env, input=stdin, catch_exceptions=False)


@RUNS
@given(ARGV)
def test_any_command_line_keeps_the_promises(args: list[str]) -> None:
    with tempfile.TemporaryDirectory() as home:
        lists, cache = Path(home) / "lists", Path(home) / "cache"
        lists.mkdir()
        (lists / "mine.yaml").write_text(
            "id: mine\nname: Mine\nintro: x\nfilms:\n  - title: Stalker\n    year: 1979\n    description: d\n"
        )
        before = files_in(lists)
        # -o would write into the working folder: keep every path the run may write inside home.
        args = [Path(home, "out").as_posix() if previous == "-o" else arg
                for previous, arg in zip(["", *args], args, strict=False)]  # fmt: skip
        check_promises(args, invoke(args, lists, cache), before, lists)


# List files: some shaped like the schema with hostile values, some any text at all.
SCALAR = st.one_of(
    TEXT, st.integers(-10, 10**30).map(str), st.sampled_from(["No", "yes", "null", "1:20", "~"])
)
ENTRY = st.fixed_dictionaries(
    {"title": SCALAR, "year": SCALAR, "description": SCALAR}, optional={"fact": SCALAR}
)
LIST_DATA = st.fixed_dictionaries(
    {"id": SCALAR, "name": SCALAR, "intro": SCALAR, "films": st.lists(ENTRY, max_size=4)}
)


def as_yaml(data: dict) -> str:
    """Hostile data as YAML, each scalar either quoted (JSON is YAML) or left bare."""

    def scalar(value: str) -> str:
        return json.dumps(value) if (hash(value) & 1) else value.replace("\n", " ")

    lines = [f"{key}: {scalar(value)}" for key, value in data.items() if key != "films"]
    lines.append("films:")
    for entry in data["films"]:
        for index, (key, value) in enumerate(entry.items()):
            lines.append(f"  {'- ' if index == 0 else '  '}{key}: {scalar(value)}")
    return "\n".join(lines) + "\n"


LIST_TEXT = st.one_of(
    LIST_DATA.map(as_yaml), TEXT, st.binary(max_size=200).map(lambda b: b.decode("latin-1"))
)


@RUNS
@given(LIST_TEXT, st.sampled_from([["themes"], ["list"], ["list", "--json"], ["show", "stalker"],
                                   ["search", "d"], ["validate"], ["stats"], ["export", "--format", "markdown"]]))  # fmt: skip
def test_any_list_file_keeps_the_promises(text: str, args: list[str]) -> None:
    with tempfile.TemporaryDirectory() as home:
        lists, cache = Path(home) / "lists", Path(home) / "cache"
        lists.mkdir()
        (lists / "hostile.yaml").write_text(text, encoding="utf-8", errors="surrogateescape")
        before = files_in(lists)
        result = invoke(args, lists, cache)
        check_promises(args, result, before, lists)
        if args[0] != "validate":  # one broken file never takes the bundled lists down
            assert result.exit_code in (0, 1) and "loneliness" in invoke(["themes"], lists, cache).stdout


PLAIN_TEXT = st.lists(
    st.one_of(
        TEXT,
        st.sampled_from(
            [
                "Stalker (1979)",
                "Description: d",
                "Fact: f",
                "",
                "1. Mirror (1975)",
                "**Fact:**",
                "Title (1775)",
            ]
        ),
    ),
    max_size=12,
).map("\n".join)


@RUNS
@given(PLAIN_TEXT, TEXT)
def test_any_text_to_import_keeps_the_promises(text: str, name: str) -> None:
    with tempfile.TemporaryDirectory() as home:
        lists, cache = Path(home) / "lists", Path(home) / "cache"
        lists.mkdir()
        before = files_in(lists)
        args = ["import", "-", "--name", name]
        result = invoke(args, lists, cache, stdin=text)
        check_promises(args, result, before, lists)
        if result.exit_code == 0:  # what import writes, every command can read
            written = invoke(["validate", *map(str, lists.iterdir())], lists, cache)
            assert written.exit_code == 0, written.stdout
