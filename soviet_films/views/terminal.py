"""The terminal view, for people: rich tables and panels, colour, wrapped to the screen.

Every string from the data reaches rich as ``Text``, never as markup, and passes through
``visible`` first, so a list file can neither style the output nor send escape sequences.
rich is imported inside each method: the plain and JSON paths never pay for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from soviet_films.errors import Problem
from soviet_films.model import (
    DiaryLine,
    FilmCard,
    FilmViewing,
    ImportedList,
    ImportPreview,
    Listing,
    Places,
    SearchHit,
    Stats,
    ThemeList,
    WatchlistLine,
)
from soviet_films.safe import visible
from soviet_films.views.fields import film_fields, opening, place_rows, stars

if TYPE_CHECKING:
    from collections.abc import Mapping

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
    text.append(visible(label, keep_newlines=True), style=f"bold {style}".strip())
    text.append(visible(value, keep_newlines=True), style=style)
    return text


# A column's min_width counts its cell padding (one space each side) as well as its text.
PADDING = 2


def _widest(values: list[str], floor: int) -> int:
    return max([floor, *(len(visible(value)) for value in values)])


def _longest_word(values: list[str], floor: int) -> int:
    return _widest([word for value in values for word in value.split()], floor)


def _responsive(wide: RenderableType, narrow: RenderableType, needs: int) -> RenderableType:
    """``wide`` where the terminal has ``needs`` columns, else ``narrow`` (records one under another).

    Tables squeeze their text columns to nothing on a narrow terminal; ids and numbers must never be
    cut (people copy them), so below the width a table needs, each row becomes a short block.
    """
    from rich.console import Console, ConsoleOptions, RenderResult

    class Responsive:
        def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
            yield wide if options.max_width >= needs else narrow

    return Responsive()


def _records(blocks: list[list[Text]]) -> RenderableType:
    """Blocks of lines, one block per record, a blank line between them."""
    from rich.console import Group

    lines: list[RenderableType] = []
    for index, block in enumerate(blocks):
        if index:
            lines.append(_text(""))
        lines.extend(block)
    return Group(*lines)


def _indented(text: Text) -> RenderableType:
    from rich.padding import Padding

    return Padding(text, (0, 0, 0, 2))


def _highlighted(text: str, spans: tuple[tuple[int, int], ...], colour: bool) -> Text:
    """``text`` with the matches in bold yellow, or, with colour off, between ** marks."""
    from rich.text import Text

    shown = Text()
    position = 0
    for start, end in spans:  # made visible piece by piece, so escapes cannot shift the spans
        shown.append(visible(text[position:start]))
        match = visible(text[start:end])
        shown.append(match if colour else f"**{match}**", style="bold yellow")
        position = end
    shown.append(visible(text[position:]))
    return shown


class TerminalView:
    """Tables and panels for a person at a terminal.

    ``colour`` false (NO_COLOR, TERM=dumb) marks search matches with ``**`` instead of colour.
    """

    def __init__(self, colour: bool = True) -> None:
        self.colour = colour

    def themes(self, themes: ThemeList) -> RenderableType:
        """A table of themes: name and id, number of films (and your progress), and the intro."""
        from rich.table import Table

        id_width = _widest([theme.id for theme in themes.themes], 5)
        table = Table(show_lines=True, expand=True)
        table.add_column("Theme", min_width=id_width + PADDING, overflow="fold")
        table.add_column("Films", justify="right", no_wrap=True)
        table.add_column("About", ratio=1)
        blocks = []
        for theme in themes.themes:
            name = _labelled(f"{theme.name}\n", theme.id, "")
            if theme.replaces_bundled:
                name.append("\n(yours, replaces the bundled list)", style="dim")
            elif not theme.bundled:
                name.append("\n(yours)", style="dim")
            count = _text(len(theme.entries))
            progress = ""
            if themes.seen is not None:
                seen = themes.seen[theme.id]
                progress = f" · {seen} of {len(theme.entries)} seen"
                count.append(f"\n{_progress_bar(seen, len(theme.entries))}\n{seen} seen", style="green")
            table.add_row(name, count, _text(theme.intro))
            heading = _labelled(theme.name, f"  {theme.id} · {len(theme.entries)} films{progress}")
            blocks.append([heading, _indented(_text(theme.intro))])
        return _responsive(table, _records(blocks), needs=id_width + 5 + 24 + 10)

    def listing(self, listing: Listing) -> RenderableType:
        """A table of films: place in the theme (if one), id, title, year, directors, themes."""
        from rich.table import Table

        rows, with_themes = listing.rows, listing.theme is None
        title = listing.theme.name if listing.theme is not None else ""
        table = Table(title=_text(title, "bold") if title else None, expand=False)
        ranked = any(row.rank is not None for row in rows)
        id_width = _widest([row.film.id for row in rows], 2)
        # Text columns may wrap, but at whole words: none narrower than its longest word (or id).
        title_width = _longest_word([row.title for row in rows], 5)
        director_width = _longest_word([", ".join(row.film.directors) for row in rows], 11)
        themes_width = _widest([theme for row in rows for theme in row.themes], 6)
        if ranked:
            table.add_column("#", justify="right", style="dim", no_wrap=True)
        table.add_column("ID", style="cyan", no_wrap=True)
        table.add_column("Title", style="bold", min_width=title_width + PADDING)
        table.add_column("Year", justify="right", no_wrap=True)
        table.add_column("Directed by", min_width=director_width + PADDING)
        if with_themes:
            table.add_column("Themes", min_width=themes_width + PADDING)
        viewing = listing.viewing
        if viewing is not None:
            table.add_column("You", no_wrap=True)
        blocks = []
        for row in rows:
            rank = f"#{row.rank} " if row.rank is not None else ""
            block = [
                _labelled(f"{rank}{row.film.id}", f"  {row.year}", ""),
                _indented(_text(row.title, "bold")),
            ]
            if row.film.directors:
                block.append(_indented(_text(", ".join(row.film.directors))))
            if with_themes:
                block.append(_indented(_text(", ".join(row.themes), "dim")))
            if viewing is not None and _mark(viewing[row.film.id]):
                block.append(_indented(_text(_mark(viewing[row.film.id]), "green")))
            blocks.append(block)
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
            if viewing is not None:
                cells.append(_text(_mark(viewing[row.film.id]), "green"))
            table.add_row(*cells)
        # The widths the table cannot do without (each column adds 3 for its border and padding).
        needs = (5 if ranked else 0) + (id_width + 3) + 7 + (title_width + 3) + (director_width + 3) + 1
        needs += themes_width + 3 if with_themes else 0
        needs += 12 + 3 if viewing is not None else 0
        return _responsive(table, _records(blocks), needs=needs)

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
        if card.viewing is not None:
            parts.append(Panel(_viewing_body(card.viewing), title="Your viewing", title_align="left",
                               border_style="green"))  # fmt: skip
        return Group(*parts)

    def hits(self, hits: list[SearchHit]) -> RenderableType:
        """A table of hits with the matches highlighted in each snippet."""
        from rich.table import Table

        id_width = _widest([hit.film.id for hit in hits], 4)
        theme_width = _widest([f"#{hit.entry.rank} {hit.theme.id}" for hit in hits], 5)
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
            film = _labelled(f"{hit.film.title} ({hit.film.year})\n", hit.film.id, "")
            place = f"#{hit.entry.rank} {hit.theme.id}"
            table.add_row(film, _text(place), _text(hit.field), _highlighted(text, spans, self.colour))
            heading = _labelled(hit.film.id, f"  {place} · {hit.field}", "")
            title = _indented(_text(f"{hit.film.title} ({hit.film.year})", "bold"))
            blocks.append([heading, title, _indented(_highlighted(text, spans, self.colour))])
        needs = (id_width + 3) + (theme_width + 3) + (len("description") + 3) + (24 + 3) + 1
        return _responsive(table, _records(blocks), needs=needs)

    def stats(self, stats: Stats) -> RenderableType:
        """Films per decade as a bar chart, the directors with most films, and the overlap."""
        from rich.console import Group
        from rich.table import Table

        summary = _text(
            f"{stats.films} films in {stats.entries} entries of {stats.themes} list(s)"
            + (f"; {stats.not_films} listed work(s) that are not films" if stats.not_films else ""),
            "bold",
        )
        decades = _Bars("Films per decade", stats.decades, stats.seen_decades)
        directors = Table(title="Directors with the most films", title_justify="left")
        directors.add_column("Director", overflow="fold")
        directors.add_column("Films", justify="right", no_wrap=True)
        for name, count in stats.directors:
            directors.add_row(_text(name), _text(count))
        overlap = Table(title="Films in more than one list", title_justify="left")
        overlap.add_column("Film", overflow="fold")
        overlap.add_column("Lists", overflow="fold")
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
            "log": "Your viewing log",
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

    def import_preview(self, preview: ImportPreview) -> RenderableType:
        """A table: each entry as read (line, title, year, original title, directors, the start of
        the description) and the film it joins, or "new"."""
        from rich.table import Table

        table = Table(title=_text(f"{preview.name} ({preview.theme_id}), as it would be imported", "bold"))
        table.add_column("Line", justify="right", style="dim", no_wrap=True)
        table.add_column("Title", style="bold")
        table.add_column("Year", no_wrap=True)
        table.add_column("Original")
        table.add_column("Directed by")
        table.add_column("Joins", style="cyan", no_wrap=True)
        table.add_column("Description", ratio=1)
        for row in preview.rows:
            joins = row.joins.id if row.joins else "new"
            table.add_row(_text(row.line), _text(row.title), _text(row.year), _text(row.original_title),
                          _text(", ".join(row.directors)), _text(joins, "" if row.joins else "green"),
                          _text(opening(row.description, 40)))  # fmt: skip
        return table

    def problems(self, problems: list[Problem]) -> str:
        """One line per problem: file:line: message."""
        return "".join(f"{visible(str(problem))}\n" for problem in problems)

    def diary(self, lines: list[DiaryLine]) -> RenderableType:
        """A table of your diary: day, film (and id), rating, rewatch and note."""
        from rich.table import Table

        table = Table(title=_text("Your diary", "bold"), expand=False)
        table.add_column("Watched", no_wrap=True, style="cyan")
        table.add_column("Film", min_width=14)
        table.add_column("Rating", no_wrap=True, style="yellow")
        table.add_column("Note")
        blocks = []
        for entry, film in lines:
            named = (film.title, film.year, film.id) if film else (entry.title, entry.year or "", "")
            label = _labelled(f"{named[0]} ({named[1]})", f"\n{named[2]}" if named[2] else "", "")
            rated = stars(entry.rating) if entry.rating is not None else ""
            note = ("rewatch. " if entry.rewatch else "") + entry.note
            table.add_row(_text(entry.watched_on), label, _text(rated), _text(note))
            blocks.append(
                [_labelled(entry.watched_on, f"  {named[0]} ({named[1]})  {rated}"), _indented(_text(note))]
            )
        return _responsive(table, _records(blocks), needs=13 + 30 + 8 + 20)

    def watchlist(self, lines: list[WatchlistLine]) -> RenderableType:
        """A table of your watchlist: id, title, year and the day added."""
        from rich.table import Table

        table = Table(title=_text("Your watchlist", "bold"), expand=False)
        table.add_column("ID", style="cyan", no_wrap=True)
        table.add_column("Title", style="bold")
        table.add_column("Year", justify="right", no_wrap=True)
        table.add_column("Added", no_wrap=True)
        for item, film in lines:
            named = (film.id, film.title, film.year) if film else ("", item.title, item.year or "")
            table.add_row(_text(named[0] or "—"), _text(named[1]), _text(named[2]), _text(item.added))
        return table


def _progress_bar(seen: int, total: int, width: int = 10) -> str:
    filled = round(width * seen / total) if total else 0
    return "▰" * filled + "▱" * (width - filled)


def _mark(viewing: FilmViewing) -> str:
    """A film's line in a table, as your log sees it: '✓ 2× ★★★★½', 'watchlist', or ''."""
    parts = []
    if viewing.times_seen:
        parts.append("✓" if viewing.times_seen == 1 else f"✓ {viewing.times_seen}×")
    if viewing.rating is not None:
        parts.append(stars(viewing.rating))
    if viewing.on_watchlist and not viewing.times_seen:
        parts.append("watchlist")
    return " ".join(parts)


