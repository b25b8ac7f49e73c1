"""The installed command against broken streams and signals, in real processes."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.helpers import sfilms_command


def sfilms(*args: str, **options) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*sfilms_command(), *args], capture_output=True, timeout=60, **options)


def test_a_full_stdout_is_one_line_and_exit_1() -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [*sfilms_command(), "themes"], stdout=full, stderr=subprocess.PIPE, timeout=60
        )
    assert result.returncode == 1
    assert result.stderr == b"sfilms: cannot write to stdout: No space left on device\n"


def test_a_closed_stdout_is_one_line_and_exit_1() -> None:
    result = subprocess.run(
        ["sh", "-c", '"$0" themes >&-', *sfilms_command()], capture_output=True, timeout=60
    )
    assert result.returncode == 1
    assert result.stderr == b"sfilms: cannot write to stdout: Bad file descriptor\n"


def test_a_closed_stderr_does_not_fail_a_good_run() -> None:
    result = subprocess.run(
        ["sh", "-c", '"$0" themes 2>&-', *sfilms_command()], capture_output=True, timeout=60
    )
    assert result.returncode == 0
    assert result.stdout.startswith(b"loneliness\t")


@pytest.mark.parametrize("args", [("--help",), ("list", "--help"), ("export", "--format", "markdown")])
def test_a_reader_that_stops_early_is_no_error(args: tuple[str, ...]) -> None:
    # `sfilms --help | head -1`: the pipe closes before the writer is done.
    result = subprocess.run(["sh", "-c", '"$0" "$@" | head -c 1 > /dev/null; exit "${PIPESTATUS:-0}"',
                             *sfilms_command(), *args], capture_output=True, timeout=60)  # fmt: skip
    process = subprocess.Popen([*sfilms_command(), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    process.stdout.read(1)
    process.stdout.close()
    assert process.wait(timeout=60) == 0
    assert process.stderr is not None and process.stderr.read() == b""
    assert result.returncode == 0


def test_import_and_export_succeed_with_stdout_and_stderr_closed(tmp_path: Path, user_lists: Path) -> None:
    source = tmp_path / "w.txt"
    source.write_text("Intro.\n\nStalker (1979)\nDescription: d\nFact: f\n")
    result = subprocess.run(["sh", "-c", '"$0" import "$1" --name War >&- 2>&-', *sfilms_command(), str(source)],
                            timeout=60)  # fmt: skip
    assert result.returncode == 0 and (user_lists / "war.yaml").exists()
    out = tmp_path / "out.csv"
    result = subprocess.run(
        ["sh", "-c", '"$0" export -o "$1" >&- 2>&-', *sfilms_command(), str(out)], timeout=60
    )
    assert result.returncode == 0 and out.read_text().startswith("theme,rank,id")


def test_a_closed_stdin_for_import_is_one_line() -> None:
    result = subprocess.run(["sh", "-c", '"$0" import - --name x <&-', *sfilms_command()], capture_output=True,
                            timeout=60)  # fmt: skip
    assert result.returncode == 1
    assert result.stderr == b"sfilms: -: cannot read stdin: it is closed\n"


def big_list(path: Path, films: int = 40_000) -> None:
    lines = ["An intro.", ""]
    for number in range(films):
        lines += [f"Film number {number} (1970)", f"Description: the description of film {number}.", ""]
    path.write_text("\n".join(lines))


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_during_import_leaves_the_before_and_no_temporary_file(
    tmp_path: Path, user_lists: Path, signum: int
) -> None:
    source = tmp_path / "big.txt"
    big_list(source)
    (user_lists / "big.yaml").write_text("id: big\nname: Before\nintro: x\nfilms:\n  - title: T\n    year: 1970\n"
                                         "    description: d\n")  # fmt: skip
    before = (user_lists / "big.yaml").read_bytes()
    outcomes = set()
    # A Ctrl-C in the first milliseconds is Python's own (see test_ctrl_c_at_once_is_one_line).
    for delay in (0.05, 0.3, 0.6, 0.9, 1.2) if signum != signal.SIGINT else (0.3, 0.6, 0.9, 1.2):
        process = subprocess.Popen([*sfilms_command(), "import", str(source), "--name", "Big", "--force"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
        time.sleep(delay)
        process.send_signal(signum)
        code = process.wait(timeout=60)
        assert process.stderr is not None
        assert b"Traceback" not in process.stderr.read()
        assert [p.name for p in user_lists.iterdir()] == ["big.yaml"]  # no .big.yaml.XXXX.tmp left
        after = (user_lists / "big.yaml").read_bytes()
        assert after == before or after.count(b"  - title:") == 40_000  # the before or the after
        outcomes.add(code)
        (user_lists / "big.yaml").write_bytes(before)
    # Done, ended by the signal through sfilms' handler, or (in the first milliseconds, before any
    # of sfilms' code runs) killed by it as any process is: -signum.
    assert outcomes <= {0, 128 + signum, 130, -signum}


def test_ctrl_c_at_once_is_one_line() -> None:
    # From the moment sfilms' own code runs (the console-script wrapper pip writes imports `re`
    # first, before any of it: a Ctrl-C in those first milliseconds is Python's own).
    for delay in (0.06, 0.09, 0.12, 0.2):
        process = subprocess.Popen([*sfilms_command(), "themes"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   env={**os.environ})  # fmt: skip
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)
        assert process.stderr is not None
        assert b"Traceback" not in process.stderr.read()


@pytest.mark.parametrize(
    ("redirect", "environment"),
    [
        (">&-", {}),
        ("> /dev/full", {}),
        ("> /dev/full", {"PYTHONIOENCODING": "utf-16", "PYTHONUNBUFFERED": "1"}),
    ],
)
def test_a_command_with_nothing_to_print_never_fails_on_its_stdout(redirect: str, environment: dict) -> None:
    # validate says what it found on stderr and prints nothing: a closed or full stdout is no failure.
    result = subprocess.run(
        ["sh", "-c", f'"$0" validate {redirect}', *sfilms_command()],
        capture_output=True, timeout=60, env={**os.environ, **environment},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert b"all valid" in result.stderr.replace(b"\x00", b"")
