"""sfilms search through the CliRunner: plain, JSON, terminal, filters, no hits."""

from __future__ import annotations

import json


def test_search_command_plain(run) -> None:
    result = run("search", "palme")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    film_id, theme, field, text = lines[0].split("\t")
    assert (film_id, theme, field) == ("cranes-are-flying", "loneliness", "fact")
    assert "Palme d'Or" in text


def test_search_command_json(run) -> None:
    data = json.loads(run("search", "estonia", "--json").stdout)
    assert [(h["id"], h["theme"], h["field"]) for h in data] == [("stalker", "loneliness", "fact")]
    assert "Estonia" in data[0]["snippet"]


def test_search_command_terminal_highlights(run) -> None:
    result = run("search", "palme", env={"SFILMS_FORCE_TTY": "1", "COLUMNS": "120"})
    assert "\x1b[1;33mPalme\x1b[0m" in result.stdout


def test_search_command_filters(run) -> None:
    result = run("search", "film", "--theme", "low", "--year", "1979", "--director", "daneliya")
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == ["autumn-marathon"]


def test_search_no_hits(run) -> None:
    result = run("search", "xylophone")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "sfilms: nothing matches 'xylophone'\n"


def test_a_word_only_in_a_themes_intro_is_one_hit_for_the_theme(run) -> None:
    lines = run("search", "trove").stdout.splitlines()
    assert [line.split("\t")[1:3] for line in lines] == [["loneliness", "intro"]]
