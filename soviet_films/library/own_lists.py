"""Your own lists, managed: rename one, or remove it (into a ``removed`` folder beside your lists,
never deleted). Only lists in your lists folder; the ones sfilms ships are not yours to change."""

from __future__ import annotations

from pathlib import Path

from soviet_films import places
from soviet_films.errors import BadValue, FileProblems, NotYours, ThemeTaken
from soviet_films.library.session import Notes, answering, shelf
from soviet_films.model import ListChange, Theme

REMOVED_FOLDER = "removed"


def _own(notes: Notes, query: str) -> Theme:
    """The user's theme ``query`` names. Raises NotFound, Ambiguous, or NotYours for a bundled one."""
    from soviet_films.core.resolve import resolve_theme

    theme = resolve_theme(shelf(notes).for_themes(), query)
    if theme.bundled and not theme.replaces_bundled:
        raise NotYours(theme.id)
    return theme


@answering
def rename_list(
    notes: Notes, query: str, name: str | None = None, theme_id: str | None = None, replace: bool = False
) -> ListChange:
    """Give one of your lists a new name, or id (its file is then ``<id>.yaml``), or both; written
    atomically. Raises NotFound, Ambiguous, NotYours, BadValue, ThemeTaken (an id taken, without
    ``replace``), FileProblems (the file cannot be read as a list) or CannotWrite."""
    from soviet_films.core.text import slugify, valid_id
    from soviet_films.store.files import write_atomically
    from soviet_films.store.list_files import dump_list, read_list

    theme = _own(notes, query)
    if name is not None and not " ".join(name.split()):
        raise BadValue("name", name, "the list needs a name")
    new_id = theme_id if theme_id is not None else theme.id
    if not valid_id(new_id):
        example = slugify(new_id) or "my-list"
        raise BadValue("id", new_id, f"an id is lowercase letters, digits and dashes, as in --id {example}")
    path = Path(theme.source)
    data, problems = read_list(path)
    if problems:
        raise FileProblems(problems)
    if new_id != theme.id and not replace:
        taken = next((t for t in shelf(None).for_themes().themes if t.id == new_id), None)
        if taken is not None:
            raise ThemeTaken(new_id, taken.bundled and not taken.replaces_bundled)
    new_name = " ".join(name.split()) if name is not None else data["name"]
    text = dump_list(new_id, new_name, data.get("intro") or "", data["films"])
    target = path.with_name(f"{new_id}.yaml")
    write_atomically(target, text, overwrite=replace or target == path)
    if target != path:
        path.unlink()  # the new file is whole first: a crash between leaves both, never neither
    return ListChange(new_id, new_name, str(target), "")


@answering
def remove_list(notes: Notes, query: str) -> ListChange:
    """Move one of your lists into the ``removed`` folder beside your lists (kept, under a name
    that is free there). Raises NotFound, Ambiguous, NotYours or CannotWrite."""
    import os

    from soviet_films.errors import CannotWrite

    theme = _own(notes, query)
    path = Path(theme.source)
    folder = places.user_lists_dir() / REMOVED_FOLDER
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / path.name
        number = 1
        while target.exists():
            number += 1
            target = folder / f"{path.stem}-{number}{path.suffix}"
        os.rename(path, target)  # one folder inside the other: one file system, so one atomic step
    except OSError as error:
        raise CannotWrite(str(folder), error.strerror or str(error), folder=True) from None
    return ListChange(theme.id, theme.name, str(path), str(target))
