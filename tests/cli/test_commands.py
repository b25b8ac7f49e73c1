"""Every command through typer's CliRunner: stdout, stderr and exit code, in each view."""

from __future__ import annotations

import json
import re

import pytest

from soviet_films import __version__
from tests.helpers import write_list

ESCAPE = re.compile(r"\x1b")


def test_version(run) -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"sfilms {__version__}\n"


@pytest.mark.parametrize(
    ("command", "example"),
    [
        ((), "sfilms list loneliness --year 1970s"),
        (("themes",), "sfilms themes"),
        (("list",), "sfilms list loneliness --year 1970s"),
        (("show",), "sfilms show stalker"),
    ],
)
def test_help_leads_with_an_example(run, command: tuple[str, ...], example: str) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0
    text_after_usage = result.stdout.split("Usage:", 1)[1].splitlines()[1:]
    first_line = next(line.strip() for line in text_after_usage if line.strip())
    assert first_line.endswith(f"Example: {example}") or first_line == f"Example: {example}"


def test_themes_plain(run) -> None:
    result = run("themes")
    assert result.exit_code == 0
    assert result.stdout == "loneliness\tLoneliness\t10\nlow-self-esteem\tLow self-esteem\t10\n"
    assert result.stderr == ""


def test_themes_json(run) -> None:
    data = json.loads(run("themes", "--json").stdout)
    assert [(t["id"], t["name"], t["count"]) for t in data] == [
        ("loneliness", "Loneliness", 10),
        ("low-self-esteem", "Low self-esteem", 10),
    ]
    assert data[0]["intro"].startswith("Soviet cinema has always been a treasure trove")


def test_list_theme_plain_is_tab_separated_in_list_order(run) -> None:
    result = run("list", "low self-esteem")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 10
    assert lines[0] == "irony-of-fate\tThe Irony of Fate\t1975\tEldar Ryazanov"
    assert lines[2] == "autumn-marathon\tAutumn Marathon\t1979\tGeorgiy Daneliya"
    assert all(len(line.split("\t")) == 4 for line in lines)
    assert not ESCAPE.search(result.stdout)


def test_list_every_film_once_with_themes(run) -> None:
    lines = run("list").stdout.splitlines()
    assert len(lines) == 15
    fields = {line.split("\t")[0]: line.split("\t") for line in lines}
    assert fields["mirror"] == [
        "mirror",
        "The Mirror",
        "1975",
        "Andrei Tarkovsky",
        "loneliness, low-self-esteem",
    ]
    assert fields["house-on-the-embankment"][3] == ""


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        (("loneliness", "--year", "1975"), ["irony-of-fate", "mirror"]),
        (("loneliness", "--year", "1950-1959"), ["cranes-are-flying", "overcoat", "ballad-of-a-soldier"]),
        (("--year", "1960s"), ["commissar", "lady-with-the-dog", "story-of-asya-klyachina"]),
        (("--director", "ryazanov"), ["irony-of-fate", "garage"]),
        (("--director", "SOLOVYOV", "--sort", "year"), ["stationmaster", "house-under-the-starry-sky"]),
        (("low-self-esteem", "--director", "Tarkovsky", "--year", "1970s"), ["mirror"]),
        (
            ("loneliness", "--sort", "year", "--year", "1970s"),
            ["irony-of-fate", "mirror", "house-on-the-embankment", "ascent", "stalker"],
        ),
    ],
)
def test_list_filters(run, args: tuple[str, ...], ids: list[str]) -> None:
    result = run("list", *args)
    assert result.exit_code == 0, result.stderr
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == ids


def test_list_json(run) -> None:
    data = json.loads(run("list", "loneliness", "--json").stdout)
    assert data[0]["id"] == "stalker"
    assert data[0]["directors"] == ["Andrei Tarkovsky"]
    assert data[0]["original_title"] == "Сталкер"
    assert data[0]["rank"] == 1
    assert {"id", "title", "year", "directors", "original_title"} <= set(data[0])


def test_no_film_matches_the_filters(run) -> None:
    result = run("list", "loneliness", "--year", "1990s")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no films match" in result.stderr


