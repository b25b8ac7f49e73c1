"""The pager, on a real pseudo-terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from soviet_films.console import should_page
from tests.helpers import sfilms_command


@pytest.mark.parametrize(
    ("terminal", "lines", "height", "disabled", "expected"),
    [
        (True, 100, 40, False, True),
        (True, 10, 40, False, False),
        (False, 100, 40, False, False),
        (True, 100, 40, True, False),
    ],
)
def test_when_to_page(terminal: bool, lines: int, height: int, disabled: bool, expected: bool) -> None:
    assert should_page(terminal, lines, height, disabled) is expected


def run_on_a_terminal(args: list[str], env: dict[str, str], columns: int | None = None) -> bytes:
    """Run sfilms with stdout on a pseudo-terminal; return what reached the terminal. With
    ``columns``, the terminal itself is that wide (and COLUMNS and LINES are not set)."""
    main, secondary = pty.openpty()
    base = dict(os.environ)
    if columns is not None:
        import fcntl
        import struct
        import termios

        fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 200, columns, 0, 0))
        base = {name: value for name, value in base.items() if name not in ("COLUMNS", "LINES")}
    process = subprocess.Popen([*sfilms_command(), *args], stdout=secondary, stderr=subprocess.PIPE,
                               env={**base, **env})  # fmt: skip
    os.close(secondary)
    seen = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    process.wait(timeout=60)
    os.close(main)
    return seen


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_tall_output_on_a_terminal_goes_through_the_pager(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    env = {"PAGER": f"cat > '{paged}'", "LINES": "10", "COLUMNS": "80", "NO_COLOR": "1"}
    seen = run_on_a_terminal(["show", "irony-of-fate"], env)
    assert "Ирония судьбы" in paged.read_text(encoding="utf-8")
    assert b"Irony" not in seen
    paged.unlink()
    seen = run_on_a_terminal(["show", "irony-of-fate", "--no-pager"], env)
    assert not paged.exists()
    assert b"Irony" in seen


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_no_pager_for_short_output_or_pipes(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    env = {"PAGER": f"cat > '{paged}'", "LINES": "200", "COLUMNS": "80"}
    assert b"Loneliness" in run_on_a_terminal(["themes"], env)
    assert not paged.exists()
    piped = subprocess.run([*sfilms_command(), "show", "irony-of-fate"], capture_output=True,
                           env={**os.environ, "PAGER": f"cat > '{paged}'", "LINES": "5"}, timeout=60)  # fmt: skip
    assert piped.stdout.startswith(b"The Irony of Fate (1975)\n")
    assert not paged.exists()


def test_a_missing_pager_still_prints(tmp_path: Path) -> None:
    seen = run_on_a_terminal(
        ["show", "irony-of-fate"], {"PAGER": "no-such-pager-here", "LINES": "5", "NO_COLOR": "1"}
    )
    assert b"Irony" in seen


def test_the_pager_gets_less_options_for_colour_when_none_are_set(monkeypatch) -> None:
    from soviet_films.console import _pager_environment

    monkeypatch.delenv("LESS", raising=False)
    assert _pager_environment()["LESS"] == "FRX"  # PAGER=less alone would show raw escape codes
    monkeypatch.setenv("LESS", "-i")
    assert _pager_environment()["LESS"] == "-i"  # the user's own choice stands


def _on_a_terminal_of(columns: int, args: list[str], env: dict[str, str]) -> list[str]:
    """What ``sfilms ARGS`` draws on a pseudo-terminal ``columns`` wide, as lines of text."""
    seen = run_on_a_terminal([*args, "--no-pager"], {"NO_COLOR": "1", "TERM": "xterm", **env}, columns)
    return seen.decode("utf-8").replace("\r\n", "\n").splitlines()


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
@pytest.mark.parametrize("columns", [60, 80, 130])
def test_themes_and_a_theme_with_your_log_fit_the_real_terminal(tmp_path: Path, columns: int) -> None:
    env = {"SFILMS_DATA_DIR": str(tmp_path / "data"), "SFILMS_LISTS_DIR": str(tmp_path / "lists"),
           "XDG_CACHE_HOME": str(tmp_path / "cache")}  # fmt: skip
    subprocess.run([*sfilms_command(), "watched", "stalker", "--rating", "4.5"], env={**os.environ, **env},
                   capture_output=True, check=True, timeout=60)  # fmt: skip
    themes = _on_a_terminal_of(columns, ["themes"], env)
    assert len(themes) <= 20 and all(len(line) <= columns for line in themes)
    listed = _on_a_terminal_of(columns, ["list", "loneliness"], env)
    assert all(len(line) <= columns for line in listed)
    assert any("✓ ★★★★½" in line for line in listed)
    if columns >= 80:  # a table, its ids whole
        assert any(line.startswith("┏") for line in listed) and any(
            "house-on-the-embankment" in line for line in listed
        )
