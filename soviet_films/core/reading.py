"""Reading the lines of lists people paste: what is a title line, and what each of its parts is.

Pure: text in, parts out. A title line gives a year in one of the forms real pages use (see
``read_title_line``), possibly numbered, bulleted, a Markdown heading or bold, the title in quotes;
a parenthesis beside the title holds an original title or a director, which ``parenthesis_kind``
decides with what the catalogue knows, then by the shape of the words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from soviet_films.core.text import fold

YEAR = r"(?P<year>1\d\d\d|20\d\d)"  # a plausible year is checked later, at its line
# What pages put before a title: headings, numbers ("1.", "1)", "12 ", "#9:", "No. 3"), bullets.
_DECORATION = re.compile(
    r"^(?:#{1,6}\s+|[-*•·–—]\s+|(?:No\.?|№)\s*\d{1,3}\s*[.:)\-–]?\s+|#?\d{1,3}\s*[.:)\]]\s*|#?\d{1,3}\s+(?=\D))",
    re.IGNORECASE,
)
_EMPHASIS = re.compile(r"^(\*\*|__|\*|_)(?P<inner>.+?)\1(?P<rest>.*)$")
_QUOTED = re.compile(r'^["“”„«»\'‘’](?P<inner>[^"“”„«»]+?)["“”„«»\'‘’](?P<rest>.*)$')
_INVISIBLE = str.maketrans({"\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,
                            "\xa0": " ", "\u2009": " ", "\u202f": " "})  # fmt: skip

# The forms, tried in order; each leaves the text after the year in "after".
_FORMS = (
    # Title (1975) / Title (Original, 1975) / Title (Director, 1975) / Title (Original) (1975)
    re.compile(r"^(?P<title>.+?)\s*\(\s*(?:(?P<inner>[^()]*?)\s*[,;]\s*)?" + YEAR + r"\s*\)(?P<after>.*)$"),
    # Title, 1975 / Title, 1975, by Director / Title, 1975 (note) by Director / Title, 1959: text
    re.compile(r"^(?P<title>.+?)\s*,\s*" + YEAR + r"(?!\d)(?P<after>.*)$"),
    # Title – 1975 (an en dash, an em dash, or a hyphen with spaces around it)
    re.compile(r"^(?P<title>.+?)\s+[–—-]\s+" + YEAR + r"(?!\d)(?P<after>.*)$"),
)
_BY = re.compile(r"^(?:by|dir\.?|directed\s+by|director:?|реж\.?|режиссёр:?)\s+(?P<who>.+)$", re.IGNORECASE)
_NOTE = re.compile(r"^\((?P<note>[^()]*)\)\s*(?P<rest>.*)$")
_TRAILING_PARENS = re.compile(r"^(?P<title>.*?\S)\s*\((?P<inner>[^()]+)\)$")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_NAME_WORD = re.compile(r"^[A-ZА-ЯЁ][a-zа-яё'’\-]+\.?$|^[A-ZА-ЯЁ]\.$")
_TITLE_WORDS = {"the", "a", "an", "of", "and", "in", "on", "at", "to", "is", "for", "with", "part", "i", "ii"}
# Endings common in Russian transliterated titles ("Zerkalo", "Solyaris", "Sibiriada", "Ironiya").
_TRANSLIT_ENDINGS = ("aya", "iya", "oye", "yy", "iy", "ogo", "ikh", "ost", "ka", "zh", "shch", "lo", "ye")


class TitleLine(NamedTuple):
    """What a title line says: the title without numbering, quotes or parentheses; the year; the
    parenthesis beside the title (``inner``, to be decided) and what follows the year: a note, the
    directors after "by" or "dir.", and text on the same line (a description)."""

    title: str
    year: int
    inner: str
    note: str
    directors: tuple[str, ...]
    text: str


def clean(line: str) -> str:
    """The line without invisible characters and with runs of space made one."""
    return " ".join(line.translate(_INVISIBLE).split())


def undecorated(line: str) -> str:
    """The line without numbering, bullets, heading marks or emphasis around its start."""
    for _ in range(4):  # "## 2) **Title** (1979)": a heading mark, then a number, then bold
        stripped = _DECORATION.sub("", line, count=1)
        match = _EMPHASIS.match(stripped)
        if match and not match["inner"].endswith(" "):
            stripped = f"{match['inner']}{match['rest']}"
        if stripped == line:
            break
        line = stripped.strip()
    return line


def decorated(line: str) -> bool:
    """True for a line that a page marks out as a heading: numbered, a Markdown heading, bold."""
    return undecorated(line) != line


def _unquoted(title: str) -> str:
    match = _QUOTED.match(title)
    if match and not match["rest"].strip(" ,.:"):
        return match["inner"].strip()
    return title.strip().strip("*_").strip()


def read_title_line(line: str) -> TitleLine | None:
    """The parts of a title line, or None for a line that is no title line.

    Forms: ``Title (1975)``, ``Title, 1975``, ``Title – 1975``, ``Title (1975).``, ``Title (Original,
    1975)``, ``Title (Original) (1975)``, ``Title (Director, 1975)``, ``Title (1975) by Director``,
    ``Title, 1975, by Director``, ``Title (1975), dir. Director``, ``Title, 1975 (a note) by Director``,
    each possibly followed by ``:`` or ``.`` and a description on the same line.
    """
    text = undecorated(clean(line))
    for form in _FORMS:
        match = form.match(text)
        if match is None:
            continue
        after = _after(match["after"])
        if after is None:
            continue
        title, inner = match["title"].strip(), (match.groupdict().get("inner") or "").strip()
        title = _unquoted(undecorated(title))
        trailing = _TRAILING_PARENS.match(title)
        if trailing and not inner:  # Title (Original) (1975): the parenthesis is part of the line
            title, inner = _unquoted(trailing["title"]), trailing["inner"].strip()
        if not title or len(title) > 150 or not any(ch.isalnum() for ch in title):
            continue
        note, directors, rest = after
        return TitleLine(title, int(match["year"]), inner, note, directors, rest)
    return None


def _after(text: str) -> tuple[str, tuple[str, ...], str] | None:
    """What follows the year: (note, directors, description), or None if it is not a title line's."""
    rest = text.strip().strip("*_").strip()
    rest = rest[1:].strip() if rest[:1] in ("”", '"', "’", "'", "»") else rest
    note = ""
    if (match := _NOTE.match(rest)) is not None:
        note, rest = match["note"].strip(), match["rest"].strip()
    rest = rest.lstrip(",").strip()
    directors: tuple[str, ...] = ()
    by = _BY.match(rest)
    if by is not None:
        names_text = by["who"]
        split = re.search(r"(?<![A-ZА-Я])[.:]\s+|\s+[–—]\s+", names_text)
        who, said = (names_text[: split.start()], names_text[split.end() :]) if split else (names_text, "")
        directors = split_names(who.strip().rstrip("."))
        return note, directors, said.strip()
    if not rest:
        return note, directors, ""
    if rest[0] in ":.–—-":
        return note, directors, rest[1:].strip()
    return None


