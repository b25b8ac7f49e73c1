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

OPEN = "open:"  # the ids of open records no list names yet (``store.open_records``)


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


def link(
    records: Iterable[Film],
    entries: Iterable[EntryToLink],
    record_keys: Mapping[str, frozenset[str]] | None = None,
) -> Linked:
    """Link ``entries`` (in catalogue order) to the ``records``' films and to each other (see the
    module). A store linking part of the catalogue passes the records that part could name.
    ``record_keys``: records' title keys made already, by id. An open record shares no title with
    any entry is left out at once: only a title joins an entry to one."""
    entries = list(entries)
    record_keys = record_keys or {}
    named = {key for entry in entries for key in _keys_of(entry)}
    matcher = Matcher(reference=lambda film_id: film_id.startswith(OPEN))
    known: dict[str, Film] = {}
    for record in records:
        keys = record_keys.get(record.id) or title_keys(record_titles(record))
        if record.id.startswith(OPEN) and not keys & named:
            continue
        matcher.know_keys(record.id, record.year, keys, record.directors, recorded=True)
        known[record.id] = record
    ids = _Ids(set(known))
    film_ids: list[str] = []
    films: dict[str, Film] = {}
    alias: dict[str, str] = {}  # a film found to be another, earlier one
    order: dict[str, int] = {}  # films in order of first appearance
    for entry in entries:
        keys = _keys_of(entry)
        match = matcher.match_keys(keys, entry.year, entry.directors)
        found = match.film_id
        if found is None:
            film = Film(id=ids.mint(slugify(entry.title), entry.year), title=entry.title, year=entry.year,
                        original_title=entry.original_title, directors=entry.directors)  # fmt: skip
        elif known[found].recorded:
            film = known[found]
        elif known[found].id.startswith(OPEN):
            # The first list to name an open record's film gives it its title, year and id; the
            # record gives the rest, and is known by that id from now on.
            film = _from_open_record(known[found], entry, ids.mint(slugify(entry.title), entry.year))
            matcher.rename(found, film.id)
            del known[found]
        else:
            film = _enriched(known[found], entry)
        order.setdefault(film.id, len(order))
        for other_id in match.absorbs:  # a film this entry shows to be the same film
            other_id = alias.get(other_id, other_id)
            if other_id == film.id or other_id not in known or film.recorded or known[other_id].recorded:
                continue
            if other_id.startswith(OPEN):
                film = _joined(film, known.pop(other_id))
                matcher.merge(other_id, film.id)
                continue
            # Two films of the lists, one joined to an open record: one film, the first one seen.
            first, second = (
                (known[other_id], film) if order[other_id] < order[film.id] else (film, known[other_id])
            )
            film = _merged(first, second)
            alias[second.id] = first.id
            matcher.merge(second.id, first.id)
            del known[second.id]
            films.pop(second.id, None)
        order.setdefault(film.id, len(order))
        known[film.id] = films[film.id] = film
        matcher.know_keys(film.id, film.year, keys, film.directors)
        film_ids.append(film.id)
    return Linked([_resolved(alias, film_id) for film_id in film_ids], films)


def claimed(films: Iterable[Film]) -> list[Film]:
    """The films the lists name that an open record describes: their directors are named as the
    records name them, as the editors' are."""
    return [film for film in films if film.record and not film.recorded]


def _keys_of(entry: EntryToLink) -> frozenset[str]:
    return entry.keys if entry.keys is not None else title_keys((entry.title, entry.original_title))


def _resolved(alias: dict[str, str], film_id: str) -> str:
    while film_id in alias:
        film_id = alias[film_id]
    return film_id


def _merged(first: Film, second: Film) -> Film:
    """Two films of the lists that are one: the first's title, year and id, every title either
    is known by, and the open record's facts whichever was joined to it."""
    film = first
    if second.record and not first.record:
        record = second._replace(title=second.original_title or second.title, original_title="")
        film = _joined(first, record)
    known = {title_key(text) for text in (film.title, film.original_title, *film.other_titles)}
    more = [t for t in (second.title, *second.other_titles) if t and title_key(t) not in known]
    return film._replace(
        other_titles=(*film.other_titles, *dict.fromkeys(more)),
        original_title=film.original_title or second.original_title,
        directors=film.directors or second.directors,
    )


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


def _from_open_record(record: Film, entry: EntryToLink, film_id: str) -> Film:
    """A film a list names, joined to an open record: the list's title and year, the record's
    facts."""
    film = Film(id=film_id, title=entry.title, year=entry.year, original_title=entry.original_title,
                directors=entry.directors)  # fmt: skip
    return _joined(film, record)


def _joined(film: Film, record: Film) -> Film:
    """A film no editor's record knows, with the facts of the open record it is: the record's
    directors, studio, runtime and ids, and its Russian title as the original title (the list's
    own stays one more title it is known by)."""
    titles = [*film.other_titles]
    known = {title_key(text) for text in (film.title, *titles)}
    for text in (film.original_title, record.title, record.original_title):
        if text and title_key(text) not in known:
            titles.append(text)
            known.add(title_key(text))
    original = record.original_title or record.title
    return film._replace(
        original_title=original,
        transliteration=record.transliteration,
        other_titles=tuple(t for t in titles if title_key(t) != title_key(original)),
        directors=record.directors or film.directors,
        studio=record.studio,
        imdb=record.imdb,
        runtime=record.runtime,
        wikidata=record.wikidata,
        tmdb=record.tmdb,
        record=record.record,
    )


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


def with_open_records(
    records: Records, open_films: Sequence[Film], open_keys: Mapping[str, frozenset[str]]
) -> Records:
    """The editors' records and the open ones (``open_keys``: their title keys, by id): an open
    record of a film the editors hold (the same IMDb id, or a title in common and a year at most
    one apart) gives that record only what it lacks (runtime, Wikidata and TMDB ids); the
    editors' facts win."""
    by_imdb = {film.imdb: index for index, film in enumerate(records.films) if film.imdb}
    by_key: dict[str, list[int]] = {}
    for index, film in enumerate(records.films):
        for key in title_keys(record_titles(film)):
            by_key.setdefault(key, []).append(index)
    films = list(records.films)
    kept = []
    for film in open_films:
        same = by_imdb.get(film.imdb) if film.imdb else None
        if same is None:
            near = {i for key in open_keys.get(film.id, ()) for i in by_key.get(key, ())}
            same = next((i for i in sorted(near) if abs(films[i].year - film.year) <= 1), None)
        if same is None:
            kept.append(film)
            continue
        held = films[same]
        films[same] = held._replace(
            runtime=held.runtime or film.runtime,
            wikidata=held.wikidata or film.wikidata,
            tmdb=held.tmdb or film.tmdb,
            record=held.record or film.record,
        )
    keys = {film.id: open_keys[film.id] for film in kept if film.id in open_keys}
    return records._replace(films=(*films, *kept), title_keys=keys)


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
    linked = link(records.films, entries, records.title_keys)
    # The records' directors name a list's: the editors', and those of the open records the lists name.
    editors = records._replace(
        films=(*(film for film in records.films if film.recorded), *claimed(linked.films.values()))
    )
    naming = name_directors(RecordDirectors(editors), (name for entry in entries for name in entry.directors))
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
