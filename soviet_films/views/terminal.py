"""The terminal view, for people: rich tables and panels, colour, wrapped to the screen.

Every string from the data reaches rich as ``Text``, never as markup, and passes through
``visible`` first, so a list file can neither style the output nor send escape sequences.
rich is imported inside each method: the plain and JSON paths never pay for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from soviet_films.errors import Problem
from soviet_films.model import FilmCard, ImportedList, Listing, Places, SearchHit, Stats, Theme
from soviet_films.views.fields import film_fields, place_rows
from soviet_films.views.safe import visible

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

VERDICTS = {"false": "the list's fact is wrong", "partly": "the list's fact is partly wrong"}
FIELD_LABELS = {
    "id": "ID",
    "original_title": "Original title",
    "transliteration": "Transliteration",
    "other_titles": "Also known as",
    "directors": "Directed by",
    "studio": "Studio",
    "released": "Released",
    "imdb": "IMDb",
    "note": "Note",
}


def _text(value: object, style: str = "") -> Text:
    from rich.text import Text

    return Text(visible(str(value), keep_newlines=True), style=style)


def _labelled(label: str, value: str, style: str = "") -> Text:
    from rich.text import Text

    text = Text()
    text.append(label, style=f"bold {style}".strip())
    text.append(visible(value, keep_newlines=True), style=style)
    return text


class TerminalView:
    """Tables and panels for a person at a terminal."""

    def themes(self, themes: list[Theme]) -> RenderableType:
        """A table of themes: name and id, number of films, and the intro."""
        from rich.table import Table

        table = Table(show_lines=True, expand=True)
        table.add_column("Theme", no_wrap=True)
        table.add_column("Films", justify="right")
        table.add_column("About", ratio=1)
        for theme in themes:
            name = _labelled(f"{theme.name}\n", theme.id, "")
            if theme.replaces_bundled:
                name.append("\n(yours, replaces the bundled list)", style="dim")
            elif not theme.bundled:
                name.append("\n(yours)", style="dim")
            table.add_row(name, _text(len(theme.entries)), _text(theme.intro))
        return table

    def listing(self, listing: Listing) -> RenderableType:
        """A table of films: place in the theme (if one), id, title, year, directors, themes."""
        from rich.table import Table

        rows, with_themes = listing.rows, listing.theme is None
        title = listing.theme.name if listing.theme is not None else ""
        table = Table(title=_text(title, "bold") if title else None, expand=False)
        ranked = any(row.rank is not None for row in rows)
        if ranked:
            table.add_column("#", justify="right", style="dim")
        table.add_column("ID", style="cyan", no_wrap=True)
        table.add_column("Title", style="bold")
        table.add_column("Year", justify="right", no_wrap=True)
        table.add_column("Directed by")
        if with_themes:
            table.add_column("Themes")
        for row in rows:
            cells = [
                _text(row.film.id),
                _text(row.title),
                _text(row.year),
                _text(", ".join(row.film.directors) or "—"),
            ]
            if ranked:
                cells.insert(0, _text(row.rank if row.rank is not None else ""))
            if with_themes:
                cells.append(_text(", ".join(row.themes)))
            table.add_row(*cells)
        return table

    def film_card(self, card: FilmCard) -> RenderableType:
        """The film's card, then a panel for every theme that names it."""
        from rich.console import Group
        from rich.panel import Panel
        from rich.table import Table

        film = card.film
        fields = Table.grid(padding=(0, 2))
        fields.add_column(style="dim", no_wrap=True)
        fields.add_column()
        for label, value in film_fields(film):
            fields.add_row(_text(FIELD_LABELS[label]), _text(value, "yellow" if label == "note" else ""))
        heading = _labelled(film.title, f" ({film.year})")
        parts: list[RenderableType] = [Panel(fields, title=heading, title_align="left", border_style="blue")]
        for theme, entry in ((a.theme, a.entry) for a in card.appearances):
            body = Table.grid(padding=(0, 1))
            body.add_column()
            if (entry.title, entry.year) != (film.title, film.year):
                body.add_row(_text(f"Listed as {entry.title} ({entry.year})", "dim"))
            body.add_row(_text(entry.description))
            body.add_row(_text(""))
            body.add_row(_labelled("Fact: ", entry.fact or "(none given)"))
            if entry.correction:
                verdict = VERDICTS.get(entry.correction.verdict, entry.correction.verdict)
                body.add_row(_text(""))
                body.add_row(_labelled(f"Correction ({verdict}): ", entry.correction.text, "red"))
            title = _labelled(theme.name, f" · #{entry.rank} of {len(theme.entries)} · {theme.id}")
            parts.append(Panel(body, title=title, title_align="left"))
        return Group(*parts)

    def hits(self, hits: list[SearchHit]) -> RenderableType:
        """A table of hits with the matches highlighted in each snippet."""
        from rich.table import Table
        from rich.text import Text

        table = Table(expand=True)
        table.add_column("Film", ratio=1)
        table.add_column("Theme", no_wrap=True)
        table.add_column("Field", style="dim", no_wrap=True)
        table.add_column("Snippet", ratio=3)
        for hit in hits:
            text, spans = hit.wide_snippet.text, hit.wide_snippet.spans
            shown = Text()
            position = 0
            for start, end in spans:  # made visible piece by piece, so escapes cannot shift the spans
                shown.append(visible(text[position:start]))
                shown.append(visible(text[start:end]), style="bold yellow")
                position = end
            shown.append(visible(text[position:]))
            film = _labelled(f"{hit.film.title} ({hit.film.year})\n", hit.film.id, "")
            table.add_row(film, _text(f"#{hit.entry.rank} {hit.theme.id}"), _text(hit.field), shown)
        return table

    def stats(self, stats: Stats) -> RenderableType:
        """Films per decade as a bar chart, the directors with most films, and the overlap."""
        from rich.console import Group
        from rich.table import Table

        summary = _text(
            f"{stats.films} films in {stats.entries} entries of {stats.themes} list(s)"
            + (f"; {stats.not_films} listed work(s) that are not films" if stats.not_films else ""),
            "bold",
        )
        widest = max((count for _, count in stats.decades), default=1)
        decades = Table(title="Films per decade", title_justify="left", show_header=False, box=None)
        decades.add_column(justify="right", style="cyan", no_wrap=True)
        decades.add_column(no_wrap=True)
        decades.add_column(justify="right")
        for decade, count in stats.decades:
            decades.add_row(
                _text(decade), _text("█" * max(1, round(30 * count / widest)), "blue"), _text(count)
            )
        directors = Table(title="Directors with the most films", title_justify="left")
        directors.add_column("Director")
        directors.add_column("Films", justify="right")
        for name, count in stats.directors:
            directors.add_row(_text(name), _text(count))
        overlap = Table(title="Films in more than one list", title_justify="left")
        overlap.add_column("Film")
        overlap.add_column("Lists")
        for film, themes in stats.overlap:
            overlap.add_row(_labelled(f"{film.title} ({film.year})  ", film.id), _text(", ".join(themes)))
        parts: list[RenderableType] = [summary, _text(""), decades, _text(""), directors]
        parts += (
            [_text(""), overlap] if stats.overlap else [_text(""), _text("No film is in more than one list.")]
        )
        return Group(*parts)

    def places(self, places: Places) -> RenderableType:
        """Where sfilms reads lists from and keeps its cache."""
        from rich.table import Table

        labels = {
            "bundled": "Bundled lists",
            "records": "Film records",
            "lists": "Your lists",
            "cache": "Cache",
        }
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column(overflow="fold")
        for label, place in place_rows(places):
            table.add_row(_text(labels.get(label, label)), _text(place))
        return table

    def imported(self, imported: ImportedList) -> str:
        """A sentence: what was imported, as which id, how many films, and where."""
        sentence = (
            f"Imported '{imported.name}' as {imported.theme_id}: {imported.count} films, in {imported.path}"
        )
        return visible(sentence) + "\n"

    def problems(self, problems: list[Problem]) -> str:
        """One line per problem: file:line: message."""
        return "".join(f"{problem}\n" for problem in problems)
