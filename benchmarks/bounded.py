"""Whether any command grows faster than its input on the worst lists we can make.

    .venv/bin/python benchmarks/bounded.py           # 2,000 and 8,000 entries per case
    .venv/bin/python benchmarks/bounded.py --smoke   # 250 and 1,000 (CI: shows it completes)

Each case is a catalogue built to defeat a shortcut: titles that share their first 40 characters
(ids made unique), titles that share their words (linking and search), one director for every film
(naming, `--director`), one title in every year across many lists (identity). Each stage runs at N
entries and at 4N, in fresh processes of the installed command, the first after a change (import, or
the store built from nothing), then warm (search, list, export, the browser's filter; the fastest of
seven runs). The report is the growth per doubling: the square root of the time at 4N over the time
at N, less a run that only starts sfilms (two doublings are steadier than one). Budget: 2.6x (linear
is 2x; quadratic 4x), for every stage of every case.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BUDGET = 2.6
SFILMS = str(Path(sys.executable).parent / "sfilms")
BROWSER_FILTER = (
    "import sys, time\n"
    "from soviet_films.library.browser import Browser\n"
    "browser = Browser(); start = time.perf_counter()\n"
    "for text in ('film', 'ballad 1', 'tarkovsky', 'solaris 19'):\n"
    "    browser.listing(None, text)\n"
    "print(time.perf_counter() - start)\n"
)


def pasted(case: str, entries: int) -> str:
    """A pasted list of ``entries`` lines in the worst shape for ``case``."""
    lines = []
    for n in range(1, entries + 1):
        year = 1920 + n % 70
        if case == "shared prefixes":
            lines.append(f"{n}. Untitled film from the archive of the Gorky studio, reel {n} ({year})")
        elif case == "shared words":
            lines.append(f"{n}. The ballad of a soldier and the night {n} ({year})")
        elif case == "one director":
            lines.append(f"{n}. Film {n} by Andrei Tarkovsky ({year})")
        lines.append(f"About film {n}: a soldier, a night, a ballad.\n")
    return "List.\n\n" + "\n".join(lines)


def write_same_title(folder: Path, entries: int) -> None:
    """One title in every year, a list per 70 years: many lists, the same films again and again."""
    from soviet_films.store.list_files import dump_list

    for index in range(entries // 70):
        films = [{"title": "Solaris", "year": 1920 + n, "description": f"Solaris {n}, list {index}."}
                 for n in range(70)]  # fmt: skip
        text = dump_list(f"solaris-{index:04d}", f"Solaris {index}", "Every Solaris.", films)
        (folder / f"solaris-{index:04d}.yaml").write_text(text, encoding="utf-8")


def timed(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(argv, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"bounded: {' '.join(argv)} failed ({result.returncode}): {result.stderr[-500:]}")
    return elapsed


def stages(case: str, entries: int, work: Path, rounds: int) -> dict[str, float]:
    """The time of each stage of ``case`` at ``entries``, the fastest of ``rounds`` for the warm ones."""
    home = work / f"{case}-{entries}".replace(" ", "-")
    lists = home / "lists"
    lists.mkdir(parents=True)
    env = {**os.environ, "SFILMS_LISTS_DIR": str(lists), "XDG_CACHE_HOME": str(home / "cache"),
           "SFILMS_DATA_DIR": str(home / "data")}  # fmt: skip
    times = {}
    if case == "same title":
        write_same_title(lists, entries)
        theme = "solaris-0000"
    else:
        (home / "pasted.txt").write_text(pasted(case, entries), encoding="utf-8")
        times["import"] = timed([SFILMS, "import", str(home / "pasted.txt"), "--name", "Worst"], env)
        theme = "worst"
    times["first show"] = timed([SFILMS, "show", "stalker"], env)
    warm = {
        "search": [SFILMS, "search", "ballad soldier"],
        "list theme": [SFILMS, "list", theme],
        "list --director": [SFILMS, "list", "--director", "tarkovsky"],
        "export csv": [SFILMS, "export", "--format", "csv"],
        "browser filter": [sys.executable, "-c", BROWSER_FILTER],
    }
    for name, argv in warm.items():
        times[name] = min(timed(argv, env) for _ in range(rounds))  # the least noisy estimate
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="smaller sizes, to show it completes (CI)")
    options = parser.parse_args()
    size = 250 if options.smoke else 2000
    rounds = 1 if options.smoke else 7
    work = Path(tempfile.mkdtemp(prefix="sfilms-bounded-"))
    try:
        base_env = {**os.environ, "SFILMS_LISTS_DIR": str(work / "none"), "XDG_CACHE_HOME": str(work / "c0")}
        timed([SFILMS, "themes"], base_env)
        start_up = statistics.median(timed([SFILMS, "themes"], base_env) for _ in range(5))
        print(
            f"sfilms bounded benchmark: each stage at {size:,} and {4 * size:,} entries; growth per "
            f"doubling = sqrt((t(4N) - start) / (t(N) - start)); start {start_up * 1000:.0f} ms"
        )
        print(f"{'case':<18} {'stage':<16} {'N ms':>8} {'4N ms':>8} {'growth':>7}")
        over = []
        for case in ("shared prefixes", "shared words", "one director", "same title"):
            small, large = stages(case, size, work, rounds), stages(case, 4 * size, work, rounds)
            for stage in small:
                floor = 0.0 if stage == "browser filter" else start_up  # timed inside its process
                low, high = max(small[stage] - floor, 0.005), max(large[stage] - floor, 0.005)
                growth = (high / low) ** 0.5
                verdict = "ok" if growth <= BUDGET or high < 0.05 else "OVER"  # under 50 ms: noise
                if verdict == "OVER":
                    over.append(f"{case}: {stage}")
                print(f"{case:<18} {stage:<16} {small[stage] * 1000:>8.0f} {large[stage] * 1000:>8.0f} "
                      f"{growth:>6.2f}x {verdict}")  # fmt: skip
        if options.smoke:
            print("result: every stage completes (smoke run: too small and too few rounds to judge growth)")
        elif over:
            print(f"result: {len(over)} stage(s) grow faster than {BUDGET}x per doubling: {', '.join(over)}")
            sys.exit(1)
        else:
            print(f"result: every stage grows at most {BUDGET}x when its input doubles")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
