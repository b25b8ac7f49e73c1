"""The installed sfilms command in a real subprocess: pipes, encodings, closed readers."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.helpers import sfilms_command


def sfilms(*args: str, env: dict[str, str] | None = None, **kwargs) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*sfilms_command(), *args],
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=60,
        **kwargs,
    )


def test_list_piped_into_cut_then_show(tmp_path) -> None:
    # Run from an unrelated folder: the bundled data must come with the installed package.
    listed = sfilms("list", "loneliness", cwd=tmp_path)
    assert listed.returncode == 0
    assert b"\x1b" not in listed.stdout
    ids = [line.split(b"\t")[0].decode() for line in listed.stdout.splitlines()]
    assert ids[:3] == ["stalker", "irony-of-fate", "mirror"]
    for film_id in ids:
        shown = sfilms("show", film_id, cwd=tmp_path)
        assert shown.returncode == 0, shown.stderr
        assert shown.stdout.splitlines()[1] == f"id:\t{film_id}".encode()


def test_python_dash_m() -> None:
    result = subprocess.run([sys.executable, "-m", "soviet_films", "themes"], capture_output=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout.startswith(b"loneliness\tLoneliness\t10\n")


def test_reader_that_closes_early_ends_quietly() -> None:
    # `sfilms list | head -1`, with a reader that closes after one line.
    shell = f"'{sfilms_command()[0]}' list --json | head -c 1; '{sfilms_command()[0]}' show mirror | head -1"
    result = subprocess.run(["sh", "-c", shell], capture_output=True, timeout=60)
    assert result.stdout == b"[The Mirror (1975)\n"
    assert result.stderr == b""


@pytest.mark.parametrize(
    "env",
    [
        {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""},
        {"PYTHONIOENCODING": "ascii"},
        {"PYTHONIOENCODING": "cp1252"},
    ],
)
@pytest.mark.parametrize("args", [("show", "mirror"), ("list", "--json"), ("show", "Зеркало", "--json")])
def test_encodings_that_cannot_hold_cyrillic_degrade(env: dict[str, str], args: tuple[str, ...]) -> None:
    result = sfilms(*args, env=env)
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    assert b"?" in result.stdout


def test_bad_input_never_shows_a_traceback() -> None:
    for args in (("show", ""), ("list", "--year", "x"), ("show", "\udcff"), ("list", "--director", "")):
        result = sfilms(*args)
        assert result.returncode in (1, 2)
        assert b"Traceback" not in result.stderr
        assert len(result.stderr.splitlines()) == 1, result.stderr


def test_json_is_clean_under_force_color() -> None:
    result = sfilms("show", "stalker", "--json", env={"FORCE_COLOR": "1"})
    assert json.loads(result.stdout)["title"] == "Stalker"
