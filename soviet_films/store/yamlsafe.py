"""A bounded, safe YAML reader for list files that may come from strangers.

It builds plain Python data from the parser's events, so it never constructs arbitrary
objects, and it fails fast, before anything walks the data, on what a hostile file can
use against a YAML loader: explicit tags (``!!python/object/apply``), anchors and aliases
("billion laughs"), deep nesting (libyaml's recursive composer can overflow the C stack),
and duplicate keys. (Oversized input and text that is not UTF-8 are refused before, by
``files.read_bounded``.) Every mapping and sequence remembers the line of each item, so
validation can say ``file:line: message``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from soviet_films.errors import FileProblems, Problem
from soviet_films.store.files import read_bounded

MAX_DEPTH = 16
# 4 MiB of the smallest entries a list file can hold is about 650,000 values; more is not a list.
MAX_NODES = 2_000_000
# A whole number longer than this is no year (and Python refuses to read 4,301 digits at all).
MAX_DIGITS = 18

# Tags a list file may spell out; anything else is refused, never constructed.
_SAFE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


class Mapping(dict):
    """A dict that remembers the line of each key, and its own line."""

    line: int = 0
    key_lines: dict[str, int]


class Sequence(list):
    """A list that remembers the line of each item, and its own line."""

    line: int = 0
    item_lines: list[int]


class Scalar(str):
    """Marks a value that YAML 1.1 would have read as something other than text.

    ``loaded`` is what PyYAML's safe loader would give (False for ``No``, 80 for ``1:20``);
    the schema decides whether that type is acceptable.
    """

    loaded: Any


def load(text: str, source: str = "<text>") -> Any:
    """Parse one YAML document into dicts, lists and scalars, refusing anything unsafe.

    Raises FileProblems with the line and the reason, naming ``source``.
    """
    try:
        return _load(text)
    except _Refused as refused:
        raise FileProblems([Problem(source, refused.line, refused.message)]) from None


def read_file(path: Path) -> Any:
    """Read one list or records file (a regular file only) through the safe, bounded loader.

    Raises FileProblems naming the file, the line and the problem.
    """
    from soviet_films.store.files import open_for_reading

    with open_for_reading(path) as stream:
        try:
            text = read_bounded(stream, str(path))
        except OSError as error:
            raise FileProblems([Problem(str(path), 0, f"cannot read: {error.strerror or error}")]) from None
    return load(text, str(path))


class _Refused(Exception):
    def __init__(self, message: str, line: int | None = None):
        self.message = message
        self.line = line or 0


def _load(text: str) -> Any:
    import yaml  # imported here: only a cache miss or a user file pays for yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    resolver = yaml.resolver.Resolver()
    constructor = yaml.constructor.SafeConstructor()
    stack: list[Any] = []
    pending_keys: list[Any] = []
    root: Any = None
    nodes = 0

    def add(value: Any, line: int) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        parent = stack[-1]
        if isinstance(parent, Sequence):
            parent.append(value)
            parent.item_lines.append(line)
        elif pending_keys[-1] is _NO_KEY:
            if not isinstance(value, str) or isinstance(value, Scalar):
                raise _Refused("mapping keys must be plain words", line)
            if value in parent:
                raise _Refused(f"duplicate key '{value}' (first on line {parent.key_lines[value]})", line)
            pending_keys[-1] = value
            parent.key_lines[value] = line
        else:
            parent[pending_keys[-1]] = value
            pending_keys[-1] = _NO_KEY

    try:
        for event in yaml.parse(text, Loader=loader):
            line = event.start_mark.line + 1 if event.start_mark else 0
            kind = type(event).__name__
            if kind in ("StreamStartEvent", "StreamEndEvent", "DocumentEndEvent"):
                continue
            if kind == "DocumentStartEvent":
                if root is not None:
                    raise _Refused("more than one YAML document in the file", line)
                continue
            if kind == "AliasEvent" or getattr(event, "anchor", None):
                raise _Refused("anchors and aliases (&, *) are not allowed in list files", line)
            nodes += 1
            if nodes > MAX_NODES:
                raise _Refused(f"more than {MAX_NODES} values; not a list file", line)
            tag = getattr(event, "tag", None)
            if tag and tag != "!" and _expand(tag) not in _SAFE_TAGS:
                raise _Refused(f"the tag {tag} is not allowed in list files", line)
            if kind in ("MappingStartEvent", "SequenceStartEvent"):
                if len(stack) >= MAX_DEPTH:
                    raise _Refused(f"nested deeper than {MAX_DEPTH} levels", line)
                container: Any = Mapping() if kind == "MappingStartEvent" else Sequence()
                container.line = line
                if isinstance(container, Mapping):
                    container.key_lines = {}
                else:
                    container.item_lines = []
                add(container, line)
                stack.append(container)
                pending_keys.append(_NO_KEY)
            elif kind in ("MappingEndEvent", "SequenceEndEvent"):
                stack.pop()
                pending_keys.pop()
            elif kind == "ScalarEvent":
                add(_scalar(event, resolver, constructor, yaml), line)
    except yaml.YAMLError as error:
        raise _Refused(f"not valid YAML: {_one_line(error)}", _line_of(error, text)) from None
    return root


def _one_line(error: Any) -> str:
    """libyaml's message without its second line (``in "<unicode string>", position 97``)."""
    problem = getattr(error, "problem", None) or str(error)
    return " ".join(str(problem).split("\n")[0].split())


def _line_of(error: Any, text: str) -> int | None:
    mark = getattr(error, "problem_mark", None)
    if mark is not None:
        return mark.line + 1
    position = getattr(error, "position", None)  # a ReaderError knows only the character's index
    return text.count("\n", 0, position) + 1 if isinstance(position, int) else None


class _NoKey:
    pass


_NO_KEY = _NoKey()


def _expand(tag: str) -> str:
    return "tag:yaml.org,2002:" + tag[2:] if tag.startswith("!!") else tag


def _scalar(event: Any, resolver: Any, constructor: Any, yaml: Any) -> Any:
    """Text stays text; a plain scalar YAML 1.1 reads as another type is marked as such."""
    value = event.value
    explicit = event.tag and event.tag != "!"
    if event.style and not explicit:  # quoted or a block: text, whatever it looks like
        return value
    tag = _expand(event.tag) if explicit else resolver.resolve(yaml.ScalarNode, value, event.implicit)
    if tag == "tag:yaml.org,2002:str":
        return value
    if tag == "tag:yaml.org,2002:int" and value.lstrip("+-").isdigit() and len(value) <= MAX_DIGITS:
        return int(value)
    if tag == "tag:yaml.org,2002:null":
        return None
    marked = Scalar(value)
    try:
        marked.loaded = constructor.construct_object(yaml.ScalarNode(tag, value))
    except Exception:  # a malformed timestamp and the like: keep the text, mark it unusable
        marked.loaded = value
    return marked
