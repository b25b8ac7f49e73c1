"""Three lists that name the same films each their own way are one catalogue: every command sees
one film each (written for this test, not copied from any page)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

from tests.helpers import sfilms_command

LISTICLE = """Tarkovsky and his time, in five films.

1. The Mirror (Zerkalo) (1974)
A boy, a mother, a burning barn.

2. Solaris (Солярис, 1972)
An ocean that thinks.
Fact: Part of it was shot in Tokyo.

3. Andrei Rublev, 1966 by Andrei Tarkovsky
An icon painter's Russia.

#4: “Ballad of a Soldier” (1959)
A short leave, a long way home.

5. The Irony of Fate, 1975: a New Year's Eve mix-up.
"""

TOP_TEN = """## Our top 5

- **Zerkalo** (1975)
- Solyaris (1972)
- Andrei Rublev (A. Tarkovsky, 1966)
- Ballada o soldate (1959)
- Ironiya sudby, ili S lyogkim parom! (1976)
"""

TABLE = (
    "Film\tYear\tDirector\tOriginal title\tNotes\n"
    "Mirror\t1975\tAndrei Tarkovsky\tЗеркало\tMemory.\n"
    "Solaris\t1972\tAndrei Tarkovsky\tСолярис\tSpace.\n"
    "Andrei Rublyov\t1966\tАндрей Тарковский\tАндрей Рублёв\tIcons.\n"
    "The Ballad of a Soldier\t1959\tGrigori Chukhrai\tБаллада о солдате\tWar.\n"
)


def sfilms(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*sfilms_command(), *args], capture_output=True, text=True, timeout=120)


def test_three_lists_one_film_each(tmp_path: Path) -> None:
    for name, text in (("Tarkovsky", LISTICLE), ("Top five", TOP_TEN), ("Table", TABLE)):
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        result = sfilms("import", str(path), "--name", name)  # what the lists know settles every parenthesis
        assert result.returncode == 0, result.stderr
    # Solaris, Andrei Rublev and the three recorded films: one film each in every list.
    for film, themes in (("solaris", 3), ("andrei rublev", 3), ("mirror", 5), ("ballad-of-a-soldier", 4),
                         ("irony-of-fate", 4)):  # fmt: skip
        shown = json.loads(sfilms("show", film, "--json").stdout)
        assert len(shown["lists"]) == themes, (film, [entry["theme"] for entry in shown["lists"]])
    assert sfilms("show", "ballad").returncode == 0  # one film, not "matches 2 films"
    listed_as = sfilms("show", "mirror").stdout
    assert "listed_as:\tThe Mirror (1974)" in listed_as and "listed_as:\tZerkalo (1975)" in listed_as
    # A list's directors serve a film no record knows; a recorded film keeps its record's.
    tarkovsky = [
        line.split("\t")[0] for line in sfilms("list", "--director", "tarkovsky").stdout.splitlines()
    ]
    assert len(tarkovsky) == 4 and {"stalker", "mirror", "solaris"} < set(tarkovsky)
    assert (
        sfilms("list", "--director", "Тарковский").stdout == sfilms("list", "--director", "tarkovsky").stdout
    )
    stats = json.loads(sfilms("stats", "--json").stdout)
    assert stats["films"] == 16  # the 14 films of the bundled lists, and Solaris and Andrei Rublev
    directors = {row["director"]: row["films"] for row in stats["directors"]}
    assert directors["Andrei Tarkovsky"] == 4
    exported = list(csv.DictReader(io.StringIO(sfilms("export", "--format", "letterboxd").stdout)))
    titles = [row["Title"] for row in exported]
    assert len(titles) == len(set(titles)) == 16
    assert {row["Title"]: row["Directors"] for row in exported}["Solaris"] == "Andrei Tarkovsky"
