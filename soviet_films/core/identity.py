"""Film identity: when two mentions of a film are the same film. The one home of the rule.

Linking list entries (``core.linking``), an import's preview, the viewing log, Letterboxd rows and
the cache's incremental update all ask this module, so they give the same answers.

- **One spelling for matching.** A title or a name is compared in one Latin spelling: folded (case,
  accents, quotes, punctuation), without a leading article, Cyrillic transliterated, and the ways
  Latin spellings of one Russian word differ made one (``Roublev``/``Rublev``/``Рублёв``,
  ``Solyaris``/``Solaris``, ``Potyomkin``/``Potemkin``, ``Tarkovskiy``/``Tarkovsky``).
- **The rule.** A mention joins a known film when one of its titles (title, original title) has a
  key the film is known by, the years are equal or one apart and no other such film is as near,
  and the directors agree where both sides give them (by surname, in that one spelling).
- **Keys.** ``link_keys`` are what a change must be linked together with: the title keys and the
  stem of the id a new film would get. Two mentions that share no key never affect each other.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import NamedTuple

from soviet_films.core.text import fold, slugify, strip_article
from soviet_films.model import Film

# Russian (and Ukrainian) letters in the one Latin spelling; after ``fold``, so й is и and ё is е.
_LATIN = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sch", "ъ": "", "ы": "y",
    "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "i", "є": "e", "ґ": "g",
})  # fmt: skip
# The rule's edition: whatever keeps keys made by this module (the cache) is rebuilt when it changes.
RULES = 3

# Latin spellings of one sound made one, in this order: digraphs, then vowels after a soft sign or
# a glide (Solyaris/Solaris, Riazanov/Ryazanov, Soloviev/Solovyov), then the last letters.
_DIGRAPHS = (("shch", "sch"), ("dzh", "j"), ("dj", "j"), ("zh", "j"), ("kh", "h"), ("ph", "f"), ("w", "v"),
             ("tz", "ts"), ("x", "ks"), ("ck", "k"), ("q", "k"), ("ou", "u"), ("gh", "g"))  # fmt: skip
_Y_GLIDES = re.compile(r"y([aeou])")
_I_GLIDES = re.compile(r"i([aeu])")
_GLIDE_VOWEL = {"a": "a", "e": "e", "o": "e", "u": "u"}
_FINAL = re.compile(r"(?:[iy]+[jy]?|j)$")
_DOUBLE = re.compile(r"(.)\1")
_CYRILLIC = re.compile("[\u0400-\u04ff]")


@functools.lru_cache(maxsize=65536)
def spelling(word: str) -> str:
    """One folded word in the one Latin spelling: 'рублёв', 'roublev' and 'rublyov' -> 'rublev'."""
    word = word.translate(_LATIN) if _CYRILLIC.search(word) else word
    for old, new in _DIGRAPHS:
        if old in word:
            word = word.replace(old, new)
    if "y" in word or "i" in word:
        word = _I_GLIDES.sub(r"\1", _Y_GLIDES.sub(lambda m: _GLIDE_VOWEL[m[1]], word))
        word = _FINAL.sub("i", word).replace("y", "i")
    return _DOUBLE.sub(r"\1", word)


@functools.lru_cache(maxsize=65536)
def title_key(title: str) -> str:
    """The key a title is matched by: folded, without a leading article, in the one spelling."""
    return " ".join(spelling(word) for word in strip_article(fold(title)).split())


@functools.lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A person's name as matched: folded, every word in the one spelling (no article is dropped:
    'A. Tarkovsky' keeps its initial)."""
    return " ".join(spelling(word) for word in fold(name).split())


def title_keys(titles: Iterable[str]) -> frozenset[str]:
    """The keys of these titles (empty titles left out)."""
    return frozenset(key for key in map(title_key, filter(None, titles)) if key)


@functools.lru_cache(maxsize=65536)
def surname_key(name: str) -> str:
    """A director as compared: the last word of the name in the one spelling ('A. Tarkovsky',
    'Андрей Тарковский' and 'Andrey Tarkovskiy' -> 'tarkovski')."""
    words = fold(name).split()
    return spelling(words[-1]) if words else ""


