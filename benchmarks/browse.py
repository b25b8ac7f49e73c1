"""How quickly `sfilms browse` answers: the first paint, and a keystroke in the filter box.

Run it with the Python of the environment sfilms (with its `tui` extra) is installed in:

    .venv/bin/python benchmarks/browse.py            # bundled lists, then 10,000 entries
    .venv/bin/python benchmarks/browse.py --smoke    # a quick run that only shows it works (CI)

The first paint is timed from starting the app (the catalogue read from a warm cache) to its
first screen drawn, through Textual's own test harness, headless at 80x24; a keystroke from
pressing a key in the filter box to the film table holding the new rows. Budgets: first paint
1 s with the bundled lists and 1.5 s with 10,000 entries; a keystroke 100 ms at 10,000 entries.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from startup import write_synthetic_lists


async def first_paint() -> float:
    from soviet_films.tui.app import BrowseApp

    start = time.perf_counter()
    app = BrowseApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        return time.perf_counter() - start


async def keystrokes(text: str) -> tuple[list[float], list[float]]:
    """For each key typed (then each erased): the browser's own work (filtering and filling the
    table), and the harness's whole round trip (key in, screen settled), which adds its waits."""
    from soviet_films.tui.app import BrowseApp

    app = BrowseApp()
    work: list[float] = []
    fill = app._show_films

    def timed_fill() -> None:
        start = time.perf_counter()
        fill()
        work.append(time.perf_counter() - start)

    app._show_films = timed_fill  # type: ignore[method-assign]
    trips = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        work.clear()
        for key in [*text, *["backspace"] * len(text)]:
            start = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            trips.append(time.perf_counter() - start)
    return work, trips


def measure(label: str, rounds: int) -> tuple[float, float]:
    asyncio.run(first_paint())  # warm: byte code, the catalogue cache
    paints = [asyncio.run(first_paint()) for _ in range(rounds)]
    work, trips = asyncio.run(keystrokes("winter 19"))
    paint, key = statistics.median(paints) * 1000, statistics.median(work) * 1000
    trip = statistics.median(trips) * 1000
    worst = max(work) * 1000
    print(f"{label:<16} first paint {paint:7.1f} ms; a keystroke: the browser's work median {key:5.1f} ms, "
          f"max {worst:5.1f} ms (the harness's round trip, its waits with it: {trip:5.1f} ms)")  # fmt: skip
    return paint, key


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="a quick run: few rounds, a small catalogue")
    options = parser.parse_args()
    rounds, (lists, films) = (1, (20, 50)) if options.smoke else (5, (200, 50))
    with tempfile.TemporaryDirectory(prefix="sfilms-browse-") as work:
        os.environ.update(XDG_CACHE_HOME=f"{work}/cache", SFILMS_DATA_DIR=f"{work}/data",
                          SFILMS_LISTS_DIR=f"{work}/no-lists")  # fmt: skip
        bundled_paint, _ = measure("bundled lists", rounds)
        write_synthetic_lists(Path(work) / "big", lists, films)
        os.environ["SFILMS_LISTS_DIR"] = f"{work}/big"
        big_paint, big_key = measure(f"{lists * films} entries", rounds)
    checks = [
        ("first paint, bundled", bundled_paint, 1000),
        (f"first paint, {lists * films} entries", big_paint, 1500),
        (f"keystroke, {lists * films} entries", big_key, 100),
    ]
    over = 0
    for name, value, budget in checks:
        ok = value <= budget
        over += not ok
        print(f"{name:<34} {value:7.1f} ms <= {budget} ms {'ok' if ok else 'OVER'}")
    verdict = "every budget holds" if not over else f"{over} budget(s) over"
    print(f"result: {verdict}{' (smoke run: too small to judge)' if options.smoke else ''}")


if __name__ == "__main__":
    main()