def split_names(text: str) -> tuple[str, ...]:
    """'Andrei Tarkovsky', 'Marlen Khutsiev and Vasily Shukshin', 'A & B' -> the names."""
    parts = re.split(r"\s*(?:,|&|\band\b|\bи\b|/)\s*", text)
    return tuple(part.strip() for part in parts if part.strip())


def looks_like_a_person(text: str) -> bool:
    """A name by its shape: two to four capitalised words, no title words ("Andrei Tarkovsky",
    "G. Daneliya", "Эльдар Рязанов")."""
    words = text.replace(",", " ").split()
    return (
        2 <= len(words) <= 4
        and all(_NAME_WORD.match(word) for word in words)
        and not any(word.lower() in _TITLE_WORDS for word in words)
    )


def looks_transliterated(text: str) -> bool:
    """A Latin spelling of a Russian title by its shape: one or two words with Russian endings."""
    words = fold(text).split()
    return 1 <= len(words) <= 3 and any(word.endswith(_TRANSLIT_ENDINGS) for word in words)


def parenthesis_kind(
    inner: str, is_director: Callable[[str], bool], is_title: Callable[[str], bool]
) -> tuple[str, bool]:
    """What a parenthesis beside a title holds: ("original", sure) or ("director", sure).

    Decided first by what the catalogue knows (``is_director`` for a name it knows as a
    director's, ``is_title`` for a title it knows), then by the shape of the words: Cyrillic is an
    original title; a name-shaped phrase a director; a Russian-looking Latin word a
    transliteration. ``sure`` is False when only the shape decided, or nothing did ("original").
    """
    if is_director(inner):
        return "director", True
    if is_title(inner) or (_CYRILLIC.search(inner) and not looks_like_a_person(inner)):
        return "original", True
    if _CYRILLIC.search(inner):
        return "director", False
    has_initial = any(re.fullmatch(r"[A-ZА-ЯЁ]\.", word) for word in inner.split())
    if looks_like_a_person(inner) and (has_initial or not looks_transliterated(inner)):
        return "director", False
    return "original", False
