"""sfilms import: from a file or stdin into the lists folder, reported by line, never over a list."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from soviet_films.places import bundled_lists_dir
from tests.helpers import FIXTURES, sfilms_command

ONE_FILM = "An intro.\n\nStalker (1979)\nDescription: A guide.\nFact: Shot in Estonia.\n"


@pytest.mark.parametrize(
    ("source", "name", "bundled"),
    [
        ("loneliness.txt", "Loneliness", "loneliness.yaml"),
        ("low-self-esteem.txt", "Low self-esteem", "low-self-esteem.yaml"),
    ],
)
def test_importing_the_source_texts_reproduces_the_bundled_lists(
    run, user_lists: Path, source: str, name: str, bundled: str
) -> None:
    result = run("import", str(FIXTURES / source), "--name", name, "--force")  # the bundled theme, again
    assert result.exit_code == 0, result.stderr
    written = user_lists / bundled
    assert written.read_bytes() == (bundled_lists_dir() / bundled).read_bytes()
    assert result.stdout == f"{bundled[:-5]}\t10\t{written}\n"


def test_an_imported_list_is_browsable(run, user_lists: Path, tmp_path: Path) -> None:
    source = tmp_path / "war films.txt"
    source.write_text(
        "Films about war.\n\nThe Cranes Are Flying (1957)\nDescription: Veronika waits.\nFact: Palme d'Or.\n\n"
        "Come and See (1985)\nDescription: A boy at war.\nFact: Made for the 40th anniversary.\n",
        encoding="utf-8",
    )
    assert run("import", str(source)).exit_code == 0
    assert "war-films\tWar films\t2" in run("themes").stdout
    assert run("list", "war films").stdout.splitlines() == [
        "cranes-are-flying\tThe Cranes Are Flying\t1957\tMikhail Kalatozov",
        "come-and-see\tCome and See\t1985\t",
    ]
    # A film a bundled list names too is one film, with what every list says.
    shown = run("show", "cranes").stdout
    assert shown.count("theme:\t") == 3
    assert "Veronika waits." in shown
    assert run("search", "anniversary").stdout.startswith("come-and-see\twar-films\tfact\t")


def test_an_entry_without_a_fact_is_imported_with_a_warning(run, user_lists: Path, tmp_path: Path) -> None:
    # Where the list gives facts, one missing is worth a look; a list that gives none is a top 10.
    source = tmp_path / "nofact.txt"
    source.write_text(ONE_FILM.replace("Fact: Shot in Estonia.\n", "") + "\nMirror (1975)\nMemories.\nFact: f\n"
                      "\nGarage (1979)\nDescription: g\nFact: g\n", encoding="utf-8")  # fmt: skip
    result = run("import", str(source), "--name", "No fact")
    assert result.exit_code == 0
    assert f"warning: {source}:3: 'Stalker (1979)' has no Fact line" in result.stderr
    bare = tmp_path / "bare.txt"
    bare.write_text("1. Stalker (1979)\n2. Mirror (1975)\n", encoding="utf-8")
    quiet = run("import", str(bare), "--name", "Bare")
    assert quiet.exit_code == 0 and "warning" not in quiet.stderr
    assert (user_lists / "no-fact.yaml").read_text(encoding="utf-8").count("    fact:") == 2
    assert run("validate", str(user_lists / "no-fact.yaml")).exit_code == 0


def test_odd_lines_are_reported_by_line_and_the_rest_is_imported(
    run, user_lists: Path, tmp_path: Path
) -> None:
    source = tmp_path / "odd.txt"
    source.write_text(
        "Intro.\n\nDescription: too early\n\nStalker 1979\nFact: a zone\n\nMirror (1775)\n"
        "Description: x\n\n## Garage\nA committee.\n",
        encoding="utf-8",
    )
    result = run("import", str(source), "--name", "Odd")
    assert result.exit_code == 0, result.stderr
    assert f"note: {source}:3: 'Description:' stands before any title line" in result.stderr
    assert f"note: {source}:8: left out 'Mirror (1775)' and the lines under it: 1775 is not" in result.stderr
    assert f"note: {source}:11: left out 'Garage' and the lines under it: a title line with no year" in (
        result.stderr
    )
    assert run("list", "odd").stdout == "stalker\tStalker\t1979\tAndrei Tarkovsky\n"


def test_text_with_no_film_is_refused_and_nothing_is_written(run, user_lists: Path, tmp_path: Path) -> None:
    source = tmp_path / "prose.txt"
    source.write_text("An essay on Soviet cinema.\n\nIt has no film in it, only ideas.\n", encoding="utf-8")
    result = run("import", str(source), "--name", "Prose")
    assert result.exit_code == 1
    assert f"{source}: no films found: no line gives a film's title with its year" in result.stderr
    assert result.stdout == ""
    assert list(user_lists.iterdir()) == []


def test_never_overwrites_without_force(run, user_lists: Path, tmp_path: Path) -> None:
    source = tmp_path / "mine.txt"
    source.write_text(ONE_FILM, encoding="utf-8")
    assert run("import", str(source)).exit_code == 0
    before = (user_lists / "mine.yaml").read_bytes()
    source.write_text(ONE_FILM.replace("A guide.", "Changed."), encoding="utf-8")
    refused = run("import", str(source))
    assert refused.exit_code == 1
    assert refused.stderr == (
        "sfilms: the id 'mine' is taken by one of your lists: give another --id or --name, or --force to replace it\n"
    )
    assert (user_lists / "mine.yaml").read_bytes() == before
    assert run("import", str(source), "--force").exit_code == 0
    assert b"Changed." in (user_lists / "mine.yaml").read_bytes()


def test_reads_stdin_with_a_name(user_lists: Path) -> None:
    result = subprocess.run(
        [*sfilms_command(), "import", "-", "--name", "From stdin"],
        input=ONE_FILM.encode(),
        capture_output=True,
        env={**os.environ, "SFILMS_LISTS_DIR": str(user_lists)},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert (user_lists / "from-stdin.yaml").exists()


def test_stdin_without_a_name_is_a_usage_error(run) -> None:
    result = run("import", "-")
    assert result.exit_code == 2
    assert "needs --name" in result.stderr


def test_creates_the_folder(run, tmp_path: Path) -> None:
    source = tmp_path / "x.txt"
    source.write_text(ONE_FILM, encoding="utf-8")
    folder = tmp_path / "new" / "lists"
    assert run("import", str(source), env={"SFILMS_LISTS_DIR": str(folder)}).exit_code == 0
    assert (folder / "x.yaml").exists()


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_folder_is_a_clear_error(run, tmp_path: Path) -> None:
    source = tmp_path / "x.txt"
    source.write_text(ONE_FILM, encoding="utf-8")
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    result = run("import", str(source), env={"SFILMS_LISTS_DIR": str(folder)})
    assert result.exit_code == 1
    assert "cannot write" in result.stderr and "Permission denied" in result.stderr


def test_unwritable_folder_is_a_clear_error_even_as_root(run, tmp_path: Path) -> None:
    # A "folder" that is a file cannot be written into, whoever you are.
    source = tmp_path / "x.txt"
    source.write_text(ONE_FILM, encoding="utf-8")
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    result = run("import", str(source), env={"SFILMS_LISTS_DIR": str(not_a_folder / "lists")})
    assert result.exit_code == 1
    assert result.stderr.startswith("sfilms: cannot write to")
    assert result.stderr.count("\n") == 1


def test_two_imports_at_once_never_corrupt_each_other(user_lists: Path, tmp_path: Path) -> None:
    films = "".join(
        f"Film {n} ({1950 + n % 40})\nDescription: {'d' * 2000}\nFact: f{n}\n\n" for n in range(300)
    )
    sources = []
    for index in range(4):
        path = tmp_path / f"big{index}.txt"
        path.write_text(f"Intro {index}.\n\n{films}", encoding="utf-8")
        sources.append(path)
    env = {**os.environ, "SFILMS_LISTS_DIR": str(user_lists)}
    processes = [
        subprocess.Popen(
            [*sfilms_command(), "import", str(p), "--name", "Same", "--force"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for p in sources
    ]
    for process in processes:
        assert process.wait(timeout=120) == 0, process.stderr.read()
    # Exactly one complete list won, and no temporary file was left behind.
    assert [p.name for p in user_lists.iterdir()] == ["same.yaml"]
    text = (user_lists / "same.yaml").read_text(encoding="utf-8")
    assert text.count("  - title:") == 300 and text.endswith('fact: "f299"\n')
    check = subprocess.run(
        [sys.executable, "-m", "soviet_films", "validate", str(user_lists)], env=env, capture_output=True
    )
    assert check.returncode == 0, check.stdout


def test_a_list_named_in_cyrillic_gets_a_cyrillic_id(run, user_lists: Path, tmp_path: Path) -> None:
    source = tmp_path / "ru.txt"
    source.write_text("Вступление.\n\nСталкер (1979)\nDescription: Зона.\nFact: Эстония.\n", encoding="utf-8")
    result = run("import", str(source), "--name", "Одиночество")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("одиночество\t1\t")
    # Linked to the Stalker record by its original title, shown as this list gives it.
    assert run("list", "Одиночество").stdout == "stalker\tСталкер\t1979\tAndrei Tarkovsky\n"
    assert run("import", str(source), "--name", "X", "--id", "Bad_Id").exit_code == 2


def test_a_duplicate_is_read_once_with_a_note_at_the_users_own_lines(
    run, user_lists: Path, tmp_path: Path
) -> None:
    # Lines 3 and 7 name one film ("The A" is "A" to the catalogue): the user's lines, not the YAML's.
    source = tmp_path / "dup.txt"
    source.write_text("Intro.\n\nA (1979)\nDescription: d\n\nB (1970)\nThe A (1979)\nDescription: d\n")
    result = run("import", str(source), "--name", "Dup")
    assert result.exit_code == 0, result.stderr
    assert f"note: {source}:7: 'The A (1979)' is listed twice (first on line 3); read once" in result.stderr
    assert [line.split("\t")[1] for line in run("list", "dup").stdout.splitlines()] == ["A", "B"]


def test_control_characters_in_the_text_and_the_name_are_kept_and_shown_safely(
    run, user_lists: Path, tmp_path: Path
) -> None:
    source = tmp_path / "c1.txt"
    source.write_text("Intro\x7f.\n\nStalker (1979)\nDescription: a\x9bb \ufffe c\x7fd\nFact: f\n")
    result = run("import", str(source), "--name", "C1\x9b\uffff")
    assert result.exit_code == 0, result.stderr
    shown = run("show", "stalker", "--json")
    [mine] = [entry for entry in json.loads(shown.stdout)["lists"] if entry["theme"] == "c1"]
    assert mine["description"] == "a\x9bb \ufffe c\x7fd"
    assert mine["theme_name"] == "C1\x9b\uffff"
    assert "\x9b" not in run("show", "stalker").stdout


def test_an_import_too_large_to_read_back_is_refused(run, user_lists: Path, tmp_path: Path) -> None:
    # Under 4 MiB of text, but over 4 MiB as YAML (every character escaped): it would be skipped.
    source = tmp_path / "big.txt"
    source.write_text(
        "Intro.\n\n" + "".join(f"F{n} (1970)\nDescription: {chr(0x9B) * 300}\n\n" for n in range(3000))
    )
    assert source.stat().st_size < 4 * 2**20
    result = run("import", str(source), "--name", "Big")
    assert result.exit_code == 1
    assert "larger than 4 MiB" in result.stderr
    assert list(user_lists.iterdir()) == []


def test_a_list_of_50000_films_imports_and_reads_back(run, user_lists: Path, tmp_path: Path) -> None:
    source = tmp_path / "huge.txt"
    source.write_text("Intro.\n\n" + "".join(f"F{n} (1970)\nDescription: d\n\n" for n in range(50_000)))
    result = run("import", str(source), "--name", "Huge")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("\n") == 1  # the 50,000 missing facts are one warning
    assert run("validate", str(user_lists / "huge.yaml")).exit_code == 0


def test_a_dry_run_shows_how_each_entry_reads_and_writes_nothing(
    run, user_lists: Path, tmp_path: Path
) -> None:
    source = tmp_path / "pasted.txt"
    source.write_text("Intro.\n\n1. The Mirror (Zerkalo) (1974)\nMemories.\n\n2. Kin-dza-dza! (1986) by Georgiy Daneliya\n"
                      "A desert planet.\n\n3. Stalker (1977)\nA zone.\n")  # fmt: skip
    result = run("import", str(source), "--name", "Mine", "--dry-run")
    assert result.exit_code == 0 and list(user_lists.iterdir()) == []
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[0][:5] == ["mirror", "3", "The Mirror", "1974", "Zerkalo"]  # joins the record, a year off
    # No list names Kin-dza-dza!: it joins the open record of it (by its title in Latin letters).
    assert rows[1][:6] == ["open:kin-dza-dza-1986", "6", "Kin-dza-dza!", "1986", "", "Georgiy Daneliya"]
    assert rows[2][0] == ""  # two years off: a new film, and the import names the near one
    assert f"{source}:9: 'Stalker (1977)' is a new film; stalker (Stalker, 1979) is near it" in result.stderr
    data = json.loads(run("import", str(source), "--name", "Mine", "--dry-run", "--json").stdout)
    assert [film["joins"] for film in data["films"]] == ["mirror", "open:kin-dza-dza-1986", None]
    terminal = run(
        "import", str(source), "--name", "Mine", "--dry-run", env={"SFILMS_FORCE_TTY": "1", "COLUMNS": "120"}
    )
    assert "as it would be imported" in terminal.stdout and "new" in terminal.stdout


def test_a_dry_run_shows_every_field_the_lines_left_out_and_the_films_mentioned(
    run, user_lists: Path, tmp_path: Path
) -> None:
    long_text = "A zone where wishes come true, and three men who walk into it for reasons of their own. " * 3
    source = tmp_path / "pasted.txt"
    source.write_text(
        f"Intro.\n\n1. Stalker (1979)\n{long_text}\nFact: Shot in Estonia.\n\n2. Garage (1979)\n"
        "A meeting. It runs long. The same cast made Office Romance (1977) two years before.\n\n"
        "Andrei Tarkovsky (1932 – 1986) made it.\n\n3. Mirror (1775)\nMemories.\n",
        encoding="utf-8",
    )
    result = run("import", str(source), "--name", "Mine", "--dry-run")
    assert result.exit_code == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert [row[2] for row in rows] == ["Stalker", "Garage"]
    assert rows[0][6] == long_text.strip() and rows[0][7] == "Shot in Estonia."  # whole, never cut
    assert (
        f"{source}:8: 'Office Romance (1977)' is named in a sentence, not listed; left out" in result.stderr
    )
    assert f"{source}:12: left out '3. Mirror (1775)' and the lines under it" in result.stderr
    assert "--with-mentions imports the films named in passing" in result.stderr
    data = json.loads(run("import", str(source), "--name", "Mine", "--dry-run", "--json").stdout)
    assert data["films"][0]["fact"] == "Shot in Estonia."
    assert [(film["title"], film["line"]) for film in data["mentioned"]] == [("Office Romance", 8)]
    assert [note["line"] for note in data["notes"]] == [8, 12]
    terminal = run(
        "import", str(source), "--name", "Mine", "--dry-run", env={"SFILMS_FORCE_TTY": "1", "COLUMNS": "160"}
    )
    assert "Named in passing" in terminal.stdout and "Office Romance" in terminal.stdout
    assert run("import", str(source), "--name", "Mine", "--with-mentions").exit_code == 0
    assert [line.split("\t")[1] for line in run("list", "mine").stdout.splitlines()] == [
        "Stalker",
        "Garage",
        "Office Romance",
    ]


def test_plain_text_in_the_lists_folder_points_to_import(run, user_lists: Path) -> None:
    (user_lists / "found.txt").write_text("Stalker (1979)\n", encoding="utf-8")
    result = run("themes")
    assert result.exit_code == 0
    assert (
        f"note: {user_lists / 'found.txt'} is a plain-text list, not a list file, so not read"
        in result.stderr
    )
    checked = run("validate", str(user_lists / "found.txt"))
    assert (
        checked.exit_code == 1
        and f"'sfilms import {user_lists / 'found.txt'}' brings it in" in checked.stdout
    )


@pytest.mark.parametrize("columns", [60, 80, 130])
def test_a_dry_run_on_a_terminal_never_cuts_a_word(run, columns: int) -> None:
    shown = run("import", str(FIXTURES / "loneliness.txt"), "--name", "X", "--dry-run",
                env={"SFILMS_FORCE_TTY": "1", "COLUMNS": str(columns), "NO_COLOR": "1"})  # fmt: skip
    assert shown.exit_code == 0
    lines = shown.stdout.splitlines()
    assert all(len(line) <= columns for line in lines)
    words = {word for line in lines for word in line.replace("│", " ").split()}
    # Titles and ids whole, never "Cran…" (at 80 columns the table was 8 columns of cut words).
    assert {"Cranes", "Flying", "Embankment", "cranes-are-flying", "house-on-the-embankment"} <= words
