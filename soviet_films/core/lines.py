"""One line of a pasted list, taken apart: where a film's year stands in it, and the parts around it.

Pure: a line in, its candidates out. A candidate is a plausible film year where a title line puts
one: in brackets (``Title (1975)``, ``Title (Original, 1975)``, ``(1987г, режиссер X)``), after a
comma, dash, colon or full stop (``Title, 1975``, ``Title – 1975``, ``«Title», 1974 год``), or first
(``1979 — Title``, ``1962 Title (Other)``), and never a range of years (``(1932 – 1986)``). Around it
are slots whose meaning a whole list decides (``core.shapes``): ``left`` (the title, perhaps with a
director or another title), ``inner`` (what shares the year's brackets), ``after`` (what follows).
A year standing in a sentence is a **mention**: a film named in passing.
"""

from __future__ import annotations

import itertools
import re
from typing import NamedTuple

# A plausible film year, not part of a longer number; with a Russian "г."/"год" after it.
_YEAR = re.compile(r"(?<![\d\w])(18[89]\d|19\d\d|20[0-3]\d)(?!\d)(?:\s*(?:гг?\.?|года?)(?![\w]))?")
_YEARS_LOOKED_AT = 8
_RANGE = re.compile(r"(?<!\d)(?:18|19|20)(\d\d)\s*[-–—/]\s*((?:18|19|20)\d\d|\d\d)(?!\d)")
_INVISIBLE = str.maketrans(
    {
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
        "\xa0": " ",
        "\u2009": " ",
        "\u202f": " ",
    }
)
_LINK = re.compile(r"!?\[([^\]]*)\]\((?:[^()\s]|\([^()\s]*\))*\)")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_GLUED_NUMBER = re.compile(r"^\d{3,}(?=[A-ZА-ЯЁ«\"“])")  # an image's number glued to a title
# What pages put before a title: heading marks, a run of symbols (bullets, arrows, dashes), numbers in
# any dress ("1.", "1)", "(1)", "[1]", "#9:", "No. 3", "1/", "12 - "); a bare number and a space
# ("12 Title") only where a list numbers so (``bare``), as "12 Chairs" is a title.
_MARK = re.compile(r"^(?:#{1,6}\s+|(?![*_]+[^\s*_])[^\w\s\"'“„«‘‚‹(\[<]+\s*(?=\S))")
_NUMBER = re.compile(
    r"^(?:[(\[]\s*\d{1,3}\s*[)\]]\s*[.:\-–—]?\s*|(?:No\.?|№|Nr\.?|#)\s*\d{1,3}\s*[.:)\]/\-–—]?\s*"
    r"|\d{1,3}\s[-–—]\s*|\d{1,3}\s*[.:)\]/]\s*(?:(?!\d)|(?=(?:18[89]|19\d|20[0-3])\d(?!\d))))",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"^\d{1,3}\s+(?=\S)(?!(?:гг?\b|год|year|min\b|место\b))")
_TIGHT = re.compile(r"^(?:[^\w\s]+\s*)?\d{1,3}[.):/\]][^\W\d]")
_TIGHT_NUMBER = re.compile(r"^\d{1,3}[.):/\]](?=\d)")
_EMPHASIS = re.compile(r"^(\*\*|__|\*|_)(?P<inner>.+?)\1(?P<rest>.*)$")
_QUOTES = "\"'“”„«»‘’‚‹›"
_OPEN_QUOTE = re.compile(r"^[\"'“„«‘‚‹]")
_SENTENCE = re.compile(r"[.!?…](?:[\"'”»’)]*)\s+(?=[\"'“„«‘]*[A-ZА-ЯЁ])")
_SEPARATORS = ",;:.–—-"
# What may follow a year with no separator: a director's marker or name ("1975 by X", "1975 Eldar Ryazanov").
_LATER = re.compile(r"(?i:by|dir\.?|directed|oleh|реж\.?|режисс[её]р)\b|[A-ZА-ЯЁ][\w'’.-]+\s+[A-ZА-ЯЁ]")


# A title's last word before a year and a space: no word a sentence puts before a year ("in 1975").
_SPACED = re.compile(
    r"(?<!\S)(?!(?:year|(?i:in|of|since|from|by|until|till|to|the|a|and|or|в|во|с|со|до|от|по|на|за|к|из|у|году|год|и|"
    r"после|около|circa|ca|c|around|about|before|after|during|early|late|mid))\s*$)"
    r"\S+\s*$"
)


class Candidate(NamedTuple):
    """A plausible film year in a line and the slots around it (see the module). ``decoration`` is
    what the line wore before its title (abstracted: '1.', '#1:', '-', '##', 'em' for emphasis),
    ``frame`` how the year stands ('bracket', 'comma', 'dash', 'colon', 'dot', 'first', 'space'),
    ``suffix`` a Russian "год" after it, ``mention`` whether it stands in a sentence."""

    year: int
    left: str
    inner_before: str
    inner_after: str
    after: str
    decoration: str
    frame: str
    suffix: bool
    mention: bool


