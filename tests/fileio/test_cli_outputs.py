"""Every command that takes `-o` writes through the one output helper: a device stays a
device, `-` prints, a folder or a missing folder is one clear error, exit non-zero."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from faults.cli import assert_one_clear_error, debrief

from app.transcript import Segment, Transcript, save_transcript


@pytest.fixture
def srt(tmp_path: Path) -> Path:
    lines = ["I'd add a POST endpoint that returns the schedule's id.",
             "When it fires we send a webhook to their status callback."]
    return save_transcript(Transcript([Segment(1.0 + 4 * i, 4.0 + 4 * i, t)
                                       for i, t in enumerate(lines)]), tmp_path / "a.srt")


@pytest.fixture
def device(tmp_path: Path) -> Path:
    """A private character device with /dev/null's numbers, never the real one."""
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    dev = tmp_path / "devices" / "null"
    dev.parent.mkdir()
    try:
        os.mknod(dev, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError as exc:
        pytest.skip(f"this system does not allow device nodes here ({exc.strerror})")
    return dev


def _still_a_device(dev: Path) -> None:
    assert stat.S_ISCHR(dev.stat().st_mode)
    assert sorted(p.name for p in dev.parent.iterdir()) == ["null"]


def test_analyze_to_a_device_leaves_it_a_device(srt: Path, device: Path):
    done = debrief("analyze", str(srt), "--format", "json", "-o", str(device))
    assert done.returncode == 0 and not done.stderr, done.stderr
    assert done.stdout == ""
    _still_a_device(device)


def test_analyze_to_dash_prints_the_report(srt: Path):
    done = debrief("analyze", str(srt), "--format", "json", "-o", "-")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["schema"] == "debrief.analysis/1"
    assert [s["category"] for s in report["segments"]] == ["api", "webhooks"]


@pytest.mark.parametrize("where", ["folder", "missing"])
def test_analyze_to_a_bad_place_is_one_clear_error(srt: Path, tmp_path: Path, where: str):
    out = tmp_path if where == "folder" else tmp_path / "gone" / "report.json"
    before = sorted(tmp_path.rglob("*"))
    done = debrief("analyze", str(srt), "-o", str(out))
    assert_one_clear_error(done, out, "folder")
    assert sorted(tmp_path.rglob("*")) == before


def test_sessions_export_to_a_device_and_to_dash(stored: list[Path], device: Path):
    sid = stored[-1].name
    done = debrief("sessions", "export", sid, "--format", "md", "-o", str(device))
    assert done.returncode == 0, done.stderr
    _still_a_device(device)
    printed = debrief("sessions", "export", sid, "--format", "md", "-o", "-")
    assert printed.returncode == 0 and printed.stdout.lstrip().startswith("#")


@pytest.mark.model
def test_transcribe_to_a_device_and_to_dash(speak, device: Path):
    wav = speak("The create call takes an idempotency key.")
    done = debrief("transcribe", str(wav), "-o", str(device))
    assert done.returncode == 0, done.stderr
    _still_a_device(device)
    printed = debrief("transcribe", str(wav), "-o", "-")
    assert printed.returncode == 0, printed.stderr
    assert json.loads(printed.stdout)["schema"] == "debrief.transcript/1"
    vtt = debrief("transcribe", str(wav), "-o", "-", "--format", "vtt")
    assert vtt.stdout.startswith("WEBVTT")
