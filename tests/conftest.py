"""Shared fixtures: a clean environment with a lists folder of its own, the catalogue, the CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from soviet_films.cli.commands import app
from soviet_films.model import Catalog
from soviet_films.store.shelf import load_catalog

# Variables from the developer's shell that would change what sfilms prints.
_OUTPUT_VARIABLES = (
    "FORCE_COLOR",
    "NO_COLOR",
    "COLUMNS",
    "LINES",
    "TERM",
    "SFILMS_FORCE_TTY",
    "SFILMS_DEBUG",
    "PAGER",
    "CLICOLOR_FORCE",
)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every test starts from the same environment, with an empty lists folder of its own."""
    for name in _OUTPUT_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    home = tmp_path_factory.mktemp("home")
    lists = home / "lists"
    lists.mkdir()
    monkeypatch.setenv("SFILMS_LISTS_DIR", str(lists))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    return lists


@pytest.fixture
def user_lists(clean_env: Path) -> Path:
    """The lists folder sfilms reads the user's own lists from, empty at the start."""
    return clean_env


@pytest.fixture
def catalog() -> Catalog:
    """The bundled catalogue."""
    return load_catalog()


@pytest.fixture
def run():
    """Invoke sfilms through typer's CliRunner: run(*args, env={...}) -> Result."""
    runner = CliRunner()

    def invoke(*args: str, env: dict[str, str] | None = None):
        return runner.invoke(app, list(args), env=env, catch_exceptions=False)

    return invoke
