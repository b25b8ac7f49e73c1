"""Helpers the tests share: where the fixtures are, the installed command, writing list files."""

from __future__ import annotations

import os
import sys
from pathlib import Path

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
