"""The output helper: what each kind of path gets, and what is never done to it.

A device and a FIFO are written through and stay what they were; a regular file is
replaced atomically; `-` is standard output; a folder, a missing folder and a folder
nobody may write in are one DebriefError naming the path, with nothing left behind."""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import stat
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.errors import DebriefError
from app.fileio.output import check_output, open_output, write_output, writes_through

BODY = "first line\nsecond line\n"


def _private_null(folder: Path) -> Path:
    """A character device of our own with /dev/null's numbers (root only)."""
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    dev = folder / "null"
    try:
        os.mknod(dev, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError as exc:
        pytest.skip(f"this system does not allow device nodes here ({exc.strerror})")
    return dev


def test_a_new_regular_file_is_written_with_nothing_beside_it(tmp_path: Path):
    out = tmp_path / "report.md"
    write_output(out, BODY)
    assert out.read_text() == BODY
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_an_existing_file_is_replaced_whole_and_keeps_its_mode(tmp_path: Path):
    out = tmp_path / "report.md"
    out.write_text("old contents that are longer than the new ones\n" * 10)
    out.chmod(0o640)
    write_output(out, BODY)
    assert out.read_text() == BODY
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path):
    out = tmp_path / "report.md"
    out.write_text("keep me\n")
    with pytest.raises(RuntimeError), open_output(out) as fh:
        fh.write(b"half of it")
        raise RuntimeError("the renderer failed halfway")
    assert out.read_text() == "keep me\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_a_full_disk_is_one_error_and_leaves_the_old_file(tmp_path: Path):
    out = tmp_path / "report.md"
    out.write_text("keep me\n")
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    old = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, old[1]))
    try:
        with pytest.raises(DebriefError) as err:
            write_output(out, "x" * 100_000)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, old)
        signal.signal(signal.SIGXFSZ, old_handler)
    assert err.value.path == out and "cannot be written" in err.value.message
    assert out.read_text() == "keep me\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_a_symlink_to_a_file_stays_a_symlink(tmp_path: Path):
    real = tmp_path / "real.md"
    real.write_text("old\n")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_output(link, BODY)
    assert link.is_symlink() and real.read_text() == BODY


def test_a_character_device_is_written_through_not_replaced(tmp_path: Path):
    dev = _private_null(tmp_path)
    assert writes_through(dev)
    write_output(dev, BODY * 1000)
    assert stat.S_ISCHR(dev.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]  # no null.part beside it


def test_a_fifo_is_written_through(tmp_path: Path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_output(fifo, BODY)
    reader.join(timeout=10)
    assert got == [BODY.encode()]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


def test_dash_is_standard_output(capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path):
    write_output("-", BODY)
    assert capsysbinary.readouterr().out == BODY.encode()
    assert not (Path.cwd() / "-").exists()


def test_a_folder_is_one_clear_error(tmp_path: Path):
    with pytest.raises(DebriefError) as err:
        write_output(tmp_path, BODY)
    assert err.value.path == tmp_path and "folder" in err.value.message
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_one_clear_error_before_any_work(tmp_path: Path):
    out = tmp_path / "no" / "such" / "report.md"
    with pytest.raises(DebriefError) as err:
        check_output(out)
    assert err.value.path == out and "does not exist" in err.value.message
    with pytest.raises(DebriefError):
        write_output(out, BODY)
    assert list(tmp_path.iterdir()) == []


@contextlib.contextmanager
def _read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder this process cannot write in: a read-only tmpfs as root (root ignores
    permission bits), a folder without the write bit otherwise."""
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            folder.chmod(0o755)
        return
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(folder)],
                          capture_output=True, text=True, check=False)
    if done.returncode:
        pytest.skip(f"cannot mount a read-only tmpfs here ({done.stderr.strip()})")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_read_only_folder_is_one_clear_error(tmp_path: Path):
    with _read_only_folder(tmp_path) as folder:
        out = folder / "report.md"
        with pytest.raises(DebriefError) as err:
            write_output(out, BODY)
        assert err.value.path == out and "cannot be written (" in err.value.message
        assert list(folder.iterdir()) == []
