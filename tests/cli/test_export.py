"""sfilms export: each format parsed back and compared with the data; files written safely."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from soviet_films.model import Catalog
from tests.helpers import write_list


def parse_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_letterboxd_for_a_theme(run, catalog: Catalog) -> None:
    result = run("export", "loneliness", "--format", "letterboxd")
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"Title,Year,Directors,imdbID,tmdbID\r\nStalker,1979,")
    rows = parse_csv(result.stdout)
    expected = [
        catalog.films[e.film_id]
        for e in catalog.theme("loneliness").entries
        if e.film_id != "house-on-the-embankment"
    ]
    assert [(r["Title"], int(r["Year"]), r["Directors"], r["imdbID"]) for r in rows] == [
        (f.title, f.year, ", ".join(f.directors), f.imdb) for f in expected
    ]
    assert "left out 'The House on the Embankment (1976)'" in result.stderr


def test_letterboxd_for_every_film_once(run, catalog: Catalog) -> None:
    rows = parse_csv(run("export", "--format", "letterboxd").stdout)
    assert len(rows) == 14 == len({(r["Title"], r["Year"]) for r in rows})
    assert {r["imdbID"] for r in rows if r["Title"] == "The Garage"} == {""}


def test_letterboxd_quotes_several_directors_in_one_field(run, user_lists: Path) -> None:
    write_list(
        user_lists,
        "x.yaml",
        "id: x\nname: X\nintro: i\nfilms:\n  - title: 'Come, and See'\n    year: 1985\n    description: d\n",
    )
    rows = parse_csv(run("export", "x", "--format", "letterboxd").stdout)
    assert rows == [{"Title": "Come, and See", "Year": "1985", "Directors": ""}]


def test_csv_has_one_row_per_entry(run, catalog: Catalog) -> None:
    rows = parse_csv(run("export", "--format", "csv").stdout)
    assert list(rows[0]) == [
        "theme",
        "rank",
        "id",
        "title",
        "year",
        "directors",
        "original_title",
        "description",
        "fact",
        "correction",
    ]
    entries = [(fl, e) for fl in catalog.themes for e in fl.entries]
    assert len(rows) == len(entries) == 20
    for row, (fl, e) in zip(rows, entries, strict=True):
        assert (row["theme"], int(row["rank"]), row["id"], row["description"], row["fact"]) == (
            fl.id, e.rank, e.film_id, e.description, e.fact)  # fmt: skip
        assert row["correction"] == (e.correction.text if e.correction else "")


def test_markdown_document(run, catalog: Catalog) -> None:
    text = run("export", "--format", "markdown").stdout
    lines = text.splitlines()
    assert [line[2:] for line in lines if line.startswith("# ")] == ["Loneliness", "Low self-esteem"]
    assert len([line for line in lines if line.startswith("## ")]) == 20
    assert "## Stalker (1979)" in lines
    assert "*Directed by Andrei Tarkovsky*" in lines
    assert sum(1 for line in lines if line.startswith("> **Correction:**")) == 10
    assert "**Fact:** The film was shot in Estonia" in text


def test_markdown_escapes_data(run, user_lists: Path) -> None:
    write_list(
        user_lists,
        "x.yaml",
        "id: x\nname: '# X *y*'\nintro: '[a](b) <script>'\nfilms:\n  - title: '*T*'\n    year: 1985\n    description: '- d'\n",
    )
    text = run("export", "x", "--format", "markdown").stdout
    assert text.splitlines()[:3] == ["# \\# X \\*y\\*", "", "\\[a\\](b) \\<script\\>"]
    assert "## \\*T\\* (1985)" in text and "\\- d" in text


def test_json_is_the_full_data(run, catalog: Catalog) -> None:
    data = json.loads(run("export", "low-self-esteem", "--format", "json").stdout)
    assert [t["id"] for t in data] == ["low-self-esteem"]
    films = data[0]["films"]
    assert [f["id"] for f in films] == [e.film_id for e in catalog.theme("low-self-esteem").entries]
    assert films[0]["original_title"] == "Ирония судьбы, или С лёгким паром!"
    assert films[0]["correction"].startswith("No replica")


def test_output_file_and_overwrite_refusal(run, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    assert run("export", "--format", "csv", "-o", str(target)).exit_code == 0
    first = target.read_bytes()
    assert parse_csv(first.decode())[0]["id"] == "stalker"
    refused = run("export", "--format", "json", "-o", str(target))
    assert refused.exit_code == 1
    assert "already exists; use --force" in refused.stderr
    assert target.read_bytes() == first
    assert run("export", "--format", "json", "-o", str(target), "--force").exit_code == 0
    assert json.loads(target.read_text())[0]["id"] == "loneliness"
    assert run("export", "--format", "csv", "-o", "-").stdout.startswith("theme,rank,id")


FORMULAS = ('=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)")


def test_csv_is_spreadsheet_safe_unless_raw_and_letterboxd_stays_exact(run, user_lists: Path) -> None:
    films = "".join(f"  - title: {json.dumps(title)}\n    year: {1960 + n}\n    description: {json.dumps(title)}\n"
                    for n, title in enumerate([*FORMULAS, "Stalker = Сталкер"]))  # fmt: skip
    write_list(user_lists, "evil.yaml", f"id: evil\nname: Evil\nintro: x\nfilms:\n{films}")
    safe = parse_csv(run("export", "evil", "--format", "csv").stdout)
    expected = [*(("'" + t, "'" + t) for t in FORMULAS), ("Stalker = Сталкер", "Stalker = Сталкер")]
    assert [(row["title"], row["description"]) for row in safe] == expected
    assert [row["year"] for row in safe] == ["1960", "1961", "1962", "1963", "1964"]  # numbers as they are
    raw = parse_csv(run("export", "evil", "--format", "csv", "--raw").stdout)
    assert [row["title"] for row in raw][:4] == list(FORMULAS)
    exact = parse_csv(run("export", "evil", "--format", "letterboxd").stdout)
    assert [row["Title"] for row in exact][:4] == list(FORMULAS)
    refused = run("export", "evil", "--format", "letterboxd", "--raw")
    assert refused.exit_code == 2 and "'--raw'" in refused.stderr


def test_a_file_name_longer_than_the_system_allows_is_one_line(run, tmp_path: Path) -> None:
    fits = tmp_path / ("a" * 250 + ".csv")  # 254 bytes: the longest names still work
    assert run("export", "-o", str(fits)).exit_code == 0 and fits.exists()
    result = run("export", "-o", str(tmp_path / ("a" * 300 + ".csv")))
    assert result.exit_code == 1
    assert result.stderr.startswith("sfilms: cannot write ") and result.stderr.endswith(
        ": File name too long\n"
    )
    assert len(result.stderr) < 200 and list(tmp_path.iterdir()) == [fits]


def test_unknown_format_is_a_usage_error(run) -> None:
    result = run("export", "--format", "xml")
    assert result.exit_code == 2
    assert "'xml' is not one of: letterboxd, csv, markdown, json" in result.stderr


def test_markdown_block_marks_are_looked_for_within_a_line() -> None:
    # `\s*` at each line start ran on over every following empty line: 40,000 newlines took 21 s.
    from soviet_films.views.export import _MARKDOWN_BLOCK_START, _MARKDOWN_NUMBERED, _md

    assert _MARKDOWN_BLOCK_START.search("\n\n\n# x").start() == 3
    assert _MARKDOWN_NUMBERED.search("\n\n1. x").start() == 2
    assert _md("\n\n  # x\n3. y") == "\n\n  \\# x\n3\\. y"
