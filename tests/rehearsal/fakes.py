"""Fakes for rehearsal tests: a hand-stepped monotonic clock and a recorder that writes
silence on that clock's timeline, so a whole rehearsal runs without sleeping."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from app.audio.recorder import Level, RecorderState
from app.audio.wav_stream import WavStream
from app.prompts import Probe, Prompt, StagePlan
from app.prompts.plan import Plan, StageBudget, spread_probes


class FakeClock:
    """A monotonic clock that moves only when told to."""

    def __init__(self, start: float = 1000.0) -> None:
        self.t = start

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


class FakeRecorder:
    """The Recorder interface on a FakeClock: audio time is running time, and the file
    gets that much silence (written when asked, at pause/stop)."""

    def __init__(self, path: Path | None, device: int | str | None = None, *,
                 clock: FakeClock) -> None:
        self.path, self.clock = path, clock
        self.state = RecorderState.IDLE
        self.error: str | None = None
        self.overflows = 0
        self.device_name = "Fake microphone"
        self.live = True
        self._audio = 0.0
        self._since: float | None = None
        self._wav: WavStream | None = None

    @property
    def failed(self) -> bool:
        return self.state == RecorderState.FAILED

    def level(self) -> Level:
        return Level(0.1, 0.3)

    def audio_time(self, now: float | None = None) -> float:
        live = (self.clock() - self._since) if self._since is not None else 0.0
        return self._audio + live

    @property
    def seconds_written(self) -> float:
        return self.audio_time()

    def start(self) -> None:
        if self.path is not None:
            self._wav = WavStream(self.path)
        self._since = self.clock()
        self.state = RecorderState.RECORDING

    def _flush(self) -> None:
        self._audio = self.audio_time()
        self._since = None
        if self._wav:
            missing = round(self._audio * 16000) - self._wav.frames
            self._wav.write(np.zeros(max(0, missing), np.float32))
            self._wav.sync()

    def pause(self) -> None:
        if self.state == RecorderState.RECORDING:
            self._flush()
            self.state = RecorderState.PAUSED

    def resume(self) -> None:
        if self.state == RecorderState.PAUSED:
            self._since = self.clock()
            self.state = RecorderState.RECORDING

    def stop(self) -> None:
        if self.state == RecorderState.RECORDING:
            self._flush()
        if self._wav:
            self._wav.close()
        self.state = RecorderState.STOPPED


def short_plan(minutes: float = 1.0) -> Plan:
    """Three stages sharing `minutes` (50/30/20 %), with one probe in the second stage."""
    total = minutes * 60
    stages = (StageBudget("problem", "Problem definition", total * 0.5),
              StageBudget("developer", "The developer and their needs", total * 0.3),
              StageBudget("solution", "Solution, API-first", total * 0.2))
    probes = spread_probes(stages, [("developer", "How do they handle retries?", None)])
    return Plan(stages, probes, "test-prompt", "Design an API for test messages",
                "Design an API that lets developers send test messages.", 1)


def tiny_prompt() -> Prompt:
    """A 45-minute prompt whose stages are squeezed into one minute for quick tests."""
    stages = (StagePlan("problem", "Problem definition", 0.5, ""),
              StagePlan("developer", "The developer and their needs", 0.3, ""),
              StagePlan("solution", "Solution, API-first", 0.2, ""))
    return Prompt("sms-api", "Design an API for scheduled SMS", "Messaging", "design-api",
                  "Design an API that lets developers schedule SMS messages.", 45, stages,
                  (Probe("developer", "How do they retry a failed send?"),), (),
                  Path("sms-api.toml"))
