"""sfilms browse as a person runs it: in a real pseudo-terminal, keys typed, the id on stdout."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import termios
import time

import pytest

from tests.helpers import sfilms_command

pytest.importorskip("textual")


def run_in_a_terminal(keys: list[bytes], args: tuple[str, ...] = ()) -> tuple[int, bytes]:
    """Run ``sfilms browse`` on a pseudo-terminal (80x24) with stdout a pipe; type ``keys`` once
    it has drawn; return its exit code and what it wrote to stdout."""
    out_read, out_write = os.pipe()
    pid, master = pty.fork()
    if pid == 0:  # the child: the pty is its terminal; stdout goes to the pipe, as in $(...)
        os.dup2(out_write, 1)
        os.execvpe(sfilms_command()[0], [*sfilms_command(), "browse", *args],
                   {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"})  # fmt: skip
    os.close(out_write)
    fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    screen = b""
    deadline = time.monotonic() + 30
    while b"Filter" not in screen and time.monotonic() < deadline:  # drawn: the filter box shows
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            screen += os.read(master, 65536)
    assert b"Filter" in screen, screen[-500:]
    for key in keys:
        os.write(master, key)
        time.sleep(0.4)
        while select.select([master], [], [], 0.1)[0]:
            try:
                os.read(master, 65536)
            except OSError:
                break
    _, status = os.waitpid(pid, 0)
    output = b""
    while chunk := os.read(out_read, 65536):
        output += chunk
    os.close(out_read)
    os.close(master)
    return os.waitstatus_to_exitcode(status), output


def test_typing_then_enter_prints_the_picked_id() -> None:
    code, output = run_in_a_terminal([b"sta", b"l", b"\r"])
    assert (code, output) == (0, b"stalker\n")


def test_tab_marks_films_and_enter_prints_each_id_on_its_line() -> None:
    code, output = run_in_a_terminal([b"\t", b"\t", b"\r"], ("loneliness",))
    assert (code, output) == (0, b"stalker\nirony-of-fate\n")


def test_escape_prints_nothing_and_exits_1() -> None:
    code, output = run_in_a_terminal([b"\x1b"], ("low-self-esteem",))
    assert (code, output) == (1, b"")


def test_with_no_terminal_at_all_one_line_and_exit_1() -> None:
    import subprocess

    result = subprocess.run([*sfilms_command(), "browse"], stdin=subprocess.DEVNULL, capture_output=True,
                            start_new_session=True, timeout=60)  # fmt: skip  # no controlling terminal
    assert result.returncode == 1 and result.stdout == b""
    assert result.stderr.startswith(b"sfilms: sfilms browse draws on a terminal, and there is none here")
    assert result.stderr.count(b"\n") == 1


@pytest.mark.parametrize(("rows", "columns"), [(15, 60), (40, 130)])
def test_it_draws_at_the_size_of_its_terminal_with_stdout_captured(rows: int, columns: int) -> None:
    # As in "$(sfilms browse)": stdout a pipe, no COLUMNS or LINES; the size is the terminal's.
    import re

    out_read, out_write = os.pipe()
    pid, master = pty.fork()
    if pid == 0:
        os.dup2(out_write, 1)
        env = {name: value for name, value in os.environ.items() if name not in ("COLUMNS", "LINES")}
        os.execvpe(sfilms_command()[0], [*sfilms_command(), "browse"], {**env, "TERM": "xterm-256color"})
    os.close(out_write)
    fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    screen, deadline = b"", time.monotonic() + 30
    while b"Filter" not in screen and time.monotonic() < deadline:
        if select.select([master], [], [], 0.5)[0]:
            screen += os.read(master, 65536)
    time.sleep(1)
    while select.select([master], [], [], 0.3)[0]:
        screen += os.read(master, 65536)
    os.write(master, b"\x03")  # Ctrl-C: closes, printing nothing
    _, status = os.waitpid(pid, 0)
    output = os.read(out_read, 65536)
    os.close(out_read)
    os.close(master)
    drawn_rows = {int(found[1]) for found in re.finditer(rb"\x1b\[(\d+);\d+H", screen)}
    assert max(drawn_rows) == rows, sorted(drawn_rows)[-5:]
    assert (os.waitstatus_to_exitcode(status), output) == (1, b"")
