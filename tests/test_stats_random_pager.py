"""sfilms stats and random, the pager, and the generated CLI reference."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from soviet_films.models import Catalog
from soviet_films.output import should_page

from .conftest import sfilms_command


def test_stats_counts_distinct_films(run, catalog: Catalog) -> None:
    data = json.loads(run("stats", "--json").stdout)
    films = [f for f in catalog.all_films() if f.is_film]
    assert data["films"] == len(films) == 14
    assert data["not_films"] == 1
    assert data["entries"] == 20
    assert {d["decade"]: d["films"] for d in data["decades"]} == dict(
        Counter(f"{f.year // 10 * 10}s" for f in films)
    )
    directors = Counter(name for f in films for name in f.directors)
    ranked = sorted(directors.items(), key=lambda item: (-item[1], item[0]))[:10]
    assert [(d["director"], d["films"]) for d in data["directors"]] == ranked
    assert data["directors"][0] == {"director": "Andrei Tarkovsky", "films": 2}
    assert [o["id"] for o in data["overlap"]] == [
        "irony-of-fate",
        "mirror",
        "cranes-are-flying",
        "ascent",
        "commissar",
    ]


def test_stats_plain_lines_name_their_table(run) -> None:
    lines = [line.split("\t") for line in run("stats").stdout.splitlines()]
    assert ["decade", "1970s", "7"] in lines
    assert ["summary", "films", "14"] in lines
    assert ["overlap", "mirror", "2", "loneliness, low-self-esteem"] in lines
    assert {line[0] for line in lines} == {"summary", "decade", "director", "overlap"}


def test_stats_for_one_theme(run) -> None:
    lines = [line.split("\t") for line in run("stats", "loneliness").stdout.splitlines()]
    assert ["summary", "films", "9"] in lines and ["summary", "not_films", "1"] in lines
    assert ["decade", "1950s", "3"] in lines


def test_stats_terminal_has_a_bar_chart(run) -> None:
    out = run("stats", env={"SFILMS_FORCE_TTY": "1", "NO_COLOR": "1", "COLUMNS": "100"}).stdout
    assert "Films per decade" in out and "█" * 30 in out


def test_random_is_reproducible_with_a_seed(run) -> None:
    picks = {run("random", "--seed", "7").stdout for _ in range(3)}
    assert len(picks) == 1
    assert len({run("random", "--seed", str(seed)).stdout.splitlines()[0] for seed in range(40)}) > 5


def test_random_respects_the_filters(run) -> None:
    for seed in range(15):
        data = json.loads(run("random", "--director", "tarkovsky", "--seed", str(seed), "--json").stdout)
        assert data["id"] in {"stalker", "mirror"}
        data = json.loads(run("random", "low", "--year", "1979", "--seed", str(seed), "--json").stdout)
        assert data["id"] in {"autumn-marathon", "garage"}


def test_random_is_uniform_over_distinct_films(run) -> None:
    from soviet_films.catalog import load_catalog
    from soviet_films.query import film_rows, pick_random

    catalog = load_catalog()
    rows = film_rows(catalog)
    counts = Counter(pick_random(rows, seed).id for seed in range(3000))
    assert len(counts) == 15
    assert max(counts.values()) < 2 * min(counts.values())


def test_random_with_nothing_to_pick(run) -> None:
    result = run("random", "--year", "1990s", "--director", "tarkovsky")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "sfilms: no film matches those filters\n"


@pytest.mark.parametrize(
    ("terminal", "lines", "height", "disabled", "expected"),
    [
        (True, 100, 40, False, True),
        (True, 10, 40, False, False),
        (False, 100, 40, False, False),
        (True, 100, 40, True, False),
    ],
)
def test_when_to_page(terminal: bool, lines: int, height: int, disabled: bool, expected: bool) -> None:
    assert should_page(terminal, lines, height, disabled) is expected


def run_on_a_terminal(args: list[str], env: dict[str, str]) -> bytes:
    """Run sfilms with stdout on a pseudo-terminal; return what reached the terminal."""
    main, secondary = pty.openpty()
    process = subprocess.Popen([*sfilms_command(), *args], stdout=secondary, stderr=subprocess.PIPE,
                               env={**os.environ, **env})  # fmt: skip
    os.close(secondary)
    seen = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    process.wait(timeout=60)
    os.close(main)
    return seen


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_tall_output_on_a_terminal_goes_through_the_pager(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    env = {"PAGER": f"cat > '{paged}'", "LINES": "10", "COLUMNS": "80", "NO_COLOR": "1"}
    seen = run_on_a_terminal(["show", "irony-of-fate"], env)
    assert "Ирония судьбы" in paged.read_text(encoding="utf-8")
    assert b"Irony" not in seen
    paged.unlink()
    seen = run_on_a_terminal(["show", "irony-of-fate", "--no-pager"], env)
    assert not paged.exists()
    assert b"Irony" in seen


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_no_pager_for_short_output_or_pipes(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    env = {"PAGER": f"cat > '{paged}'", "LINES": "200", "COLUMNS": "80"}
    assert b"Loneliness" in run_on_a_terminal(["themes"], env)
    assert not paged.exists()
    piped = subprocess.run([*sfilms_command(), "show", "irony-of-fate"], capture_output=True,
                           env={**os.environ, "PAGER": f"cat > '{paged}'", "LINES": "5"}, timeout=60)  # fmt: skip
    assert piped.stdout.startswith(b"The Irony of Fate (1975)\n")
    assert not paged.exists()


def test_a_missing_pager_still_prints(tmp_path: Path) -> None:
    seen = run_on_a_terminal(
        ["show", "irony-of-fate"], {"PAGER": "no-such-pager-here", "LINES": "5", "NO_COLOR": "1"}
    )
    assert b"Irony" in seen


def test_cli_reference_is_fresh() -> None:
    sys.path.insert(0, str(Path(__file__).parent.parent / "docs"))
    try:
        from generate import REFERENCE, cli_reference
    finally:
        sys.path.pop(0)
    assert REFERENCE.read_text(encoding="utf-8") == cli_reference(), (
        "docs/cli.md is stale: run python docs/generate.py"
    )
    for command in (
        "themes",
        "list",
        "show",
        "search",
        "random",
        "stats",
        "export",
        "import",
        "validate",
        "paths",
    ):
        assert f"## `sfilms {command}`" in REFERENCE.read_text(encoding="utf-8")