def surname_keys(names: Iterable[str]) -> frozenset[str]:
    """The surname keys of these names."""
    return frozenset(key for key in map(surname_key, names) if key) if names else _NONE


_NONE: frozenset[str] = frozenset()


def id_stem(film_id: str) -> str:
    """What ids made from one title share: the id without the year and counter added to make it
    unique ('mirror-1975-2' -> 'mirror'; 'winter-12-3' stays as it is)."""
    return _MINTED.sub("", film_id) or film_id


_MINTED = re.compile(r"-(?:1[89]|2[01])\d\d(?:-\d+)?$")


def link_keys(
    title: str, original_title: str = "", directors: Iterable[str] = (), year: int | None = None
) -> frozenset[str]:
    """The keys a list entry is linked by: its titles' keys, the stem of the id a new film of that
    title gets, and, for each director it names, the surname in each year a recorded film it could
    join by its director stands in (``by:`` keys, which a store looks records up by, never other
    entries). Entries that share none of them, directly or through a record, never change each
    other's film."""
    keys = title_keys((title, original_title)) | {"id:" + id_stem(slugify(title))}
    if year is not None:
        keys |= {
            f"by:{surname}:{near}"
            for surname in surname_keys(directors)
            for near in (year - 1, year, year + 1)
        }
    return keys


def film_link_keys(
    film_id: str, titles: Iterable[str], directors: Iterable[str] = (), year: int | None = None
) -> frozenset[str]:
    """The keys a known film (a record) is linked by: its titles' keys, its id's stem, and its
    directors' surnames in its year (``by:`` keys)."""
    keys = title_keys(titles) | {"id:" + id_stem(film_id)}
    if year is not None:
        keys |= {f"by:{surname}:{year}" for surname in surname_keys(directors)}
    return keys


def only_title_keys(keys: Iterable[str]) -> frozenset[str]:
    """The title keys among link keys (not an id's stem, nor a director's ``by:`` key)."""
    return frozenset(key for key in keys if not key.startswith(("id:", "by:")))


def record_titles(film: Film) -> tuple[str, ...]:
    """Every title a film (a record, or a film the lists name) is known by."""
    return (film.title, film.original_title, film.transliteration, *film.other_titles)


def _agree(given: frozenset[str], surnames: frozenset[str]) -> bool:
    """Whether two sets of directors' surname keys name one director: the same key, or two that
    differ by a letter or two in a long name ("eisenstein" and "eizenshtein": one Russian name in
    two Latin spellings no rule makes one)."""
    if given & surnames:
        return True
    return any(_close(a, b) for a in given for b in surnames)


def _close(a: str, b: str) -> bool:
    if a[:1] != b[:1] or min(len(a), len(b)) < 6 or abs(len(a) - len(b)) > 2 or a + "a" == b or b + "a" == a:
        return False  # Ivanov and Ivanova are two people
    most = 2 if min(len(a), len(b)) >= 9 else 1
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, start=1):
        current = [i]
        for j, other in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other)))
        if min(current) > most:
            return False
        previous = current
    return previous[-1] <= most


class Known(NamedTuple):
    """A film as the matcher knows it: its id, its year, and its directors' surname keys."""

    film_id: str
    year: int
    surnames: frozenset[str]
    order: int = 0  # how many films were known before it: the records come first


class Match(NamedTuple):
    """Which film a mention joins (None: none), and a film it nearly matched (the same title two or
    more years apart, two films as near, or the same year and a title one word off), for a note;
    ``why`` it joins none: "none" (no film of that title), "ambiguous" (two as near), "year" (the
    nearest two or more years off), "director" (a film no record describes, with a director, the
    year and a title word in common: perhaps another translation, a near match only); or why it
    joins one: "" (a title), "director" (the one recorded film of its director within a year that
    shares a title word), "director-year" (the one recorded film of its director within a year)."""

    film_id: str | None
    near: str | None
    why: str = ""
    absorbs: tuple[str, ...] = ()  # reference records the film joined is the same film as


