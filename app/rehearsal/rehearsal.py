"""One rehearsal from Start to Finish: the session folder, the recorder, the stage clock
and the session log, kept in step. The rehearsal screen drives this and only renders.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from app.audio.recorder import Level, Recorder, RecorderState
from app.prompts.plan import Plan
from app.rehearsal.session_log import SessionLog
from app.rehearsal.stage_clock import ClockState, Event, StageClock
from app.sessions.folder import SessionFolder


class RecorderLike(Protocol):
    state: RecorderState
    error: str | None
    overflows: int
    @property
    def device_name(self) -> str: ...

    @property
    def live(self) -> bool: ...
    @property
    def failed(self) -> bool: ...
    @property
    def seconds_written(self) -> float: ...
    def level(self) -> Level: ...
    def audio_time(self, now: float | None = None) -> float: ...
    def start(self) -> None: ...
    def pause(self) -> None: ...
    def resume(self) -> None: ...
    def stop(self) -> None: ...


RecorderFactory = Callable[[Path | None, Any], RecorderLike]


class Rehearsal:
    """Start records; the clock starts once sound arrives; every event is saved."""

    def __init__(self, plan: Plan, device: int | str | None = None, *,
                 now: Callable[[], float] = time.monotonic,
                 recorder_factory: RecorderFactory = Recorder,
                 warn_at: float = 0.8, root: Path | None = None) -> None:
        self.plan = plan
        self.device = device
        self._factory = recorder_factory
        self.folder = SessionFolder.create(plan.prompt_title or "rehearsal", root=root)
        self.recorder: RecorderLike = recorder_factory(self.folder.audio_path, device)
        self.clock = StageClock(plan, now=now, audio_time=lambda: self.recorder.audio_time(),
                                warn_at=warn_at)
        self.log = SessionLog(self.folder, plan)
        self._reported_error: str | None = None
        self._earlier_overflows = 0  # from recorders replaced by continue_on()

    def open(self) -> None:
        """Start recording (DebriefError when the microphone cannot be opened; the empty
        session folder is then removed)."""
        try:
            self.recorder.start()
        except Exception:
            shutil.rmtree(self.folder.path, ignore_errors=True)
            raise
        self.log.meta["device"] = self.recorder.device_name
        self.log.attach(self.clock)

    @property
    def started(self) -> bool:
        return self.clock.state != ClockState.READY

    @property
    def finished(self) -> bool:
        return self.clock.state == ClockState.FINISHED

    def poll(self) -> str | None:
        """Start the clock once sound arrives; return a recorder error the first time it
        is seen (and record it in the session)."""
        if not self.started and (self.recorder.live or self.recorder.failed):
            self.clock.start()
        error = self.recorder.error if self.recorder.failed else None
        if error and error != self._reported_error:
            self._reported_error = error
            self.log.update(error=error, overflows=self.overflows)
            return error
        return None

    @property
    def overflows(self) -> int:
        """Input overflows over the whole rehearsal, every device included."""
        return self._earlier_overflows + self.recorder.overflows

    def next_stage(self) -> Event | None:
        return self.clock.next_stage()

    def previous_stage(self) -> Event | None:
        return self.clock.previous_stage()

    def jump_to(self, stage: str) -> Event | None:
        return self.clock.jump_to(stage)

    def mark(self, note: str = "") -> Event | None:
        return self.clock.mark(note)

    def annotate(self, mark: Event, note: str) -> Event | None:
        """Add a note to a mark made a moment ago (saved at once, like every event)."""
        return self.clock.annotate(mark, note)

    def toggle_pause(self) -> Event | None:
        """Pause or resume both the clock and the recording (no silent gap in the file)."""
        if self.clock.state == ClockState.RUNNING:
            self.recorder.pause()
            return self.clock.pause()
        if self.clock.state == ClockState.PAUSED:
            self.recorder.resume()
            return self.clock.resume()
        return None

    def continue_on(self, device: int | str | None) -> None:
        """After the microphone failed: record on `device`, appending to the same file."""
        self.recorder.stop()
        recorder = self._factory(self.folder.audio_path, device)
        recorder.start()
        self._earlier_overflows += self.recorder.overflows
        if self.clock.state == ClockState.PAUSED:
            recorder.pause()  # the clock is paused: so is the file
        self.recorder = recorder
        self.device = device
        self._reported_error = None
        self.log.update(device=recorder.device_name, error=None)

    def finish(self) -> Path:
        """Stop recording, close the clock, save everything; return the session folder."""
        if not self.started:
            self.clock.start()
        self.recorder.stop()
        self.clock.finish()
        self.log.finish(self.recorder.seconds_written, self.overflows, self.recorder.error)
        return self.folder.path

