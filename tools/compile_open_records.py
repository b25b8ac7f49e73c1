"""Compile the open film records sfilms ships from a checkout of Soviet Bloc Cinema Data.

    python tools/compile_open_records.py SOURCE --commit SHA [-o data/open-records.tsv.gz]

SOURCE is a checkout of https://github.com/soviet-kino/soviet-cinema-data (CC BY-SA 4.0) at the
commit given, which is written into the file's first line. Every film whose countries include the
Soviet Union (``SU``) becomes one row: its id in the source, year, Russian title, original title
where it differs, a Latin transliteration of the Russian title, directors in Latin and in Cyrillic
(first name and surname; the source names most only in Cyrillic, so their Latin spelling is a
transliteration made here), runtime, studio, and Wikidata, IMDb and TMDB ids. Nothing is guessed:
a field the source does not give stays empty.

The output is gzip'd tab-separated text (``#`` lines first: the source, commit and licence), the
compact form ``store.open_records`` reads. The project's own tests run this on a small sample of the
source in ``tests/fixtures/open-records/``.
"""

from __future__ import annotations

import argparse
import gzip
import io
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the project's own package: its title keys

SOURCE_URL = "https://github.com/soviet-kino/soviet-cinema-data"
LICENCE = "CC BY-SA 4.0"
COLUMNS = ("id", "year", "title", "original_title", "transliteration", "directors", "directors_ru",
           "runtime", "studio", "wikidata", "imdb", "tmdb", "keys")  # fmt: skip

# A readable transliteration (BGN/PCGN, simplified: no apostrophes for the soft and hard signs).
_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
}  # fmt: skip
_PATRONYMIC = re.compile(r"(?:ович|евич|ьич|ич|овна|евна|ична|инична)$", re.IGNORECASE)


def transliterate(text: str) -> str:
    """Cyrillic letters in Latin, the case of each kept ('Служебный роман' -> 'Sluzhebnyy roman')."""
    out = []
    for char in text:
        latin = _LATIN.get(char.lower())
        if latin is None:
            out.append(char)
        elif char.isupper():
            out.append(latin[:1].upper() + latin[1:])
        else:
            out.append(latin)
    return "".join(out)


def first_and_last(name: str) -> str:
    """A person's first name and surname, whichever way the source writes them ('Рязанов, Эльдар
    Александрович' and 'Эльдар Александрович Рязанов' -> 'Эльдар Рязанов')."""
    if "," in name:
        surname, _, given = name.partition(",")
        words = [*given.split(), surname.strip()]
    else:
        words = name.split()
    kept = [word for index, word in enumerate(words) if index == 0 or not _PATRONYMIC.search(word)]
    return " ".join(kept)


def _load(path: Path) -> dict:
    import yaml

    with path.open(encoding="utf-8") as file:
        data = yaml.safe_load(file)
    return data if isinstance(data, dict) else {}


def _cell(value: object) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def compile_rows(source: Path) -> list[list[str]]:
    from soviet_films.core.identity import title_keys

    """One row per Soviet film of the source, in the order of their ids."""
    people: dict[str, tuple[str, str]] = {}
    studios: dict[str, str] = {}
    rows = []
    for path in sorted((source / "films").glob("*.yaml")):
        film = _load(path)
        if "SU" not in (film.get("country") or []) or type(film.get("year")) is not int:
            continue
        title = _cell(film.get("title_ru") or film.get("title_original"))
        if not title:
            continue
        original = _cell(film.get("title_original"))
        latin, cyrillic = [], []
        for person in film.get("director") or []:
            if person not in people:
                data = (
                    _load(source / "people" / f"{person}.yaml")
                    if (source / "people" / f"{person}.yaml").exists()
                    else {}
                )
                ru = first_and_last(_cell(data.get("name_ru")))
                people[person] = (_cell(data.get("name_translit")) or transliterate(ru), ru)
            if people[person][0]:
                latin.append(people[person][0])
                cyrillic.append(people[person][1])
        studio_names = []
        for studio in film.get("studio") or []:
            if studio not in studios:
                path_s = source / "studios" / f"{studio}.yaml"
                data = _load(path_s) if path_s.exists() else {}
                name = _cell(data.get("name_en")) or transliterate(_cell(data.get("name_ru")))
                studios[studio] = "" if re.fullmatch(r"Q\d+", name) else name  # an unresolved Wikidata id
            if studios[studio]:
                studio_names.append(studios[studio])
        ids = film.get("external_ids") or {}
        rows.append([
            _cell(film["id"]), str(film["year"]), title, original if original != title else "",
            _cell(film.get("title_translit")) or transliterate(title), "|".join(latin), "|".join(cyrillic),
            _cell(film.get("runtime_min")), ", ".join(studio_names), _cell(ids.get("wikidata")),
            _cell(ids.get("imdb")), _cell(ids.get("tmdb")),
        ])  # fmt: skip
        rows[-1].append("|".join(sorted(title_keys(rows[-1][2:5]))))
    return rows


def write(rows: list[list[str]], commit: str, out: Path) -> None:
    from soviet_films.core.identity import RULES

    """The rows as gzip'd TSV, headed by where they come from; written to a temporary name, then
    renamed into place."""
    text = io.StringIO()
    text.write(f"# Soviet Bloc Cinema Data, {SOURCE_URL} at commit {commit}; {LICENCE}\n")
    text.write("# compiled by tools/compile_open_records.py: Soviet films only; Latin names transliterated\n")
    text.write(f"# identity rules {RULES}: the keys column is core.identity.title_keys of the titles\n")
    text.write("\t".join(COLUMNS) + "\n")
    for row in rows:
        text.write("\t".join(cell.replace("\t", " ") for cell in row) + "\n")
    temporary = out.with_name(out.name + ".tmp")
    # mtime 0: the same source gives the same bytes
    with (
        open(temporary, "wb") as raw,
        gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0, compresslevel=9) as gz,
    ):
        gz.write(text.getvalue().encode("utf-8"))
    temporary.replace(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="a checkout of soviet-cinema-data")
    parser.add_argument("--commit", required=True, help="the source's commit, written into the file")
    parser.add_argument("-o", "--output", type=Path, default=Path("data/open-records.tsv.gz"))
    options = parser.parse_args(argv)
    if not (options.source / "films").is_dir():
        print(f"compile_open_records: {options.source} has no films/ folder", file=sys.stderr)
        return 2
    rows = compile_rows(options.source)
    write(rows, options.commit, options.output)
    print(f"{len(rows)} films -> {options.output} ({options.output.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
