"""store.yamlsafe and store.files: hostile YAML and input refused before anything walks it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from soviet_films.errors import FileProblems
from soviet_films.store import yamlsafe
from soviet_films.store.files import read_bounded
from tests.helpers import sfilms_command


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id: !!python/object/apply:os.system ['touch {marker}']\n", "is not allowed in list files"),
        ("id: !!python/name:os.system\n", "is not allowed in list files"),
        ("a: &a [x, x]\nb: [*a, *a]\n", "anchors and aliases"),
        ("id: x\nname: " + "[" * 100 + "]" * 100 + "\n", "nested deeper than 16 levels"),
        # libyaml 0.2.5+ stops at its own depth limit first; either way it is refused, never composed.
        ("id: x\nname: " + "[" * 50_000 + "]" * 50_000 + "\n", "nested deeper than|nesting depth"),
        ("id: x\nid: y\n", "duplicate key 'id'"),
        ("<<: {id: x}\n", "mapping keys must be plain words"),
        ("--- {id: x}\n--- {id: y}\n", "more than one YAML document"),
    ],
)
def test_hostile_yaml_is_refused_before_anything_walks_it(tmp_path: Path, text: str, message: str) -> None:
    marker = tmp_path / "PWNED"
    with pytest.raises(FileProblems, match=message):
        yamlsafe.load(text.replace("{marker}", str(marker)))
    assert not marker.exists()


def test_billion_laughs_fails_fast(tmp_path: Path) -> None:
    rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    rows += [f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)]
    with pytest.raises(FileProblems, match="anchors and aliases"):
        yamlsafe.load("\n".join(rows))


def test_oversized_and_endless_input(tmp_path: Path) -> None:
    with open("/dev/zero", "rb") as endless, pytest.raises(FileProblems, match="larger than"):
        read_bounded(endless, "/dev/zero")
    result = subprocess.run(
        [*sfilms_command(), "import", "/dev/zero", "--name", "x"], capture_output=True, timeout=60
    )
    assert result.returncode == 1
    assert result.stderr == b"sfilms: /dev/zero: larger than 4 MiB; not a list file\n"


def test_a_number_too_long_to_be_a_year_is_a_problem_not_a_crash() -> None:
    # Python refuses to read 4,301 digits as a number at all: that took every command down.
    data = yamlsafe.load("year: " + "1" * 4301 + "\n")
    assert isinstance(data["year"], yamlsafe.Scalar)


def test_libyaml_messages_are_one_line_at_the_right_line() -> None:
    with pytest.raises(FileProblems) as caught:
        yamlsafe.load("id: x\nname: a\x9bb\n", "list.yaml")
    [problem] = caught.value.problems
    assert (problem.path, problem.line) == ("list.yaml", 2)
    assert "\n" not in problem.message and "position" not in problem.message
