"""The pieces the terminal view is built of: data as rich ``Text`` (made visible first, never read as
markup), columns sized to what they hold, a layout that turns narrow, bars and viewing marks. rich is
imported inside each function: the plain and JSON paths never pay for it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from soviet_films.model import FilmViewing
from soviet_films.safe import visible
from soviet_films.views.fields import stars

if TYPE_CHECKING:
    from collections.abc import Mapping

    from rich.console import RenderableType
    from rich.text import Text


def as_text(value: object, style: str = "") -> Text:
    from rich.text import Text

    return Text(visible(str(value), keep_newlines=True), style=style)


def labelled(label: str, value: str, style: str = "") -> Text:
    from rich.text import Text

    text = Text()
    text.append(visible(label, keep_newlines=True), style=f"bold {style}".strip())
    text.append(visible(value, keep_newlines=True), style=style)
    return text


# A column's min_width counts its cell padding (one space each side) as well as its text.
PADDING = 2


def widest(values: list[str], floor: int) -> int:
    return max([floor, *(len(visible(value)) for value in values)])


def longest_word(values: list[str], floor: int) -> int:
    return widest([word for value in values for word in value.split()], floor)


def responsive(wide: RenderableType, narrow: RenderableType, needs: int) -> RenderableType:
    """``wide`` where the terminal has ``needs`` columns, else ``narrow`` (records one under another).

    Tables squeeze their text columns to nothing on a narrow terminal; ids and numbers must never be
    cut (people copy them), so below the width a table needs, each row becomes a short block.
    """
    from rich.console import Console, ConsoleOptions, RenderResult

    class Responsive:
        def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
            yield wide if options.max_width >= needs else narrow

    return Responsive()


def records(blocks: list[list[Text]]) -> RenderableType:
    """Blocks of lines, one block per record, a blank line between them."""
    from rich.console import Group

    lines: list[RenderableType] = []
    for index, block in enumerate(blocks):
        if index:
            lines.append(as_text(""))
        lines.extend(block)
    return Group(*lines)


def indented(text: Text) -> RenderableType:
    from rich.padding import Padding

    return Padding(text, (0, 0, 0, 2))


def highlighted(text: str, spans: tuple[tuple[int, int], ...], colour: bool) -> Text:
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


def progress_bar(seen: int, total: int, width: int = 10) -> str:
    filled = round(width * seen / total) if total else 0
    return "▰" * filled + "▱" * (width - filled)


def mark(viewing: FilmViewing) -> str:
    """A film's line in a table, as your log sees it: '✓ 2× ★★★★½', 'watchlist', or ''."""
    parts = []
    if viewing.seen:
        parts.append("✓" if viewing.times_seen <= 1 else f"✓ {viewing.times_seen}×")
    if viewing.rating is not None:
        parts.append(stars(viewing.rating))
    if viewing.on_watchlist and not viewing.seen:
        parts.append("watchlist")
    return " ".join(parts)


def viewing_body(viewing: FilmViewing) -> RenderableType:
    from rich.table import Table

    body = Table.grid(padding=(0, 2))
    body.add_column(no_wrap=True)
    body.add_column(no_wrap=True)
    body.add_column()
    seen = {0: "Not seen yet", 1: "Seen once"}.get(viewing.times_seen, f"Seen {viewing.times_seen} times")
    if viewing.seen_undated:
        seen = "Seen, no day"
    summary = seen + (f" · your rating {stars(viewing.rating)}" if viewing.rating is not None else "")
    summary += " · on your watchlist" if viewing.on_watchlist else ""
    body.add_row(as_text(summary, "bold"), as_text(""), as_text(""))
    for entry in viewing.entries:
        if entry.kind == "rating":
            continue
        when = entry.watched_on or "(seen; no day)"
        rated = stars(entry.rating) if entry.rating is not None else ""
        note = ("rewatch. " if entry.rewatch else "") + entry.note
        body.add_row(as_text(when), as_text(rated, "yellow"), as_text(note))
    return body


class Bars:
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


def first_sentence(text: str, most: int = 140) -> str:
    """A text's first sentence (at most ``most`` characters, cut at a word with '…'), and '…' when
    more follows: an intro in one or two lines of a table."""
    import re

    found = re.match(r"(.+?[.!?…])(?:\s|$)", text.strip(), re.DOTALL)
    sentence = found[1] if found else text.strip()
    if len(sentence) > most:
        sentence = sentence[:most].rsplit(" ", 1)[0].rstrip(",;:") + " …"
    elif len(sentence) < len(text.strip()):
        sentence += " …"
    return " ".join(sentence.split())
