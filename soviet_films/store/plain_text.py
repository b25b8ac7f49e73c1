"""The lists people paste: web articles, top 10s, tables, Letterboxd list exports, as they are.

Prose: the title lines are those of the shape the list repeats (``core.shapes``); the intro is
what comes before the first (and may be empty); under each title line every paragraph up to the
next one is the description, labelled or not (``Description:``, ``Fact:``, ``Director:``,
``Original title:`` labels work, in any case and in several languages). A table of contents at
the top that the body repeats is skipped, a line repeated under most entries ("Watch it here.")
is left out as page furniture, and so is a title line with no year and what stands under it,
each with a note. Tables: ``store.pasted_tables``. Only text with no film at all is refused.
"""

from __future__ import annotations

import re
from collections import Counter

from soviet_films.core.lines import clean, undecorated
from soviet_films.core.linking import entry_key
from soviet_films.core.shapes import read_lines
from soviet_films.core.slots import Entry, Knowledge, split_names
from soviet_films.core.text import quoted
from soviet_films.errors import FileProblems, Problem
from soviet_films.model import MAX_YEAR, MIN_YEAR
from soviet_films.store.pasted_list import PastedEntry, PastedList, clip, once_each
from soviet_films.store.pasted_tables import read_table

__all__ = ["Knowledge", "PastedEntry", "PastedList", "parse_pasted"]


_LABEL = re.compile(
    r"^[*_]*\s*(?P<label>description|fact|trivia|did you know|director|directors|directed by|original title|"
    r"original|russian title|original name|режисс[её]р|режисс[её]ры|réalisateur|regie|režisér|reżyseria)"
    r"\s*[*_]*\s*(?:[:：]|(?<=by)\s)\s*[*_]*\s*(?P<text>.*)$",
    re.IGNORECASE,
)
_LABEL_FIELDS = {
    "description": "description",
    "fact": "fact",
    "trivia": "fact",
    "did you know": "fact",
    "director": "directors",
    "directors": "directors",
    "directed by": "directors",
    "original title": "original_title",
    "original": "original_title",
    "режиссёр": "directors",
    "режиссер": "directors",
    "режиссёры": "directors",
    "режиссеры": "directors",
    "réalisateur": "directors",
    "regie": "directors",
    "režisér": "directors",
    "reżyseria": "directors",
    "russian title": "original_title",
    "original name": "original_title",
}


_IN_PASSING = "is named in a sentence, not listed; left out"


def parse_pasted(
    text: str,
    source: str = "<text>",
    knowledge: Knowledge | None = None,
    year: int | None = None,
    *,
    with_mentions: bool = False,
) -> PastedList:
    """Read a pasted list: a table (a header row of known columns, or Letterboxd's list export)
    or prose (title lines, each with the paragraphs under it).

    ``year`` is the year of every film of a table that has no year column; ``with_mentions``
    makes entries of the films the prose names in passing. What cannot be read is left out with a
    note at its line. Raises FileProblems, each problem at its line, only where no film can be
    read at all (or a table has no title or year column).
    """
    knowledge = knowledge or Knowledge()
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    table = read_table(text, source, year)
    return table if table is not None else _read_prose(text, source, knowledge, with_mentions)


# ---------------------------------------------------------------- prose


class _Draft:
    def __init__(self, entry: Entry) -> None:
        self.line, self.title, self.year, self.original = entry.line, entry.title, entry.year, entry.other
        self.directors = list(entry.directors)
        self.paragraphs: list[list[str]] = [[entry.text]] if entry.text else []
        self.fact: list[str] | None = None
        self.field = "description"  # what a line that continues a paragraph extends
        self.unsure = entry.unsure
        self.orphan: Problem | None = None  # a title line with no year: what is under it is left out
        self.under = ""  # the line just under the title line, when it begins the text


