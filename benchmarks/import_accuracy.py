"""Import accuracy on real pages: how `sfilms import` reads lists people paste.

    .venv/bin/python benchmarks/import_accuracy.py            # every page, then the totals
    .venv/bin/python benchmarks/import_accuracy.py --smoke    # the totals only (CI)
    .venv/bin/python benchmarks/import_accuracy.py --page foma.txt --verbose   # one page, entry by entry

The pages are in ``tests/fixtures/real/`` with the answer a careful reader gives in ``expected.json``.
Each page is read as ``sfilms import --dry-run`` reads it, in an empty lists folder; a film is right
when an entry holds exactly its title and year, and its directors and other title where the page
gives them. Then every page is imported into one lists folder, and the films are counted across
pages: a split is one work that became several films, a false merge one film that holds several
works. Budgets on this corpus: at least 97 % right, no page refused, no false merge.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "fixtures" / "real"


def _fresh_environment(folder: Path) -> None:
    for name in ("SFILMS_DATA_DIR", "XDG_CACHE_HOME", "SFILMS_LISTS_DIR"):
        os.environ.pop(name, None)
    os.environ["SFILMS_LISTS_DIR"] = str(folder / "lists")
    os.environ["XDG_CACHE_HOME"] = str(folder / "cache")
    os.environ["SFILMS_DATA_DIR"] = str(folder / "data")
    (folder / "lists").mkdir(parents=True, exist_ok=True)


def _right(expected: dict, row: object) -> list[str]:
    """The fields of ``row`` that differ from the expected film (empty: right in every field)."""
    wrong = []
    if row.title != expected["title"]:
        wrong.append(f"title {row.title!r}")
    if row.year != expected["year"]:
        wrong.append(f"year {row.year}")
    if "directors" in expected and sorted(row.directors) != sorted(expected["directors"]):
        wrong.append(f"directors {list(row.directors)}")
    if "other_title" in expected and row.original_title != expected["other_title"]:
        wrong.append(f"other title {row.original_title!r}")
    return wrong


def read_page(name: str, page: dict) -> dict:
    """How one page reads: its rows matched to the expected films."""
    from soviet_films import library
    from soviet_films.core.text import fold
    from soviet_films.errors import SfilmsError

    try:
        preview = library.import_list(str(PAGES / name), name="Page", dry_run=True).value
    except SfilmsError as error:
        return {"refused": str(error), "right": 0, "films": len(page["films"]), "spurious": 0, "wrong": []}
    rows = list(preview.rows)
    used: set[int] = set()
    right, wrong = 0, []
    for film in page["films"]:
        candidates = [i for i, row in enumerate(rows) if i not in used and row.year == film["year"]]
        exact = [i for i in candidates if rows[i].title == film["title"]]
        near = [i for i in candidates if fold(rows[i].title) == fold(film["title"])]
        found = (exact or near or [None])[0]
        if found is None:
            wrong.append(f"missing {film['title']} ({film['year']})")
            continue
        used.add(found)
        differs = _right(film, rows[found])
        if differs:
            wrong.append(f"{film['title']} ({film['year']}): " + ", ".join(differs))
        else:
            right += 1
    spurious = [f"{rows[i].title} ({rows[i].year})" for i in range(len(rows)) if i not in used]
    return {"refused": "", "right": right, "films": len(page["films"]), "spurious": len(spurious),
            "wrong": wrong + [f"spurious {text}" for text in spurious]}  # fmt: skip


def across_pages(pages: dict) -> tuple[int, int, list[str], dict[str, int]]:
    """Every page imported into one lists folder: works split into several films, films merged."""
    from soviet_films import library
    from soviet_films.errors import SfilmsError
    from soviet_films.store.shelf import load_catalog

    for name in pages:
        try:
            library.import_list(str(PAGES / name), name=name.rsplit(".", 1)[0], theme_id=_theme_id(name))
        except SfilmsError:
            continue
    catalog = load_catalog()
    films_of: dict[str, set[str]] = defaultdict(set)
    works_of: dict[str, set[str]] = defaultdict(set)
    for name, page in pages.items():
        try:
            theme = catalog.theme(_theme_id(name))
        except KeyError:
            continue
        for film in page["films"]:
            entry = next(
                (e for e in theme.entries if e.title == film["title"] and e.year == film["year"]), None
            )
            if entry is not None:
                films_of[film["work"]].add(entry.film_id)
                works_of[entry.film_id].add(film["work"])
    splits = [f"{work}: {sorted(ids)}" for work, ids in films_of.items() if len(ids) > 1]
    merges = [f"{film_id}: {sorted(works)}" for film_id, works in works_of.items() if len(works) > 1]
    films = [catalog.films[film_id] for ids in films_of.values() for film_id in ids]
    known = {"films": len(films), "director": sum(1 for f in films if f.directors),
             "imdb": sum(1 for f in films if f.imdb)}  # fmt: skip
    return len(splits), len(merges), splits + [f"merged {text}" for text in merges], known


def _theme_id(name: str) -> str:
    return "page-" + name.rsplit(".", 1)[0].lower()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="print the totals only")
    parser.add_argument("--page", help="one page only")
    parser.add_argument("--verbose", action="store_true", help="every entry that is not right")
    parser.add_argument("--without-open-records", action="store_true",
                        help="as sfilms was before the open records: the editors' alone")  # fmt: skip
    options = parser.parse_args()
    if options.without_open_records:
        import soviet_films.store.open_records as open_records

        open_records.OPEN_RECORDS_FILE = "no-open-records-here"
    sys.path.insert(0, str(ROOT))
    expected = json.loads((PAGES / "expected.json").read_text(encoding="utf-8"))["pages"]
    if options.page:
        expected = {options.page: expected[options.page]}
    work = Path(tempfile.mkdtemp(prefix="sfilms-accuracy-"))
    try:
        _fresh_environment(work / "each")
        results = {name: read_page(name, page) for name, page in expected.items()}
        _fresh_environment(work / "all")
        splits, merges, notes, known = across_pages(expected)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    films = sum(r["films"] for r in results.values())
    right = sum(r["right"] for r in results.values())
    spurious = sum(r["spurious"] for r in results.values())
    refused = sum(1 for r in results.values() if r["refused"])
    if not options.smoke:
        for name, result in results.items():
            state = f"REFUSED ({result['refused']})" if result["refused"] else ""
            counts = f"{result['right']:>3}/{result['films']:<3} right  {result['spurious']:>2} spurious"
            print(f"{name:<24} {counts}  {state}")
            if options.verbose:
                for line in result["wrong"]:
                    print(f"    {line}")
        if options.verbose:
            for line in notes:
                print(f"    across pages: {line}")
    share = right / films if films else 1.0
    across = f"across pages {splits} splits, {merges} false merges"
    print(f"{len(results)} pages, {films} films: {right} right in every field ({share:.1%}), "
          f"{spurious} spurious, {refused} pages refused; {across}")  # fmt: skip
    without = " (without the open records)" if options.without_open_records else ""
    print(f"films across pages: {known['films']}; with a director {known['director']}, with an IMDb id "
          f"{known['imdb']}{without}")  # fmt: skip
    ok = share >= 0.97 and not refused and not merges
    print(
        f"result: {'every budget holds' if ok else 'under budget'} (>= 97% right, 0 refused, 0 false merges)"
    )


if __name__ == "__main__":
    main()
