"""Text normalisation shared by ids, matching and search: pure functions, standard library only."""

from __future__ import annotations

import re
import unicodedata

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
_NON_WORD = re.compile(r"[^\w]+")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")


def fold(text: str) -> str:
    """Return ``text`` folded for comparison.

    Case is folded, accents and other diacritics are dropped (so ё reads as е and й as и,
    the way Russian is often typed), quotes are straightened, an apostrophe inside a word is
    dropped ("El'dar" reads as "eldar"), and all punctuation and runs of space become one space.
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    bare = _APOSTROPHE.sub("", bare.casefold())
    return _NON_WORD.sub(" ", bare).replace("_", " ").strip()


def strip_article(folded: str) -> str:
    """Drop one leading article (the, a, an) from already folded text."""
    head, _, rest = folded.partition(" ")
    return rest if head in ARTICLES and rest else folded


def title_key(title: str) -> str:
    """The form titles are compared in: folded, without a leading article."""
    return strip_article(fold(title))


def slugify(title: str) -> str:
    """A short, shell-friendly id for a title: 'The Irony of Fate' -> 'irony-of-fate'."""
    return title_key(title).replace(" ", "-") or "untitled"
