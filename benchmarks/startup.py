"""Start-up and scale benchmark for sfilms: every command is a fresh process, so start-up is speed.

Run it with the Python of the environment sfilms is installed in:

    .venv/bin/python benchmarks/startup.py            # the full run (about a minute)
    .venv/bin/python benchmarks/startup.py --smoke    # a quick run that only shows it works (CI)

It builds, in a temporary folder, an empty two-command typer app, a "straightforward" sfilms (the same
code, but everything imported at the top, rich and yaml included, the YAML parsed on every run, every
command built, the ordinary exit) and a synthetic catalogue of 200
user lists of 50 films each; times every case in interleaved rounds against `python -c pass`; and
prints a table of medians, ratios and the budget each ratio must meet. Thresholds live here, in the
output, never in the tests.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EMPTY_APP = """\
import os
import sys

import typer

app = typer.Typer()


@app.command()
def first(name: str) -> None:
    print(name)


@app.command()
def second(name: str) -> None:
    print(name)


# Leaving as sfilms does: flush, then os._exit (no interpreter teardown).
try:
    app()
    code = 0
except SystemExit as leaving:
    code = leaving.code if isinstance(leaving.code, int) else 1
sys.stdout.flush()
os._exit(code)
"""

# sfilms written the straightforward way: the same code and data, but every module imported at
# the top (typer, rich and yaml included), the YAML parsed on every run (no cache), every command
# built before one runs, and the ordinary interpreter exit.
STRAIGHTFORWARD_APP = """\
import functools
import sys

import rich.console
import rich.panel
import rich.table
import rich.text
import typer
import yaml

import soviet_films.core.linking
import soviet_films.core.search
import soviet_films.core.stats
import soviet_films.library
import soviet_films.store.shelf
import soviet_films.store.list_files
import soviet_films.store.plain_text
import soviet_films.store.records
import soviet_films.views.export
import soviet_films.views.json
import soviet_films.views.plain
import soviet_films.views.terminal
from soviet_films.cli.commands import app