def clean(line: str) -> str:
    """The line without invisible characters, HTML tags, link targets and bare URLs, its spaces
    made single."""
    text = _TAG.sub(" ", line.translate(_INVISIBLE))
    text = _LINK.sub(lambda match: match[1], text)
    text = _URL.sub(" ", text)
    return " ".join(text.split())


def undecorated(line: str, bare: bool = True, tight: bool = False) -> tuple[str, str]:
    """The line without the marks before its title, and those marks, abstracted ('1.', '-', '##');
    ``bare``: a number and a space number the line too; ``tight``: so does a number and a full stop
    before a digit ("1.12 Chairs", in a list that writes "2.Stalker")."""
    marks = []
    text = _GLUED_NUMBER.sub("", line)
    patterns = (_MARK, _NUMBER, _BARE_NUMBER) if bare else (_MARK, _NUMBER)
    if tight:
        patterns = (*patterns, _TIGHT_NUMBER)
    for _ in range(4):  # "## 2) **Title** (1979)": a heading mark, then a number, then bold
        before = text
        for pattern in patterns:
            if pattern is not _MARK and any(mark[:1].isdigit() or "1" in mark for mark in marks):
                continue  # numbered once: "3 12 Chairs" is number 3, "12 Chairs"
            match = pattern.match(text)
            if match:
                marks.append(re.sub(r"\d+", "1", match[0].strip()))
                text = text[match.end() :].lstrip()
        emphasis = _EMPHASIS.match(text)
        if emphasis and re.fullmatch(r"(?:#|№|No\.?)?\s*\d{1,3}\s*[.:)\]]?", emphasis["inner"].strip()):
            marks.append(re.sub(r"\d+", "1", emphasis["inner"].strip()))  # "**7.**12 Chairs": a number
            text = emphasis["rest"].strip()
        elif emphasis and not emphasis["inner"].endswith(" "):
            marks.append("em")
            text = f"{emphasis['inner']}{emphasis['rest']}".strip()
        if text == before:
            break
    return text, " ".join(marks)


def bare_numbered(line: str) -> bool:
    """Whether a cleaned line begins with a number and a space ("12 Chairs", "1 Solaris (1972)")."""
    return bool(_BARE_NUMBER.match(undecorated(line, bare=False)[0]))


def tight_numbered(line: str) -> bool:
    """Whether a cleaned line is numbered with no space after the number ("2.Stalker (1979)")."""
    return bool(_TIGHT.match(line))


def candidates(line: str, bare: bool = True, tight: bool = False) -> list[Candidate]:
    """Every plausible film year of a cleaned line, with its slots, in the order they stand
    (``bare``, ``tight``: how the list numbers its lines, see ``undecorated``)."""
    text, decoration = undecorated(line, bare, tight)
    if not text:
        return []
    # "1932–1986", "1977-78"; not "1971 — 12 Chairs", where the number after the dash is no later year
    ranges = [
        match.span() for match in _RANGE.finditer(text) if len(match[2]) == 4 or int(match[2]) > int(match[1])
    ]
    found = []
    # A title line names its year among its first few numbers; looking further only costs time
    # (a line of ten thousand years would take minutes).
    for match in itertools.islice(_YEAR.finditer(text), _YEARS_LOOKED_AT):
        start, end = match.span(1)
        if any(low <= start < high for low, high in ranges):
            continue  # a span of years (life dates, a period) is no film's year
        candidate = _framed(text, start, end, match.end(), decoration)
        if candidate is not None:
            found.append(candidate)
    if len(found) > 1 and found[0].frame == "first" and any(c.frame == "bracket" for c in found[1:]):
        found.pop(0)  # "2001: A Space Odyssey (1968)": the year in brackets is the film's
    return found


