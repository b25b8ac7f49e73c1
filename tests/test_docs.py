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
