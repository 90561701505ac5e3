"""A labelled script spoken with known timings: a 16 kHz mono WAV, the truth (each
sentence with its start and end second, stage and label) and the stage marks.

espeak-ng speaks each sentence (flite too, where it is installed), sox converts it,
and the sentences are joined with short random pauses, a longer one where a stage
begins. `timed_text` gives the same truth without audio, for scoring clean text."""

from __future__ import annotations

import json
import random
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import soundfile as sf

RATE = 16000


def _speak(text: str, raw: Path, engine: str, voice: str, speed: int) -> None:
    if engine == "flite":
        subprocess.run(["flite", "-voice", voice, "--setf", f"duration_stretch={165 / speed:.3f}",
                        "-t", text, "-o", str(raw)], check=True, capture_output=True)
    else:
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-w", str(raw), text],
                       check=True, capture_output=True)


def speak_sentence(text: str, engine: str = "espeak", voice: str = "en-us",
                   speed: int = 165) -> np.ndarray:
    """One sentence as float32 samples at 16 kHz."""
    with tempfile.TemporaryDirectory() as tmp:
        raw, wav = Path(tmp) / "raw.wav", Path(tmp) / "out.wav"
        _speak(text, raw, engine, voice, speed)
        subprocess.run(["sox", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(wav)],
                       check=True, capture_output=True)
        audio, _ = sf.read(wav, dtype="float32")
    return np.asarray(audio, dtype="float32")


def _gaps(script: dict[str, Any], seed: int) -> list[float]:
    """The pause before each sentence (longer where a stage begins)."""
    rng = random.Random(seed)
    gaps, seen = [], set()
    for i, s in enumerate(script["sentences"]):
        gap = rng.uniform(0.25, 0.9) if i else 0.5
        if s["stage"] not in seen:
            seen.add(s["stage"])
            gap += rng.uniform(0.5, 1.5)
        gaps.append(gap)
    return gaps


def _truth(script: dict[str, Any], lengths: list[float], seed: int
           ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    t, truth, marks = 0.0, [], {}
    for s, gap, length in zip(script["sentences"], _gaps(script, seed), lengths, strict=True):
        if s["stage"] not in marks:
            marks[s["stage"]] = round(t + 0.25, 3)
        t += gap
        truth.append({**s, "start": round(t, 3), "end": round(t + length, 3)})
        t += length
    meta = {k: v for k, v in script.items() if k != "sentences"}
    stages = [{"stage": k, "start": v} for k, v in marks.items()]
    return {**meta, "duration": round(t + 1.0, 3), "sentences": truth}, stages


def timed_text(script: dict[str, Any], seed: int = 7) -> dict[str, Any]:
    """The script's truth as if spoken at about 2.6 words a second, with no audio."""
    lengths = [max(1.2, len(s["text"].split()) / 2.6) for s in script["sentences"]]
    return _truth(script, lengths, seed)[0]


def make_script_audio(script_path: Path, out_dir: Path, engine: str = "espeak",
                      voice: str = "en-us", speed: int = 165, noise: float = 0.0,
                      seed: int = 7) -> tuple[Path, Path, Path]:
    """Speak `script_path` into out_dir: (<id>.wav, <id>.truth.json, <id>.marks.json)."""
    script = json.loads(script_path.read_text(encoding="utf-8"))
    sid = script["id"]
    out_dir.mkdir(parents=True, exist_ok=True)
    spoken = [speak_sentence(s["text"], engine, voice, speed) for s in script["sentences"]]
    truth, stages = _truth(script, [len(a) / RATE for a in spoken], seed)
    chunks = []
    for gap, audio in zip(_gaps(script, seed), spoken, strict=True):
        chunks += [np.zeros(round(gap * RATE), dtype="float32"), audio]
    chunks.append(np.zeros(RATE, dtype="float32"))
    audio = np.concatenate(chunks)
    if noise:
        audio = audio + np.random.default_rng(seed).normal(0, noise, len(audio)).astype("float32")
    wav = out_dir / f"{sid}.wav"
    sf.write(wav, np.clip(audio, -1, 1), RATE, subtype="PCM_16")
    truth_path, marks_path = out_dir / f"{sid}.truth.json", out_dir / f"{sid}.marks.json"
    truth_path.write_text(json.dumps(truth, indent=1), encoding="utf-8")
    marks_path.write_text(json.dumps({"stages": stages}, indent=1), encoding="utf-8")
    return wav, truth_path, marks_path