class Matcher:
    """The films known so far, by every title key they are known by. ``match`` applies the rule."""

    def __init__(self, reference: Callable[[str], bool] = lambda film_id: False) -> None:
        # A reference record (an open record no list names yet) that fits a mention as well as a
        # film a list names is that film, not a reason to make a third.
        self._reference = reference
        self._recorded: set[str] = set()  # films a record (the editors' or an open one) describes
        self._known: dict[str, Known] = {}
        self._by_key: dict[str, set[str]] = {}
        self._keys_of: dict[str, set[str]] = {}
        self._by_year: dict[int, list[str]] = {}

    def know(
        self,
        film_id: str,
        year: int,
        titles: Iterable[str],
        directors: Iterable[str] = (),
        recorded: bool = False,
    ) -> None:
        """Know ``film_id`` (again: its year stays the first one given) by ``titles`` too, and by
        ``directors`` where it had none; ``recorded``: a record describes it, so a mention may join
        it by its director and year (see ``match``)."""
        self.know_keys(film_id, year, title_keys(titles), directors, recorded)

    def know_keys(
        self,
        film_id: str,
        year: int,
        keys: Iterable[str],
        directors: Iterable[str] = (),
        recorded: bool = False,
    ) -> None:
        """``know``, with the titles' keys made already."""
        if recorded:
            self._recorded.add(film_id)
        known = self._known.get(film_id)
        if known is None:
            known = self._known[film_id] = Known(film_id, year, surname_keys(directors), len(self._known))
            self._by_year.setdefault(year, []).append(film_id)
        elif not known.surnames:
            self._known[film_id] = known._replace(surnames=surname_keys(directors))
        for key in keys:
            self._by_key.setdefault(key, set()).add(film_id)
            self._keys_of.setdefault(film_id, set()).add(key)

    def rename(self, old_id: str, new_id: str) -> None:
        """Know the film ``old_id`` as ``new_id`` from now on, by every key it had (its place in
        the order of films known stays)."""
        known = self._known.pop(old_id)
        self._known[new_id] = known._replace(film_id=new_id)
        if old_id in self._recorded:
            self._recorded.add(new_id)
        self._by_year[known.year] = [new_id if f == old_id else f for f in self._by_year.get(known.year, ())]
        for key in self._keys_of.pop(old_id, set()):
            ids = self._by_key[key]
            ids.discard(old_id)
            ids.add(new_id)
            self._keys_of.setdefault(new_id, set()).add(key)

    def merge(self, old_id: str, into_id: str) -> None:
        """Know the film ``old_id`` as part of ``into_id``: by its keys too, and no longer alone."""
        known = self._known.pop(old_id)
        self._by_year[known.year] = [f for f in self._by_year.get(known.year, ()) if f != old_id]
        into = self._known[into_id]
        if old_id in self._recorded:
            self._recorded.add(into_id)
        if not into.surnames:
            self._known[into_id] = into._replace(surnames=known.surnames)
        for key in self._keys_of.pop(old_id, set()):
            ids = self._by_key[key]
            ids.discard(old_id)
            ids.add(into_id)
            self._keys_of.setdefault(into_id, set()).add(key)

    def __contains__(self, film_id: object) -> bool:
        return film_id in self._known

    def match(
        self, titles: Iterable[str], year: int | None, directors: Iterable[str] = (), near: bool = False
    ) -> Match:
        """The one film a mention with these titles, year and directors names (see the module);
        with ``near``, when it names none, a film it nearly matched (looking costs a pass over every
        key)."""
        return self.match_keys(title_keys(titles), year, directors, near)

    def match_keys(
        self, keys: frozenset[str], year: int | None, directors: Iterable[str] = (), near: bool = False
    ) -> Match:
        """``match``, with the titles' keys made already."""
        ids = {film_id for key in keys for film_id in self._by_key.get(key, ())}
        if year is None:
            return Match(None, min(ids) if ids and near else None, "none")
        given = surname_keys(directors)
        known = [self._known[film_id] for film_id in sorted(ids)]
        close = [
            k
            for k in known
            if abs(k.year - year) <= 1 and (not given or not k.surnames or _agree(given, k.surnames))
        ]
        if close:
            nearest = min(abs(k.year - year) for k in close)
            closest = [k for k in close if abs(k.year - year) == nearest]
            if len(closest) == 1:
                return Match(closest[0].film_id, None)
            listed = [k for k in closest if not self._reference(k.film_id)]
            if len(listed) == 1:
                return Match(
                    listed[0].film_id, None, "", tuple(k.film_id for k in closest if k not in listed)
                )
            agreeing = [k for k in closest if _agree(given, k.surnames)]
            if len(agreeing) == 1:
                return Match(agreeing[0].film_id, None)
            if len({k.year for k in closest}) == 1 and self._bridged(keys, closest):
                # One mention gives each of these films' titles ("Служебный роман (Office Romance)"):
                # they are one film, the first known.
                first = min(closest, key=lambda k: k.order)
                return Match(first.film_id, None, "", tuple(k.film_id for k in closest if k is not first))
            if not given and len({k.year for k in closest}) == 1:
                # Films of one title and year that differ by their directors (a list that names the
                # wrong one made the second): a mention naming no director means the first known,
                # never a third film. Two years as near (1970 and 1972 for 1971) stay ambiguous.
                return Match(min(closest, key=lambda k: k.order).film_id, None)
            return Match(None, closest[0].film_id, "ambiguous")
        far = [k for k in known if abs(k.year - year) > 1]
        if far:
            return Match(None, min(far, key=lambda k: abs(k.year - year)).film_id, "year")
        if not near:
            return Match(None, None, "none")
        by_director = self._by_director_and_word(keys, year, given) if given else None
        if by_director is not None:
            return Match(None, by_director, "director")
        return Match(None, self._one_word_off(keys, year), "none")

    def _bridged(self, keys: frozenset[str], films: list[Known]) -> bool:
        """Whether the mention names these films by different titles, none by a title they all
        have: it shows them to be one (where they share the title, it cannot tell them apart)."""
        shared = set.intersection(*(self._keys_of.get(k.film_id, set()) & keys for k in films))
        return not shared

    def recorded_by_director(
        self, titles: Iterable[str], year: int, directors: Iterable[str]
    ) -> Match | None:
        """The one recorded film of a director the mention names, a year equal or one apart, whose
        title shares a word (of four letters or more) with the mention's ("director"); else the one
        recorded film of that director within a year at all ("director-year"). For an import to give
        the entry that film's title, so that linking joins it by a title, with a note; None when
        there is no one such film."""
        keys, given = title_keys(titles), surname_keys(directors)
        films = [
            film_id
            for near_year in (year - 1, year, year + 1)
            for film_id in self._by_year.get(near_year, ())
            if film_id in self._recorded and _agree(given, self._known[film_id].surnames)
        ]
        words = {word for key in keys for word in key.split() if len(word) >= 4}
        sharing = [
            film_id
            for film_id in films
            if any(words & set(key.split()) for key in self._keys_of.get(film_id, ()))
        ]
        if len(sharing) == 1:
            return Match(sharing[0], None, "director")
        if not sharing and len(films) == 1:
            return Match(films[0], None, "director-year")
        return None

    def _by_director_and_word(self, keys: frozenset[str], year: int, given: frozenset[str]) -> str | None:
        """The one film of a director the mention names, a year equal or one apart, whose title
        shares a word (of four letters or more) with the mention's: perhaps another translation of
        one title ("The Elusive Avengers", "The Uncatchable Avengers"). A near match only: joining
        by it would tie every film of a director into one linking component (see the README)."""
        words = {word for key in keys for word in key.split() if len(word) >= 4}
        if not words:
            return None
        found = {
            film_id
            for near_year in (year - 1, year, year + 1)
            for film_id in self._by_year.get(near_year, ())
            if given & self._known[film_id].surnames
            and any(words & set(key.split()) for key in self._keys_of.get(film_id, ()))
        }
        return found.pop() if len(found) == 1 else None

    def _one_word_off(self, keys: frozenset[str], year: int) -> str | None:
        for key in sorted(keys):
            words = set(key.split())
            for name, film_ids in self._by_key.items():
                other = set(name.split())
                added_or_dropped = len(words ^ other) == 1 and min(len(words), len(other)) >= 1
                replaced = len(words) == len(other) >= 2 and len(words - other) == 1
                if added_or_dropped or replaced:
                    for film_id in sorted(film_ids):
                        if self._known[film_id].year == year:
                            return film_id
        return None

    def known_titles(self) -> set[str]:
        """Every title key a known film has."""
        return set(self._by_key)
