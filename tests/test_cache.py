"""The compiled catalogue cache: used when warm, rebuilt when stale or corrupt, never required;
and the start-up structure it allows: plain and JSON runs never import rich or yaml."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from soviet_films import cache
from soviet_films.catalog import cache_dir, load_catalog, source_files

from .conftest import write_list

MY_LIST = "id: mine\nname: Mine\nintro: x\nfilms:\n  - title: Solaris\n    year: 1972\n    description: d\n"


def cache_files() -> list[Path]:
    return sorted(cache_dir().glob("catalog-*.json"))


def test_the_first_run_writes_the_cache_and_the_next_reads_it(monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_catalog()
    assert len(cache_files()) == 1
    from soviet_films import schema

    monkeypatch.setattr(schema, "build_from_files", lambda *a: pytest.fail("a warm run must not parse YAML"))
    warm = load_catalog()
    assert [fl.id for fl in warm.lists] == [fl.id for fl in first.lists]
    assert warm.appearances("overcoat")[0][1] == first.appearances("overcoat")[0][1]
    assert warm.films["mirror"] == first.films["mirror"]


def test_a_changed_list_file_is_seen_at_once(user_lists: Path) -> None:
    path = write_list(user_lists, "mine.yaml", MY_LIST)
    assert load_catalog().theme("mine").entries[0].description == "d"
    path.write_text(MY_LIST.replace("description: d", "description: changed!"))
    assert load_catalog().theme("mine").entries[0].description == "changed!"
    write_list(user_lists, "more.yaml", MY_LIST.replace("id: mine", "id: more"))
    assert [fl.id for fl in load_catalog().lists][-2:] == ["mine", "more"]
    path.unlink()
    assert "mine" not in [fl.id for fl in load_catalog().lists]


def test_the_key_holds_path_size_mtime_and_version() -> None:
    records, bundled, user = source_files()
    key = cache.cache_key([records, *bundled, *user])
    from soviet_films import __version__

    assert key[0] == __version__
    status = os.stat(records)
    assert [str(records), status.st_size, status.st_mtime_ns] in key


@pytest.mark.parametrize(
    "damage", [b"", b"{not json", b'{"key": 1}', b"\x00\xff" * 100, b'{"key": null, "catalog": []}']
)
def test_a_corrupt_cache_is_rebuilt(damage: bytes) -> None:
    load_catalog()
    (path,) = cache_files()
    path.write_bytes(damage)
    assert [fl.id for fl in load_catalog().lists] == ["loneliness", "low-self-esteem"]
    assert json.loads(path.read_text())["catalog"]  # rewritten whole


def test_a_cache_with_the_right_key_but_broken_rows_is_rebuilt() -> None:
    load_catalog()
    (path,) = cache_files()
    data = json.loads(path.read_text())
    data["catalog"]["lists"] = [["x"]]
    path.write_text(json.dumps(data))
    assert [fl.id for fl in load_catalog().lists] == ["loneliness", "low-self-esteem"]


def test_no_cache_folder_still_works(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker / "cannot-be-a-folder"))
    assert len(load_catalog().lists) == 2
    assert len(load_catalog().lists) == 2


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root can write anywhere")
def test_read_only_cache_folder_still_works(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    assert len(load_catalog().lists) == 2


def test_the_cache_is_written_atomically() -> None:
    load_catalog()
    assert [p.name for p in cache_dir().iterdir() if p.name.startswith(".")] == []


PROBE = """
import os, sys
leave = os._exit
def report_and_leave(code):  # sfilms leaves through os._exit: report what was imported first
    heavy = {name.split(".")[0] for name in sys.modules if name.split(".")[0] in ("rich", "yaml")}
    sys.stderr.write("MODULES " + " ".join(sorted(heavy)) + "\\n")
    sys.stderr.flush()
    leave(code)
os._exit = report_and_leave
sys.argv = ["sfilms", *sys.argv[1:]]
from soviet_films.cli import main
main()
"""


def imported_heavy_modules(*args: str, env: dict[str, str] | None = None) -> set[str]:
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True,
                            env={**os.environ, **(env or {})}, timeout=60)  # fmt: skip
    line = [line for line in result.stderr.splitlines() if line.startswith("MODULES")][-1]
    return set(line.split()[1:])


@pytest.mark.parametrize(
    "args",
    [("show", "stalker"), ("list", "loneliness"), ("list", "loneliness", "--json"), ("themes",),
     ("search", "palme"), ("show", "mirror", "--json"), ("list", "--director", "tarkovsky")],
)  # fmt: skip
def test_plain_and_json_never_import_rich_or_yaml_once_warm(args: tuple[str, ...]) -> None:
    imported_heavy_modules(*args)  # warms the cache
    assert imported_heavy_modules(*args) == set()


def test_completion_never_imports_rich_or_yaml_once_warm() -> None:
    env = {"_SFILMS_COMPLETE": "complete_bash", "COMP_WORDS": "sfilms show sta", "COMP_CWORD": "2"}
    imported_heavy_modules(env=env)
    assert imported_heavy_modules(env=env) == set()


def test_the_terminal_view_does_import_rich() -> None:
    # The other side of the tests above: they would pass vacuously if the probe saw nothing.
    assert "rich" in imported_heavy_modules("show", "stalker", env={"SFILMS_FORCE_TTY": "1"})


def test_the_search_index_follows_the_catalogue(user_lists: Path) -> None:
    from soviet_films.catalog import load_catalog_and_search_index
    from soviet_films.search import index_text

    path = write_list(user_lists, "mine.yaml", MY_LIST)
    catalog, index = load_catalog_and_search_index()
    assert index == index_text(catalog)
    assert sorted(p.suffix for p in cache_dir().iterdir()) == [".json", ".search"]
    path.write_text(MY_LIST.replace("description: d", "description: zeppelin"))
    catalog, index = load_catalog_and_search_index()
    assert "zeppelin" in index and index == index_text(catalog)
