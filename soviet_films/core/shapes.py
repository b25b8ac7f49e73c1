"""Reading a pasted list by the shape it repeats. Pure: lines in, entries out.

A person reading a page sees the pattern its title lines repeat: how they are numbered, where the
year stands, what separates the title, another title and a director. So does this module:

- every line's candidates (``core.lines``) are grouped by their shape (the marks before the title,
  a label such as ``Screen:``, how the year stands); the shapes a list repeats are its entries, a
  shape that only ever follows an entry (an image caption, a studio line) is not, and a line of no
  repeated shape in a list that has one is left out and reported;
- what each slot of a title line holds is decided with every title line of the list at once
  (``core.slots``);
- a film named in a sentence is a mention: kept apart, and read as an entry only when the page
  names no film any other way.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from soviet_films.core.lines import (
    Candidate,
    bare_numbered,
    candidates,
    clean,
    tight_numbered,
    undecorated,
    unquoted,
)
from soviet_films.core.slots import TIME, Entry, Knowledge, Slots

# Words that make a line's start a label: "Screen:", "Week 1 Film:", "Watch at home:", "10 место:".
_LABEL_WORDS = {
    "film",
    "films",
    "screen",
    "screening",
    "watch",
    "movie",
    "show",
    "showing",
    "pick",
    "title",
    "фильм",
    "место",
    "фильмы",
    "кино",
    "premiere",
    "programme",
    "program",
}
_SPLIT_ALTERNATIVE = re.compile(r"\s+(?:or|или|либо|and then)\s+")


class Reading(NamedTuple):
    """A list's lines read: its entries, the films named in sentences, the lines with a year that
    were left out (line, what it looked like, why), and the marks its title lines wear."""

    entries: list[Entry]
    mentions: list[Entry]
    left_out: list[tuple[int, str, str]]
    marks: frozenset[str] = frozenset()  # the marks the list's title lines wear ('1.', '##')


class _Line(NamedTuple):
    number: int
    text: str
    candidate: Candidate
    shape: tuple[str, ...]


# Each line's years after its first, by the line's number and text.
_Later = dict[tuple[int, str], list[Candidate]]


def read_lines(lines: Iterable[tuple[int, str]], knowledge: Knowledge | None = None) -> Reading:
    """The entries of a list's non-blank lines (number, text) (see the module)."""
    knowledge = knowledge or Knowledge()
    found: list[_Line] = []
    mentions: list[_Line] = []
    texts = [(number, clean(raw)) for number, raw in lines]
    # A number and a space begin a title ("12 Chairs") unless the list numbers its lines so.
    bare = sum(1 for _, text in texts if bare_numbered(text) and candidates(text)) >= 2
    tight = sum(1 for _, text in texts if tight_numbered(text) and candidates(text)) >= 2
    later: _Later = {}  # a line's other years, in case its first is not the list's year
    for number, text in texts:
        for part in _alternatives(text):
            every = candidates(part, bare, tight)
            if not every:
                continue
            line = _Line(number, part, every[0], ())
            (mentions if every[0].mention else found).append(line)
            later[number, part] = every[1:]
    labels = _labels(found)
    found = _by_common_shape(found, later, labels)
    chosen, left_out = _choose(found)
    reader = Slots([line.candidate for line in chosen], labels, knowledge)
    entries = [reader.entry(line.number, line.candidate) for line in chosen]
    entries = [entry for entry in entries if entry.title]
    said = [reader.entry(line.number, line.candidate) for line in mentions]
    headed = _headed(texts)
    if len(headed) >= 3 and len(headed) > len(entries):  # "'Title': A 1974 film directed by ...", each
        entries, chosen, said = headed, [], []
        left_out = [line for line in found if line.number not in {entry.line for entry in headed}]
    yearless = _yearless_titles(texts, bare)
    if len(yearless) >= 3 and len(yearless) > len(entries):  # "12. Ballad of a Soldier", the year below
        taken = {entry.line for entry in yearless}
        entries, chosen, said = yearless, [], [e for e in said if e.line not in taken]
        left_out = [line for line in found if line.number not in taken and not line.candidate.mention]
    if not entries and said:  # a page that names its films only in sentences lists those
        entries, said = [e for e in said if e.title], []
    why = [(line.number, line.text, "a year in a line of another shape than the list's") for line in left_out]
    marks = frozenset(line.shape[0] for line in chosen if line.shape[0])
    return Reading(entries, [e for e in said if e.title], why, marks)


def _yearless_titles(texts: list[tuple[int, str]], bare: bool) -> list[Entry]:
    """Title lines numbered alike with no year ("12. Ballad of a Soldier", "## Stalker"), each with
    the year its text gives ("Released in 1959, ..."): a ranking that dates its films in prose.
    Only the largest group of lines numbered alike, and only lines that are no sentence."""
    groups: dict[str, list[int]] = {}
    for index, (_, text) in enumerate(texts):
        title, decoration = undecorated(text, bare)
        mark = " ".join(part for part in decoration.split() if part != "em")
        words = title.split()
        if (
            mark
            and ("1" in mark or mark.startswith("#"))
            and 0 < len(words) <= 10
            and not candidates(text, bare)
            and not re.search(r"[.!?…:;]\s+\S|[.:;,]$", title)
        ):
            groups.setdefault(mark, []).append(index)
    if not groups:
        return []
    heads = max(groups.values(), key=len)
    found = []
    for at, index in enumerate(heads):
        below = texts[index + 1 : heads[at + 1] if at + 1 < len(heads) else len(texts)]
        year = next((y for _, text in below for y in _years_in(text)), None)
        if year is not None:
            number, text = texts[index]
            found.append(Entry(number, unquoted(undecorated(text, bare)[0]), year, "", (), ""))
    return found


