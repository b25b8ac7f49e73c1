"""places: every folder from the environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from soviet_films.places import cache_dir, user_lists_dir


def test_lists_folder_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SFILMS_LISTS_DIR", str(tmp_path / "x"))
    assert user_lists_dir() == tmp_path / "x"


def test_lists_folder_xdg_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SFILMS_LISTS_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert user_lists_dir() == tmp_path / "data" / "sfilms" / "lists"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert user_lists_dir() == tmp_path / "home" / ".local" / "share" / "sfilms" / "lists"


def test_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "c"))
    assert cache_dir() == tmp_path / "c" / "sfilms"
