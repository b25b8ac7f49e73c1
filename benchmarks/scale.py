"""Scale benchmark for sfilms: what each command costs as the catalogue grows.

Run it with the Python of the environment sfilms is installed in:

    .venv/bin/python benchmarks/scale.py            # 1,000 / 10,000 / 50,000 entries (a few minutes)
    .venv/bin/python benchmarks/scale.py --smoke    # 1,000 entries, few rounds: only shows it works (CI)

For each size it writes a synthetic catalogue of user lists of 50 films (most films distinct, some
shared by several lists under other spellings, some with directors), builds the store from nothing,
then times every command in interleaved rounds against the same command on the bundled lists alone,
and prints one table of ratios per command and size, with the budget each must meet. It also times
the first command after one list file changes (its words only; the films it names), a build from
nothing, and the peak memory of a warm ``show``. Thresholds live here, in the output, never in tests.
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

WORDS = [
    "river",
    "winter",
    "letter",
    "mother",
    "village",
    "train",
    "war",
    "field",
    "garden",
    "silence",
    "window",
    "road",
    "soldier",
    "summer",
    "child",
    "moscow",
    "city",
    "night",
    "sea",
    "snow",
    "bread",
    "ballad",
    "cranes",
    "mirror",
    "light",
    "autumn",
    "bridge",
    "poet",
    "love",
    "factory",
    "station",
    "music",
    "forest",
    "wind",
    "dream",
]
# A word in about 2 % of the synthetic entries (a search's typical catch), and in the bundled lists.
RARE = "lonely"
SHARED = 200  # films every so many lists name again, under another spelling or year

DIRECTORS = ("Andrei Tarkovsky", "Eldar Ryazanov", "Larisa Shepitko", "Georgiy Daneliya", "Kira Muratova")


def write_lists(folder: Path, lists: int, films: int = 50) -> None:
    """``lists`` list files of ``films`` entries: distinct films, and one in ten from a shared pool
    (the same film, written with another case or article, or a year off by one)."""
    from soviet_films.store.list_files import dump_list

    rng = random.Random(1975)
    folder.mkdir(parents=True, exist_ok=True)
    pool = [
        (f"{rng.choice(WORDS).title()} of the {rng.choice(WORDS)} {n}", rng.randint(1930, 1990))
        for n in range(SHARED)
    ]
    for index in range(lists):
        entries = []
        shared = rng.sample(range(SHARED), films // 10)
        for number in range(films):
            if number < len(shared):
                title, year = pool[shared[number]]
                title = title.upper() if rng.random() < 0.3 else f"The {title}"
                year += rng.choice((0, 0, 1))
            else:
                title, year = (
                    f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} {index}-{number}",
                    rng.randint(1925, 1991),
                )
            words = [rng.choice(WORDS) for _ in range(40)]
            if rng.random() < 0.02:
                words[rng.randrange(40)] = RARE
            entry = {
                "title": title,
                "year": year,
                "description": " ".join(words),
                "fact": " ".join(rng.choice(WORDS) for _ in range(20)),
            }
            if rng.random() < 0.1:
                entry["directors"] = [rng.choice(DIRECTORS)]
            entries.append(entry)
        text = dump_list(f"synthetic-{index:04d}", f"Synthetic {index}", "An intro. " * 20, entries)
        (folder / f"synthetic-{index:04d}.yaml").write_text(text, encoding="utf-8")


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Like ``run``, with the child's own peak memory (wait4 gives it per process)."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    error = process.stderr.read() if process.stderr else b""
    if process.stderr:
        process.stderr.close()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(
            f"benchmark: {' '.join(argv)} failed ({process.returncode}): {error.decode(errors='replace')}"
        )
    return elapsed, usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--smoke", action="store_true", help="1,000 entries and few rounds: only shows it works"
    )
    parser.add_argument("--rounds", type=int, default=None, help="interleaved rounds (default 11, smoke 2)")
    parser.add_argument("--sizes", default=None, help="entries per catalogue, e.g. 1000,10000,50000")
    options = parser.parse_args()
    rounds = options.rounds or (2 if options.smoke else 11)
    sizes = [
        int(size) for size in (options.sizes or ("1000" if options.smoke else "1000,10000,50000")).split(",")
    ]

    sfilms = str(Path(sys.executable).parent / "sfilms")
    if not Path(sfilms).exists():
        raise SystemExit(f"benchmark: no sfilms command beside {sys.executable}; install the project first")
    work = Path(tempfile.mkdtemp(prefix="sfilms-scale-"))
    try:
        base = {
            key: value
            for key, value in os.environ.items()
            if key
            not in (
                "PYTHONDONTWRITEBYTECODE",
                "NO_COLOR",
                "FORCE_COLOR",
                "SFILMS_FORCE_TTY",
                "SFILMS_LISTS_DIR",
            )
        }
        base.update(SFILMS_DATA_DIR=str(work / "no-log"), COLUMNS="100")
        catalogues = {
            0: {**base, "SFILMS_LISTS_DIR": str(work / "none"), "XDG_CACHE_HOME": str(work / "cache-0")}
        }
        (work / "none").mkdir()
        builds = {}
        for size in sizes:
            folder = work / f"lists-{size}"
            write_lists(folder, size // 50)
            env = {**base, "SFILMS_LISTS_DIR": str(folder), "XDG_CACHE_HOME": str(work / f"cache-{size}")}
            builds[size] = timed([sfilms, "themes"], env)[0]  # the store, built from nothing
            catalogues[size] = env
        complete = {"_SFILMS_COMPLETE": "complete_bash", "COMP_WORDS": "sfilms show sta", "COMP_CWORD": "2"}
        commands = {
            "show stalker": ([sfilms, "show", "stalker"], {}),
            "list loneliness": ([sfilms, "list", "loneliness"], {}),
            "list (every film)": ([sfilms, "list"], {}),
            f"search {RARE}": ([sfilms, "search", RARE], {}),
            "list --director tarkovsky": ([sfilms, "list", "--director", "tarkovsky"], {}),
            "TAB: show sta<TAB>": ([sfilms], complete),
        }
        cases = [(name, size) for name in commands for size in catalogues]
        for name, size in cases:  # warm: byte code, the file cache, the store
            argv, extra = commands[name]
            timed(argv, {**catalogues[size], **extra})
        times: dict[tuple[str, int], list[float]] = {case: [] for case in cases}
        memory: dict[tuple[str, int], int] = {}
        for _ in range(rounds):
            for name, size in cases:
                argv, extra = commands[name]
                elapsed, peak = timed(argv, {**catalogues[size], **extra})
                times[(name, size)].append(elapsed)
                memory[(name, size)] = max(memory.get((name, size), 0), peak)
        median = {case: statistics.median(values) * 1000 for case, values in times.items()}

        changes = {}
        for size in sizes:
            env, folder = catalogues[size], Path(catalogues[size]["SFILMS_LISTS_DIR"])
            firsts: dict[str, list[float]] = {kind: [] for kind, _ in CHANGES}
            for index in range(3 if options.smoke else 5):
                changed = folder / f"synthetic-{index:04d}.yaml"
                text = changed.read_text(encoding="utf-8")
                for kind, edit in CHANGES:
                    changed.write_text(edit(text, index), encoding="utf-8")
                    argv = [sfilms, "search", RARE] if kind == "search" else [sfilms, "show", "stalker"]
                    firsts[kind].append(timed(argv, env)[0] * 1000)
                    changed.write_text(text, encoding="utf-8")
                    timed([sfilms, "themes"], env)
            changes[size] = {kind: statistics.median(values) for kind, values in firsts.items()}
        report(median, memory, changes, builds, sizes, commands, rounds, options.smoke)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _retitled(text: str, index: int) -> str:
    """The list's first film (one of the shared pool's, which other lists name too) retitled."""
    return text.replace('"\n    year:', ' (retitled)"\n    year:', 1)


def _redated(text: str, index: int) -> str:
    """The list's first film (a shared one) given a year three years off: another film now."""
    head, _, rest = text.partition("    year: ")
    year, _, tail = rest.partition("\n")
    return f"{head}    year: {int(year) + 3}\n{tail}"


