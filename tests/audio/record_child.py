"""A rehearsal in a child process, for tests that kill it or starve its disk.

    python record_child.py SESSION_DIR [--fsize BYTES]

Records the default input into SESSION_DIR/audio.wav with a stage clock and session log,
prints `live` once sound arrives, moves to the next stage every second, and runs until
killed. With --fsize the file size limit is set (SIGXFSZ ignored, so writes fail with
EFBIG as on a full disk); the child then waits for the recorder to fail, finishes the
session and prints the recorder's error.
"""

from __future__ import annotations

import argparse
import resource
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.audio.recorder import Recorder
from app.rehearsal.plan import Plan, StageBudget
from app.rehearsal.session_log import SessionLog
from app.rehearsal.stage_clock import StageClock
from app.sessions.folder import SessionFolder


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--fsize", type=int)
    args = parser.parse_args()
    if args.fsize:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (args.fsize, args.fsize))
    folder = SessionFolder(args.folder)
    plan = Plan(tuple(StageBudget(s, s.title(), 60.0) for s in
                      ("problem", "developer", "solution", "technical", "metrics", "wrapup")),
                prompt_id="child", prompt_title="Child", minutes=6)
    rec = Recorder(folder.audio_path)
    rec.start()
    while not rec.live and not rec.failed:
        time.sleep(0.01)
    log = SessionLog(folder, plan, rec.device_name)
    clock = StageClock(plan, audio_time=rec.audio_time)
    log.attach(clock)
    clock.start()
    print("live", flush=True)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not rec.failed:
        time.sleep(1.0)
        clock.next_stage()
    if rec.failed:
        rec.stop()
        clock.finish()
        log.finish(rec.seconds_written, rec.overflows, rec.error)
        print("error", rec.error, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