def _framed(text: str, start: int, end: int, suffix_end: int, decoration: str) -> Candidate | None:
    """The candidate a year at text[start:end] makes, or None where it stands in no title's frame."""
    year = int(text[start:end])
    suffix = suffix_end > end
    bracket = _enclosing_bracket(text, start, suffix_end)
    if bracket is not None:
        open_at, close_at = bracket
        inner_before = text[open_at + 1 : start].strip()
        inner_after = text[suffix_end:close_at].strip()
        if inner_after and inner_after[0] not in ",;" and not re.match(r"^[^\w]", inner_after):
            return None  # "(1975 Soviet film ...)": the year begins a sentence in brackets
        left, after = text[:open_at].rstrip(), text[close_at + 1 :].strip().lstrip(_QUOTES + "*_").strip()
        # "Stalker (1979) is a film about...": a sentence that names the film
        mention = _in_sentence(left) or bool(re.match(r"[a-zа-яё]", after) and not _LATER.match(after))
        if mention:
            left = _last_phrase(left)
        return Candidate(
            year,
            left,
            inner_before.rstrip(",;: "),
            inner_after.lstrip(",; "),
            after,
            decoration,
            "bracket",
            suffix,
            mention,
        )
    before, after = text[:start].rstrip(), text[suffix_end:].lstrip()
    if not before:  # "1979 — Stalker", "1962 Ivanovo detstvo (Ivan's Childhood)"
        rest = after.lstrip(_SEPARATORS + " ")
        return Candidate(year, "", "", "", rest, decoration, "first", suffix, False) if rest else None
    mark = before[-1]
    if mark in ",;":
        frame = "comma"
    elif mark in "–—-" and (before[:-1].endswith(" ") or mark != "-" or text[start - 1] == " "):
        frame = "dash"
    elif mark in ":.":
        frame = "colon" if mark == ":" else "dot"
    elif _SPACED.search(before) and (not after or after[0] in _SEPARATORS + "([" or _LATER.match(after)):
        frame = "space"  # "Stalker 1979", "Сталкер 1979 Андрей Тарковский"
        before += " "
    else:
        return None  # "A 1974 Soviet film": the year stands in a sentence
    if after and after[0] not in _SEPARATORS + "()[]" and not _LATER.match(after):
        return None  # "in 1975 he made": a sentence goes on after the year
    left = before[:-1].rstrip()
    if not left:
        return None
    mention = _in_sentence(left)
    return Candidate(
        year, _last_phrase(left) if mention else left, "", "", after, decoration, frame, suffix, mention
    )


def _enclosing_bracket(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The innermost ( ) or [ ] around text[start:end], as (opening index, closing index)."""
    depth, open_at = 0, None
    for index in range(start - 1, -1, -1):
        char = text[index]
        if char in ")]":
            depth += 1
        elif char in "([":
            if depth == 0:
                open_at = index
                break
            depth -= 1
    if open_at is None:
        return None
    closing = ")" if text[open_at] == "(" else "]"
    close_at = text.find(closing, end)
    if close_at < 0 or "(" in text[end:close_at]:
        return None
    return open_at, close_at


def _breaks(text: str) -> list[int]:
    """Where sentences end in ``text`` (the index after the break), not after an abbreviation or an
    initial ("dir. Menshov", "A. Tarkovsky", "No. 3"), nor after a title's own mark ("Kin-dza-dza! AKA
    ...": a sentence has four words at least, and goes on with no "AKA")."""
    found: list[int] = []
    for match in _SENTENCE.finditer(text):
        word = re.findall(r"[\w]+$", text[: match.start()])
        if word and (len(word[0]) == 1 or word[0].lower() in _ABBREVIATIONS):
            continue
        if len(re.findall(r"\w+(?:[-'’]\w+)*", text[found[-1] if found else 0 : match.start()])) < 4:
            continue
        if re.match(r"(?i:aka|a\.k\.a\.|or|или|/)\b", text[match.end() :]):
            continue
        found.append(match.end())
    return found


_ABBREVIATIONS = {
    "dir",
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "no",
    "nr",
    "vs",
    "ca",
    "jr",
    "sr",
    "vol",
    "pt",
    "реж",
    "им",
}


def _in_sentence(left: str) -> bool:
    """Whether what stands before a year is a sentence that goes on up to a title (a mention)."""
    return bool(_breaks(left)) or len(left.split()) > 14


def _last_phrase(left: str) -> str:
    """The title a sentence names last: what follows its last sentence break, from the first
    capitalised word after a lowercase one ("We also love Solaris" -> "Solaris")."""
    breaks = _breaks(left)
    phrase = left[breaks[-1] :].strip() if breaks else left
    words = phrase.split()
    starts = [i for i in range(1, len(words)) if words[i - 1][:1].islower() and not words[i][:1].islower()]
    for start in starts:  # "... of Moscow Does Not Believe in Tears": capitalised but for small words
        if all(not word[:1].islower() or word.lower() in _SMALL_WORDS for word in words[start:]):
            return " ".join(words[start:])
    return " ".join(words[starts[-1] :]) if starts else phrase


_SMALL_WORDS = {"a", "an", "the", "of", "in", "on", "and", "or", "to", "for", "at", "by", "with", "is", "not"}


def unquoted(text: str) -> str:
    """The text without quotes around it (and emphasis marks), and without a stray end mark."""
    text = text.strip().strip("*_").strip()
    for _ in range(2):
        if len(text) >= 2 and text[0] in _QUOTES and text.rstrip(".,:;")[-1:] in _QUOTES:
            text = text.rstrip(".,:;")[1:-1].strip()
    if _OPEN_QUOTE.match(text) and sum(text.count(q) for q in _QUOTES) == 1:
        text = text[1:].strip()
    elif text[-1:] in _QUOTES and sum(text.count(q) for q in _QUOTES) == 1 and text[-1] not in "'’":
        text = text[:-1].strip()
    return text.strip().rstrip(",;:").strip()
