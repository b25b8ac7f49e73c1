"""What the parts of a title line hold: the title, another title, directors, text.

Pure. ``core.lines`` finds the slots around a line's year; ``core.shapes`` picks a list's title
lines; this module decides, with every title line of the list at once, what each slot holds: a name
on one side of a dash or before a colon, in the year's brackets, after a marker (``by``, ``oleh``,
``реж.``) or after the year is a director where the list's lines put names there; otherwise another
title. A parenthesis that only the shape of its words calls a name stays another title, and says so
(``Entry.unsure``): a guess never changes which film an entry is.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import NamedTuple

from soviet_films.core.lines import Candidate, unquoted

_DIRECTOR_MARKERS = re.compile(
    r"^(?:(?:directed|made|filmed)\s+by|by|dir\.?|director:?|directors:?|oleh|de|di|von|par|реж\.?|"
    r"режисс[её]р(?:ы)?:?|режиссура:?|regie:?|réalisé par|réalisateur:?|režisér:?|reżyseria:?)\s+",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"^(?:[A-ZА-ЯЁ][a-zа-яё'’\-]+|[A-ZА-ЯЁ]\.|[A-ZА-ЯЁ][a-zа-яё]+-[A-ZА-ЯЁ][a-zа-яё]+)$")
_NOT_NAME = {
    "the",
    "a",
    "an",
    "of",
    "and",
    "in",
    "on",
    "at",
    "to",
    "is",
    "for",
    "with",
    "part",
    "new",
    "old",
    "my",
    "our",
    "soviet",
    "russian",
    "film",
    "movie",
    "day",
    "night",
    "war",
    "и",
    "в",
    "на",
}
_OTHER_LABEL = re.compile(
    r"^(?:russian|original|orig\.?|rus\.?|рус\.?|aka|also|in russian|оригинал)\s*:?\s+", re.IGNORECASE
)
TIME = re.compile(r"^\d{1,2}\s*[h:.]\s*\d{2}\s*[–—-]?\s*")


class Entry(NamedTuple):
    """A title line as the list's shape reads it: at its line, the title, year, another title, the
    directors, text on the same line, a note, and what was decided by the shape of words alone."""

    line: int
    title: str
    year: int
    other: str
    directors: tuple[str, ...]
    text: str
    unsure: str = ""


def looks_like_a_person(text: str) -> bool:
    """A name by its shape: two to four capitalised words, no title words ("Andrei Tarkovsky",
    "G. Daneliya", "Эльдар Рязанов")."""
    words = text.replace(",", " ").split()
    return 2 <= len(words) <= 4 and all(_NAME_WORD.match(w) and w.lower() not in _NOT_NAME for w in words)


def split_names(text: str) -> tuple[str, ...]:
    """'Marlen Khutsiev and Vasily Shukshin', 'A & B', 'Никита Курихин и Леонид Менакер' -> the names."""
    parts = re.split(r"\s*(?:,|&|\band\b|\bи\b|/)\s*", text)
    return tuple(_name(part) for part in parts if part.strip())


def _name(text: str) -> str:
    """A name as written, without a possessive inside it ("Elem's Klimov" -> "Elem Klimov")."""
    words = text.strip().rstrip(".").split()
    return " ".join(
        re.sub(r"['’]s$", "", word) if index < len(words) - 1 else word for index, word in enumerate(words)
    )


class Knowledge(NamedTuple):
    """What the catalogue knows, to tell a director from a title: a name it knows as a director's, a
    title it knows. ``parenthesis`` ("original" or "director") settles every parenthesis."""

    is_director: Callable[[str], bool] = lambda name: False
    is_title: Callable[[str], bool] = lambda title: False
    parenthesis: str | None = None


class Slots:
    """Reads what each title line's slots hold with what the whole list shows: ``candidates`` are
    the year candidates of the list's title lines, ``labels`` the labels it puts before titles."""

    def __init__(self, candidates: list[Candidate], labels: set[str], knowledge: Knowledge) -> None:
        self.labels = labels
        self.knowledge = knowledge
        lefts = [self._unlabelled(candidate.left) for candidate in candidates]
        self.common_lead = _common_lead(lefts)
        dashed = [_dash_split(self._lead_off(left)) for left in lefts]
        sides = [pair for pair in dashed if pair]
        # Which side of "A – B" is the name: the side more of the list's lines hold names on.
        self.name_right = sum(map(self._person, (b for _, b in sides))) >= sum(
            map(self._person, (a for a, _ in sides))
        )
        # "Tarkovsky: Stalker (1979)": a name before a colon where the list's lines put names there.
        before_colon = [_colon_split(self._lead_off(left)) for left in lefts]
        named = sum(1 for pair in before_colon if pair and self._person(pair[0]))
        self.name_before_colon = named >= 2 and named * 2 >= sum(1 for pair in before_colon if pair)
        inners = [candidate.inner_before or candidate.inner_after for candidate in candidates]
        inners = [self._marker_off(text)[1] for text in inners if text]
        self.inner_is_name = bool(inners) and sum(map(self._person, inners)) * 2 >= len(inners)

    def _person(self, text: str) -> bool:
        text = text.strip()
        return bool(text) and (self.knowledge.is_director(text) or looks_like_a_person(_name(text)))

    def _surname(self, text: str) -> bool:
        """A name, or a surname alone where the list's slot holds names ("(Bauer, 1916)")."""
        word = text.strip()
        return self._person(word) or bool(
            re.fullmatch(r"[A-ZА-ЯЁ][a-zа-яё'’-]+", word) and word.lower() not in _NOT_NAME
        )

    def _unlabelled(self, left: str) -> str:
        label = re.match(r"^([^:«\"“]{1,30}):\s+", left)
        if label and re.sub(r"\d+", "#", label[1]).lower() in self.labels:
            left = left[label.end() :]
        return TIME.sub("", left) if TIME.match(left) and re.search(r"[–—-]", left[:9]) else left

    def _lead_off(self, left: str) -> str:
        if self.common_lead and left.startswith(self.common_lead):
            return left[len(self.common_lead) :].lstrip(" ,")
        return left

    def _marker_off(self, text: str) -> tuple[bool, str]:
        match = _DIRECTOR_MARKERS.match(text.strip())
        return (True, text.strip()[match.end() :]) if match else (False, text.strip())

    def entry(self, number: int, candidate: Candidate) -> Entry:
        """The entry a title line at ``number`` makes, read from its year ``candidate``."""
        directors: list[str] = []
        other, text, unsure = "", "", ""
        if candidate.frame == "first":
            left, after = _first_split(candidate.after)
        else:
            left, after = self._lead_off(self._unlabelled(candidate.left)), candidate.after
        title, other, named, unsure = self._title_part(left)
        directors += named
        inner = candidate.inner_before or candidate.inner_after
        if inner:
            marked, rest = self._marker_off(inner)
            if re.match(r"^(?:No\.?|№|nomor|#)\s*\d", rest, re.IGNORECASE):
                pass  # "(No 24)": a place in another list
            elif (
                marked
                or (self.inner_is_name and self._surname(rest))
                or self.knowledge.parenthesis == "director"
                or self.knowledge.is_director(rest)
            ):
                directors += split_names(rest)
            elif not other:
                other = _OTHER_LABEL.sub("", rest)
        named, text = self._after(after)
        directors += [name for name in named if name not in directors]
        return Entry(number, unquoted(title), candidate.year, unquoted(other), tuple(directors), text, unsure)

    def _title_part(self, left: str) -> tuple[str, str, list[str], str]:
        """The title, another title, directors and what was decided by shape alone, in ``left``."""
        directors: list[str] = []
        other, unsure = "", ""
        left = left.strip().rstrip(",;:–—-").strip()
        marker = re.search(r",?\s+(?:dir\.|directed by|by|реж\.)\s+(?P<who>[^,()]+)$", left, re.IGNORECASE)
        if marker and self._person(marker["who"]):
            directors += split_names(marker["who"])
            left = left[: marker.start()].rstrip(" ,")
        possessive = re.match(
            r"^(?P<who>(?:[A-ZА-ЯЁ][\w.-]+\s+){1,2}[A-ZА-ЯЁ][\w-]+)['’]s\s+(?P<title>.+)$", left
        )
        if possessive and (self._person(possessive["who"]) or self.knowledge.is_director(possessive["who"])):
            directors.append(possessive["who"])
            left = possessive["title"]
        pair = _dash_split(left)
        if pair:
            a, b = pair
            if self.name_right and self._person(b):
                directors += split_names(b)
                left = a
            elif not self.name_right and self._person(a):
                directors += split_names(a)
                left = b
        colon = _colon_split(left)
        if (
            colon
            and not self.knowledge.is_title(left)
            and ((self.name_before_colon and self._person(colon[0])) or self.knowledge.is_director(colon[0]))
        ):
            directors += split_names(colon[0])
            left = colon[1]
        also = re.match(r"^(?P<title>.+?)\s+(?:AKA|a\.k\.a\.|aka|/)\s+(?P<other>.+)$", left)
        if also:
            left, other = also["title"], also["other"]
        while True:
            trailing = re.match(r"^(?P<title>.*?\S)\s*\((?P<inner>[^()]+)\)$", left)
            if not trailing:
                break
            left, inner = trailing["title"], trailing["inner"].strip()
            if re.match(r"^[a-zа-яё]", inner) and not re.match(r"^[a-z]+(?:\s+[a-z]+){0,3}$", inner[:1]):
                continue  # "(based on the novel ...)": a note
            if self.knowledge.parenthesis == "director" or self.knowledge.is_director(inner):
                directors += split_names(inner)
            elif not other:
                other = _OTHER_LABEL.sub("", inner)
                if (
                    looks_like_a_person(inner)
                    and not self.knowledge.is_title(inner)
                    and self.knowledge.parenthesis != "original"
                ):
                    unsure = inner
        return left, other, directors, unsure

    def _after(self, after: str) -> tuple[list[str], str]:
        """Directors and text in what follows the year."""
        rest = after.strip()
        while True:
            note = re.match(r"^\([^()]*\)\s*", rest)
            if not note:
                break
            rest = rest[note.end() :]
        rest = rest.lstrip(",;").strip()
        marked, named = self._marker_off(rest)
        if marked:
            who, said = _name_and_rest(named)
            return list(split_names(who)), said
        if rest[:1] in ".:–—-" and not re.match(r"^[–—-]\s*[A-ZА-ЯЁ][\w'’.-]+\s+[A-ZА-ЯЁ][\w'’-]+\s*$", rest):
            return [], rest[1:].strip()
        who, said = _name_and_rest(rest.lstrip("–—- "))
        if who and self._person(who):
            return list(split_names(who)), said
        return [], rest.lstrip(".:–—- ")


