"""What a warm run imports: never rich or yaml on the plain, JSON and completion paths, and never
the modules that read list files (only a cold start, import and validate need them)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

# The modules a cold start needs to read and link list files; a warm run does without them.
COLD_PATH = ("soviet_films.store.list_files", "soviet_films.store.records", "soviet_films.store.yamlsafe",
             "soviet_films.core.linking", "soviet_films.store.plain_text", "soviet_films.store.sources",
             "soviet_films.store.cache.update", "tempfile", "hashlib",
             # the viewing log's: a user with no log pays nothing for it
             "soviet_films.store.viewing_log", "soviet_films.core.viewing")  # fmt: skip

PROBE = """
import os, sys
leave = os._exit
COLD_PATH = COLD_PATH_HERE
def report_and_leave(code):  # sfilms leaves through os._exit: report what was imported first
    heavy = {name.split(".")[0] for name in sys.modules if name.split(".")[0] in ("rich", "yaml", "textual")}
    heavy |= {name for name in sys.modules if name in COLD_PATH}
    sys.stderr.write("MODULES " + " ".join(sorted(heavy)) + "\\n")
    sys.stderr.flush()
    leave(code)
os._exit = report_and_leave
sys.argv = ["sfilms", *sys.argv[1:]]
from soviet_films.cli.main import main
main()
""".replace("COLD_PATH_HERE", repr(COLD_PATH))


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
    cold = imported_heavy_modules(*args)  # warms the cache
    assert {"yaml", "soviet_films.store.list_files", "soviet_films.core.linking"} <= cold
    assert imported_heavy_modules(*args) == set()


def test_completion_never_imports_rich_or_yaml_once_warm() -> None:
    env = {"_SFILMS_COMPLETE": "complete_bash", "COMP_WORDS": "sfilms show sta", "COMP_CWORD": "2"}
    imported_heavy_modules(env=env)
    assert imported_heavy_modules(env=env) == set()


def test_the_terminal_view_does_import_rich() -> None:
    # The other side of the tests above: they would pass vacuously if the probe saw nothing.
    assert "rich" in imported_heavy_modules("show", "stalker", env={"SFILMS_FORCE_TTY": "1"})


def test_with_a_viewing_log_its_code_is_imported() -> None:
    # The other side of the test above for the log: it would pass vacuously if the log were never read.
    import subprocess

    from tests.helpers import sfilms_command

    subprocess.run([*sfilms_command(), "watched", "stalker"], capture_output=True, check=True)
    assert "soviet_films.store.viewing_log" in imported_heavy_modules("list", "loneliness")


@pytest.mark.parametrize(
    "args", [("show", "stalker"), ("list", "loneliness"), ("search", "palme")], ids=" ".join
)
def test_plain_commands_never_import_json_once_warm(args: tuple[str, ...]) -> None:
    probe = PROBE.replace("COLD_PATH = ", "COLD_PATH = ('json',) + ", 1)
    for _ in range(2):  # the first run warms the store
        result = subprocess.run(
            [sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=60
        )
    line = [line for line in result.stderr.splitlines() if line.startswith("MODULES")][-1]
    assert "json" not in line.split()[1:]
