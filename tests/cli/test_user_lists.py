"""The user's lists folder as commands see it: paths, replacing, broken files, validate."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import MY_LIST, write_list


def test_paths_command(run, user_lists: Path) -> None:
    lines = dict(line.split("\t") for line in run("paths").stdout.splitlines())
    assert lines["lists"] == str(user_lists)
    assert Path(lines["bundled"]).is_dir() and Path(lines["records"]).is_file()
    assert lines["cache"].endswith("sfilms")


def test_user_list_seen_by_every_command(run, user_lists: Path) -> None:
    write_list(user_lists, "mine.yaml", MY_LIST)
    assert "mine\tMine\t2" in run("themes").stdout
    # The title as this list gives it; the film is still The Mirror, with its record.
    assert run("list", "mine").stdout.splitlines()[0] == "mirror\tMirror\t1975\tAndrei Tarkovsky"
    assert "My words about the Mirror." in run("show", "mirror").stdout
    assert (
        "kin-dza-dza\tmine\tdescription\tSpace comedy."
        in run("search", "space", "comedy").stdout.splitlines()
    )
    assert run("list", "--year", "1980s").stdout.startswith("kin-dza-dza\t")


def test_a_user_list_with_a_bundled_id_replaces_it(run, user_lists: Path) -> None:
    write_list(user_lists, "loneliness.yaml", MY_LIST.replace("id: mine", "id: loneliness"))
    result = run("themes")
    assert "loneliness\tMine\t2" in result.stdout
    assert result.stdout.count("loneliness\t") == 1
    assert "replaces the bundled 'loneliness'" in result.stderr
    terminal = run("themes", env={"SFILMS_FORCE_TTY": "1", "NO_COLOR": "1", "COLUMNS": "120"})
    assert "replaces the bundled list" in terminal.stdout
    # Stalker was only in the bundled loneliness list: the records still know it, and say no list names it.
    shown = run("show", "stalker")
    assert shown.exit_code == 0 and "note:\tno list names it yet" in shown.stdout
    assert "theme:" not in shown.stdout


def test_a_broken_file_never_takes_the_tool_down(run, user_lists: Path) -> None:
    write_list(user_lists, "mine.yaml", MY_LIST)
    broken = write_list(user_lists, "broken.yaml", "id: broken\nname: [unclosed\n")
    result = run("themes")
    assert result.exit_code == 0
    assert "mine\tMine\t2" in result.stdout
    warnings = result.stderr.splitlines()
    assert len(warnings) == 1
    assert warnings[0].startswith(f"sfilms: warning: skipped {broken}:")


def test_validate_good_and_bad(run, user_lists: Path, tmp_path: Path) -> None:
    assert run("validate").exit_code == 0
    good = write_list(tmp_path, "good.yaml", MY_LIST)
    bad = write_list(
        tmp_path,
        "bad.yaml",
        MY_LIST.replace("year: 1986", "year: 1986\n    rating: 5").replace("name: Mine\n", ""),
    )
    assert run("validate", str(good)).exit_code == 0
    result = run("validate", str(good), str(bad), str(tmp_path / "missing.yaml"))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'missing.yaml'}: no such file or folder",
        f"{bad}:1: missing 'name'",
        f"{bad}:10: films[2]: unknown key 'rating' (expected: title, year, original_title, directors, description, fact)",
    ]
    assert "3 problem(s)" in result.stderr
    # By default every list sfilms reads, user lists included.
    write_list(user_lists, "bad.yaml", bad.read_text())
    assert run("validate").exit_code == 1


def test_validate_of_a_path_it_cannot_reach_is_a_problem(run, tmp_path: Path) -> None:
    result = run("validate", "a" * 300, str(tmp_path / "missing.yaml"))
    assert result.exit_code == 1
    assert "File name too long" in result.stdout and "no such file or folder" in result.stdout


def test_validate_reports_two_of_your_lists_with_one_id(run, user_lists: Path) -> None:
    for name in ("a", "b"):
        write_list(user_lists, f"{name}.yaml", "id: same\nname: S\nintro: x\nfilms:\n  - title: T\n    year: 1970\n"
                   "    description: d\n")  # fmt: skip
    result = run("validate")
    assert result.exit_code == 1
    assert (
        f"{user_lists / 'b.yaml'}:1: the id 'same' is already used by {user_lists / 'a.yaml'}"
        in result.stdout
    )


WINTER = """id: winter
name: Winter
intro: Cold films.
films:
  - title: The Irony of Fate
    year: 1975
    description: New Year.
    fact: Shown every 31 December.
  - title: Сталкер
    year: 1979
    directors: [Andrei Tarkovsky]
    description: Snow in the zone.
