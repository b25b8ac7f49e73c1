"""The terminal view, for people: rich tables and panels, colour, wrapped to the screen.

Every string from the data reaches rich as ``Text``, never as markup, and passes through
``visible`` first, so a list file can neither style the output nor send escape sequences.
rich is imported inside each method: the plain and JSON paths never pay for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from soviet_films.errors import Problem
from soviet_films.model import (
    DiaryLine,
    FilmCard,
    HistoryImport,
    ImportedList,
    ImportPreview,
    Listing,
    Places,
    PreviewRow,
    SearchHit,
    Stats,
    ThemeList,
    WatchlistLine,
)
from soviet_films.safe import visible
from soviet_films.views.fields import film_fields, opening, place_rows, stars
from soviet_films.views.terminal_parts import (
    PADDING,
    Bars,
    as_text,
    first_sentence,
    highlighted,
    indented,
    labelled,
    longest_word,
    mark,
    progress_bar,
    records,
    responsive,
    viewing_body,
    widest,
)

if TYPE_CHECKING:
    from rich.console import RenderableType

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
    "runtime": "Runtime",
    "wikidata": "Wikidata",
    "letterboxd": "Letterboxd",
    "source": "Source",
}


class TerminalView:
    """Tables and panels for a person at a terminal.

    ``colour`` false (NO_COLOR, TERM=dumb) marks search matches with ``**`` instead of colour.
    """

    def __init__(self, colour: bool = True) -> None:
        self.colour = colour

    def themes(self, themes: ThemeList, intros: bool = False) -> RenderableType:
        """A table of themes: name and id, number of films (and your progress), and the intro's first
        sentence (``intros``: all of it), so the bundled lists fit one screen."""
        from rich.table import Table

        id_width = widest([theme.id for theme in themes.themes], 5)
        table = Table(show_lines=True, expand=True)
        table.add_column("Theme", min_width=id_width + PADDING, overflow="fold")
        table.add_column("Films", justify="right", no_wrap=True)
        table.add_column("About", ratio=1)
        blocks = []
        for theme in themes.themes:
            name = labelled(f"{theme.name}\n", theme.id, "")
            if theme.replaces_bundled:
                name.append("\n(yours, replaces the bundled list)", style="dim")
            elif not theme.bundled:
                name.append("\n(yours)", style="dim")
            count = as_text(len(theme.entries))
            progress = ""
            if themes.seen is not None:
                seen = themes.seen[theme.id]
                progress = f" · {seen} of {len(theme.entries)} seen"
                count.append(f"\n{progress_bar(seen, len(theme.entries))}\n{seen} seen", style="green")
            about = theme.intro if intros else first_sentence(theme.intro)
            table.add_row(name, count, as_text(about))
            heading = labelled(theme.name, f"  {theme.id} · {len(theme.entries)} films{progress}")
            blocks.append([heading, indented(as_text(about))])
        return responsive(table, records(blocks), needs=id_width + 5 + 24 + 10)

    def listing(self, listing: Listing) -> RenderableType:
        """A table of films: place in the theme (if one), id, title, year, directors, themes."""
        from rich.table import Table

        rows, with_themes = listing.rows, listing.theme is None
        title = listing.theme.name if listing.theme is not None else ""
        table = Table(title=as_text(title, "bold") if title else None, expand=False)
        ranked = any(row.rank is not None for row in rows)
        id_width = widest([row.film.id for row in rows], 2)
        # Text columns may wrap, but at whole words: none narrower than its longest word (or id).
        title_width = longest_word([row.title for row in rows], 5)
        director_width = longest_word([", ".join(row.film.directors) for row in rows], len("Directed"))
        themes_width = widest([theme for row in rows for theme in row.themes], 6)
        if ranked:
            table.add_column("#", justify="right", style="dim", no_wrap=True)
        table.add_column("ID", style="cyan", no_wrap=True)
        table.add_column("Title", style="bold", min_width=title_width)
        table.add_column("Year", justify="right", no_wrap=True)
        table.add_column("Directed by", min_width=director_width)
        if with_themes:
            table.add_column("Themes", min_width=themes_width + PADDING)
        viewing = listing.viewing
        if viewing is not None:
            table.add_column("You", no_wrap=True)
        blocks = []
        for row in rows:
            rank = f"#{row.rank} " if row.rank is not None else ""
            block = [
                labelled(f"{rank}{row.film.id}", f"  {row.year}", ""),
                indented(as_text(row.title, "bold")),
            ]
            if row.film.directors:
                block.append(indented(as_text(", ".join(row.film.directors))))
            if with_themes:
                block.append(indented(as_text(", ".join(row.themes), "dim")))
            if viewing is not None and mark(viewing[row.film.id]):
                block.append(indented(as_text(mark(viewing[row.film.id]), "green")))
            blocks.append(block)
            cells = [
                as_text(row.film.id),
                as_text(row.title),
                as_text(row.year),
                as_text(", ".join(row.film.directors) or "—"),
            ]
            if ranked:
                cells.insert(0, as_text(row.rank if row.rank is not None else ""))
            if with_themes:
                cells.append(as_text(", ".join(row.themes)))
            if viewing is not None:
                cells.append(as_text(mark(viewing[row.film.id]), "green"))
            table.add_row(*cells)
        # The widths the table cannot do without (each column adds 3 for its border and padding).
        needs = (5 if ranked else 0) + (id_width + 3) + 7 + (title_width + 3) + (director_width + 3) + 1
        needs += themes_width + 3 if with_themes else 0
        if viewing is not None:  # as wide as the widest mark shown ("✓ ★★★★½", "watchlist"), not more
            needs += widest([mark(viewing[row.film.id]) for row in rows], 3) + 3
        return responsive(table, records(blocks), needs=needs)

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
            fields.add_row(as_text(FIELD_LABELS[label]), as_text(value, "yellow" if label == "note" else ""))
        heading = labelled(film.title, f" ({film.year})")
        parts: list[RenderableType] = [Panel(fields, title=heading, title_align="left", border_style="blue")]
        for theme, entry in ((a.theme, a.entry) for a in card.appearances):
            body = Table.grid(padding=(0, 1))
            body.add_column()
            if (entry.title, entry.year) != (film.title, film.year):
                body.add_row(as_text(f"Listed as {entry.title} ({entry.year})", "dim"))
            body.add_row(as_text(entry.description))
            body.add_row(as_text(""))
            body.add_row(labelled("Fact: ", entry.fact or "(none given)"))
            if entry.correction:
                verdict = VERDICTS.get(entry.correction.verdict, entry.correction.verdict)
                body.add_row(as_text(""))
                body.add_row(labelled(f"Correction ({verdict}): ", entry.correction.text, "red"))
            title = labelled(theme.name, f" · #{entry.rank} of {len(theme.entries)} · {theme.id}")
            parts.append(Panel(body, title=title, title_align="left"))
        if card.viewing is not None:
            parts.append(Panel(viewing_body(card.viewing), title="Your viewing", title_align="left",
                               border_style="green"))  # fmt: skip
        return Group(*parts)

    def hits(self, hits: list[SearchHit]) -> RenderableType:
        """A table of hits with the matches highlighted in each snippet."""
        from rich.table import Table

        id_width = widest([hit.film.id for hit in hits], 4)
        theme_width = widest([f"#{hit.entry.rank} {hit.theme.id}" for hit in hits], 5)
        table = Table(expand=True)
        # No ratio for the film: rich shares ratio columns out ignoring their min_width.
        film_width = id_width + PADDING
        table.add_column("Film", min_width=film_width, max_width=max(film_width, 24), overflow="fold")
        table.add_column("Theme", no_wrap=True, min_width=theme_width + PADDING)
        table.add_column("Field", style="dim", no_wrap=True)
        table.add_column("Snippet", ratio=3, overflow="fold")
        blocks = []
        for hit in hits:
            text, spans = hit.wide_snippet.text, hit.wide_snippet.spans
            film = labelled(f"{hit.film.title} ({hit.film.year})\n", hit.film.id, "")
            place = f"#{hit.entry.rank} {hit.theme.id}"
            table.add_row(film, as_text(place), as_text(hit.field), highlighted(text, spans, self.colour))
            heading = labelled(hit.film.id, f"  {place} · {hit.field}", "")
            title = indented(as_text(f"{hit.film.title} ({hit.film.year})", "bold"))
            blocks.append([heading, title, indented(highlighted(text, spans, self.colour))])
        needs = (id_width + 3) + (theme_width + 3) + (len("description") + 3) + (24 + 3) + 1
        return responsive(table, records(blocks), needs=needs)

    def stats(self, stats: Stats) -> RenderableType:
        """Films per decade as a bar chart, the directors with most films, and the overlap."""
        from rich.console import Group
        from rich.table import Table

        summary = as_text(
            f"{stats.films} films in {stats.entries} entries of {stats.themes} list(s)"
            + (f"; {stats.not_films} listed work(s) that are not films" if stats.not_films else ""),
            "bold",
        )
        decades = Bars("Films per decade", stats.decades, stats.seen_decades)
        directors = Table(title="Directors with the most films", title_justify="left")
        directors.add_column("Director", overflow="fold")
        directors.add_column("Films", justify="right", no_wrap=True)
        for name, count in stats.directors:
            directors.add_row(as_text(name), as_text(count))
        overlap = Table(title="Films in more than one list", title_justify="left")
        overlap.add_column("Film", overflow="fold")
        overlap.add_column("Lists", overflow="fold")
        for film, themes in stats.overlap:
            overlap.add_row(labelled(f"{film.title} ({film.year})  ", film.id), as_text(", ".join(themes)))
        parts: list[RenderableType] = [summary, as_text(""), decades, as_text(""), directors]
        parts += (
            [as_text(""), overlap]
            if stats.overlap
            else [as_text(""), as_text("No film is in more than one list.")]
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
            "log": "Your viewing log",
        }
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column(overflow="fold")
        for label, place in place_rows(places):
            table.add_row(as_text(labels.get(label, label)), as_text(place))
        return table

    def imported(self, imported: ImportedList) -> str:
        """A sentence: what was imported, as which id, how many films, and where."""
        sentence = (
            f"Imported '{imported.name}' as {imported.theme_id}: {imported.count} films, in {imported.path}"
        )
        return visible(sentence) + "\n"

    def import_preview(self, preview: ImportPreview) -> RenderableType:
        """A table: each entry as read (line, title, year, original title, directors, the start of
        the description and of the fact) and the film it joins, or "new"; then the films the text
        names in passing, which are imported only with --with-mentions."""
        from rich.console import Group

        table = self._preview_table(
            f"{preview.name} ({preview.theme_id}), as it would be imported", preview.rows
        )
        if not preview.mentioned:
            return table
        mentioned = self._preview_table("Named in passing, imported with --with-mentions", preview.mentioned)
        return Group(table, mentioned)

    def _preview_table(self, title: str, rows: Iterable[PreviewRow]) -> RenderableType:
        from rich.table import Table

        table = Table(title=as_text(title, "bold"))
        table.add_column("Line", justify="right", style="dim", no_wrap=True)
        table.add_column("Title", style="bold")
        table.add_column("Year", no_wrap=True)
        table.add_column("Original")
        table.add_column("Directed by")
        table.add_column("Joins", style="cyan", no_wrap=True)
        table.add_column("Description", ratio=1)
        table.add_column("Fact", ratio=1)
        blocks = []
        rows = list(rows)
        for row in rows:
            joins = row.joins.id if row.joins else "new"
            cells = (row.line, row.title, row.year, row.original_title, ", ".join(row.directors))
            said = (as_text(opening(row.description, 40)), as_text(opening(row.fact or "", 30)))
            table.add_row(*map(as_text, cells), as_text(joins, "" if row.joins else "green"), *said)
            block = [labelled(f"{row.line}  {row.title} ({row.year})", f"  → {joins}", "")]
            other = " · ".join(part for part in (row.original_title, ", ".join(row.directors)) if part)
            block += [indented(as_text(text)) for text in (other, opening(row.description, 70)) if text]
            if row.fact:
                block.append(indented(as_text(f"Fact: {opening(row.fact, 64)}", "dim")))
            blocks.append(block)
        # Under the width every column needs at its longest word, each entry is a block: no word cut.
        words = [
            longest_word([row.title for row in rows], 5),
            longest_word([row.original_title for row in rows], 8),
            longest_word([", ".join(row.directors) for row in rows], 8),
            20,
            20,
        ]
        ids = widest([row.joins.id if row.joins else "new" for row in rows], 5)
        needs = 7 + 7 + ids + 3 + sum(width + 3 for width in words) + 1
        from rich.console import Group

        return responsive(table, Group(as_text(title, "bold"), records(blocks)), needs=needs)

    def problems(self, problems: list[Problem]) -> str:
        """One line per problem: file:line: message."""
        return "".join(f"{visible(str(problem))}\n" for problem in problems)

    def diary(self, lines: list[DiaryLine]) -> RenderableType:
        """A table of your diary: day, film (and id), rating, rewatch and note."""
        from rich.table import Table

        table = Table(title=as_text("Your diary", "bold"), expand=False)
        table.add_column("#", no_wrap=True, style="dim", justify="right")
        table.add_column("Watched", no_wrap=True, style="cyan")
        table.add_column("Film", min_width=14)
        table.add_column("Rating", no_wrap=True, style="yellow")
        table.add_column("Note")
        blocks = []
        for entry, film in lines:
            named = (film.title, film.year, film.id) if film else (entry.title, entry.year or "", "")
            label = labelled(f"{named[0]} ({named[1]})", f"\n{named[2]}" if named[2] else "", "")
            rated = stars(entry.rating) if entry.rating is not None else ""
            note = ("rewatch. " if entry.rewatch else "") + entry.note
            cells = (as_text(entry.number), as_text(entry.watched_on), label, as_text(rated), as_text(note))
            table.add_row(*cells)
            blocks.append(
                [labelled(f"#{entry.number} {entry.watched_on}", f"  {named[0]} ({named[1]})  {rated}"),
                 indented(as_text(note))]
            )  # fmt: skip
        return responsive(table, records(blocks), needs=6 + 13 + 30 + 8 + 20)

    def history_import(self, result: HistoryImport) -> RenderableType:
        """A table of the films no list names: title, year, rows, why."""
        from rich.table import Table

        table = Table(title=as_text("Films no list names", "bold"), expand=False)
        table.add_column("Film")
        table.add_column("Rows", justify="right", no_wrap=True)
        table.add_column("Why")
        for film in result.unmatched:
            table.add_row(as_text(f"{film.title} ({film.year or 'no year'})"), as_text(len(film.rows)),
                          as_text(film.reason))  # fmt: skip
        return table

    def watchlist(self, lines: list[WatchlistLine]) -> RenderableType:
        """A table of your watchlist: id, title, year and the day added."""
        from rich.table import Table

        table = Table(title=as_text("Your watchlist", "bold"), expand=False)
        table.add_column("ID", style="cyan", no_wrap=True)
        table.add_column("Title", style="bold")
        table.add_column("Year", justify="right", no_wrap=True)
        table.add_column("Added", no_wrap=True)
        for item, film in lines:
            named = (film.id, film.title, film.year) if film else ("", item.title, item.year or "")
            table.add_row(as_text(named[0] or "—"), as_text(named[1]), as_text(named[2]), as_text(item.added))
        return table
