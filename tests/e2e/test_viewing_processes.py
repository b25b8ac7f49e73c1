"""The viewing log under real processes: killed at random points, many writers at once."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

from tests.helpers import sfilms_command


def export_csv(path: Path, rows: int) -> None:
    lines = ["Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date"]
    lines += [
        f"2024-01-01,Film number {n},1970,https://boxd.it/x{n},4,,,2023-12-{1 + n % 28:02d}"
        for n in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n")


def counts(log: Path) -> tuple[str, int]:
    with sqlite3.connect(log) as connection:
        check = connection.execute("PRAGMA integrity_check").fetchone()[0]
        return check, connection.execute("SELECT count(*) FROM entries").fetchone()[0]


def test_a_killed_write_leaves_the_log_before_or_after(tmp_path: Path) -> None:
    log = Path(os.environ["XDG_DATA_HOME"]) / "sfilms" / "log.sqlite3"
    assert subprocess.run([*sfilms_command(), "watched", "stalker"], capture_output=True).returncode == 0
    big = tmp_path / "diary.csv"
    export_csv(big, 20_000)
    rng = random.Random(1975)
    expected = 1
    for attempt in range(12):
        command = (
            ["letterboxd", "import", str(big)] if attempt % 2 else ["watched", "mirror", "--on", "2026-11-30"]
        )
        process = subprocess.Popen(
            [*sfilms_command(), *command], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        time.sleep(rng.uniform(0.05, 1.5))
        process.send_signal(signal.SIGKILL)  # no handler, no cleanup: only SQLite's transactions stand
        process.wait(timeout=60)
        check, entries = counts(log)
        assert check == "ok"
        if attempt % 2:
            assert entries in (expected, expected + 20_000), (
                attempt,
                entries,
            )  # all the import or none of it
            expected = entries
        else:
            assert entries in (expected, expected + 1), (attempt, entries)
            expected = entries
    # And the log still works for everything.
    result = subprocess.run([*sfilms_command(), "diary"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and len(result.stdout.splitlines()) == expected


def test_writers_at_once_all_land(tmp_path: Path) -> None:
    log = Path(os.environ["XDG_DATA_HOME"]) / "sfilms" / "log.sqlite3"
    export = tmp_path / "diary.csv"
    export_csv(export, 500)
    # The catalogue's store built first: this is about the log (tests/store holds the store's own
    # processes-at-once test); eleven processes building it at once, then all writing the log, could
    # take longer than the log's wait on a loaded 2-core machine.
    subprocess.run([*sfilms_command(), "themes"], capture_output=True, check=True, timeout=60)
    films = [
        "stalker",
        "mirror",
        "garage",
        "ascent",
        "overcoat",
        "commissar",
        "autumn-marathon",
        "stationmaster",
    ]
    processes = [subprocess.Popen([*sfilms_command(), "watched", film], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE) for film in films]  # fmt: skip
    processes.append(subprocess.Popen([*sfilms_command(), "letterboxd", "import", str(export)],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))  # fmt: skip
    processes += [subprocess.Popen([*sfilms_command(), "watchlist", "add", film], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE) for film in ("lady-with-the-dog", "ballad-of-a-soldier")]  # fmt: skip
    for process in processes:
        code = process.wait(timeout=120)
        assert code == 0, process.stderr.read() if process.stderr else ""
    check, entries = counts(log)
    assert (check, entries) == ("ok", len(films) + 500)
    with sqlite3.connect(log) as connection:
        assert connection.execute("SELECT count(*) FROM watchlist").fetchone()[0] == 2
