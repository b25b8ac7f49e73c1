"""The layers as the README draws them: imports only go down, and each layer imports only the
layers below it (read from the source, so a new import that breaks the rule fails here)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "soviet_films"

# What each layer may import from the package (besides itself, the version in __init__, and
# ``safe``, the escaping every layer that prints needs).
ALLOWED = {
    "errors": set(),
    "safe": set(),
    "model": {"errors"},
    "places": {"model", "errors"},
    "core": {"model", "errors"},
    "store": {"core", "places", "model", "errors"},
    "views": {"model", "errors"},
    "console": set(),
    "library": {"core", "store", "places", "model", "errors"},
    "cli": {"library", "views", "console", "model", "errors", "tui"},
    "tui": {"library", "views", "model", "errors"},
}


def layer_of(module: str) -> str:
    """'soviet_films.store.cache' -> 'store'; 'soviet_films' -> '' (the package itself)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def imports_of(path: Path) -> set[str]:
    """Every soviet_films module the file imports, at the top or inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("soviet_films"):
            found.add(node.module)
            if node.module == "soviet_films":  # "from soviet_films import places"
                found |= {f"soviet_films.{alias.name}" for alias in node.names if alias.name != "__version__"}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("soviet_films")}
    return found


MODULES = sorted(path for path in PACKAGE.rglob("*.py") if path.name not in ("__init__.py", "__main__.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_imports_only_go_down(path: Path) -> None:
    module = ".".join(("soviet_films", *path.relative_to(PACKAGE).with_suffix("").parts))
    layer = layer_of(module)
    wrong = {name for name in imports_of(path) if layer_of(name) not in {layer, "", "safe"} | ALLOWED[layer]}
    assert not wrong, f"{module} ({layer}) may not import {sorted(wrong)}"


def test_no_module_imports_itself_back() -> None:
    # Within a layer too: follow every import (lazy ones included) and find no way back.
    graph = {}
    for path in MODULES:
        name = ".".join(("soviet_films", *path.relative_to(PACKAGE).with_suffix("").parts))
        graph[name] = {module for module in imports_of(path) if module != "soviet_films"}

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for module in graph.get(start, ()):
            if module == goal or (module not in seen and reaches(module, goal, seen | {module})):
                return True
        return False

    cycles = sorted(name for name in graph if reaches(name, name, set()))
    assert cycles == []


def test_every_module_is_in_a_layer() -> None:
    layers = {
        layer_of(".".join(("soviet_films", *p.relative_to(PACKAGE).with_suffix("").parts))) for p in MODULES
    }
    assert layers <= set(ALLOWED)


def test_package_init_files_of_the_layers_are_empty() -> None:
    inits = [PACKAGE / layer / "__init__.py" for layer in ("core", "store", "views", "cli")]
    assert [path.read_text() for path in inits] == [""] * len(inits)


def test_the_check_can_fail(tmp_path: Path) -> None:
    # The rule above would pass vacuously if imports_of found nothing.
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from soviet_films.store.cache import load\n")
    assert imports_of(bad) == {"soviet_films.store.cache"}
    assert "store" not in ALLOWED["views"]


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(path.relative_to(PACKAGE.parent)): count
        for path in PACKAGE.rglob("*.py")
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert not long, f"split these by concern: {long}"