def _first_split(after: str) -> tuple[str, str]:
    """A year-first line's title part and what follows it ("Title – Director", "Title: text")."""
    match = re.match(r"^(?P<title>.+?)(?:\s+[–—]\s+|:\s+)(?P<rest>.+)$", after)
    return (match["title"], match["rest"]) if match else (after, "")


def _dash_split(left: str) -> tuple[str, str] | None:
    """'A – B' (a dash with a space after it) as its two sides."""
    match = re.match(r"^(?P<a>.+?\S)\s*[–—-]\s+(?P<b>\S.*)$", left)
    if not match or match["a"].endswith((" ", "-")):
        return None
    return match["a"].strip(), match["b"].strip()


def _colon_split(left: str) -> tuple[str, str] | None:
    """'A: B' (a colon with a space after it, once) as its two sides."""
    match = re.match(r"^(?P<a>[^:]+?):\s+(?P<b>.+)$", left)
    return (match["a"].strip(), match["b"].strip()) if match else None


def _name_and_rest(text: str) -> tuple[str, str]:
    """A name at the start of ``text`` and what follows it (after a full stop, colon, dash or a bracket)."""
    match = re.match(
        r"^(?P<who>[^.:;()–—]+?(?:\s[A-ZА-ЯЁ]\.\s?[^.:;()–—]*)?)(?:\s*[.:;–—]\s*|\s*\(|$)(?P<rest>.*)$", text
    )
    if not match:
        return "", text
    return match["who"].strip(), match["rest"].strip()


def _common_lead(lefts: list[str]) -> str:
    """A word and comma several of the list's title parts begin with ("Clips, "): not the title's."""
    leads = Counter(re.match(r"^([\w]+),\s*", left)[1] for left in lefts if re.match(r"^[\w]+,\s*", left))
    lead, count = leads.most_common(1)[0] if leads else ("", 0)
    return lead + "," if count >= 2 else ""