def test_show_plain_block(run) -> None:
    result = run("show", "irony-of-fate")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "The Irony of Fate (1975)"
    assert "original_title:\tИрония судьбы, или С лёгким паром!" in lines
    assert "released:\tMade in 1975; first shown on Soviet television on 1 January 1976." in lines
    assert lines.count("theme:\tloneliness") == 1
    assert lines.count("theme:\tlow-self-esteem") == 1
    correction = [line for line in lines if line.startswith("correction")]
    assert len(correction) == 2
    assert correction[0].startswith("correction (false):\tThere was no separate international version")


def test_show_accepts_title_in_any_case_with_or_without_the(run) -> None:
    outputs = {run("show", typed).stdout for typed in ("mirror", "The Mirror", "THE MIRROR", "the mirror")}
    assert len(outputs) == 1
    assert outputs.pop().startswith("The Mirror (1975)\n")


def test_show_json(run) -> None:
    data = json.loads(run("show", "ascent", "--json").stdout)
    assert data["id"] == "ascent"
    assert data["directors"] == ["Larisa Shepitko"]
    assert [(e["theme"], e["rank"]) for e in data["lists"]] == [("loneliness", 5), ("low-self-esteem", 6)]
    assert (
        data["lists"][1]["fact"]
        == "The film won the Golden Prize at the 10th Moscow International Film Festival."
    )
    assert "Golden Bear" in data["lists"][1]["correction"]
    assert data["lists"][1]["correction_verdict"] == "false"


def test_show_json_keeps_utf8(run) -> None:
    assert "Зеркало" in run("show", "mirror", "--json").stdout


def test_show_a_film_with_no_correction(run) -> None:
    data = json.loads(run("show", "stalker", "--json").stdout)
    assert data["lists"][0]["correction"] is None
    assert "correction" not in run("show", "stalker").stdout


def test_show_not_a_film(run) -> None:
    result = run("show", "house on the embankment")
    assert "note:\tNo Soviet film of this title is known." in result.stdout
    assert "directors:" not in result.stdout
    data = json.loads(run("show", "house-on-the-embankment", "--json").stdout)
    assert data["is_film"] is False
    assert data["directors"] == []


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("list", "joy"), 1, "sfilms: no theme matches 'joy'; themes: loneliness, low-self-esteem"),
        (("show", "xyzzy"), 1, "sfilms: no film matches 'xyzzy'; 'sfilms list' shows every film"),
        (("show", "Tarkovski"), 1, "try: sfilms list --director 'Tarkovski'"),
        (("show", ""), 1, "no film matches ''; give some of its name, e.g. sfilms show stalker"),
        (
            ("list", "--director", "?"),
            1,
            "no director matches '?'; give some of its name, e.g. --director tarkovsky",
        ),
        (("show", "stalkr"), 1, "did you mean: stalker (Stalker, 1979)?"),
        (("show", "house"), 1, "'house' matches 2 films: house-on-the-embankment"),
        (
            ("list", "--year", "nineteen"),
            2,
            "sfilms list: Invalid value for '--year': 'nineteen' is not a year",
        ),
        (("list", "--year", "1980-1970"), 2, "did you mean 1970-1980?"),
        (("list", "--sort", "rating"), 2, "'rating' is not one of: list, year, title"),
        (("list", "--director", "Kubrick"), 1, "no director matches 'Kubrick'"),
        (("list", "--bogus"), 2, "No such option: --bogus"),
        (("show",), 2, "Missing argument"),
        (("frobnicate",), 2, "No such command 'frobnicate'"),
    ],
)
def test_errors_are_one_line_on_stderr(run, args: tuple[str, ...], code: int, message: str) -> None:
    result = run(*args)
    assert result.exit_code == code
    assert result.stdout == ""
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_terminal_view_on_a_terminal(run) -> None:
    result = run("show", "overcoat", env={"SFILMS_FORCE_TTY": "1", "COLUMNS": "90"})
    assert result.exit_code == 0
    assert ESCAPE.search(result.stdout), "a terminal gets colour"
    assert "╭─" in result.stdout
    assert "Rolan Bykov" in result.stdout


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TERM": "dumb"}])
def test_no_color_and_dumb_terminal_turn_colour_off(run, env: dict[str, str]) -> None:
    result = run("list", "loneliness", env={"SFILMS_FORCE_TTY": "1", "COLUMNS": "100", **env})
    assert result.exit_code == 0
    assert "Stalker" in result.stdout
    assert not ESCAPE.search(result.stdout)


