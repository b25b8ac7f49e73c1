"""docs/cli.md is what docs/generate.py makes of the app today."""

from __future__ import annotations

import sys
from pathlib import Path


def test_cli_reference_is_fresh() -> None:
    sys.path.insert(0, str(Path(__file__).parent.parent / "docs"))
    try:
        from generate import REFERENCE, cli_reference
    finally:
        sys.path.pop(0)
    assert REFERENCE.read_text(encoding="utf-8") == cli_reference(), (
        "docs/cli.md is stale: run python docs/generate.py"
    )
    for command in (
        "themes",
        "list",
        "show",
        "search",
        "random",
        "stats",
        "export",
        "import",
        "validate",
        "paths",
    ):
        assert f"## `sfilms {command}`" in REFERENCE.read_text(encoding="utf-8")


def test_the_readme_layout_names_the_modules_that_exist() -> None:
    """Every module the README's layout names exists, and every module (but an empty __init__.py) is
    named there."""
    import re

    root = Path(__file__).parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    layout = readme.split("### Layout", 1)[1].split("```", 2)[1]
    named, folders = set(), []
    for line in layout.splitlines():
        match = re.match(r"^( *)(\S+(?:\.py|/))(?:\s|$)", line)
        if not match:
            continue
        depth, name = len(match[1]) // 2, match[2]
        if name.endswith("/"):
            folders = [*folders[:depth], name.rstrip("/")]
        else:
            named.add("/".join([*folders[:depth], name]))
    modules = {
        str(path.relative_to(root))
        for path in (root / "soviet_films").rglob("*.py")
        if path.name != "__init__.py" or path.read_text(encoding="utf-8").strip()
    }
    missing = {name for name in named if not (root / name).exists()}
    assert not missing, f"the README names modules that do not exist: {sorted(missing)}"
    assert not modules - named, f"the README's layout leaves out: {sorted(modules - named)}"