def _viewing_body(viewing: FilmViewing) -> RenderableType:
    from rich.table import Table

    body = Table.grid(padding=(0, 2))
    body.add_column(no_wrap=True)
    body.add_column(no_wrap=True)
    body.add_column()
    seen = {0: "Not seen yet", 1: "Seen once"}.get(viewing.times_seen, f"Seen {viewing.times_seen} times")
    summary = seen + (f" · your rating {stars(viewing.rating)}" if viewing.rating is not None else "")
    summary += " · on your watchlist" if viewing.on_watchlist else ""
    body.add_row(_text(summary, "bold"), _text(""), _text(""))
    for entry in viewing.entries:
        if entry.kind == "rating":
            continue
        when = entry.watched_on or "(seen; no day)"
        rated = stars(entry.rating) if entry.rating is not None else ""
        note = ("rewatch. " if entry.rewatch else "") + entry.note
        body.add_row(_text(when), _text(rated, "yellow"), _text(note))
    return body


class _Bars:
    """A bar chart, one row per label: ``label  ████  count``, the bars as long as the width allows
    (at most 30 columns), so the counts are never pushed off a narrow terminal."""

    def __init__(
        self, title: str, rows: list[tuple[str, int]], seen: Mapping[str, int] | None = None
    ) -> None:
        self.title = title
        self.rows = rows
        self.seen = seen

    def __rich_console__(self, console: object, options: object) -> object:
        from rich.text import Text

        width = getattr(options, "max_width", 80)
        label_width = max([0, *(len(label) for label, _ in self.rows)])
        count_width = max([0, *(len(str(count)) for _, count in self.rows)])
        seen_width = len(" 99 seen") + 2 if self.seen is not None else 0
        room = max(1, min(30, width - label_width - count_width - 6 - seen_width))
        widest = max((count for _, count in self.rows), default=1)
        yield Text(self.title, style="italic")
        for label, count in self.rows:
            line = Text(" ")
            line.append(visible(label).rjust(label_width), style="cyan")
            line.append("  ")
            bar = "█" * max(1, round(room * count / widest))
            line.append(bar.ljust(room), style="blue")
            line.append("  ")
            line.append(str(count).rjust(count_width))
            if self.seen is not None:
                line.append(f"  {self.seen.get(label, 0)} seen", style="green")
            yield line