@pytest.mark.parametrize(
    "args", [("list", "loneliness"), ("list", "loneliness", "--json"), ("show", "mirror")]
)
def test_force_color_does_not_touch_plain_or_json(run, args: tuple[str, ...]) -> None:
    result = run(*args, env={"FORCE_COLOR": "1"})
    assert not ESCAPE.search(result.stdout)


def test_plain_flag_on_a_terminal(run) -> None:
    result = run("themes", "--plain", env={"SFILMS_FORCE_TTY": "1"})
    assert result.stdout.startswith("loneliness\tLoneliness\t10\n")


MARKUP_LIST = """\
id: markup
name: "[bold]Markup[/]"
intro: "Intro with [red]tags[/red] and [link=https://example.com]a link[/link]."
films:
  - title: "Tricky [b]Title[/b]"
    year: 1970
    description: "A description with [bold]bold[/] and [/] stray closers."
    fact: "Fact \\x1b[31mred\\x1b[0m and a bell \\a and \\u202e reversed."
"""


def test_data_is_never_markup_or_escape_sequences(run, user_lists) -> None:
    write_list(user_lists, "markup.yaml", MARKUP_LIST)
    terminal = run(
        "show", "tricky-b-title-b", env={"SFILMS_FORCE_TTY": "1", "NO_COLOR": "1", "COLUMNS": "200"}
    )
    assert terminal.exit_code == 0, terminal.stderr
    assert "[bold]bold[/] and [/] stray closers" in terminal.stdout
    assert "Tricky [b]Title[/b]" in terminal.stdout
    assert "\x1b" not in terminal.stdout and "\a" not in terminal.stdout and "\u202e" not in terminal.stdout
    assert "\\x1b[31mred" in terminal.stdout
    plain = run("show", "tricky-b-title-b").stdout
    assert "\x1b" not in plain and "\\x1b[31mred\\x1b[0m" in plain and "\\u202e" in plain
    themes = run("themes", env={"SFILMS_FORCE_TTY": "1", "NO_COLOR": "1", "COLUMNS": "200"}).stdout
    assert "[bold]Markup[/]" in themes and "[link=https://example.com]a link[/link]" in themes
    data = json.loads(run("show", "tricky-b-title-b", "--json").stdout)
    assert data["lists"][0]["fact"] == "Fact \x1b[31mred\x1b[0m and a bell \a and \u202e reversed."
    assert "\u202e" not in run("show", "tricky-b-title-b", "--json").stdout


@pytest.mark.parametrize(
    "command", ["show", "list", "search", "import", "export", "validate", "random", "stats"]
)
def test_help_names_arguments_as_people_read_them(run, command: str) -> None:
    text = run(command, "--help").stdout
    assert "{" not in text and "<str>" not in text and "<int>" not in text


def test_browse_without_textual_says_how_to_install_it() -> None:
    import subprocess
    import sys

    probe = ("import sys; sys.modules['textual'] = None; sys.argv = ['sfilms', 'browse']\n"
             "from soviet_films.cli.main import main\nmain()")  # fmt: skip
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert (
        result.stderr == "sfilms: sfilms browse needs Textual, an optional extra: pip install 'sfilms[tui]'\n"
    )


def test_help_shows_square_brackets_as_written(run) -> None:
    # rich reads [tui] as markup unless escaped: the install hint must survive it.
    assert "'sfilms[tui]'" in run("--help").stdout
    assert "pip install 'sfilms[tui]'" in run("browse", "--help").stdout


def _every_command() -> list[tuple[str, ...]]:
    import typer.main

    from soviet_films.cli.commands import app

    group = typer.main.get_command(app)
    found = [()]
    for name, command in group.commands.items():
        found.append((name,))
        found += [(name, sub) for sub in getattr(command, "commands", {})]
    return found


