"""Helpers the tests share: where the fixtures are, the installed command, writing list files."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NamedTuple

from hypothesis import strategies as st

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden"

# A user's own list: one film the records know by another title (Mirror), one they do not.
MY_LIST = """\
id: mine
name: Mine
intro: My own list.
films:
  - title: Mirror
    year: 1975
    description: My words about the Mirror.
    fact: My fact.
  - title: Kin-dza-dza!
    year: 1986
    description: Space comedy.
"""


def sfilms_command() -> list[str]:
    """The installed console script next to this interpreter."""
    script = Path(sys.executable).parent / ("sfilms.exe" if os.name == "nt" else "sfilms")
    assert script.exists(), f"the sfilms command is not installed beside {sys.executable}"
    return [str(script)]


def write_list(folder: Path, name: str, text: str) -> Path:
    """Write a list file into ``folder`` and return its path."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def catalog_facts(catalog) -> dict:
    """Everything a catalogue holds, as plain data to compare two catalogues by (themes in order with
    their entries, films in order, each film's themes, directors' spellings, the files left out)."""
    return {
        "themes": [
            (t.id, t.name, t.intro, t.source, t.bundled, t.replaces_bundled, list(t.entries))
            for t in catalog.themes
        ],
        "films": list(catalog.films.items()),
        "film_themes": list(catalog.film_themes.items()),
        "spellings": sorted((name, tuple(s)) for name, s in catalog.director_spellings.items()),
        "skipped": list(catalog.skipped),
    }


# ------------------------------------------------------------ lists in shapes written down nowhere


class GeneratedList(NamedTuple):
    """A pasted list and what a careful reader finds in it: (title, year, other title, directors,
    description) per entry."""

    text: str
    entries: list[tuple[str, int, str, tuple[str, ...], str]]


FILMS = [
    ("Stalker", "Сталкер", "Andrei Tarkovsky", 1979),
    ("The Cranes Are Flying", "Летят журавли", "Mikhail Kalatozov", 1957),
    ("Office Romance", "Служебный роман", "Eldar Ryazanov", 1977),
    ("Ballad of a Soldier", "Баллада о солдате", "Grigori Chukhrai", 1959),
    ("Come and See", "Иди и смотри", "Elem Klimov", 1985),
    ("Kin-dza-dza!", "Кин-дза-дза!", "Georgiy Daneliya", 1986),
    ("Moscow Does Not Believe in Tears", "Москва слезам не верит", "Vladimir Menshov", 1979),
    ("The Irony of Fate", "Ирония судьбы", "Eldar Ryazanov", 1975),
    ("12 Chairs", "12 стульев", "Leonid Gaidai", 1971),
    ("Nine Days in One Year", "Девять дней одного года", "Mikhail Romm", 1962),
    ("White Sun of the Desert", "Белое солнце пустыни", "Vladimir Motyl", 1970),
    ("Mirror", "Зеркало", "Andrei Tarkovsky", 1975),
]
SENTENCES = [
    "A quiet film about a long winter.",
    "Nobody who saw it forgot the ending.",
    "It was banned for years, then loved.",
    "The music alone is worth it.",
    "Shot on a tiny budget, it looks enormous.",
]
# What a list says under a title: its own words for each film (a line under every entry alike is
# page furniture, and is left out).
ABOUT = ["We watched {t} twice.", "Nobody forgets {t}.", "Everyone quotes {t}, and rightly."]

numbering = st.one_of(
    st.just(""),
    st.tuples(
        st.sampled_from(
            [
                "{n}.",
                "{n})",
                "{n}:",
                "{n} –",
                "{n} -",
                "({n})",
                "[{n}]",
                "#{n}",
                "#{n}:",
                "№{n}",
                "No. {n}",
                "{n}/",
                "## {n}.",
                "### {n})",
                "**{n}.**",
                "{n} —",
                "{n}",
            ]
        ),
        st.sampled_from([" ", "  ", ""]),
    ).map(lambda pair: pair[0] + (pair[1] or (" " if pair[0][-1] in "n}" else ""))),
    st.sampled_from(["- ", "* ", "• ", "→ ", "▪ ", "— ", "> ", "✓ ", "## ", "### "]),
)
quotes = st.sampled_from([("", ""), ('"', '"'), ("«", "»"), ("“", "”"), ("**", "**"), ("_", "_")])
titling = st.sampled_from(["{t}", "{t} / {o}", "{t} AKA {o}", "{t} ({o})", "{o} ({t})"])
year_at = st.sampled_from(
    ["{T} ({y})", "{T}, {y}", "{T} – {y}", "{T} — {y}", "{T} ({y} г.)", "{y} — {T}", "{T} {y}"]
)
director_at = st.sampled_from(
    ["", "{L} by {d}", "{L}, dir. {d}", "{L} – {d}", "{d}'s {L}", "{d} – {L}", "{d}: {L}", "({d}, {y}) "]
)


@st.composite
def pasted_lists(draw: st.DrawFn) -> GeneratedList:
    """A list in a shape drawn at random (numbering, quotes, where the year and the director stand,
    another title, blank lines or none, a sentence under each title or none), and its answer."""
    films = draw(st.lists(st.sampled_from(FILMS), min_size=3, max_size=9, unique=True))
    number, (open_quote, close_quote) = draw(numbering), draw(quotes)
    title_form, year_form, director_form = draw(titling), draw(year_at), draw(director_at)
    countdown, blank, described = draw(st.booleans()), draw(st.booleans()), draw(st.booleans())
    if director_form.startswith("({d}") and "({y}" not in year_form:
        director_form = ""  # the director shares the year's brackets only where the year has brackets
    if year_form.startswith("{y}") and director_form not in ("", "{L} by {d}", "{L} – {d}"):
        director_form = "{L} by {d}"  # nobody writes "Andrei Tarkovsky's 1979 — Stalker"
    lines, expected = [draw(st.sampled_from(SENTENCES)), ""], []
    for index, (title, other, director, year) in enumerate(films):
        n = len(films) - index if countdown else index + 1
        named = title_form.format(t=f"{open_quote}{title}{close_quote}", o=other)
        if director_form.startswith("({d}"):
            line = year_form.replace("({y}", "({d}, {y}").format(T=named, y=year, d=director)
        else:
            dated = year_form.format(T=named, y=year)
            line = director_form.format(L=dated, d=director) if director_form else dated
        lines.append(number.format(n=n) + line)
        said = draw(st.sampled_from(ABOUT)).format(t=title) if described else ""
        if said:
            lines.append(said)
        if blank:
            lines.append("")
        main, also = (other, title) if title_form.startswith("{o}") else (title, other)
        expected.append(
            (main, year, also if "{o}" in title_form else "", (director,) if director_form else (), said)
        )
    return GeneratedList("\n".join(lines) + "\n", expected)
