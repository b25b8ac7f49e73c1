"""Full-text search over the catalogue: pure functions over the model.

Every list entry is searched with the fields of its film and its theme: title, original title,
transliteration, other titles, directors, description, fact, correction and the theme's intro.
Every term must match (each in any field of the same entry); a term matches at the start of a
word, ignoring case and accents; a quoted phrase matches as a phrase.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from soviet_films.core.text import fold, fold_with_map
from soviet_films.model import Catalog, Film, ListEntry, SearchHit, Snippet, Theme, YearRange

# The searchable fields, in the order a hit prefers to show them when several hold the same
# number of terms: the film's title and directors already stand in every hit, the list's
# own words say more.
FIELDS = (
    "description",
    "fact",
    "correction",
    "title",
    "other_titles",
    "original_title",
    "transliteration",
    "directors",
    "intro",
)
_TERM = re.compile(r'"([^"]*)"|(\S+)')
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})


# Snippet widths: a line for pipes and JSON, a wider cell for the terminal's table.
SNIPPET_WIDTH, WIDE_SNIPPET_WIDTH = 80, 120


def parse_terms(words: Iterable[str]) -> list[str]:
    """The folded terms of a query: words, and "quoted phrases" kept whole."""
    text = " ".join(words).translate(_QUOTES)
    terms = [fold(phrase or word) for phrase, word in _TERM.findall(text)]
    return [term for term in terms if term]


def directors_text(catalog: Catalog, film: Film) -> str:
    """The film's directors with every other spelling the records know, as one searchable text."""
    names = []
    for name in film.directors:
        spellings = catalog.director_spellings.get(name, ())
        names.append(f"{name} (also {', '.join(spellings)})" if spellings else name)
    return "; ".join(names)


def entry_fields(catalog: Catalog, film: Film, theme: Theme, entry: ListEntry) -> dict[str, str]:
    """The searchable text of one entry, by field name (empty fields left out)."""
    values = {
        "title": entry.title,
        "original_title": film.original_title,
        "transliteration": film.transliteration,
        "other_titles": "; ".join(film.other_titles),
        "directors": directors_text(catalog, film),
        "description": entry.description,
        "fact": entry.fact,
        "correction": entry.correction.text if entry.correction else "",
        "intro": theme.intro,
    }
    return {name: value for name, value in values.items() if value}


def entry_text(catalog: Catalog, film: Film, theme: Theme, entry: ListEntry) -> str:
    """The folded text of one entry's own fields, separated by tabs: what a full-text index holds
    of it. The theme's intro is left out: it would repeat on every entry of a theme."""
    return "\t".join(
        fold(text) for name, text in entry_fields(catalog, film, theme, entry).items() if name != "intro"
    )


def search(
    catalog: Catalog,
    terms: list[str],
    theme: Theme | None = None,
    years: YearRange | None = None,
    directors: set[str] | None = None,
    entries: Iterable[tuple[Theme, ListEntry]] | None = None,
) -> list[SearchHit]:
    """Every entry in which all ``terms`` match, in catalogue order, narrowed by the filters; a
    match in a theme's intro alone is one hit for the theme (at the first entry that has it).

    ``entries`` are the (theme, entry) pairs that may match, in catalogue order, when the caller
    has narrowed them down (with a full-text index); without them every entry is looked at.
    """
    patterns = [re.compile(r"(?<!\w)" + re.escape(term)) for term in terms]
    # The expression tries its look-behind at every position; the plain substring test first
    # leaves it only the fields that hold the term at all (most hold none).
    checks = [(term, pattern.search) for term, pattern in zip(terms, patterns, strict=True)]

    def holds(text: str) -> int:
        return sum(1 for term, found in checks if term in text and found(text))

    if entries is None:
        entries = ((shown, entry) for shown in (catalog.themes if theme is None else (theme,))
                   for entry in shown.entries)  # fmt: skip
    folded = _Folder()
    hits = []
    intros_found: set[str] = set()
    for shown, entry in entries:
        if theme is not None and shown.id != theme.id:
            continue
        film = catalog.films[entry.film_id]
        if years is not None and film.year not in years:
            continue
        if directors is not None and not directors.intersection(film.directors):
            continue
        fields = entry_fields(catalog, film, shown, entry)
        matched = {name: holds(folded(text)) for name, text in fields.items()}
        if not all(
            any(term in folded(text) and found(folded(text)) for text in fields.values())
            for term, found in checks
        ):
            continue
        # Show the field that holds the most terms (on a tie, the one FIELDS prefers).
        best = max(matched, key=lambda name: (matched[name], -FIELDS.index(name)))
        if best == "intro":  # the theme's intro is one hit for the theme, at its first entry found
            if shown.id in intros_found:
                continue
            intros_found.add(shown.id)
        text = fields[best]
        spans = _spans(text, patterns)
        hits.append(
            SearchHit(
                film, shown, entry, best, text, spans,
                snippet(text, spans, SNIPPET_WIDTH), snippet(text, spans, WIDE_SNIPPET_WIDTH),
            )
        )  # fmt: skip
    return hits


class _Folder:
    """``fold`` with memory: film and theme fields repeat across entries."""

    def __init__(self) -> None:
        self.folded: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        if text not in self.folded:
            self.folded[text] = fold(text)
        return self.folded[text]


def _spans(text: str, patterns: list[re.Pattern[str]]) -> tuple[tuple[int, int], ...]:
    """Where the terms match in the original ``text`` (start, end), in order, not overlapping."""
    if text.isascii() and "'" not in text:
        # Plain ASCII: the text with every other character made a space keeps its length, so a
        # match found in it (its words apart by any run of spaces) stands where it stands in the text.
        spaced = text.lower().encode().translate(_ASCII_SPACED).decode()
        spans = [match.span() for pattern in patterns for match in _spaced(pattern.pattern).finditer(spaced)]
    else:
        folded, origin = fold_with_map(text)
        spans = [
            (origin[match.start()], origin[match.end() - 1] + 1)
            for pattern in patterns
            for match in pattern.finditer(folded)
        ]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


_ASCII_SPACED = bytes(code if chr(code).isalnum() else 32 for code in range(256))


@functools.lru_cache(maxsize=64)
def _spaced(folded_pattern: str) -> re.Pattern[str]:
    """A term's expression (``(?<!\\w)term``, on folded text) for the spaced text ``_spans`` makes."""
    return re.compile(folded_pattern.replace(r"\ ", " +"))


def snippet(text: str, spans: tuple[tuple[int, int], ...], width: int = SNIPPET_WIDTH) -> Snippet:
    """A short excerpt of ``text`` around its first match, and the match ``spans`` in it.

    Cut at word boundaries, with "…" where text was left out.
    """
    if len(text) <= width or not spans:
        return Snippet(text, spans)
    first_start = spans[0][0]
    start = max(0, first_start - width // 3)
    if start > 0:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 and first_start - space < width // 2 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > first_start else end
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    shown = tuple((max(s, start) + shift, min(e, end) + shift) for s, e in spans if e > start and s < end)
    return Snippet(f"{prefix}{text[start:end]}{suffix}", shown)