@pytest.mark.parametrize("command", _every_command(), ids=lambda command: " ".join(command) or "sfilms")
def test_every_help_leads_with_an_example_that_works_on_the_bundled_lists(
    run, command: tuple[str, ...], tmp_path, monkeypatch, user_lists
) -> None:
    import shlex

    monkeypatch.chdir(tmp_path)  # an example that writes a file writes it here
    monkeypatch.setenv("SFILMS_DATA_DIR", str(tmp_path / "data"))
    shown = run(*command, "--help")
    assert shown.exit_code == 0
    first = next(line.strip() for line in shown.stdout.split("Usage:", 1)[1].splitlines()[1:] if line.strip())
    assert first.startswith("Example: sfilms ")
    example = first.removeprefix("Example: ")
    words = shlex.split(example)
    if any(word.startswith(("~", "$(")) or word.endswith((".txt", ".zip", ".yaml")) for word in words):
        return  # it names a file of the user's, or runs the browser: shown, not run
    assert run("watched", "stalker", "--on", "2026-11-30").exit_code == 0  # a log, for the log's commands
    write_list(user_lists, "winter.yaml", "id: winter\nname: Winter\nintro: x\nfilms:\n  - title: Stalker\n"
               "    year: 1979\n    description: Snow.\n")  # one of your own, for 'lists'  # fmt: skip
    result = run(*words[1:])
    assert result.exit_code == 0, (example, result.stderr)


@pytest.mark.parametrize(
    ("args", "stdin", "code", "line"),
    [
        (("import", "-", "--name", "X"), "", 1, "sfilms: nothing on standard input: pipe a list into it"),
        (("import", "-", "--name", "X"), "just words\n", 1, "sfilms: -: no films found: "),
        (("import", "/no/such/list.txt"), "", 1, "sfilms: /no/such/list.txt: cannot read: No such file"),
        (("import", "-", "--name", "X", "--id", "Bad Id!"), "Stalker (1979)\n", 2,
         "sfilms: the id 'Bad Id!' will not do: an id is lowercase letters, digits and dashes, as in --id bad-id"),
        (("random", "--seed", "abc"), "", 2, "sfilms random: --seed takes a whole number, not 'abc' (e.g. --seed 7)"),
    ],
)  # fmt: skip
def test_each_error_is_one_line_that_says_what_to_do(run, args, stdin: str, code: int, line: str) -> None:
    from typer.testing import CliRunner

    from soviet_films.cli.commands import app

    result = CliRunner().invoke(app, list(args), input=stdin)
    assert result.exit_code == code
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith(line), result.stderr


def test_export_onto_an_existing_file_is_one_line(run, tmp_path) -> None:
    target = tmp_path / "out.csv"
    assert run("export", "-o", str(target)).exit_code == 0
    refused = run("export", "-o", str(target))
    assert refused.exit_code == 1
    assert refused.stderr == f"sfilms: {target} already exists; use --force to replace it\n"


def test_bare_sfilms_shows_the_help_and_help_command_is_command_help() -> None:
    import subprocess

    from tests.helpers import sfilms_command

    bare = subprocess.run(sfilms_command(), capture_output=True, text=True, timeout=60)
    assert bare.returncode == 0 and "Usage: sfilms" in bare.stdout
    for words in (["help", "import"], ["help", "letterboxd", "import"]):
        asked = subprocess.run([*sfilms_command(), *words], capture_output=True, text=True, timeout=60)
        usual = subprocess.run(
            [*sfilms_command(), *words[1:], "--help"], capture_output=True, text=True, timeout=60
        )
        assert (
            asked.returncode == 0
            and asked.stdout == usual.stdout
            and f"Usage: sfilms {' '.join(words[1:])}" in asked.stdout
        )
    unknown = subprocess.run([*sfilms_command(), "help", "nope"], capture_output=True, text=True, timeout=60)
    assert unknown.returncode == 2 and unknown.stderr.count("\n") == 1
