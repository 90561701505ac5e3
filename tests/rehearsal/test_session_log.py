from __future__ import annotations

import json

import numpy as np
import soundfile as sf

from app import __version__
from app.audio.wav_stream import WavStream
from app.fileio.jsonfile import read_json
from app.marks import load_marks
from app.rehearsal import session_log
from app.rehearsal.recovery import find_unfinished, recover
from app.rehearsal.session_log import SessionLog
from app.rehearsal.stage_clock import StageClock
from app.sessions.folder import SessionFolder
from rehearsal.fakes import FakeClock, short_plan


def test_session_json_is_saved_after_every_event_and_finished_at_the_end():
    folder = SessionFolder.create("log")
    plan = short_plan()
    t = FakeClock()
    log = SessionLog(folder, plan, device="Mic", sample_rate=16000)
    clock = StageClock(plan, now=t)
    log.attach(clock)
    clock.start()
    t.advance(12)
    clock.next_stage()
    on_disk = json.loads(folder.meta_path.read_text())
    assert on_disk["state"] == "recording"
    assert [e["type"] for e in on_disk["events"]] == ["start", "next"]
    assert load_marks(folder.marks_path) == [("problem", 0.0), ("developer", 12.0)]
    t.advance(3)
    clock.mark("nice")
    clock.finish()
    log.finish(duration=15.0, overflows=2)
    meta = read_json(folder.meta_path)  # as written
    assert meta["schema"] == "debrief.session/1"
    assert meta["state"] == "finished" and meta["duration"] == 15.0 and meta["overflows"] == 2
    assert meta["prompt_id"] == "test-prompt" and meta["app_version"] == __version__
    assert meta["plan"][0] == {"stage": "problem", "title": "Problem definition", "budget": 30.0}
    assert meta["events"][2] == {"type": "mark", "stage": "developer", "wall": 15.0,
                                 "audio": 15.0, "note": "nice"}
    assert meta["device"] == "Mic" and meta["started_at"]
    session_log.write(folder, transcript_ready=True)
    assert read_json(folder.meta_path)["transcript_ready"] is True
    assert find_unfinished() == []


def test_recovery_repairs_the_header_and_drops_marks_past_the_audio():
    folder = SessionFolder.create("cut")
    plan = short_plan()
    t = FakeClock()
    log = SessionLog(folder, plan)
    clock = StageClock(plan, now=t)
    log.attach(clock)
    clock.start()
    t.advance(1.0)
    clock.next_stage()
    t.advance(1.5)
    clock.next_stage()  # at 2.5 s, but the audio was cut at 2.0 s
    wav = WavStream(folder.audio_path)
    wav.write(np.zeros(16000, np.float32))
    wav.sync()
    wav.write(np.zeros(16000, np.float32))  # never synced: a kill -9 here
    assert sf.info(str(folder.audio_path)).frames == 16000
    assert find_unfinished() == [folder]
    meta = recover(folder)
    assert sf.info(str(folder.audio_path)).frames == 32000
    assert meta.state == "recovered" and meta.duration == 2.0
    assert load_marks(folder.marks_path) == [("problem", 0.0), ("developer", 1.0)]
    assert [e["type"] for e in meta.events or []] == ["start", "next"]


def test_a_drill_says_what_it_is_and_a_mock_says_nothing_new():
    from app.prompts.plan import stage_plan

    plan = short_plan()
    drill = stage_plan(plan, plan.stages[1].id, 90)
    assert [s.id for s in drill.stages] == [plan.stages[1].id]
    assert drill.total_seconds == 90
    assert all(p.stage == plan.stages[1].id and p.at <= 90 for p in drill.probes)
    folder = SessionFolder.create("drill")
    SessionLog(folder, drill).save()
    meta = folder.read_meta()
    assert (meta.session_kind, meta.scope) == ("drill", plan.stages[1].id)
    mock = SessionFolder.create("mock")
    SessionLog(mock, plan).save()
    assert "kind" not in json.loads(mock.meta_path.read_text())