soviet_films.store.shelf.open_shelf = functools.partial(
    soviet_films.store.shelf.open_shelf, use_cache=False
)
sys.argv[0] = "sfilms"
app()
"""

WORDS = [
    "winter",
    "river",
    "silent",
    "road",
    "mother",
    "station",
    "letter",
    "garden",
    "echo",
    "harbour",
    "window",
    "bridge",
    "autumn",
]


def write_synthetic_lists(folder: Path, lists: int, films: int) -> None:
    """``lists`` list files of ``films`` entries each, in the lists schema, all different."""
    from soviet_films.store.list_files import dump_list

    rng = random.Random(1975)
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(lists):
        entries = [
            {
                "title": f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} {index}-{number}",
                "year": rng.randint(1925, 1991),
                "description": " ".join(rng.choice(WORDS) for _ in range(40)),
                "fact": " ".join(rng.choice(WORDS) for _ in range(25)),
            }
            for number in range(films)
        ]
        text = dump_list(f"synthetic-{index:03d}", f"Synthetic {index}", "An intro. " * 20, entries)
        (folder / f"synthetic-{index:03d}.yaml").write_text(text, encoding="utf-8")


def write_pasted(path: Path, entries: int) -> None:
    """A list as pasted from a web page: an intro, numbered title lines in mixed forms, prose."""
    rng = random.Random(1941)
    lines = ["A long list of films, as a page would have it.", ""]
    for number in range(entries):
        title = f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} {number}"
        year = rng.randint(1925, 1991)
        form = number % 4
        forms = [f"{title} ({year})", f"{title}, {year} by Anna Director",
                 f"{title} (Original {number}, {year})", f"**{title}** – {year}"]  # fmt: skip
        line = forms[form]
        lines += [
            f"{number + 1}. {line}",
            " ".join(rng.choice(WORDS) for _ in range(40)),
            f"Fact: {number}.",
            "",
        ]
    path.write_text("\n".join(lines), encoding="utf-8")


def write_diary(path: Path, entries: int) -> None:
    """A Letterboxd diary.csv of ``entries`` watches, a few of films the bundled lists name."""
    rng = random.Random(1979)
    known = ["Stalker,1979", "Mirror,1975", "Garage,1979", "The Ascent,1977"]
    lines = ["Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date"]
    for number in range(entries):
        film = rng.choice(known) if number % 50 == 0 else f"Film {number},{rng.randint(1930, 2020)}"
        day = f"20{rng.randint(10, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        lines.append(f"{day},{film},https://boxd.it/b{number},{rng.randint(1, 10) / 2},,,{day}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def run_once(argv: list[str], env: dict[str, str]) -> float:
    """Seconds one run takes, output to a pipe as a shell pipeline would."""
    start = time.perf_counter()
    result = subprocess.run(argv, env=env, capture_output=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"benchmark: {' '.join(argv)} failed: {result.stderr.decode(errors='replace')}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="a quick run: few rounds, a small catalogue")
    parser.add_argument("--rounds", type=int, default=None, help="interleaved rounds (default 21, smoke 3)")
    options = parser.parse_args()
    rounds = options.rounds or (3 if options.smoke else 21)
    lists, films = (20, 50) if options.smoke else (200, 50)

    python = sys.executable
    sfilms = str(Path(python).parent / "sfilms")
    if not Path(sfilms).exists():
        raise SystemExit(f"benchmark: no sfilms command beside {python}; install the project first")
    work = Path(tempfile.mkdtemp(prefix="sfilms-bench-"))
    try:
        (work / "empty_app.py").write_text(EMPTY_APP)
        (work / "straightforward_app.py").write_text(STRAIGHTFORWARD_APP)
        empty_lists, big_lists = work / "no-lists", work / "big-lists"
        empty_lists.mkdir()
        write_synthetic_lists(big_lists, lists, films)
        base = {
            key: value
            for key, value in os.environ.items()
            if key not in ("PYTHONDONTWRITEBYTECODE", "NO_COLOR", "FORCE_COLOR", "SFILMS_FORCE_TTY")
        }
        base.update(
            XDG_CACHE_HOME=str(work / "cache"),
            SFILMS_LISTS_DIR=str(empty_lists),
            SFILMS_DATA_DIR=str(work / "no-log"),  # no viewing log: what most runs pay
            COLUMNS="100",
        )
        big = {**base, "SFILMS_LISTS_DIR": str(big_lists)}
        logged = {**base, "SFILMS_DATA_DIR": str(work / "log")}
        write_diary(work / "diary.csv", 2000)
        run_once([sfilms, "letterboxd", "import", str(work / "diary.csv")], logged)
        tty = {**base, "SFILMS_FORCE_TTY": "1"}
        complete = {
            **base,
            "_SFILMS_COMPLETE": "complete_bash",
            "COMP_WORDS": "sfilms show sta",
            "COMP_CWORD": "2",
        }
        cases = {
            "python -c pass": ([python, "-c", "pass"], base),
            "empty typer app": ([python, str(work / "empty_app.py"), "first", "x"], base),
            "straightforward show": ([python, str(work / "straightforward_app.py"), "show", "stalker"], base),
            "show stalker | cat": ([sfilms, "show", "stalker"], base),
            "list loneliness | cat": ([sfilms, "list", "loneliness"], base),
            "list loneliness --json": ([sfilms, "list", "loneliness", "--json"], base),
            "show stalker (terminal)": ([sfilms, "show", "stalker"], tty),
            "list loneliness (terminal)": ([sfilms, "list", "loneliness"], tty),
            "completion show sta<TAB>": ([sfilms], complete),
            "search palme": ([sfilms, "search", "palme"], base),
            "list loneliness, 2,000-entry log": ([sfilms, "list", "loneliness"], logged),
            "show stalker, 2,000-entry log": ([sfilms, "show", "stalker"], logged),
            "show stalker, large catalogue": ([sfilms, "show", "stalker"], big),
            "list THEME, large catalogue": ([sfilms, "list", "synthetic-007"], big),
            "search palme, large catalogue": ([sfilms, "search", "palme"], big),
        }
        for argv, env in cases.values():  # warm: byte code, file cache, the catalogue cache
            run_once(argv, env)
        times: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(rounds):
            for name, (argv, env) in cases.items():
                times[name].append(run_once(argv, env))
        median = {name: statistics.median(values) * 1000 for name, values in times.items()}

        first_runs = []
        for index in range(3 if options.smoke else 5):  # a list file changes: the cache is rebuilt
            changed = big_lists / f"synthetic-{index:03d}.yaml"
            changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
            first_runs.append(run_once([sfilms, "show", "stalker"], big) * 1000)

        imports = []
        write_pasted(work / "pasted.txt", 500)
        importing = {**base, "SFILMS_LISTS_DIR": str(work / "imports")}
        for _ in range(3):  # a 500-entry list pasted from a page, read, linked and written (again)
            argv = [sfilms, "import", str(work / "pasted.txt"), "--name", "Pasted", "--force"]
            imports.append(run_once(argv, importing) * 1000)

        report(median, max(first_runs), rounds, lists * films, options.smoke, max(imports))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(
    median: dict[str, float], first_run: float, rounds: int, entries: int, smoke: bool, imported: float
) -> None:
    """Print the medians, the ratios and whether each budget holds."""
    base, typer_app = median["python -c pass"], median["empty typer app"]
    budgets = {
        "show stalker | cat": [("pass", 7.0), ("typer", 1.1), ("straightforward", 0.5)],
        "list loneliness | cat": [("pass", 7.0), ("typer", 1.2)],
        "list loneliness --json": [("pass", 7.0), ("typer", 1.2)],
        "show stalker (terminal)": [("pass", 12.0)],
        "list loneliness (terminal)": [("pass", 12.0)],
        "completion show sta<TAB>": [("pass", 7.0)],
        "show stalker, large catalogue": [("show stalker | cat", 2.0)],
        "list THEME, large catalogue": [("list loneliness | cat", 2.0)],
        "search palme, large catalogue": [("search palme", 2.0)],
        "list loneliness, 2,000-entry log": [("list loneliness | cat", 1.5)],
        "show stalker, 2,000-entry log": [("show stalker | cat", 1.5)],
    }
    references = {"pass": base, "typer": typer_app, "straightforward": median["straightforward show"]}
    print(
        f"sfilms start-up benchmark: medians of {rounds} interleaved runs; "
        f"synthetic catalogue {entries} entries"
    )
    print(f"{'case':<34} {'median ms':>9} {'x pass':>7} {'x typer':>8}  budget")
    failed = 0
    for name, value in median.items():
        checks = []
        for reference, limit in budgets.get(name, []):
            ratio = value / references.get(reference, median.get(reference, 0) or 1)
            ok = ratio <= limit
            failed += not ok
            checks.append(f"{ratio:.2f}x {reference} <= {limit}x {'ok' if ok else 'OVER'}")
        print(f"{name:<34} {value:>9.1f} {value / base:>7.2f} {value / typer_app:>8.2f}  {'; '.join(checks)}")
    ok = first_run < 1000
    failed += not ok
    print(
        f"{'first run after a list changes':<34} {first_run:>9.1f} {'':>7} {'':>8}  "
        f"< 1000 ms {'ok' if ok else 'OVER'}"
    )
    ok = imported < 1000
    failed += not ok
    print(
        f"{'import of a 500-entry pasted list':<34} {imported:>9.1f} {'':>7} {'':>8}  "
        f"< 1000 ms {'ok' if ok else 'OVER'}"
    )
    verdict = "every budget holds" if not failed else f"{failed} budget(s) over"
    print(f"result: {verdict}{' (smoke run: too few rounds to judge)' if smoke else ''}")


if __name__ == "__main__":
    main()
