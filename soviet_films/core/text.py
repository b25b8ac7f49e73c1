"""Text normalisation shared by ids, matching and search: pure functions, standard library only."""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

# Lowercase letters of any alphabet, digits and dashes: "loneliness", "одиночество".
ID_PATTERN = re.compile(r"(?!-)(?:[^\W_]|-)+")

ARTICLES = frozenset({"the", "a", "an"})

# Curly quotes and primes people paste from web pages, folded to their plain forms.
_QUOTES = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "′": "'",
        "ʼ": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "″": '"',
        "«": '"',
        "»": '"',
    }
)
_NON_WORD = re.compile(r"[\W_]+")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
# What ``_NON_WORD`` replaces in ASCII text: every character but letters and digits (a translation
# table does it several times faster than the expression, on the text search folds most).
_ASCII_NON_WORD = bytes(code if chr(code).isalnum() else 32 for code in range(256))


def fold(text: str) -> str:
    """Return ``text`` folded for comparison.

    Case is folded, accents and other diacritics are dropped (so ё reads as е and й as и,
    the way Russian is often typed), quotes are straightened, an apostrophe inside a word is
    dropped ("El'dar" reads as "eldar"), and all punctuation and runs of space become one space.
    """
    if text.isascii():  # the common case, and the one search meets thousands of times
        bare = text.lower()
        if "'" in bare:
            bare = _APOSTROPHE.sub("", bare)
        return " ".join(bare.encode().translate(_ASCII_NON_WORD).decode().split())
    else:
        decomposed = unicodedata.normalize("NFKD", text.translate(_QUOTES))
        bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    bare = _APOSTROPHE.sub("", bare)
    return _NON_WORD.sub(" ", bare).strip()


def fold_with_map(text: str) -> tuple[str, Sequence[int]]:
    """``fold(text)`` and, for each of its characters, the index in ``text`` it came from.

    Slower than ``fold``; search uses it only on the fields that matched, to find where a
    match stands in the original text for a snippet.
    """
    return _fold_ascii_with_map(text) if text.isascii() else _fold_any_with_map(text)


def _fold_any_with_map(text: str) -> tuple[str, list[int]]:
    chars = [
        (folded, index)
        for index, ch in enumerate(text)
        for part in unicodedata.normalize("NFKD", ch.translate(_QUOTES))
        if not unicodedata.combining(part)
        for folded in part.casefold()
    ]
    out: list[str] = []
    origin: list[int] = []
    for position, (ch, index) in enumerate(chars):
        if (
            ch == "'"
            and 0 < position < len(chars) - 1
            and _is_word(chars[position - 1][0])
            and _is_word(chars[position + 1][0])
        ):
            continue
        if _is_word(ch) and ch != "_":
            out.append(ch)
            origin.append(index)
        elif out and out[-1] != " ":
            out.append(" ")
            origin.append(index)
    if out and out[-1] == " ":
        out.pop()
        origin.pop()
    return "".join(out), origin


_ASCII_APOSTROPHE = re.compile(r"(?<=[A-Za-z0-9_])'(?=[A-Za-z0-9_])")
_ASCII_RUN = re.compile(r"[a-z0-9]+")


def _fold_ascii_with_map(text: str) -> tuple[str, Sequence[int]]:
    """``fold_with_map`` of ASCII text, made word by word and mapped on demand (the same result,
    several times faster: a search that matches a thousand entries maps a thousand fields)."""
    dropped = [match.start() for match in _ASCII_APOSTROPHE.finditer(text)]
    if dropped:
        gone = set(dropped)
        where: Sequence[int] = [index for index in range(len(text)) if index not in gone]
        bare = "".join(text[index] for index in where).lower()
    else:
        where, bare = range(len(text)), text.lower()
    spans = [match.span() for match in _ASCII_RUN.finditer(bare)]
    folded = " ".join(bare.encode().translate(_ASCII_NON_WORD).decode().split())  # the words of ``spans``
    return folded, _AsciiOrigins(spans, where, len(folded))


class _AsciiOrigins(Sequence[int]):
    """For each character of folded ASCII text, the index in the text it came from: a word's
    letters from its letters, the space after it from the first character after it."""

    def __init__(self, spans: list[tuple[int, int]], where: Sequence[int], length: int) -> None:
        self._spans, self._where, self._length = spans, where, length
        self._starts = list(itertools.accumulate((end - start + 1 for start, end in spans[:-1]), initial=0))

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, position: Any) -> Any:
        if isinstance(position, slice):
            return [self[index] for index in range(*position.indices(self._length))]
        if position < 0:
            position += self._length
        if not 0 <= position < self._length:
            raise IndexError(position)
        word = bisect.bisect_right(self._starts, position) - 1
        start, end = self._spans[word]
        offset = position - self._starts[word]
        return self._where[start + offset] if offset < end - start else self._where[end]


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def strip_article(folded: str) -> str:
    """Drop one leading article (the, a, an) from already folded text."""
    head, _, rest = folded.partition(" ")
    return rest if head in ARTICLES and rest else folded


def title_key(title: str) -> str:
    """The form titles are compared in: folded, without a leading article."""
    return strip_article(fold(title))


MAX_ID = 40


def slugify(title: str) -> str:
    """A short, shell-friendly id for a title: 'The Irony of Fate' -> 'irony-of-fate'; at most
    40 characters, cut at a word."""
    slug = title_key(title).replace(" ", "-") or "untitled"
    if len(slug) > MAX_ID:
        cut = slug.rfind("-", 0, MAX_ID + 1)
        slug = slug[:cut] if cut > 0 else slug[:MAX_ID]
    return slug


def valid_id(value: str) -> bool:
    """True for a theme id: lowercase letters (any alphabet), digits and dashes, not leading."""
    return bool(ID_PATTERN.fullmatch(value)) and value == value.lower()


def quoted(text: str, width: int = 60) -> str:
    """``text`` in quotes for a message, shortened when long: a message quotes what was wrong, never
    a whole 100 kB cell ("'Stalker'"; "'xxxx…' (100000 characters)")."""
    if len(text) <= width:
        return f"'{text}'"
    return f"'{text[: width - 1]}…' ({len(text)} characters)"
