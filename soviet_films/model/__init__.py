"""The model every layer shares: the catalogue's records (``catalogue``), your viewing (``viewing``)
and the results the views receive (``results``): plain, immutable records with no I/O and no
printing, all importable from here.

They are NamedTuples, not dataclasses: every run defines them all, and a frozen dataclass costs
about ten times as much to define (measured: ~0.2 ms against ~1.3 ms each on our 2-core machines).

Words, used the same way everywhere: a **theme** is one curated list (its id, name, intro and
entries in order); a **list file** holds one theme; a **list entry** is one film's place in a
theme, with what that theme's list says about it; a **film** is one film however many themes
name it; a **record** is what the editors verified about a film.
"""

from soviet_films.model.catalogue import (
    MAX_YEAR,
    MIN_YEAR,
    OPEN_RECORDS_SOURCE,
    Answer,
    Appearance,
    Catalog,
    Correction,
    Film,
    ListEntry,
    LogNote,
    Records,
    SkippedFile,
    Theme,
    YearRange,
    index_film_themes,
)
from soviet_films.model.results import (
    Export,
    FilmCard,
    FilmRow,
    ImportedList,
    ImportPreview,
    ListChange,
    Listing,
    Places,
    PreviewRow,
    SearchHit,
    Snippet,
    Stats,
    ThemeList,
    Validation,
)
from soviet_films.model.viewing import (
    DiaryLine,
    FilmViewing,
    HistoryImport,
    HistoryRow,
    LogChange,
    LogEntry,
    UnmatchedFilm,
    WatchlistItem,
    WatchlistLine,
)

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "OPEN_RECORDS_SOURCE",
    "Answer",
    "Appearance",
    "Catalog",
    "Correction",
    "DiaryLine",
    "Export",
    "Film",
    "FilmCard",
    "FilmRow",
    "FilmViewing",
    "HistoryImport",
    "HistoryRow",
    "ImportPreview",
    "ImportedList",
    "ListChange",
    "ListEntry",
    "Listing",
    "LogChange",
    "LogEntry",
    "LogNote",
    "Places",
    "PreviewRow",
    "Records",
    "SearchHit",
    "SkippedFile",
    "Snippet",
    "Stats",
    "Theme",
    "ThemeList",
    "UnmatchedFilm",
    "Validation",
    "WatchlistItem",
    "WatchlistLine",
    "YearRange",
    "index_film_themes",
]
