"""Hostile list files as the commands meet them: one-line errors, no escape sequence, no markup."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import write_list

VALID_HEAD = "id: evil\nname: Evil\nintro: x\nfilms:\n  - title: T\n    year: 1970\n    description: d\n"


def test_not_utf8_gets_a_one_line_error(run, user_lists: Path, tmp_path: Path) -> None:
    (user_lists / "latin1.yaml").write_bytes(VALID_HEAD.replace("T", "Caf\xe9").encode("latin-1"))
    result = run("themes")
    assert result.exit_code == 0
    assert (
        result.stderr
        == f"sfilms: warning: skipped {user_lists / 'latin1.yaml'}:5: not UTF-8 text (byte 0xe9)\n"
    )
    text_file = tmp_path / "latin1.txt"
    text_file.write_bytes("Intro\n\nCaf\xe9 (1970)\nDescription: d\n".encode("latin-1"))
    imported = run("import", str(text_file), "--name", "x")
    assert imported.exit_code == 1 and "not UTF-8" in imported.stderr


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "No", "YAML reads No as true/false False, not text; put it in quotes"),
        ("title", "yes", "YAML reads yes as true/false True"),
        ("year", "1:20", "year: expected a whole number, got int 1:20"),
        ("description", "2001-01-01", "YAML reads 2001-01-01 as date"),
        ("description", "null", "expected text, got nothing"),
    ],
)
def test_yaml_1_1_surprises_are_caught_by_the_schema(
    run, user_lists: Path, field: str, value: str, message: str
) -> None:
    lines = {"title": "T", "year": "1970", "description": "d"}
    lines[field] = value
    text = "id: evil\nname: Evil\nintro: x\nfilms:\n" + "".join(
        f"  {'- ' if i == 0 else '  '}{k}: {v}\n" for i, (k, v) in enumerate(lines.items())
    )
    path = write_list(user_lists, "evil.yaml", text)
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert message in result.stdout


ESCAPES = "\x1b[31mred\x1b[0m \x1b]0;title\x07 \x1b]8;;http://x\x1b\\link \x9b2J \u202eevil\u202c \u2066x\u2069 bell\a cr\r"


def test_escape_sequences_never_reach_the_terminal_or_the_pipe(run, user_lists: Path) -> None:
    write_list(user_lists, "evil.yaml", VALID_HEAD + f"    fact: {json.dumps(ESCAPES)}\n")
    for env in (
        {},
        {"SFILMS_FORCE_TTY": "1", "NO_COLOR": "1"},
        {"SFILMS_FORCE_TTY": "1", "FORCE_COLOR": "1"},
    ):
        for args in (("show", "t"), ("list", "evil"), ("search", "bell")):
            out = run(*args, env=env).stdout
            # With colour on, rich writes its own CSI sequences, but never "ESC [ 3 1 m" + "red":
            # the data's sequence must arrive as the visible text "\x1b[31mred".
            for raw in ("\x1b]", "\x07", "\x9b", "\u202e", "\u2066", "\r", "\x1b[31mred"):
                assert raw not in out, (args, env, raw)
            if args[0] != "list":  # list shows no fact
                assert "\\x1b[31mred" in out, (args, env)
    shown = run("show", "t").stdout
    assert "\\x1b[31mred" in shown and "\\x9b2J" in shown and "\\u202eevil" in shown
    data = json.loads(run("show", "t", "--json").stdout)
    assert data["lists"][0]["fact"] == ESCAPES
    raw_json = run("show", "t", "--json").stdout
    assert "\\u001b[31m" in raw_json and "\\u009b" in raw_json and "\\u202e" in raw_json


def test_rich_markup_in_data_prints_as_written(run, user_lists: Path) -> None:
    write_list(
        user_lists, "evil.yaml", VALID_HEAD + '    fact: "[bold]b[/bold] [/] [link=http://x]l[/link]"\n'
    )
    out = run("show", "t", env={"SFILMS_FORCE_TTY": "1", "NO_COLOR": "1", "COLUMNS": "200"}).stdout
    assert "[bold]b[/bold] [/] [link=http://x]l[/link]" in out


# A theme name and a title used as labels: in headings, panel titles and table cells.
HOSTILE_LABELS = (
    'id: evil\nname: "E\\e[31mvil \\e]8;;http://x\\e\\\\link\\e]8;;\\e\\\\ \\x9b2J \\u061c"\nintro: x\nfilms:\n'
    '  - title: "T\\e[1mX \\e]0;owned\\a"\n    year: 1970\n    description: d\n'
)


@pytest.mark.parametrize(
    "args", [("themes",), ("show", "t"), ("list", "evil"), ("search", "d"), ("stats", "evil"), ("list",)]
)
@pytest.mark.parametrize("width", ["40", "100"])
def test_labels_from_data_reach_the_terminal_as_text(run, user_lists: Path, args, width: str) -> None:
    write_list(user_lists, "evil.yaml", HOSTILE_LABELS)
    out = run(*args, env={"SFILMS_FORCE_TTY": "1", "FORCE_COLOR": "1", "COLUMNS": width}).stdout
    for raw in ("\x1b]", "\x07", "\x9b", "\u061c", "\x1b[31mvil", "\x1b[1mX"):
        assert raw not in out, (args, raw)
    if args[0] != "stats":  # stats shows no title of a film in one list
        assert "\\x1b[" in out  # shown, as text


def test_the_users_own_argument_is_shown_never_obeyed(run) -> None:
    result = run("show", "\x1b]0;X\x07\nsecond line")
    assert result.exit_code == 1
    assert result.stderr == (
        "sfilms: no film matches '\\x1b]0;X\\x07\\x0asecond line'; 'sfilms list' shows every film\n"
    )


def test_validate_shows_problems_as_text(run, user_lists: Path) -> None:
    path = write_list(user_lists, "evil.yaml", 'id: "ev\\e]0;x\\ail"\nname: n\nintro: x\nfilms: []\n')
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "ev\\x1b]0;x\\x07il" in result.stdout


def test_a_long_argument_gets_a_short_answer(run) -> None:
    result = run("show", "a" * 100_000)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and len(result.stderr) < 200
    assert "(100000 characters)" in result.stderr
    result = run("search", *(["word"] * 33))
    assert result.exit_code == 2
    assert "give at most 32 words" in result.stderr
