"""The open records as a user meets them: imports that join them, cards that show them, exports that
carry their ids, and films no list names yet."""

from __future__ import annotations

import json
from pathlib import Path


def test_a_russian_list_and_an_english_one_name_one_film_through_the_records(
    run, user_lists: Path, tmp_path: Path
) -> None:
    russian = tmp_path / "ru.txt"
    russian.write_text("Рязанов.\n\n1. Служебный роман (1977)\nО любви.\n", encoding="utf-8")
    english = tmp_path / "en.txt"
    english.write_text(
        "Comedies.\n\n1. Office Romance (1977) by Eldar Ryazanov\nA love story.\n", encoding="utf-8"
    )
    assert run("import", str(russian), "--name", "Ru").exit_code == 0
    result = run("import", str(english), "--name", "En")
    assert result.exit_code == 0, result.stderr
    assert "'Office Romance (1977)' is Служебный роман (1977): the records' only film by Eldar Ryazanov" in (
        result.stderr
    )
    [ru_row] = run("list", "ru").stdout.splitlines()
    [en_row] = run("list", "en").stdout.splitlines()
    assert ru_row.split("\t")[0] == en_row.split("\t")[0]  # one film
    card = json.loads(run("show", ru_row.split("\t")[0], "--json").stdout)
    assert (card["imdb"], card["tmdb"], card["runtime"], card["directors"]) == (
        "tt0076727", "31139", 151, ["Eldar Ryazanov"]
    )  # fmt: skip
    assert card["links"]["letterboxd"] == "https://letterboxd.com/tmdb/31139/"
    assert "Soviet Bloc Cinema Data, CC BY-SA 4.0" in card["source"]
    assert [entry["theme"] for entry in card["lists"]] == ["en", "ru"]
    exported = run("export", "en", "--format", "letterboxd").stdout
    assert exported.splitlines()[0] == "Title,Year,Directors,imdbID,tmdbID"
    assert exported.splitlines()[1].endswith(",tt0076727,31139")


def test_an_english_title_alone_never_joins_a_record(run, user_lists: Path, tmp_path: Path) -> None:
    english = tmp_path / "en.txt"
    english.write_text("Comedies.\n\n1. Office Romance (1977)\nA love story.\n", encoding="utf-8")
    assert run("import", str(english), "--name", "En").exit_code == 0
    [row] = run("list", "en").stdout.splitlines()
    card = json.loads(run("show", row.split("\t")[0], "--json").stdout)
    assert (card["record"], card["imdb"], card["directors"]) == ("", "", [])


def test_a_film_only_the_records_know_is_shown_and_logged(run) -> None:
    shown = run("show", "Zerkalo dlya geroya")
    assert shown.exit_code == 0, shown.stderr
    assert shown.stdout.startswith("Зеркало для героя (1987)\n")
    assert "note:\tno list names it yet" in shown.stdout and "theme:" not in shown.stdout
    assert run("watched", "Зеркало для героя", "--on", "2026-11-02").exit_code == 0
    assert "\t2026-11-02\tЗеркало для героя\t1987\t" in run("diary").stdout
    assert run("show", "no such film of the records 1931").exit_code == 1
