"""store.files: the one guard for special files, atomic writes with the user's umask."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from soviet_films.errors import AlreadyExists, CannotWrite, FileProblems
from soviet_films.store.files import open_for_reading, read_text_file, write_atomically


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)  # no writer: an ordinary open() would wait for ever
    with pytest.raises(FileProblems, match="not a regular file"):
        open_for_reading(fifo)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileProblems, match="is a folder"):
        open_for_reading(tmp_path)


def test_a_stream_the_user_names_is_read(tmp_path: Path) -> None:
    # `sfilms import <(curl ...)`: the shell hands over a pipe.
    read, write = os.pipe()
    os.write(write, b"Intro.\n")
    os.close(write)
    assert read_text_file(f"/dev/fd/{read}") == "Intro.\n"


def test_a_device_is_written_through_never_replaced() -> None:
    write_atomically(Path("/dev/null"), "text", overwrite=True)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_device_is_not_written_without_overwrite() -> None:
    with pytest.raises(AlreadyExists):
        write_atomically(Path("/dev/null"), "text")


def test_a_folder_is_never_replaced(tmp_path: Path) -> None:
    (tmp_path / "out.csv").mkdir()
    with pytest.raises(CannotWrite, match="folder"):
        write_atomically(tmp_path / "out.csv", "text", overwrite=True)
    assert (tmp_path / "out.csv").is_dir()


def test_a_link_is_followed_and_kept(tmp_path: Path) -> None:
    target = tmp_path / "real.csv"
    target.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    write_atomically(link, "new", overwrite=True)
    assert link.is_symlink() and target.read_text() == "new"


def test_new_files_get_the_umask_and_replaced_files_keep_their_mode(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        write_atomically(tmp_path / "new.yaml", "x")
        assert stat.S_IMODE(os.stat(tmp_path / "new.yaml").st_mode) == 0o644
        os.chmod(tmp_path / "new.yaml", 0o640)
        write_atomically(tmp_path / "new.yaml", "y", overwrite=True)
        assert stat.S_IMODE(os.stat(tmp_path / "new.yaml").st_mode) == 0o640
    finally:
        os.umask(previous)


def test_a_failed_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    (tmp_path / "taken.yaml").write_text("mine")
    with pytest.raises(AlreadyExists):
        write_atomically(tmp_path / "taken.yaml", "theirs")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken.yaml"]
    assert (tmp_path / "taken.yaml").read_text() == "mine"