def _removed(text: str, index: int) -> str:
    """The list's first film (a shared one) taken out."""
    head, _, rest = text.partition("films:\n")
    return head + "films:\n" + rest[rest.index("  - title:", 1) :]


def _director(text: str, index: int) -> str:
    """Every director the list names, written another way (a new spelling of a known director)."""
    spelled = {"Andrei Tarkovsky": "Andrey Tarkovskiy", "Eldar Ryazanov": "Эльдар Рязанов",
               "Larisa Shepitko": "Larissa Shepitko", "Georgiy Daneliya": "Georgi Danelia",
               "Kira Muratova": "Кира Муратова"}  # fmt: skip
    for name, other in spelled.items():
        text = text.replace(name, other)
    return text


# Kinds of change to one list of 50 films, and what each does to its file.
CHANGES = [
    ("words", lambda text, index: text.replace("An intro.", "An intro, changed.", 1)),
    ("films", lambda text, index: text.replace("films:\n", f"films:\n  - {{title: X{index}, year: 1970}}\n")),
    ("shared", _retitled),
    ("redated", _redated),
    ("removed", _removed),
    ("director", _director),
    ("id", lambda text, index: text.replace(f'id: "synthetic-{index:04d}"', 'id: "synthetic-0009"', 1)),
    ("search", lambda text, index: text.replace("An intro.", "An intro, again.", 1)),
]  # fmt: skip
CHANGE_LABELS = {
    "words": "first show, a list's words",
    "films": "first show, a film of its own",
    "shared": "first show, a shared retitled",
    "redated": "first show, a shared re-dated",
    "removed": "first show, a shared removed",
    "director": "first show, a director spelled",
    "id": "first show, an id taken",
    "search": "first search, a list's words",
}

