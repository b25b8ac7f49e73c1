"""How long reading a pasted list takes on the worst inputs we can craft.

    .venv/bin/python benchmarks/import_speed.py           # every case, with its time
    .venv/bin/python benchmarks/import_speed.py --smoke   # a tenth of the size (CI)

Each case is a text just under 100 KB made to strain the reader's patterns: long runs of spaces,
dots, dashes, digits, brackets and quotes, years everywhere, one endless line, a 500-entry list.
Budget: no case over 2 s (``sfilms import`` of a 500-entry paste end to end is in startup.py).
"""

from __future__ import annotations

import argparse
import time

LIMIT = 100_000
BUDGET = 2.0


def cases(size: int) -> dict[str, str]:
    """The crafted texts, each about ``size`` characters."""

    def fill(unit: str) -> str:
        return (unit * (size // len(unit) + 1))[: size - 1]

    films = "".join(f"{n}. Film number {n} ({1900 + n % 100})\nAbout film {n}.\n\n" for n in range(1, 501))
    return {
        "spaces": "Stalker" + " " * (size - 20) + "(1979)",
        "dots": "1. Stalker (1979)\n" + fill("."),
        "dashes": "1979 " + fill("–-—"),
        "digits": fill("1979"),
        "digits and spaces": fill("1979 "),
        "open brackets": fill("(") + "1979",
        "brackets and years": fill("(1979 "),
        "closed brackets": fill("(1979)"),
        "quotes": fill("«\"“'") + " (1979)",
        "words and years on one line": fill("Stalker 1979, "),
        "capitalised words": fill("Andrei Tarkovsky ") + "(1979)",
        "sentences": fill("It is long. We love Solaris (1972) for its ocean. "),
        "title lines": fill("1. Stalker (1979)\n"),
        "title lines with no blank": fill("Stalker (Andrei Tarkovsky, 1979) – Andrei Tarkovsky\n"),
        "labels": fill("Film: Week 1: Stalker: (1979)\n"),
        "colons": fill("A: ") + "B (1979)",
        "distinct title lines": "".join(
            f"{n}. Film number {n} of many ({1900 + n % 100})\n" for n in range(1, 1000)
        ),
        "title lines with captions": "".join(
            f"{n}. Film {n} ({1900 + n % 100})\nStill from Film {n} (Mosfilm, {1900 + n % 100})\n"
            for n in range(1, min(1000, size // 40))
        )[:size],
        "500 entries": films[:size] if size < LIMIT else films,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="a tenth of the size, to show it completes")
    smoke = parser.parse_args().smoke
    from soviet_films.errors import FileProblems
    from soviet_films.store.plain_text import parse_pasted

    size = LIMIT // 10 if smoke else LIMIT - 1000
    worst = 0.0
    for name, text in cases(size).items():
        start = time.perf_counter()
        try:
            entries = len(parse_pasted(text, name).entries)
        except FileProblems:
            entries = 0
        took = time.perf_counter() - start
        worst = max(worst, took)
        print(f"{name:<30} {len(text):>7} chars  {took:6.2f} s  {entries:>5} entries")
    verdict = "holds" if worst <= BUDGET else "MISSED"
    print(f"result: slowest {worst:.2f} s; budget {BUDGET:.0f} s per text under 100 KB {verdict}")


if __name__ == "__main__":
    main()