"""


def test_a_list_in_sfilms_own_format_is_imported_as_it_is(run, user_lists: Path, tmp_path: Path) -> None:
    source = tmp_path / "winter.yaml"
    source.write_text(WINTER, encoding="utf-8")
    assert run("validate", str(source)).exit_code == 0
    result = run("import", str(source))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("winter\t2\t")
    listed = run("list", "winter").stdout.splitlines()
    assert [line.split("\t")[:3] for line in listed] == [["irony-of-fate", "The Irony of Fate", "1975"],
                                                         ["stalker", "Сталкер", "1979"]]  # fmt: skip
    assert "Shown every 31 December." in run("show", "irony of fate").stdout
    broken = tmp_path / "broken.yaml"
    broken.write_text(WINTER.replace("year: 1979", "year: 1700"), encoding="utf-8")
    refused = run("import", str(broken))
    assert refused.exit_code == 1 and f"{broken}:10: films[2]: 1700 is not a plausible year" in refused.stderr


def test_an_import_never_replaces_a_theme_without_force(run, user_lists: Path, tmp_path: Path) -> None:
    pasted = tmp_path / "lonely.txt"
    pasted.write_text("Lonely films.\n\n1. Stalker (1979)\n2. Garage (1979)\n", encoding="utf-8")
    dry = run("import", str(pasted), "--name", "Loneliness", "--dry-run")
    assert dry.exit_code == 0 and "would replace a theme: the id 'loneliness' is taken" in dry.stderr
    refused = run("import", str(pasted), "--name", "Loneliness")
    assert refused.exit_code == 1 and list(user_lists.iterdir()) == []
    assert refused.stderr == ("sfilms: the id 'loneliness' is taken by a list sfilms ships: give another --id "
                              "or --name, or --force to replace it\n")  # fmt: skip
    assert run("import", str(pasted), "--name", "Mine").exit_code == 0
    again = run("import", str(pasted), "--name", "Mine")
    assert again.exit_code == 1 and "taken by one of your lists" in again.stderr
    assert run("import", str(pasted), "--name", "Loneliness", "--force").exit_code == 0
    assert run("show", "stalker").exit_code == 0


def test_your_lists_can_be_renamed_and_removed_never_the_bundled_ones(run, user_lists: Path) -> None:
    write_list(user_lists, "winter.yaml", WINTER)
    assert run("lists").stdout == f"winter\tWinter\t2\t{user_lists / 'winter.yaml'}\n"
    renamed = run("lists", "rename", "winter", "--name", "Winter films", "--id", "cold")
    assert renamed.exit_code == 0 and renamed.stdout == f"cold\t{user_lists / 'cold.yaml'}\n"
    assert sorted(path.name for path in user_lists.iterdir()) == ["cold.yaml"]
    assert run("list", "Winter films").stdout.splitlines()[0].startswith("irony-of-fate\t")
    taken = run("lists", "rename", "cold", "--id", "loneliness")
    assert taken.exit_code == 1 and "taken by a list sfilms ships" in taken.stderr
    assert run("lists", "remove", "loneliness", "--yes").exit_code == 1  # not yours
    unasked = run("lists", "remove", "cold")  # no terminal to ask at: --yes is needed
    assert unasked.exit_code == 2 and (user_lists / "cold.yaml").exists()
    removed = run("lists", "remove", "winter films", "--yes")
    assert removed.exit_code == 0 and "kept in" in removed.stderr
    assert not (user_lists / "cold.yaml").exists() and (user_lists / "removed" / "cold.yaml").read_text(
        encoding="utf-8"
    ).startswith('id: "cold"\nname: "Winter films"')
    assert run("list", "cold").exit_code == 1 and run("lists").stdout == ""