def _years_in(text: str) -> list[int]:
    """The plausible film years a line of prose names, not those in a range of years."""
    return [
        int(match[1])
        for match in _FIRST_YEAR.finditer(text)
        if not re.match(r"\s*[-–—]\s*\d", text[match.end() :])
        and not text[: match.start()].rstrip().endswith(("-", "–", "—"))
    ]


_HEADED = re.compile(r"^(?P<head>[\"'“‘«][^\"'”’»]{1,80}[\"'”’»])\s*[:–—]\s+(?P<text>.+)$")
_DIRECTED = re.compile(
    r"\bdirected by (?P<who>(?:[A-ZА-ЯЁ]\.\s*)*[A-ZА-ЯЁ][\w'’-]+(?:\s+[A-ZА-ЯЁ][\w'’-]+){1,3})"
)
_FIRST_YEAR = re.compile(r"(?<![\d\w])((?:18[89]|19\d|20[0-3])\d)(?![\d])(?!\s*[-–—]\s*\d)")


def _headed(lines: list[tuple[int, str]]) -> list[Entry]:
    """Paragraphs that each begin with a quoted title and a colon, the film's year in the text after
    it, and perhaps who directed it: a festival's or a shop's way of listing."""
    found = []
    for number, text in lines:
        match = _HEADED.match(text)
        if not match:
            continue
        year = _FIRST_YEAR.search(match["text"])
        if year is None:
            continue
        directed = _DIRECTED.search(match["text"])
        found.append(
            Entry(
                number,
                unquoted(match["head"]),
                int(year[1]),
                "",
                (directed["who"],) if directed else (),
                match["text"],
            )
        )
    return found


def _alternatives(text: str) -> list[str]:
    """A line naming two films as alternatives ("Stalker (1979), X or Irony of Fate (1975) Y"), split."""
    parts = _SPLIT_ALTERNATIVE.split(text)
    if len(parts) > 1 and all(candidates(part) for part in parts):
        label = re.match(r"^[^:]{1,30}:\s+", parts[0])
        return [parts[0], *((label[0] if label else "") + part for part in parts[1:])]
    return [text]


def _by_common_shape(lines: list[_Line], later: _Later, labels: set[str]) -> list[_Line]:
    """Each line read by the year that stands as most of the list's lines can have theirs: in a
    list of "Title (1979)", "3. Moscow 1941 (1985)" is Moscow 1941, of 1985 (the first year
    wins a tie)."""
    options = []
    for line in lines:
        every = [line.candidate, *(c for c in later.get((line.number, line.text), ()) if not c.mention)]
        options.append([(candidate, _shape(candidate, labels)) for candidate in every])
    counts = Counter(shape for shapes in options for shape in {shape for _, shape in shapes})
    read = []
    for line, shapes in zip(lines, options, strict=True):
        candidate, shape = max(shapes, key=lambda option: counts[option[1]])  # max keeps the first of equals
        read.append(line._replace(candidate=candidate, shape=shape))
    return read


def _label_of(left: str) -> str:
    """What stands before a colon at the start of a title part, abstracted ('week # film')."""
    label = re.match(r"^([^:«\"“]{1,30}):\s+", left)
    return re.sub(r"\d+", "#", label[1]).lower() if label else ""


def _shape(candidate: Candidate, labels: set[str]) -> tuple[str, ...]:
    label_key = _label_of(candidate.left)
    label_key = label_key if label_key in labels else ""
    time = "time" if TIME.match(candidate.left) else ""
    # Emphasis is no part of a shape: a page bolds some of its titles and not others.
    decoration = " ".join(mark for mark in candidate.decoration.split() if mark != "em")
    return (decoration, label_key, time, candidate.frame, "год" if candidate.suffix else "")


def _labels(lines: list[_Line]) -> set[str]:
    """The labels (abstracted) a list puts before its titles: repeated, or made of label words."""
    counts = Counter(label for label in (_label_of(line.candidate.left) for line in lines) if label)
    return {
        label
        for label, count in counts.items()
        if (re.search(r"[^\W\d_]", label) and ("#" in label or set(label.split()) & _LABEL_WORDS))
        or (count >= 3 and count * 2 >= len(lines))
    }


def _choose(lines: list[_Line]) -> tuple[list[_Line], list[_Line]]:
    """The lines whose shape is the list's, and the others with a year."""
    groups: dict[tuple[str, ...], list[_Line]] = {}
    for line in lines:
        groups.setdefault(line.shape, []).append(line)
    if not groups:
        return [], []
    largest = max(len(group) for group in groups.values())
    if largest < 3:  # a short list: every line with a year in a title's place is an entry
        chosen = [shape for shape in groups]
    else:
        chosen = [shape for shape, group in groups.items() if len(group) >= 2]
    chosen = [shape for shape in chosen if not _follows(groups[shape], groups, chosen)]
    keep = {line.number for shape in chosen for line in groups[shape]}
    entries = [line for line in lines if line.number in keep and line.shape in chosen]
    return entries, [line for line in lines if line.shape not in chosen]


def _follows(
    group: list[_Line], groups: dict[tuple[str, ...], list[_Line]], chosen: list[tuple[str, ...]]
) -> bool:
    """Whether every line of ``group`` stands just after a line of another chosen shape that is
    marked more (numbered, a heading): a caption or a credit line under each entry, not an entry."""
    marked = {
        line.number
        for shape in chosen
        if shape != group[0].shape and (shape[0] or shape[1])
        for line in groups[shape]
    }
    if group[0].shape[0] or not marked:
        return False
    return all(any(line.number - back in marked for back in (1, 2, 3)) for line in group)