def _read_prose(text: str, source: str, knowledge: Knowledge, with_mentions: bool) -> PastedList:
    lines = text.split("\n")
    reading = read_lines(
        ((number, line) for number, line in enumerate(lines, start=1) if line.strip()), knowledge
    )
    starts: dict[int, list[Entry]] = {}
    for entry in reading.entries:
        starts.setdefault(entry.line, []).append(entry)  # a line may name two films ("A or B")
    intro: list[list[str]] = []
    drafts: list[_Draft] = []
    notes: list[Problem] = []
    starts_paragraph = True
    for number, raw in enumerate(lines, start=1):
        line = clean(raw)
        if not line:
            starts_paragraph = True
            if drafts:
                drafts[-1].field = "description"
            continue
        if number in starts:
            for entry in starts[number]:
                if not MIN_YEAR <= entry.year <= MAX_YEAR:
                    notes.append(Problem(source, number, f"left out: {entry.year} is not a plausible year"))
                    continue
                drafts.append(_Draft(entry))
            starts_paragraph = False
            continue
        label = _LABEL.match(line.lstrip("-•* "))
        untitled = _untitled(line, reading.marks) if label is None else ""
        odd_year = _ODD_YEAR.match(undecorated(line, bare=False)[0]) if label is None else None
        if odd_year and not MIN_YEAR <= int(odd_year["year"]) <= MAX_YEAR:
            untitled = "odd year"
        if untitled:
            if odd_year and untitled == "odd year":
                orphan = Problem(
                    source,
                    number,
                    f"left out '{clip(line)}' and the lines under it: {odd_year['year']} is not a "
                    f"plausible year ({MIN_YEAR}-{MAX_YEAR})",
                )
            else:
                orphan = _untitled_entry(number, untitled, source)
            notes.append(orphan)
            drafts.append(_Draft(Entry(number, "", 0, "", (), "")))
            drafts[-1].orphan = orphan
        elif label is not None and drafts:
            _labelled(drafts[-1], _LABEL_FIELDS[label["label"].lower()], label["text"])
        elif drafts:
            draft = drafts[-1]
            if number == draft.line + 1 and not draft.paragraphs:
                draft.under = line  # perhaps the title in another language ("Сталкер (1979)" / "Stalker")
            if not starts_paragraph and draft.field in ("fact", "description"):
                target = draft.fact if draft.field == "fact" and draft.fact is not None else None
                if target is not None:
                    target.append(line)
                elif draft.paragraphs:
                    draft.paragraphs[-1].append(line)
                else:
                    draft.paragraphs.append([line])
            else:
                draft.paragraphs.append([line])
                draft.field = "description"
        else:
            if starts_paragraph:
                intro.append([])
            intro[-1].append(line)
            if label is not None:
                notes.append(
                    Problem(
                        source,
                        number,
                        f"{quoted(label['label'] + ':')} stands before any title line; kept in the intro",
                    )
                )
        starts_paragraph = False
    notes += [
        Problem(source, line, f"left out '{clip(shown)}': {why}") for line, shown, why in reading.left_out
    ]
    drafts = _without_untitled(drafts)
    _titles_under_cyrillic(drafts)
    drafts = _without_contents(drafts, notes, source)
    _without_furniture(drafts, notes, source)
    entries = [_entry(draft) for draft in drafts]
    listed = {entry_key(entry.title, entry.year) for entry in entries}
    mentions = tuple(  # a film named in a sentence, not one the list lists
        PastedEntry(e.line, e.title, e.year, e.other, e.directors, "", None, e.unsure)
        for e in reading.mentions
        if MIN_YEAR <= e.year <= MAX_YEAR and entry_key(e.title, e.year) not in listed
    )
    if not with_mentions:
        notes += [
            Problem(source, e.line, f"{quoted(f'{e.title} ({e.year})')} {_IN_PASSING}") for e in mentions
        ]
    if with_mentions:
        entries, mentions = sorted([*entries, *mentions], key=lambda entry: entry.line), ()
    entries = once_each(entries, notes, source)
    if not entries:
        raise FileProblems(
            [
                Problem(
                    source,
                    0,
                    "no films found: no line gives a film's title with its year, such as 'Title (1979)'",
                )
            ]
        )
    notes += [
        Problem(source, e.line, f"read '({e.unsure})' as {_what(e)}, by its words alone")
        for e in entries
        if e.unsure
    ]
    warnings = []
    if sum(1 for entry in entries if entry.fact is not None) * 2 >= len(entries):  # facts are the rule here
        warnings = [
            Problem(source, e.line, f"{quoted(f'{e.title} ({e.year})')} has no Fact line")
            for e in entries
            if e.fact is None
        ]
    notes.sort(key=lambda note: note.line)
    intro_text = "\n\n".join(" ".join(paragraph) for paragraph in intro)
    return PastedList(intro_text, entries, notes, warnings, "", mentions)


