"""Shell completion of the installed command, as the shells ask for it."""

from __future__ import annotations

import os
import shlex
import subprocess

import pytest

from tests.helpers import sfilms_command


def complete_bash(words: str) -> list[str]:
    """What bash's completion function gets for the command line ``words`` (cursor at the end)."""
    env = {
        **os.environ,
        "_SFILMS_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
    }
    result = subprocess.run(sfilms_command(), env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # ids that start with the word first, then films known by a word that starts with it
        ("sfilms show sta", ["stalker", "stationmaster", "house-under-the-starry-sky"]),
        ("sfilms show asya", ["story-of-asya-klyachina"]),
        ("sfilms show cloak", ["overcoat"]),
        ("sfilms show Зерк", ["mirror"]),
        ("sfilms show zerk", ["mirror"]),
        (
            "sfilms list --year 19",
            ["1910s", "1920s", "1930s", "1940s", "1950s", "1960s", "1970s", "1980s", "1990s"],
        ),
        ("sfilms list --year 197", ["1970s"]),
        ("sfilms show irony", ["irony-of-fate"]),
        ("sfilms list ", ["loneliness", "low-self-esteem"]),
        ("sfilms list low", ["low-self-esteem"]),
        ("sfilms list --director tar", ["tarkovsky"]),
        ("sfilms list --director Тар", ["Тарковский"]),
        ("sfilms search x --theme lo", ["loneliness", "low-self-esteem"]),
        ("sfilms sh", ["show"]),
        # options with a fixed set of values offer the values, not file names
        ("sfilms export --format ", ["letterboxd", "csv", "markdown", "json"]),
        ("sfilms export --format m", ["markdown"]),
        ("sfilms list --sort ", ["list", "year", "title"]),
    ],
)
def test_bash_completion(words: str, expected: list[str]) -> None:
    assert complete_bash(words) == expected


def test_zsh_completion_shows_titles_as_help() -> None:
    env = {**os.environ, "_SFILMS_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "sfilms show sta"}
    result = subprocess.run(sfilms_command(), env=env, capture_output=True, text=True, timeout=60)
    assert '"stalker":"Stalker (1979)"' in result.stdout


def test_fish_completion_shows_titles_as_help() -> None:
    env = {
        **os.environ,
        "_SFILMS_COMPLETE": "complete_fish",
        "_TYPER_COMPLETE_ARGS": "sfilms show sta",
        "_TYPER_COMPLETE_FISH_ACTION": "get-args",
    }
    result = subprocess.run(sfilms_command(), env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.splitlines()[0] == "stalker\tStalker (1979)"


def test_show_completion_detects_the_shell_it_runs_in() -> None:
    # `--show-completion` names no shell: typer asks the process tree, so the command must run under
    # a real bash (the "; true" keeps bash from replacing itself with the command).
    command = " ".join(shlex.quote(part) for part in sfilms_command())
    result = subprocess.run(["bash", "-c", f"{command} --show-completion; true"],
                            capture_output=True, text=True, timeout=60)  # fmt: skip
    assert "_SFILMS_COMPLETE=complete_bash" in result.stdout, result.stderr


@pytest.mark.parametrize(
    ("shell", "marker"), [("bash", "complete -o"), ("zsh", "compdef"), ("fish", "complete")]
)
def test_completion_script_for_each_shell(shell: str, marker: str) -> None:
    env = {**os.environ, "_SFILMS_COMPLETE": f"source_{shell}"}
    result = subprocess.run(sfilms_command(), env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert f"complete_{shell}" in result.stdout and marker in result.stdout


def test_completion_output_carries_no_escape_sequence(user_lists) -> None:
    from tests.helpers import write_list

    # YAML escapes: the title holds a real OSC sequence, a BEL and a C1 CSI.
    title = r'"Sta\e]0;owned\alker \x9b2J"'
    write_list(user_lists, "evil.yaml", f"id: evil\nname: Evil\nintro: x\nfilms:\n  - title: {title}\n"
               "    year: 1970\n    description: d\n")  # fmt: skip
    for shell in ("zsh", "fish"):
        env = {**os.environ, "_SFILMS_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_ARGS": "sfilms show sta",
               "_TYPER_COMPLETE_FISH_ACTION": "get-args"}  # fmt: skip
        result = subprocess.run(sfilms_command(), env=env, capture_output=True, text=True, timeout=60)
        assert "Sta\\x1b]0;owned\\x07lker \\x9b2J (1970)" in result.stdout  # shown, not obeyed
        assert not any(ch in result.stdout for ch in "\x1b\x07\x9b")


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["show", "asya"], ["story-of-asya-klyachina"]),
        (["show", "Зерк"], ["mirror"]),
        (["list", "--director", "tark"], ["tarkovsky"]),
        (["list", "--year", "195"], ["1950s"]),
        (["list", "--director", "eldar"], ["Ryazanov"]),
        (["list", "--director", "андр"], ["Кончаловский", "Тарковский"]),
    ],
)
def test_completion_through_bash_itself(words: list[str], expected: list[str]) -> None:
    # The script sfilms gives bash, sourced in a real bash, asked as bash asks on TAB.
    command = shlex.quote(sfilms_command()[0])
    script = (
        f'eval "$(_SFILMS_COMPLETE=source_bash {command})"\n'
        f"COMP_WORDS=(sfilms {' '.join(shlex.quote(word) for word in words)}); COMP_CWORD={len(words)}\n"
        f"_sfilms_completion {command}\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == expected, result.stderr
