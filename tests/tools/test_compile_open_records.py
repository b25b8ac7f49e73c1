"""tools/compile_open_records.py on a sample of the source as it is written."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

from soviet_films.store.open_records import load_open_records

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "fixtures" / "open-records"


def test_the_sample_compiles_to_the_soviet_films_with_their_facts(tmp_path: Path) -> None:
    out = tmp_path / "open-records.tsv.gz"
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "compile_open_records.py"), str(SAMPLE), "--commit", "abc123",
         "-o", str(out)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("4 films")  # the fifth is not Soviet
    with gzip.open(out, "rt", encoding="utf-8") as file:
        head = file.read().split("\n")[:2]
    assert "soviet-kino/soviet-cinema-data at commit abc123; CC BY-SA 4.0" in head[0]
    records = load_open_records(out)
    by_id = {film.record: film for film in records.films}
    assert sorted(by_id) == ["12-stulev-1971", "kin-dza-dza-1986", "sluzhebnyy-roman-1977", "stalker-1979"]
    romance = by_id["sluzhebnyy-roman-1977"]
    assert (romance.title, romance.year, romance.transliteration) == (
        "Служебный роман",
        1977,
        "Sluzhebnyy roman",
    )
    assert romance.directors == ("Eldar Ryazanov",)  # "Рязанов, Эльдар Александрович" in the source
    assert (romance.runtime, romance.imdb, romance.tmdb, romance.wikidata) == (
        151,
        "tt0076727",
        "31139",
        "Q2528155",
    )
    assert by_id["stalker-1979"].directors == ("Andrei Tarkovsky",)  # the source's own Latin name
    assert "slujebni roman" in records.title_keys[romance.id]  # the one spelling: ж and zh are j
    # The same source gives the same bytes.
    again = tmp_path / "again.tsv.gz"
    subprocess.run([sys.executable, str(ROOT / "tools" / "compile_open_records.py"), str(SAMPLE), "--commit",
                    "abc123", "-o", str(again)], check=True, capture_output=True, timeout=120)  # fmt: skip
    assert again.read_bytes() == out.read_bytes()


def test_a_folder_that_is_no_checkout_is_refused(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "compile_open_records.py"), str(tmp_path), "--commit", "x"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "has no films/ folder" in result.stderr
