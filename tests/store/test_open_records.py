"""store.open_records: the shipped open records, read whole or refused in one line."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from soviet_films import places
from soviet_films.errors import FileProblems
from soviet_films.store.open_records import load_open_records, open_records_beside
from soviet_films.store.records import load_records

HEADER = b"id\tyear\ttitle\toriginal_title\ttransliteration\tdirectors\tdirectors_ru\truntime\tstudio\twikidata\timdb\ttmdb\tkeys"


def test_the_shipped_records_are_read_and_the_editors_win() -> None:
    shipped = load_open_records(open_records_beside(places.records_file()))
    assert len(shipped.films) > 6000 and all(film.id.startswith("open:") for film in shipped.films)
    records = load_records(places.records_file())
    stalker = next(film for film in records.films if film.id == "stalker")
    # The editors' record keeps its facts and takes the open one's runtime and ids.
    assert (stalker.title, stalker.recorded, stalker.runtime, stalker.tmdb) == ("Stalker", True, 161, "1398")
    assert not any(film.record == "stalker-1979" for film in records.films if not film.recorded)


HEADER = "\t".join(("id", "year", "title", "original_title", "transliteration", "directors", "directors_ru",
                     "runtime", "studio", "wikidata", "imdb", "tmdb", "keys")).encode()  # fmt: skip


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"not gzip at all", "cannot be read"),
        (gzip.compress(b"# x\nid\tyear\n"), "not the columns sfilms reads"),
        (gzip.compress(HEADER + b"\nx\tnot-a-year\n"), "a row sfilms cannot read"),
        (gzip.compress(b"x" * 1000)[:20], "cannot be read"),  # truncated
    ],
)
def test_a_damaged_file_is_one_line_naming_it(tmp_path: Path, content: bytes, says: str) -> None:
    path = tmp_path / "open-records.tsv.gz"
    path.write_bytes(content)
    with pytest.raises(FileProblems) as caught:
        load_open_records(path)
    [problem] = caught.value.problems
    assert problem.path == str(path) and says in problem.message and "reinstall sfilms" in problem.message


def test_no_file_is_no_records(tmp_path: Path) -> None:
    assert load_open_records(tmp_path / "missing.tsv.gz").films == ()
