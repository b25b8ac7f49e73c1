"""The plain-text list format people write and share: an intro paragraph, then for each film a
"Title (Year)" line, a "Description: ..." line and a "Fact: ..." line. Standard library only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from soviet_films.core.linking import entry_key
from soviet_films.errors import FileProblems, Problem
from soviet_films.model import MAX_YEAR, MIN_YEAR

_TITLE_LINE = re.compile(r"^(?P<title>.*?\S)\s*\(\s*(?P<year>\d{4})\s*\)\s*:?$")
# "Description: ...", also in Markdown bold as pasted from a web page ("**Fact:** ...").
_LABEL_LINE = re.compile(
    r"^[*_]*\s*(?P<label>description|fact)\s*[*_]*\s*:\s*[*_]*\s*(?P<text>.*)$", re.IGNORECASE
)
# What pasted lists put before a title: a Markdown heading, a number ("3. ", "3) "), a bullet.
_TITLE_DECORATION = re.compile(r"^(?:#{1,6}\s+|\d{1,3}[.)]\s+|[-*•]\s+)")
_EMPHASIS = re.compile(r"^(\*\*|__)(?P<inner>.+?)\1")
_SURROUNDING_QUOTES = re.compile(r'^["“”«»\'‘’](?P<inner>.*)["“”«»\'‘’]$')


@dataclass
class PlainEntry:
    """One film as the plain text gives it; ``line`` is where its title stands."""

    title: str
    year: int
    line: int
    description: str = ""
    fact: str | None = None


@dataclass
class PlainList:
    """A parsed plain-text list; ``warnings`` are things imported but worth a look."""

    intro: str
    entries: list[PlainEntry]
    warnings: list[Problem] = field(default_factory=list)


def parse_plain_list(text: str, source: str = "<text>") -> PlainList:
    """Parse the plain-text list format, tolerating what real files contain.

    Accepts a byte-order mark, Windows or old Mac line endings, extra blank lines and spaces,
    wrapped paragraphs, labels in any case with spaces around the colon (or in Markdown bold),
    titles in quotes, numbered, bulleted or as Markdown headings, and titles that contain
    parentheses or colons. Raises FileProblems listing every problem at its line of ``source``.
    """
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    intro_paragraphs: list[list[str]] = []
    entries: list[PlainEntry] = []
    problems: list[tuple[int, str]] = []
    current_field: str | None = None  # the field a continuation line extends
    for number, raw in enumerate(lines, start=1):
        line = " ".join(raw.split())
        if not line:
            if not entries and intro_paragraphs and intro_paragraphs[-1]:
                intro_paragraphs.append([])
            current_field = None
            continue
        bare = _undecorated(line)
        label = _LABEL_LINE.match(bare)
        title = None if label else _TITLE_LINE.match(bare)
        if title:
            entries.append(PlainEntry(title=_unquote(title["title"]), year=int(title["year"]), line=number))
            current_field = None
        elif label:
            if not entries:
                problems.append((number, f"'{label['label']}:' before any 'Title (Year)' line"))
                continue
            entry = entries[-1]
            name = label["label"].lower()
            if name == "description" and entry.description:
                problems.append((number, f"a second Description for '{entry.title}'"))
            elif name == "fact" and entry.fact is not None:
                problems.append((number, f"a second Fact for '{entry.title}'"))
            elif name == "fact" and not entry.description:
                problems.append((number, f"Fact before Description for '{entry.title}'"))
            elif name == "description":
                entry.description = label["text"]
            else:
                entry.fact = label["text"]
            current_field = name
        elif not entries:
            if not intro_paragraphs:
                intro_paragraphs.append([])
            intro_paragraphs[-1].append(line)
        elif current_field is not None:
            entry = entries[-1]
            if current_field == "description":
                entry.description = f"{entry.description} {line}".strip()
            else:
                entry.fact = f"{entry.fact or ''} {line}".strip()
        else:
            problems.append(
                (number, f"expected 'Title (Year)', 'Description: ...' or 'Fact: ...', got '{_clip(line)}'")
            )
    warnings: list[Problem] = []
    seen: dict[tuple[str, int], int] = {}
    for entry in entries:
        if not MIN_YEAR <= entry.year <= MAX_YEAR:
            problems.append((entry.line, f"{entry.year} is not a plausible year ({MIN_YEAR}-{MAX_YEAR})"))
        key = entry_key(entry.title, entry.year)
        if key in seen:
            problems.append(
                (entry.line, f"'{entry.title} ({entry.year})' is listed twice (first on line {seen[key]})")
            )
        seen.setdefault(key, entry.line)
        if not entry.description:
            problems.append((entry.line, f"'{entry.title} ({entry.year})' has no Description line"))
        if entry.fact is None:
            warnings.append(Problem(source, entry.line, f"'{entry.title} ({entry.year})' has no Fact line"))
    if not entries and not problems:
        problems.append((0, "no films found: expected 'Title (Year)' lines after the intro"))
    if problems:
        raise FileProblems([Problem(source, line, message) for line, message in sorted(problems)])
    intro = "\n\n".join(" ".join(p) for p in intro_paragraphs if p)
    return PlainList(intro=intro, entries=entries, warnings=warnings)


def _undecorated(line: str) -> str:
    """A line without list numbering, bullets or heading marks, and without bold around a title."""
    for _ in range(3):  # "## 2) **Title** (1979)": a heading mark, then a number, then bold
        line = _TITLE_DECORATION.sub("", line)
    return _EMPHASIS.sub(lambda m: m["inner"], line)


def _unquote(title: str) -> str:
    match = _SURROUNDING_QUOTES.match(title)
    return match["inner"].strip() if match else title


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
