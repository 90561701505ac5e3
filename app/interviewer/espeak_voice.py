"""espeak-ng as a separate program: the fallback voice, and the phonemizer of the neural one.

espeak-ng is GPL-3.0; Debrief only runs it and reads what it prints, which keeps
Debrief's own code MIT. Text goes in on standard input, so a question that starts
with "-" is never read as an option.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import soundfile as sf

from app.errors import DebriefError
from app.interviewer.clip import FALLBACK, Clip

WORDS_PER_MINUTE = 165  # espeak-ng's own default (175) rushes a question
TIMEOUT = 30.0


def installed() -> bool:
    return shutil.which("espeak-ng") is not None


def _run(args: list[str], text: str) -> str:
    try:
        done = subprocess.run(["espeak-ng", *args], input=text, capture_output=True,
                              text=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DebriefError(f"espeak-ng could not run ({exc})") from None
    if done.returncode:
        raise DebriefError(f"espeak-ng failed: {done.stderr.strip()[:200]}")
    return done.stdout


def phonemes(text: str, language: str = "en-us") -> str:
    """The IPA espeak-ng reads `text` as, words separated by single spaces."""
    return " ".join(_run(["-q", "--ipa", "-v", language], text).split())


class EspeakVoice:
    """The robotic but ever-present voice."""

    name = FALLBACK

    def render(self, text: str, rate: float = 1.0) -> Clip:
        speed = max(80, min(450, round(WORDS_PER_MINUTE * rate)))
        with tempfile.TemporaryDirectory(prefix="debrief-voice-") as tmp:
            wav = Path(tmp) / "question.wav"
            _run(["-v", "en-us", "-s", str(speed), "-w", str(wav)], text)
            samples, sample_rate = sf.read(str(wav), dtype="float32", always_2d=True)
        return Clip(text, np.ascontiguousarray(samples[:, 0]), int(sample_rate))
