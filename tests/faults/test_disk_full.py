"""The disk fills up while recording, through the rehearsal screen: recording stops with
a clear message, the rehearsal can still be finished, and what was written opens as a
WAV. Two ways to run out: a tmpfs under the sessions folder with 200 KB free (ENOSPC, every file
on it is stuck, session.json included) and a file-size limit (EFBIG, only the audio)."""

from __future__ import annotations

import contextlib
import json
import resource
import signal
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import soundfile as sf
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from rehearsal.fakes import tiny_prompt

from app.paths import sessions_dir
from app.rehearsal.recovery import find_unfinished, recover
from app.sessions.folder import SessionFolder
from app.ui.rehearse import RehearsalScreen

pytestmark = pytest.mark.audio

ROOM = 200 * 1024  # bytes: about six seconds of 16 kHz PCM16


@contextlib.contextmanager
def small_disk(kind: str) -> Iterator[Callable[[], None]]:
    """The sessions folder on a disk that fills after ~6 s of audio; yields a function
    that makes room again (deletes a filler file, or lifts the limit)."""
    root = sessions_dir()
    root.mkdir(parents=True, exist_ok=True)
    if kind == "tmpfs":
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(root)],
                              capture_output=True, text=True, check=False)
        if done.returncode:
            pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()}); the "
                        "file-size-limit case covers the recorder's side")
        filler = root / ".filler"
        try:
            filler.write_bytes(b"\0" * (1024 * 1024 - ROOM))
            yield lambda: filler.unlink(missing_ok=True)
        finally:
            subprocess.run(["umount", "-l", str(root)], check=False)
        return
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    old = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (ROOM, old[1]))

    def lift() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, old)

    try:
        yield lift
    finally:
        lift()
        signal.signal(signal.SIGXFSZ, old_handler)


@pytest.mark.parametrize("kind", ["tmpfs", "rlimit"])
def test_disk_full_stops_recording_cleanly(pulse, qtbot, kind):
    screen = RehearsalScreen(tiny_prompt(), chime=None)
    qtbot.addWidget(screen)
    screen.show()
    with small_disk(kind) as make_room:
        assert screen.start(tiny_prompt(), 45)
        qtbot.waitUntil(lambda: screen.rehearsal.started, timeout=8000)
        folder = screen.rehearsal.folder
        QTest.keyClick(screen.view, Qt.Key.Key_N)
        qtbot.waitUntil(lambda: screen.view.error_banner.isVisible(), timeout=15000)
        message = screen.view.error_label.text()
        assert ("disk is full" in message or "cannot grow" in message), message
        assert "saved" in message
        QTest.keyClick(screen.view, Qt.Key.Key_N)  # keys still work; nothing crashes
        with qtbot.waitSignal(screen.finished, timeout=10000):
            QTest.keyClick(screen.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert screen.summary.isVisible()
        info = sf.info(str(folder.audio_path))
        audio, _ = sf.read(str(folder.audio_path), dtype="float32")
        assert info.samplerate == 16000 and len(audio) == info.frames
        assert 4.0 <= info.duration <= ROOM / 32000
        assert folder.audio_path.stat().st_size == 44 + 2 * info.frames
        assert not list(folder.path.glob("*.part"))  # no half files left in the way
        meta = json.loads(folder.meta_path.read_text())
        # With nothing free, session.json may be stuck at its last good version; once
        # there is room again, the next launch finishes the job.
        make_room()
        if meta["state"] == "recording":
            assert find_unfinished() == [SessionFolder(Path(folder.path))]
            meta = recover(SessionFolder(folder.path)).to_json()
            assert meta["duration"] == pytest.approx(info.duration, abs=0.01)
            assert sf.info(str(folder.audio_path)).frames == info.frames
        else:
            assert meta["state"] == "finished"
            assert "disk is full" in meta["error"] or "cannot grow" in meta["error"]
        print(kind, "kept", info.duration, "s; session.json", meta["state"])
    assert [e["stage"] for e in meta["events"] if e["type"] == "next"][:1] == ["developer"]