_ODD_YEAR = re.compile(r"^(?P<title>[^()]{1,80}?)\s*\((?P<year>\d{4})\)\s*$")


def _untitled(line: str, marks: frozenset[str]) -> str:
    """The title a line seems to give with no year: a heading, or a line numbered as the list's
    title lines are, that is no sentence ("## Mirror", "7. Mirror"); else ""."""
    text, decoration = undecorated(line, bare=False)
    mark = " ".join(part for part in decoration.split() if part != "em")
    if not mark or not (mark.startswith("#") or ("1" in mark and mark in marks)):
        return ""
    words = text.split()
    if not words or len(words) > 10 or re.search(r"[.!?…:]\s+\S", text) or text.endswith((".", ":", "?")):
        return ""
    return text


_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN_TITLE = re.compile(r"^[\"'“«(]*[A-Z0-9][^\u0400-\u04ff.?:;]{0,80}?[!?]?[\"'”»)]*$")


def _titles_under_cyrillic(drafts: list[_Draft]) -> None:
    """Where a list puts each Cyrillic title's English title on the line under it (two of its
    entries at least, or all), that line is the entry's other title, not its description."""
    cyrillic = [draft for draft in drafts if _CYRILLIC.search(draft.title) and not draft.original]
    paired = [
        draft
        for draft in cyrillic
        if draft.under and _LATIN_TITLE.match(draft.under) and len(draft.under.split()) <= 8
    ]
    if not paired or (len(paired) < 2 and len(paired) < len(cyrillic)):
        return
    for draft in paired:
        draft.original = draft.under.strip("\"'“”«»()")
        first = draft.paragraphs[0]
        first.pop(0)
        if not first:
            draft.paragraphs.pop(0)


def _untitled_entry(number: int, title: str, source: str) -> Problem:
    return Problem(
        source,
        number,
        f"left out '{clip(title)}' and the lines under it: a title line with no year "
        f"(write '{clip(title)} (1979)' with its year to import it)",
    )


def _without_untitled(drafts: list[_Draft]) -> list[_Draft]:
    return [draft for draft in drafts if draft.orphan is None]


def _labelled(draft: _Draft, field: str, text: str) -> None:
    if field == "description":
        draft.paragraphs.append([text] if text else [])
    elif field == "fact":
        draft.fact = [text] if text else []
    elif field == "directors":
        names = re.split(r"(?<![\s.][A-ZА-ЯЁ])\.\s+|;", text, maxsplit=1)[0]  # "X и Y. В ролях: ..."
        draft.directors += [name for name in split_names(names) if name not in draft.directors]
    elif field == "original_title":
        draft.original = text
    draft.field = field if field in ("description", "fact") else "description"


def _entry(draft: _Draft) -> PastedEntry:
    paragraphs = [" ".join(paragraph) for paragraph in draft.paragraphs if paragraph]
    fact = " ".join(draft.fact) if draft.fact is not None else None
    return PastedEntry(
        draft.line,
        draft.title,
        draft.year,
        draft.original,
        tuple(draft.directors),
        "\n\n".join(paragraphs),
        fact,
        draft.unsure,
    )


def _what(entry: PastedEntry) -> str:
    return "another title" if entry.original_title == entry.unsure else "the director"


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
            notes.append(
                Problem(
                    source,
                    0,
                    f"left out '{clip(text)}', which stands under {count} of "
                    f"{len(drafts)} entries (page furniture)",
                )
            )
