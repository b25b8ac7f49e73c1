"""sfilms stats and sfilms random through the CliRunner."""

from __future__ import annotations

import json
from collections import Counter

from soviet_films.model import Catalog


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
    ranked = sorted(directors.items(), key=lambda item: (-item[1], item[0]))
    ranked = [item for item in ranked if item[1] >= ranked[9][1]]  # the top ten, and all tied with the tenth
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
    from soviet_films.core.filters import film_rows, pick_random
    from soviet_films.store.shelf import load_catalog

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


def test_stats_never_cuts_directors_tied_with_the_last_shown(run) -> None:
    directors = [
        line.split("\t") for line in run("stats").stdout.splitlines() if line.startswith("director\t")
    ]
    counts = [int(count) for _, _, count in directors]
    assert len(directors) > 10 and counts[9] == counts[-1]  # all tied at the tenth place are there
    every = json.loads(run("stats", "--json").stdout)["directors"]
    assert len(every) == len(directors)
