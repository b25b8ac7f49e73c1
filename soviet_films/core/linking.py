"""Linking list entries to films, and arranging the themes into a catalogue. Pure.

- **Arranging**: the bundled themes in order, then the user's in file-name order; a user list with
  a bundled theme's id takes that theme's place; a second user list with an id another user list
  already has is left out (``arrange``).
- **Linking** (``link``): the entries are taken in catalogue order; each joins the film
  ``core.identity`` says it names (a record, or a film an earlier entry made), or makes a new film,
  with an id made from its title (unique: the year, then a counter, added). A film no record knows
  takes its title and year from its first entry, its original title and directors from the first
  that gives them, and every other title its entries give. A record's facts always win.
- **Naming** the directors (``core.directors``) comes last, over every name the lists give.

Entries that share no ``core.identity.link_keys`` never change each other's film, so a store may
link a set of entries closed under shared keys alone and get what linking everything gives.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from soviet_films.core.directors import Naming, RecordDirectors, name_directors
from soviet_films.core.identity import Matcher, record_titles, title_keys
from soviet_films.core.text import slugify, title_key
from soviet_films.errors import Problem
from soviet_films.model import Catalog, Film, ListEntry, Records, SkippedFile, Theme, index_film_themes


def entry_key(title: str, year: int) -> tuple[str, int]:
    """What makes two entries of one theme the same entry: the folded title without a leading
    article, and the year. Both list formats refuse a second entry with the same key."""
    return title_key(title), year


# ---------------------------------------------------------------- arranging the themes


class ListFile(NamedTuple):
    """What arranging needs of one list file: where it is, whether it is bundled, its theme's id
    and the line of that id (theme_id None: the file has a problem, ``problem``)."""

    source: str
    bundled: bool
    theme_id: str | None
    id_line: int = 0
    problem: SkippedFile | None = None


class Placed(NamedTuple):
    """A list file whose theme is in the catalogue, with its place: text that sorts in catalogue
    order and stays put when another user list comes or goes."""

    source: str
    theme_id: str
    bundled: bool
    replaces_bundled: bool
    place: str


def arrange(files: Sequence[ListFile]) -> tuple[list[Placed], list[SkippedFile]]:
    """The themes of ``files`` (bundled then the user's, each in reading order) in catalogue order,
    and the user files left out. A broken bundled file is the caller's to refuse before."""
    placed: dict[str, Placed] = {}
    skipped: list[SkippedFile] = []
    user_ids: dict[str, str] = {}
    for number, file in enumerate(f for f in files if f.bundled):
        assert file.theme_id is not None
        placed[file.theme_id] = Placed(file.source, file.theme_id, True, False, f"0{number:06d}")
    for file in (f for f in files if not f.bundled):
        if file.theme_id is None:
            assert file.problem is not None
            skipped.append(file.problem)
            continue
        if file.theme_id in user_ids:
            taken = user_ids[file.theme_id]
            message = f"the id '{file.theme_id}' is already used by {taken}; give this list another"
            skipped.append(SkippedFile(file.source, file.id_line, message))
            continue
        user_ids[file.theme_id] = file.source
        bundled = placed.get(file.theme_id)
        place = bundled.place if bundled is not None else "1" + Path(file.source).name
        placed[file.theme_id] = Placed(file.source, file.theme_id, False, bundled is not None, place)
    return sorted(placed.values(), key=lambda each: each.place), skipped


# ---------------------------------------------------------------- linking the entries


class EntryToLink(NamedTuple):
    """What linking reads of one list entry: its titles, year and directors as the list gives them."""

    title: str
    year: int
    original_title: str = ""
    directors: tuple[str, ...] = ()
    keys: frozenset[str] | None = None  # the titles' keys (core.identity.title_keys), if made already


class Linked(NamedTuple):
    """What linking gives: each entry's film id, in the entries' order, and every film they name,
    in order of first appearance, with the directors as the lists give them (not yet named)."""

    film_ids: list[str]
    films: dict[str, Film]


def link(records: Iterable[Film], entries: Iterable[EntryToLink]) -> Linked:
    """Link ``entries`` (in catalogue order) to the ``records``' films and to each other (see the
    module). A store linking part of the catalogue passes the records that part could name."""
    matcher = Matcher()
    known: dict[str, Film] = {}
    for record in records:
        matcher.know(record.id, record.year, record_titles(record), record.directors)
        known[record.id] = record
    ids = _Ids(set(known))
    film_ids: list[str] = []
    films: dict[str, Film] = {}
    for entry in entries:
        keys = entry.keys if entry.keys is not None else title_keys((entry.title, entry.original_title))
        found = matcher.match_keys(keys, entry.year, entry.directors).film_id
        if found is None:
            film = Film(id=ids.mint(slugify(entry.title), entry.year), title=entry.title, year=entry.year,
                        original_title=entry.original_title, directors=entry.directors)  # fmt: skip
        elif known[found].recorded:
            film = known[found]
        else:
            film = _enriched(known[found], entry)
        known[film.id] = films[film.id] = film
        matcher.know_keys(film.id, film.year, keys, film.directors)
        film_ids.append(film.id)
    return Linked(film_ids, films)


class _Ids:
    """Minting unique film ids: the slug, else the slug and the year, else a counter after it
    (remembered per slug and year, so that ten thousand films of one title cost no more than ten)."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = taken
        self._next: dict[str, int] = {}

    def mint(self, slug: str, year: int) -> str:
        candidate = slug if slug not in self.taken else f"{slug}-{year}"
        if candidate in self.taken:
            base = candidate
            counter = self._next.get(base, 2)
            while f"{base}-{counter}" in self.taken:
                counter += 1
            candidate = f"{base}-{counter}"
            self._next[base] = counter + 1
        self.taken.add(candidate)
        return candidate


def _enriched(film: Film, entry: EntryToLink) -> Film:
    """A film no record knows, with what one more list says of it: an original title or directors
    where it had none, and the list's title as one more title it is known by."""
    names = {title_key(name) for name in (film.title, *film.other_titles)}
    other_titles = film.other_titles + ((entry.title,) if title_key(entry.title) not in names else ())
    return film._replace(
        original_title=film.original_title or entry.original_title,
        directors=film.directors or entry.directors,
        other_titles=other_titles,
    )


def named(film: Film, naming: Naming) -> Film:
    """The film with its directors shown as ``naming`` names them (a record's stay as they are)."""
    if film.recorded or not film.directors:
        return film
    return film._replace(
        directors=tuple(dict.fromkeys(naming.shown.get(name, name) for name in film.directors))
    )


# ---------------------------------------------------------------- the whole catalogue


def list_entries(data: Mapping[str, Any]) -> list[EntryToLink]:
    """What linking reads of a checked list's entries."""
    return [
        EntryToLink(
            raw["title"], raw["year"], raw.get("original_title") or "", tuple(raw.get("directors") or ())
        )
        for raw in data["films"]
    ]


def build_catalog(
    records: Records,
    readings: Sequence[tuple[str, bool, Mapping[str, Any] | None, list[Problem]]],
    refused: Iterable[SkippedFile] = (),
) -> Catalog:
    """The catalogue from the records and every list file's reading: (source, bundled?, checked data
    or None, problems), bundled first, each in reading order. ``refused`` are the files left out
    before reading (an unreadable folder, a name that is not UTF-8). A broken bundled file is the
    caller's to refuse."""
    files, by_source = [], {}
    for source, bundled, data, problems in readings:
        if data is None or problems:
            first = problems[0]
            skipped = SkippedFile(first.path, first.line, first.message, len(problems) - 1)
            files.append(ListFile(source, bundled, None, 0, skipped))
            continue
        by_source[source] = data
        files.append(ListFile(source, bundled, data["id"], getattr(data, "key_lines", {}).get("id", 0)))
    placed, skipped = arrange(files)
    entries = [entry for each in placed for entry in list_entries(by_source[each.source])]
    linked = link(records.films, entries)
    naming = name_directors(RecordDirectors(records), (name for entry in entries for name in entry.directors))
    films = {film_id: named(film, naming) for film_id, film in linked.films.items()}
    film_ids = iter(linked.film_ids)
    themes = []
    for each in placed:
        data = by_source[each.source]
        listed = []
        for rank, raw in enumerate(data["films"], start=1):
            film_id = next(film_ids)
            correction = records.corrections.get((each.theme_id, film_id))
            description, fact = raw.get("description") or "", raw.get("fact") or ""
            listed.append(
                ListEntry(
                    each.theme_id, rank, raw["title"], raw["year"], description, fact, film_id, correction
                )
            )
        themes.append(Theme(each.theme_id, data["name"], data.get("intro") or "", tuple(listed), each.source,
                            each.bundled, each.replaces_bundled))  # fmt: skip
    film_themes = index_film_themes(tuple(themes))
    return Catalog(
        themes=tuple(themes),
        films={film_id: films[film_id] for film_id in film_themes},
        film_themes=film_themes,
        director_spellings=naming.spellings,
        skipped=(*refused, *sorted(skipped, key=lambda each: Path(each.path).name)),
    )
