"""The lists people paste: web articles, top 10s, tables, Letterboxd list exports, as they are.

Prose: the intro is what comes before the first title line (and may be empty); under each title
line every paragraph up to the next one is the description, labelled or not (``Description:``,
``Fact:``, ``Director:``, ``Original title:`` labels work, in any case). A table of contents at
the top that the body repeats is skipped, and a line repeated under most entries ("Watch it
here.") is left out as page furniture, each with a note. Tables: a header row, tab- or
comma-separated, with columns known by their header; and Letterboxd's list export. Standard
library only (``csv``).
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from typing import NamedTuple

from soviet_films.core.linking import entry_key
from soviet_films.core.reading import (
    clean,
    decorated,
    parenthesis_kind,
    read_title_line,
    split_names,
    undecorated,
)
from soviet_films.errors import FileProblems, Problem
from soviet_films.model import MAX_YEAR, MIN_YEAR


class Knowledge(NamedTuple):
    """What the catalogue knows, to decide what a parenthesis beside a title holds: a name it knows
    as a director's, a title it knows. ``parenthesis`` ("original" or "director") settles every
    parenthesis the way the user said."""

    is_director: object = lambda name: False
    is_title: object = lambda title: False
    parenthesis: str | None = None


class PastedEntry(NamedTuple):
    """One film as the pasted text gives it, at its line, and how its title line was read."""

    line: int
    title: str
    year: int
    original_title: str
    directors: tuple[str, ...]
    description: str
    fact: str | None
    unsure: str  # what was decided by the shape of the words alone ("" when nothing was)


class PastedList(NamedTuple):
    """A pasted list, read: the intro, the entries, notes on what was skipped or decided, the
    warnings worth a look, and, from a Letterboxd list export, its own name."""

    intro: str
    entries: list[PastedEntry]
    notes: list[Problem]
    warnings: list[Problem]
    name: str = ""


_LABEL = re.compile(
    r"^[*_]*\s*(?P<label>description|fact|trivia|did you know|director|directors|directed by|original title|"
    r"original|russian title|original name)\s*[*_]*\s*[:：]\s*[*_]*\s*(?P<text>.*)$",
    re.IGNORECASE,
)
_LABEL_FIELDS = {"description": "description", "fact": "fact", "trivia": "fact", "did you know": "fact",
                 "director": "directors", "directors": "directors", "directed by": "directors",
                 "original title": "original_title", "original": "original_title",
                 "russian title": "original_title", "original name": "original_title"}  # fmt: skip
_YEARLESS = re.compile(r"^[^.!?]{1,80}$")


def parse_pasted(text: str, source: str = "<text>", knowledge: Knowledge | None = None,
                 year: int | None = None) -> PastedList:  # fmt: skip
    """Read a pasted list: a table (a header row of known columns, or Letterboxd's list export)
    or prose (title lines, each with the paragraphs under it).

    ``year`` is the year of every film of a table that has no year column. Raises FileProblems
    listing every problem at its line: a title line whose year sfilms cannot read, a year no film
    has, a film listed twice, a table without title or year column, no films at all.
    """
    knowledge = knowledge or Knowledge()
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    table = _read_table(text, source, year)
    return table if table is not None else _read_prose(text, source, knowledge)


# ---------------------------------------------------------------- prose


class _Draft:
    def __init__(self, line: int, title: str, year: int, inner: str, directors: tuple[str, ...], text: str):
        self.line, self.title, self.year, self.inner = line, title, year, inner
        self.directors = list(directors)
        self.original = ""
        self.paragraphs: list[list[str]] = [[text]] if text else []
        self.fact: list[str] | None = None
        self.field = "description"  # what a line that continues a paragraph extends
        self.unsure = ""


def _read_prose(text: str, source: str, knowledge: Knowledge) -> PastedList:
    lines = text.split("\n")
    intro: list[list[str]] = []
    drafts: list[_Draft] = []
    problems: list[tuple[int, str]] = []
    starts_paragraph = True
    previous_text = (0, "")
    for number, raw in enumerate(lines, start=1):
        line = clean(raw)
        if not line:
            starts_paragraph = True
            if drafts:
                drafts[-1].field = "description"
            continue
        title = (
            read_title_line(line) if (starts_paragraph or decorated(line) or _is_title_alone(line)) else None
        )
        label = _LABEL.match(undecorated(line)) if title is None else None
        if title is not None:
            if not MIN_YEAR <= title.year <= MAX_YEAR:
                problems.append((number, f"{title.year} is not a plausible year ({MIN_YEAR}-{MAX_YEAR})"))
            drafts.append(_Draft(number, title.title, title.year, title.inner, title.directors, title.text))
        elif label is not None:
            if not drafts:
                where, before = previous_text
                if where and not starts_paragraph:  # the line just above it was to be the title
                    message = f"'{_clip(before)}' is no title line sfilms reads: write 'Title (1979)'"
                    problems.append((where, message))
                else:
                    problems.append(
                        (number, f"'{label['label']}:' before any title line such as 'Title (1979)'")
                    )
                continue
            _labelled(drafts[-1], _LABEL_FIELDS[label["label"].lower()], label["text"])
        elif drafts:
            draft = drafts[-1]
            if not starts_paragraph and draft.field in ("fact", "description"):
                target = draft.fact if draft.field == "fact" and draft.fact is not None else None
                if target is not None:
                    target.append(line)
                elif draft.paragraphs:
                    draft.paragraphs[-1].append(line)
                else:
                    draft.paragraphs.append([line])
            else:
                if starts_paragraph and decorated(line) and _YEARLESS.match(undecorated(line)):
                    problems.append((number, f"'{_clip(undecorated(line))}' looks like a title with no year; "
                                             "write it as 'Title (1979)'"))  # fmt: skip
                    continue
                draft.paragraphs.append([line])
                draft.field = "description"
        else:
            if starts_paragraph:
                intro.append([])
            intro[-1].append(line)
        previous_text = (number, line)
        starts_paragraph = False
    notes: list[Problem] = []
    drafts = _without_contents(drafts, notes, source)
    _without_furniture(drafts, notes, source)
    entries = [_entry(draft, knowledge) for draft in drafts]
    problems += _duplicates(entries)
    if not entries and not problems:
        problems.append((0, "no films found: expected title lines such as 'Title (1979)' after the intro"))
    if problems:
        raise FileProblems([Problem(source, line, message) for line, message in sorted(problems)])
    notes += [
        Problem(source, e.line, f"read '({e.unsure})' as {_what(e)}, by its words alone")
        for e in entries
        if e.unsure
    ]
    warnings = []
    if sum(1 for entry in entries if entry.fact is not None) * 2 >= len(entries):  # facts are the rule here
        warnings = [
            Problem(source, e.line, f"'{e.title} ({e.year})' has no Fact line")
            for e in entries
            if e.fact is None
        ]
    return PastedList("\n\n".join(" ".join(paragraph) for paragraph in intro), entries, notes, warnings)


def _is_title_alone(line: str) -> bool:
    # A line that is nothing but a title and a year reads as a title anywhere, even mid-paragraph.
    title = read_title_line(line)
    return title is not None and not title.text and len(line) <= 100


def _labelled(draft: _Draft, field: str, text: str) -> None:
    if field == "description":
        draft.paragraphs.append([text] if text else [])
    elif field == "fact":
        draft.fact = [text] if text else []
    elif field == "directors":
        draft.directors += [name for name in split_names(text) if name not in draft.directors]
    elif field == "original_title":
        draft.original = text
    draft.field = field if field in ("description", "fact") else "description"


def _entry(draft: _Draft, knowledge: Knowledge) -> PastedEntry:
    original, directors, unsure = draft.original, list(draft.directors), ""
    if draft.inner:
        kind, sure = parenthesis_kind(draft.inner, knowledge.is_director, knowledge.is_title)
        if knowledge.parenthesis is not None:
            kind, sure = knowledge.parenthesis, True
        if kind == "director":
            directors = [
                *split_names(draft.inner),
                *(d for d in directors if d not in split_names(draft.inner)),
            ]
        else:
            original = original or draft.inner
        unsure = "" if sure else draft.inner
    paragraphs = [" ".join(paragraph) for paragraph in draft.paragraphs if paragraph]
    fact = " ".join(draft.fact) if draft.fact is not None else None
    description = "\n\n".join(paragraphs)
    return PastedEntry(
        draft.line, draft.title, draft.year, original, tuple(directors), description, fact, unsure
    )


def _what(entry: PastedEntry) -> str:
    return "the original title" if entry.original_title == entry.unsure else "the director"


def _without_contents(drafts: list[_Draft], notes: list[Problem], source: str) -> list[_Draft]:
    """Drop a run of bare title lines at the top that the body names again (a table of contents)."""
    run = 0
    while run < len(drafts) and not drafts[run].paragraphs and drafts[run].fact is None:
        run += 1
    later = {entry_key(draft.title, draft.year) for draft in drafts[run:]}
    if run >= 2 and all(entry_key(draft.title, draft.year) in later for draft in drafts[:run]):
        message = f"skipped {run} title lines at the top that the list repeats below (a table of contents)"
        notes.append(Problem(source, drafts[0].line, message))
        return drafts[run:]
    return drafts


def _without_furniture(drafts: list[_Draft], notes: list[Problem], source: str) -> None:
    """Leave out a line that stands under most entries ("Watch it here."), as its own paragraph or
    at the end of one: page furniture, not what the list says of a film."""
    if len(drafts) < 3:
        return

    def lines(draft: _Draft) -> set[str]:
        return {line for p in draft.paragraphs for line in p} | set(draft.fact or ())

    counts = Counter(line for draft in drafts for line in lines(draft))
    for text, count in counts.items():
        if count >= max(3, 0.6 * len(drafts)) and len(text) <= 120:
            for draft in drafts:
                draft.paragraphs = [[line for line in p if line != text] for p in draft.paragraphs]
                draft.paragraphs = [p for p in draft.paragraphs if p]
                if draft.fact is not None:
                    draft.fact = [line for line in draft.fact if line != text]
            notes.append(Problem(source, 0, f"left out '{_clip(text)}', which stands under {count} of "
                                            f"{len(drafts)} entries (page furniture)"))  # fmt: skip


def _duplicates(entries: list[PastedEntry]) -> list[tuple[int, str]]:
    problems, seen = [], {}
    for entry in entries:
        key = entry_key(entry.title, entry.year)
        if key in seen:
            problems.append(
                (entry.line, f"'{entry.title} ({entry.year})' is listed twice (first on line {seen[key]})")
            )
        seen.setdefault(key, entry.line)
    return problems


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# ---------------------------------------------------------------- tables

_COLUMNS = {
    "title": ("title", "film", "name", "movie", "english title", "title (english)", "film title"),
    "year": ("year", "released", "release year", "release", "year released"),
    "directors": ("director", "directors", "directed by", "dir", "dir."),
    "original_title": ("original title", "original", "russian title", "original name", "title (russian)"),
    "description": ("description", "notes", "note", "summary", "synopsis", "why", "review", "comment"),
    "fact": ("fact", "trivia", "did you know"),
}
_LETTERBOXD_BANNER = re.compile(r"^letterboxd list export v\d+", re.IGNORECASE)


def _header_columns(cells: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = " ".join(cell.strip().strip("*#").lower().split())
        for field, names in _COLUMNS.items():
            if name in names and field not in columns:
                columns[field] = index
    return columns


def _read_table(text: str, source: str, year: int | None) -> PastedList | None:
    """The list as a table, or None when the text is not one."""
    lines = text.split("\n")
    first = next((number for number, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None
    name, intro, header_at = "", "", first
    if _LETTERBOXD_BANNER.match(lines[first].strip()):
        name, intro, header_at = _letterboxd_list_head(lines, first)
    header = lines[header_at]
    delimiter = "\t" if "\t" in header else ("," if "," in header else None)
    if delimiter is None:
        return None
    reader = csv.reader(io.StringIO("\n".join(lines[header_at:])), delimiter=delimiter)
    try:
        columns = _header_columns(next(reader))
        if "title" not in columns:
            return None if not name else _no_column(source, header_at + 1, "title")
        if "year" not in columns and year is None:
            return _no_column(source, header_at + 1, "year")
        entries, problems = [], []
        for cells in reader:
            number = header_at + reader.line_num
            if not any(cell.strip() for cell in cells):
                continue

            def cell(field: str, cells: list[str] = cells) -> str:
                index = columns.get(field)
                return clean(cells[index]) if index is not None and index < len(cells) else ""

            title, year_text = cell("title"), cell("year")[:4]
            if not title:
                problems.append((number, "a row with no title"))
                continue
            if year_text:
                if not year_text.isdigit():
                    problems.append((number, f"'{cell('year')}' is not a year"))
                    continue
                film_year = int(year_text)
            elif year is not None:
                film_year = year
            else:
                problems.append((number, f"'{title}' has no year; give one, or --year for the whole table"))
                continue
            if not MIN_YEAR <= film_year <= MAX_YEAR:
                problems.append((number, f"{film_year} is not a plausible year ({MIN_YEAR}-{MAX_YEAR})"))
                continue
            fact = cell("fact") or None
            directors = split_names(cell("directors"))
            entry = PastedEntry(
                number, title, film_year, cell("original_title"), directors, cell("description"), fact, ""
            )
            entries.append(entry)
    except csv.Error as error:
        problem = Problem(source, header_at + reader.line_num, f"not a table sfilms can read ({error})")
        raise FileProblems([problem]) from None
    problems += _duplicates(entries)
    if not entries and not problems:
        problems.append((header_at + 1, "a table with no rows"))
    if problems:
        raise FileProblems([Problem(source, line, message) for line, message in sorted(problems)])
    return PastedList(intro, entries, [], [], name)


def _no_column(source: str, line: int, field: str) -> PastedList:
    if field == "year":
        message = "the table has no year column (year, released): give the year of every film with --year"
    else:
        message = "the table has no title column (title, film, name)"
    raise FileProblems([Problem(source, line, message)])


def _letterboxd_list_head(lines: list[str], banner: int) -> tuple[str, str, int]:
    """Letterboxd's list export: the banner, the list's own header and row (Date, Name, Tags, URL,
    Description), a blank line, then the films' header. Returns the list's name, its
    description, and the index of the films' header line."""
    rest = "\n".join(lines[banner + 1 :])
    reader = csv.reader(io.StringIO(rest))
    rows = []
    for cells in reader:
        rows.append(cells)
        if len(rows) == 2:
            break
    name = description = ""
    if len(rows) == 2:
        head = [cell.strip().lower() for cell in rows[0]]
        values = dict(zip(head, rows[1], strict=False))
        name, description = clean(values.get("name", "")), values.get("description", "").strip()
    films_header = next((index for index in range(banner + 1, len(lines))
                         if lines[index].lower().startswith("position,")), banner + 1)  # fmt: skip
    return name, description, films_header
