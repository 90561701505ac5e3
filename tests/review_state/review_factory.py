"""Sessions to review, made the way the app makes them: a mock interview from the
corpus (tests/data/corpus) spoken by espeak-ng, transcribed by the bundled model,
analysed with its stage marks and a prompt's plan, and saved as a session folder.
Also a synthetic 60-minute session for the benchmark, analysed by the same analyzer."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import numpy as np
import soundfile as sf
from evaluation.corpus import CORPUS_DIR, load_script, script_paths
from evaluation.script_audio import make_script_audio

from app.analysis import analyze
from app.analysis.model import Analysis
from app.fileio.jsonfile import write_json_atomic
from app.marks import load_marks, save_marks
from app.prompts import load_library
from app.sessions.folder import SessionFolder
from app.stages import STAGE_IDS
from app.transcript import Segment, Transcript, Word, load_transcript, save_transcript

PROMPT_ID = "messaging-scheduled-messages"


def mock_audio(script: str, cache: Path) -> tuple[Path, Path, Path]:
    """(wav, truth, marks) of a corpus script, made once per cache dir."""
    wav = cache / f"{Path(script).stem}.wav"
    truth, marks = wav.with_suffix(".truth.json"), wav.with_suffix(".marks.json")
    if not wav.exists():
        make_script_audio(CORPUS_DIR / script, cache)
    return wav, truth, marks


def transcribe(wav: Path, cache: Path) -> Transcript:
    """The bundled model's transcript of `wav` (cached next to it)."""
    out = cache / (wav.stem + ".transcript.json")
    if not out.exists():
        from app.transcription.engine import transcribe_file

        save_transcript(transcribe_file(wav), out)
    return load_transcript(out)


def build_session(root: Path, cache: Path, script: str = "port-in-requests.json") -> Path:
    """A complete session folder for `script`, as the rehearsal would leave it."""
    wav, truth, marks_path = mock_audio(script, cache)
    transcript = transcribe(wav, cache)
    marks = load_marks(marks_path)
    prompt = load_library().get(PROMPT_ID)
    # The plan, shrunk to the mock's three minutes, so budgets and overruns show.
    plan = prompt.scaled(max(1, round(json.loads(truth.read_text())["duration"] / 60)))
    analysis = analyze(transcript, marks=marks, prompt=plan)
    folder = SessionFolder.create("port numbers API", root=root)
    shutil.copyfile(wav, folder.audio_path)
    save_marks(folder.marks_path, marks)
    save_transcript(transcript, folder.transcript_path)
    write_json_atomic(folder.analysis_path, analysis.to_dict())
    solution = dict(marks)["solution"]
    folder.write_meta({
        "title": "Port numbers API", "prompt_id": prompt.id, "minutes": plan.minutes,
        "started_at": "2026-11-24T06:00:00", "state": "finished",
        "duration": analysis.duration,
        "events": [
            *({"type": "stage", "stage": s, "audio_time": t} for s, t in marks),
            {"type": "probe", "stage": "solution", "audio_time": solution + 20.0,
             "text": "How would the developer learn that a port finished?"},
            {"type": "mark", "stage": "solution", "audio_time": solution + 5.0,
             "note": "webhook part felt rushed"},
            {"type": "pause"},  # an event with keys missing must not matter
        ],
    })
    return folder.path


def _sentences() -> list[str]:
    return [s["text"] for path in script_paths() for s in load_script(path)["sentences"]]


def synthetic_session(root: Path, minutes: float = 60.0, segments: int = 600,
                      words_per_segment: int = 15, seed: int = 3) -> Path:
    """A long session with a realistic shape (for the benchmark): `segments` segments
    of `words_per_segment` timed words taken from the corpus sentences, spread
    over `minutes`, six stage marks, silent audio of that length, and the analyzer's
    analysis with a prompt's plan."""
    rng = random.Random(seed)
    pool = " ".join(_sentences()).split()
    duration = minutes * 60
    slot = duration / segments
    cursor = 0
    segs = []
    for i in range(segments):
        start = i * slot + rng.uniform(0.1, 0.5)
        end = (i + 1) * slot - rng.uniform(0.3, 1.2)
        step = (end - start) / words_per_segment
        tokens = [pool[(cursor + k) % len(pool)] for k in range(words_per_segment)]
        cursor += words_per_segment
        words = tuple(Word(start + k * step, start + (k + 0.9) * step, " " + t)
                      for k, t in enumerate(tokens))
        segs.append(Segment(start, end, " ".join(tokens), words))
    transcript = Transcript(segs, model="tiny.en")
    marks = [(s, round(duration * f, 1)) for s, f in
             zip(STAGE_IDS, (0, 0.08, 0.2, 0.55, 0.75, 0.88), strict=True)]
    prompt = load_library().get(PROMPT_ID).scaled(round(minutes))
    analysis: Analysis = analyze(transcript, marks=marks, prompt=prompt)
    folder = SessionFolder.create("synthetic hour", root=root)
    sf.write(folder.audio_path, np.zeros(int(duration * 16000), dtype="int16"), 16000,
             subtype="PCM_16")
    save_marks(folder.marks_path, marks)
    save_transcript(transcript, folder.transcript_path)
    write_json_atomic(folder.analysis_path, analysis.to_dict())
    folder.write_meta({"title": "Synthetic 60-minute rehearsal", "prompt_id": prompt.id,
                       "minutes": minutes,
                       "events": [{"type": "mark", "audio_time": duration * f, "note": n}
                                  for f, n in ((0.3, "good"), (0.6, "ramble"))]})
    return folder.path
