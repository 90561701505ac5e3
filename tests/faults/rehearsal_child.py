"""A rehearsal in a child process, for the kill trials: the real Rehearsal and Recorder.

    python rehearsal_child.py ROOT SEED [drill]

Starts a rehearsal whose session folder goes under ROOT, prints `live` once the clock
runs, then every 0.1 s `t AUDIO` (the audio time reached) and, after each stage change
is saved, `marks JSON` (the clock's stage marks). Stage changes, marks and short pauses
come at random times drawn from SEED. Runs until killed (or 30 s). With `drill`, the
rehearsal is a drill of the plan's third stage alone.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.prompts.plan import Plan, StageBudget, stage_plan
from app.rehearsal.rehearsal import Rehearsal
from app.stages import STAGE_IDS


def main() -> int:
    root, seed = Path(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    plan = Plan(tuple(StageBudget(s, s.title(), 60.0) for s in STAGE_IDS),
                prompt_id="kill-trial", prompt_title=f"Kill trial {seed}", minutes=6)
    if sys.argv[3:] == ["drill"]:
        plan = stage_plan(plan, STAGE_IDS[2], 45.0)
    rehearsal = Rehearsal(plan, root=root)
    rehearsal.open()
    while not rehearsal.started:
        rehearsal.poll()
        time.sleep(0.01)
    print("live", rehearsal.folder.path, flush=True)
    next_action = time.monotonic() + rng.uniform(0.2, 1.0)
    pause_until: float | None = None
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        rehearsal.poll()
        now = time.monotonic()
        if pause_until is not None and now >= pause_until:
            rehearsal.toggle_pause()
            pause_until = None
        elif pause_until is None and now >= next_action:
            roll = rng.random()
            if roll < 0.6:
                if rehearsal.next_stage() is not None:  # saved by now: report it
                    print("marks", json.dumps(rehearsal.clock.marks), flush=True)
            elif roll < 0.85:
                rehearsal.mark("trial")
            else:
                rehearsal.toggle_pause()
                pause_until = now + rng.uniform(0.2, 0.5)
            next_action = now + rng.uniform(0.2, 1.0)
        print("t", rehearsal.recorder.audio_time(), flush=True)
        time.sleep(0.1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
