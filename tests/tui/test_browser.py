"""The browser through Textual's own harness (App.run_test and its pilot), and SVG snapshots of
its screens at 80x24 (pytest-textual-snapshot: review them when they change, then
--snapshot-update)."""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.widgets import DataTable, Input, OptionList, Static

from soviet_films.tui.app import BrowseApp
from tests.helpers import write_list

APP = Path(__file__).parent / "snapshot_app.py"


def played(test):
    """Run an async test (a pilot session) to the end: the suite needs no asyncio plugin."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        asyncio.run(test(*args, **kwargs))

    return run


def ids(app: BrowseApp) -> list[str]:
    return [row.film.id for row in app.rows]


def card_text(app: BrowseApp) -> str:
    """The detail pane as text, the way the terminal view renders the card."""
    import io

    from rich.console import Console

    buffer = io.StringIO()
    Console(file=buffer, width=100, color_system=None).print(app.view.film_card(app.card))
    return buffer.getvalue()


@played
async def test_it_opens_on_every_film_with_the_first_one_shown() -> None:
    app = BrowseApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert len(app.rows) == 15 and app.query_one("#films", DataTable).row_count == 15
        assert app.focused is app.query_one("#filter", Input)
        assert app.card.film.id == "stalker" and "Stalker (1979)" in card_text(app)


@played
async def test_themes_and_moving_through_the_films() -> None:
    app = BrowseApp("low self esteem")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert ids(app)[0] == "irony-of-fate" and len(app.rows) == 10
        await pilot.press("down", "down")
        assert app._current_film() == "autumn-marathon"
        await pilot.press("shift+tab", "up")  # to the themes: the one above is "loneliness"
        await pilot.pause()
        assert app.theme_id == "loneliness" and ids(app)[0] == "stalker"


@pytest.mark.parametrize(
    ("typed", "found"),
    [("sta", ["stalker", "stationmaster", "house-under-the-starry-sky"]), ("зерк", ["mirror"]), ("Shinel", ["overcoat"]),
     ("1970s by:ryazanov", ["irony-of-fate", "garage"]), ("house 1991", ["house-under-the-starry-sky"]), ("xyzzy", []),
     ("tark", ["stalker", "mirror"]), ("тарк", ["stalker", "mirror"]), ("ryazanov 1970s", ["irony-of-fate", "garage"]),
     ("stalkr", ["stalker", "story-of-asya-klyachina"]), ("irny ft", ["irony-of-fate"])],  # the letters in order, best first
)  # fmt: skip
@played
async def test_typing_filters_with_the_forgiving_rules(typed: str, found: list[str]) -> None:
    app = BrowseApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*typed)
        await pilot.pause()
        assert ids(app) == found
        if not found:
            assert app.card is None


@played
async def test_slash_searches_every_list() -> None:
    app = BrowseApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"palme", "enter")
        await pilot.pause()
        from soviet_films import library

        assert [(h.film.id, h.theme.id) for h in app.hits] == [
            (h.film.id, h.theme.id) for h in library.search(["palme"]).value
        ]
        assert app.hits and app.card.film.id == app.hits[0].film.id
        await pilot.press("escape")  # back to the films
        assert not app.searching and len(app.rows) == 15


@played
async def test_enter_picks_and_escape_closes() -> None:
    app = BrowseApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"mirror", "enter")
    assert app.return_value == "mirror"
    app = BrowseApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
    assert app.return_value is None


@played
async def test_fzf_keys_move_quit_and_scroll_the_card() -> None:
    app = BrowseApp("loneliness")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+j")
        assert app._current_film() == ids(app)[3]
        await pilot.press("ctrl+p", "ctrl+k")
        assert app._current_film() == ids(app)[1]
        await pilot.pause()
        detail = app.query_one("#detail")
        assert detail.max_scroll_y > 0  # at 80x24 the card runs past its pane
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert detail.scroll_y > 0
        await pilot.press("shift+up", "ctrl+u")
        await pilot.pause()
        assert detail.scroll_y == 0
        await pilot.press("ctrl+c")
    assert app.return_value is None and not app.is_running


@played
async def test_tab_marks_several_films_and_enter_picks_them_all() -> None:
    app = BrowseApp("loneliness")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "down", "tab", "tab")  # 1st and 3rd marked, then 4th, cursor on the 5th
        await pilot.press("up", "tab")  # the 4th unmarked
        await pilot.pause()
        assert str(app.query_one("#films", DataTable).get_row_at(0)[0]) == "●"
        await pilot.press("enter")
    assert app.return_value == "stalker\nmirror"


@played
async def test_esc_clears_the_filter_then_closes_and_query_starts_filtered() -> None:
    app = BrowseApp(None, "зерк")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert ids(app) == ["mirror"]
        await pilot.press("escape")
        await pilot.pause()
        assert len(app.rows) == 15 and app.is_running
        await pilot.press("escape")
    assert app.return_value is None


@pytest.mark.parametrize(
    "typed", ["sta", "зерк", "1970s by:ryazanov", "house 1991", "xyzzy", "tark", "ryazanov 1970s"]
)
def test_browse_filter_prints_what_the_browser_shows(run, typed: str) -> None:
    async def shown() -> list[str]:
        app = BrowseApp()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press(*typed)
            await pilot.pause()
            return ids(app)

    expected = asyncio.run(shown())
    result = run("browse", "--filter", typed)
    assert result.stdout.splitlines() == expected
    assert result.exit_code == (0 if expected else 1)


@played
async def test_sorting_and_help() -> None:
    app = BrowseApp("loneliness")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")  # list order -> year
        assert [row.year for row in app.rows] == sorted(row.year for row in app.rows)
        await pilot.press("f1")
        assert "Ctrl-C" in str(app.screen.query_one("#help Static", Static).render())
        await pilot.press("escape")
        assert app.screen is app.screen_stack[0]


@played
async def test_a_hostile_list_is_shown_as_text(user_lists: Path) -> None:
    write_list(user_lists, "evil.yaml", 'id: evil\nname: "[bold red]E\\e[31mvil"\nintro: x\nfilms:\n'
               '  - title: "[link=http://x]T\\e]0;owned\\a[/link]"\n    year: 1970\n    description: "\\e[2J[b]d[/b]"\n')  # fmt: skip
    app = BrowseApp("evil")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        card = card_text(app)
        assert "[b]d[/b]" in card and "\\x1b[2J" in card and "\x1b" not in card
        cell = app.query_one("#films", DataTable).get_cell_at((0, 1))
        assert cell.plain == "[link=http://x]T\\x1b]0;owned\\x07[/link]"
        themes = [str(option.prompt) for option in app.query_one("#themes", OptionList)._options]
        assert any("[bold red]E\\x1b[31mvil" in prompt for prompt in themes)


@played
async def test_a_hostile_title_in_toasts_and_your_log_is_text(user_lists: Path, run) -> None:
    write_list(user_lists, "evil.yaml", 'id: evil\nname: Evil\nintro: x\nfilms:\n'
               '  - title: "[/]Bad [b]x[/b] \\e[31m"\n    year: 1970\n')  # fmt: skip
    run("watched", "garage")  # a log exists
    app = BrowseApp("evil")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("f3")  # a stray [/] once crashed the browser here, the entry already written
        await pilot.pause()
        toasts = [str(n.message) for n in app._notifications]
        assert any("[/]Bad [b]x[/b] \\x1b[31m: logged as watched today" in toast for toast in toasts)
        await pilot.press("f5")
        await pilot.pause()
        assert "[/]Bad" in str(app.screen.query_one("#diary-title", Static).render())
        await pilot.press("x")
        await pilot.pause()
        assert "removed" in app.screen.said and "\x1b" not in app.screen.said
    assert "Bad" not in run("diary", "--plain").stdout


@played
async def test_keys_mark_films_in_the_viewing_log(run) -> None:
    run("watched", "garage")  # a log exists: the browser may write it, as the commands do
    app = BrowseApp("loneliness")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("f3", "f3")  # twice: one viewing, and a word that it is there already
        await pilot.press("down", "f4")
        await pilot.pause()
        table = app.query_one("#films", DataTable)
        assert [str(table.get_row_at(index)[-1]) for index in (0, 1, 2)] == ["✓", "+", ""]  # your marks
        assert any("Already in your log for today" in str(n.message) for n in app._notifications)
    assert run("list", "--seen").stdout.split("\t")[0] == "stalker"
    assert run("watchlist").stdout.startswith("irony-of-fate\t")
    assert len([line for line in run("diary").stdout.splitlines() if "stalker" in line]) == 1


@played
async def test_ctrl_z_takes_back_the_last_f3_or_f4(run) -> None:
    run("watched", "garage")
    app = BrowseApp("loneliness")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("f3", "ctrl+z")  # stalker logged, then not
        await pilot.press("down", "f4", "ctrl+z")  # irony on the watchlist, then not
        await pilot.press("ctrl+z")  # nothing more to take back
        await pilot.pause()
        assert any("Nothing to take back" in str(n.message) for n in app._notifications)
    assert "stalker" not in run("diary").stdout and run("watchlist").stdout == ""
    assert "garage" in run("diary").stdout.lower()


@played
async def test_f5_corrects_one_entry_of_the_log_and_removes_one(run) -> None:
    run("watched", "stalker", "--on", "2026-01-02", "--rating", "3")
    run("watched", "stalker", "--on", "2026-02-03")
    app = BrowseApp("loneliness")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        screen = app.screen
        assert [entry.watched_on for entry in screen.entries] == ["2026-02-03", "2026-01-02"]
        await pilot.press("down", "r", *"4.5", "enter")  # the older entry: rated 4.5
        await pilot.press("n", *"better the second time", "enter")
        await pilot.press("w")  # a rewatch
        await pilot.press("up", "d", *"2026-02-04", "enter")  # the newer one: another day
        await pilot.pause()
        assert "changed" in screen.said and "2026-02-04" in screen.said
        await pilot.press("r", *"seven", "enter")  # not a rating: said, nothing changed
        await pilot.pause()
        assert "rating" in screen.said
        await pilot.press("escape")
        await pilot.pause()
    diary = [line.split("\t") for line in run("diary", "--plain").stdout.splitlines()]
    by_day = {fields[1]: fields for fields in diary}
    assert set(by_day) == {"2026-02-04", "2026-01-02"}
    assert "4.5" in by_day["2026-01-02"] and "better the second time" in by_day["2026-01-02"]
    app = BrowseApp("loneliness")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f5", "x")  # remove the newest entry only
        await pilot.pause()
        assert [entry.watched_on for entry in app.screen.entries] == ["2026-01-02"]
    assert len(run("diary", "--plain").stdout.splitlines()) == 1


@played
async def test_a_film_only_your_log_names_is_browsed_marked_and_corrected(run) -> None:
    run("watched", "Pulp Fiction 1994", "--on", "2026-03-01")
    app = BrowseApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"pulp")
        await pilot.pause()
        assert [row.title for row in app.rows] == ["Pulp Fiction"]
        assert "no list names it" in card_text(app).lower()
        await pilot.press("f5", "r", *"5", "enter", "escape", "f4")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_value == "Pulp Fiction 1994"
    assert run("show", "Pulp Fiction 1994").exit_code == 0
    assert "5" in run("diary", "--plain").stdout


@played
async def test_without_a_log_the_keys_say_how_to_start_one() -> None:
    app = BrowseApp()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        assert any("No viewing log yet" in str(n.message) for n in app._notifications)


def test_snapshot_every_film(snap_compare) -> None:
    assert snap_compare(APP, terminal_size=(80, 24))


def test_snapshot_filtered(snap_compare) -> None:
    assert snap_compare(APP, press=list("sta"), terminal_size=(80, 24))


def test_snapshot_search(snap_compare) -> None:
    assert snap_compare(APP, press=["slash", *"memory", "enter"], terminal_size=(80, 24))


def test_snapshot_help(snap_compare) -> None:
    assert snap_compare(APP, press=["f1"], terminal_size=(80, 24))


@pytest.mark.parametrize("size", [(60, 15), (130, 40)], ids=["60x15", "130x40"])
def test_snapshot_every_film_at_other_sizes(snap_compare, size: tuple[int, int]) -> None:
    assert snap_compare(APP, terminal_size=size)


@pytest.mark.parametrize("size", [(60, 15), (130, 40)], ids=["60x15", "130x40"])
def test_snapshot_help_at_other_sizes(snap_compare, size: tuple[int, int]) -> None:
    assert snap_compare(APP, press=["f1"], terminal_size=size)


@played
async def test_the_help_fits_a_small_terminal_and_scrolls() -> None:
    app = BrowseApp()
    async with app.run_test(size=(60, 15)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        help_pane = app.screen.query_one("#help")
        assert help_pane.region.width <= 60 and help_pane.region.height <= 15
        assert help_pane.max_scroll_y > 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert help_pane.scroll_y > 0 and app.screen is not None
        await pilot.press("escape")
        await pilot.pause()
        assert not app.screen.query("#help")