BUDGETS = {"show stalker": 1.3, "list loneliness": 1.3, "TAB: show sta<TAB>": 1.3, f"search {RARE}": 2.0}


def report(median, memory, changes, builds, sizes, commands, rounds, smoke) -> None:
    """One table: each command's median at each size as a ratio to the bundled lists alone."""
    print(f"sfilms scale benchmark: medians of {rounds} interleaved runs; ratio to the bundled lists alone")
    print(
        f"{'command':<28} {'bundled ms':>10} "
        + " ".join(f"{f'{size:,}':>16}" for size in sizes)
        + "  budget at the largest"
    )
    failed = 0
    largest = sizes[-1]
    for name in commands:
        alone = median[(name, 0)]
        cells = [f"{median[(name, size)] / alone:>6.2f}x {median[(name, size)]:>6.0f}ms" for size in sizes]
        limit = BUDGETS.get(name)
        verdict = ""
        if limit is not None:
            ok = median[(name, largest)] / alone <= limit
            failed += not ok
            verdict = f"<= {limit}x {'ok' if ok else 'OVER'}"
        print(f"{name:<28} {alone:>10.1f} " + " ".join(f"{cell:>16}" for cell in cells) + f"  {verdict}")
    warm = median[("show stalker", largest)]
    for kind, label in CHANGE_LABELS.items():
        cells = [
            f"{changes[size][kind] / median[('show stalker', size)]:>6.2f}x {changes[size][kind]:>6.0f}ms"
            for size in sizes
        ]
        ok = changes[largest][kind] / warm <= 2.5 if kind != "search" else True
        failed += not ok
        verdict = f"<= 2.5x warm show {'ok' if ok else 'OVER'}" if kind != "search" else "(x warm show)"
        print(f"{label:<28} {'':>10} " + " ".join(f"{cell:>16}" for cell in cells) + f"  {verdict}")
    peak = [memory[("show stalker", size)] / memory[("show stalker", 0)] for size in sizes]
    ok = peak[-1] <= 1.2
    failed += not ok
    print(
        f"{'peak memory, warm show':<28} {memory[('show stalker', 0)] / 1024:>8.1f}MB "
        + " ".join(f"{ratio:>15.2f}x" for ratio in peak)
        + f"  <= 1.2x {'ok' if ok else 'OVER'}"
    )
    ok = builds[largest] < 5
    failed += not ok
    print(
        f"{'build from nothing (s)':<28} {'':>10} "
        + " ".join(f"{builds[size]:>15.2f}s" for size in sizes)
        + f"  < 5 s {'ok' if ok else 'OVER'}"
    )
    verdict = "every budget holds" if not failed else f"{failed} budget(s) over"
    print(f"result: {verdict}{' (smoke run: too small and too few rounds to judge)' if smoke else ''}")


if __name__ == "__main__":
    main()
