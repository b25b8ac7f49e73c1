"""store.cache: the compiled catalogue, warm and cold, stale and corrupt."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from soviet_films.places import cache_dir
from soviet_films.store import cache
from soviet_films.store.catalog import load_catalog, source_files
from tests.helpers import write_list

MY_LIST = "id: mine\nname: Mine\nintro: x\nfilms:\n  - title: Solaris\n    year: 1972\n    description: d\n"


def cache_files() -> list[Path]:
    return sorted(cache_dir().glob("catalog-*.json"))


def test_the_first_run_writes_the_cache_and_the_next_reads_it(monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_catalog()
    assert len(cache_files()) == 1
    from soviet_films.store import catalog

    monkeypatch.setattr(catalog, "build_from_files", lambda *a: pytest.fail("a warm run must not parse YAML"))
    warm = load_catalog()
    assert [theme.id for theme in warm.themes] == [theme.id for theme in first.themes]
    assert warm.appearances("overcoat")[0].entry == first.appearances("overcoat")[0].entry
    assert warm.films["mirror"] == first.films["mirror"]


def test_a_changed_list_file_is_seen_at_once(user_lists: Path) -> None:
    path = write_list(user_lists, "mine.yaml", MY_LIST)
    assert load_catalog().theme("mine").entries[0].description == "d"
    path.write_text(MY_LIST.replace("description: d", "description: changed!"))
    assert load_catalog().theme("mine").entries[0].description == "changed!"
    write_list(user_lists, "more.yaml", MY_LIST.replace("id: mine", "id: more"))
    assert [fl.id for fl in load_catalog().themes][-2:] == ["mine", "more"]
    path.unlink()
    assert "mine" not in [fl.id for fl in load_catalog().themes]


def test_the_key_holds_path_size_times_inode_and_version() -> None:
    records, bundled, user = source_files()
    key = cache.cache_key([records, *bundled, *user])
    from soviet_films import __version__

    assert key[0] == __version__
    status = os.stat(records)
    assert [str(records), status.st_size, status.st_mtime_ns, status.st_ino, status.st_ctime_ns] in key


def test_a_file_replaced_with_its_size_and_time_kept_is_seen(user_lists: Path) -> None:
    # cp -p and touch -r keep the modification time; the change time and inode still move.
    path = write_list(user_lists, "mine.yaml", MY_LIST.replace("Mine", "Aaaa"))
    load_catalog()
    status = os.stat(path)
    replacement = user_lists / "new.tmp"
    replacement.write_text(MY_LIST.replace("Mine", "Bbbb"), encoding="utf-8")
    os.utime(replacement, ns=(status.st_atime_ns, status.st_mtime_ns))
    os.replace(replacement, path)
    assert os.stat(path).st_size == status.st_size and os.stat(path).st_mtime_ns == status.st_mtime_ns
    assert load_catalog().theme("mine").name == "Bbbb"


@pytest.mark.parametrize(
    "damage", [b"", b"{not json", b'{"key": 1}', b"\x00\xff" * 100, b'{"key": null, "catalog": []}']
)
def test_a_corrupt_cache_is_rebuilt(damage: bytes) -> None:
    load_catalog()
    (path,) = cache_files()
    path.write_bytes(damage)
    assert [fl.id for fl in load_catalog().themes] == ["loneliness", "low-self-esteem"]
    assert json.loads(path.read_text())["catalog"]  # rewritten whole


def test_deeply_nested_json_in_the_cache_is_rebuilt() -> None:
    load_catalog()
    (path,) = cache_files()
    path.write_text("[" * 100_000 + "]" * 100_000)  # json.loads would recurse out of the stack
    assert len(load_catalog().themes) == 2


def test_a_fifo_or_a_device_in_the_cache_is_replaced() -> None:
    load_catalog()
    (path,) = cache_files()
    path.unlink()
    os.mkfifo(path)  # reading it would wait for ever
    assert len(load_catalog().themes) == 2
    assert path.is_file() and not path.is_symlink()
    path.unlink()
    path.symlink_to("/dev/zero")  # reading it would fill the memory
    assert len(load_catalog().themes) == 2
    assert path.is_file() and not path.is_symlink()


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data["catalog"]["films"].__setitem__(0, [1, 2, 3, 4, 5, 6, 7]),
        lambda data: data["catalog"]["films"][0].__setitem__(6, "not a list"),
        lambda data: data["catalog"]["themes"][0][6][0].__setitem__(1, "1979"),
        lambda data: data["catalog"]["themes"][0].__setitem__(6, {"entries": []}),
        lambda data: data["catalog"].__setitem__("film_themes", []),
        lambda data: data["catalog"]["skipped"].append(["x", "line", "m", 0]),
    ],
)
def test_a_cache_with_the_right_key_but_wrong_types_is_rebuilt(damage) -> None:
    load_catalog()
    (path,) = cache_files()
    data = json.loads(path.read_text())
    damage(data)
    path.write_text(json.dumps(data))
    catalog = load_catalog()
    assert catalog.films["stalker"].directors == ("Andrei Tarkovsky",)
    assert catalog.theme("loneliness").entries[0].year == 1979


def test_a_cache_with_the_right_key_but_broken_rows_is_rebuilt() -> None:
    load_catalog()
    (path,) = cache_files()
    data = json.loads(path.read_text())
    data["catalog"]["themes"] = [["x"]]
    path.write_text(json.dumps(data))
    assert [fl.id for fl in load_catalog().themes] == ["loneliness", "low-self-esteem"]


def test_no_cache_folder_still_works(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker / "cannot-be-a-folder"))
    assert len(load_catalog().themes) == 2
    assert len(load_catalog().themes) == 2


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root can write anywhere")
def test_read_only_cache_folder_still_works(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    assert len(load_catalog().themes) == 2


def test_the_cache_is_written_atomically() -> None:
    load_catalog()
    assert [p.name for p in cache_dir().iterdir() if p.name.startswith(".")] == []


def test_the_search_index_follows_the_catalogue(user_lists: Path) -> None:
    from soviet_films.core.search import index_text
    from soviet_films.store.catalog import load_catalog_and_search_index

    path = write_list(user_lists, "mine.yaml", MY_LIST)
    catalog, index = load_catalog_and_search_index()
    assert index == index_text(catalog)
    assert sorted(p.suffix for p in cache_dir().iterdir()) == [".json", ".search"]
    path.write_text(MY_LIST.replace("description: d", "description: zeppelin"))
    catalog, index = load_catalog_and_search_index()
    assert "zeppelin" in index and index == index_text(catalog)
